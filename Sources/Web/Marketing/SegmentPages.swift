import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 客户分群 as pages: the list, and a segment's rule with how many it finds now and the first of them.
enum SegmentPages {
    struct Form: Content {
        var name: String?; var description: String?; var levels: String?; var provinces: String?; var cities: String?
        var industries: String?; var tags: String?; var productIds: [String]?; var categoryIds: [String]?; var periodDays: String?
        var minAmount: String?; var minDeliveries: String?; var inactiveDays: String?; var minOwed: String?; var birthdayThisMonth: String?
        var version: String?; var preview: String?; var custom: [String: String]?

        static func words(_ s: String?) -> [String]? {
            let w = (s ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " }).map(String.init)
            return w.isEmpty ? nil : w
        }

        var input: SegmentService.Input {
            .init(
                name: name, description: description, levels: Self.words(levels), provinces: Self.words(provinces),
                cities: Self.words(cities),
                industries: Self.words(industries), tags: Self.words(tags), productIds: PageShell.ids(productIds),
                categoryIds: PageShell.ids(categoryIds), periodDays: periodDays, minAmount: minAmount, minDeliveries: minDeliveries,
                inactiveDays: inactiveDays, minOwed: minOwed, birthdayThisMonth: birthdayThisMonth == "true",
                customFields: custom?.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty })
        }

        init(_ i: SegmentService.Input, version: Int64?) {
            name = i.name; description = i.description; levels = i.levels?.joined(separator: "，")
            provinces = i.provinces?.joined(separator: "，"); cities = i.cities?.joined(separator: "，")
            industries = i.industries?.joined(separator: "，"); tags = i.tags?.joined(separator: "，")
            productIds = i.productIds?.map(String.init); categoryIds = i.categoryIds?.map(String.init); periodDays = i.periodDays
            minAmount = i.minAmount; minDeliveries = i.minDeliveries; inactiveDays = i.inactiveDays; minOwed = i.minOwed
            birthdayThisMonth = String(i.birthdayThisMonth == true); self.version = version.map(String.init); custom = i.customFields
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await SegmentService.list(limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Marketing.segments(), query: nil,
            columns: [.init(t("segment.name")), .init(t("segment.description")), .init(t("common.updated_at"))],
            rows: page.items.map { s in
                [
                    CommonPages.link(s.name, Paths.Marketing.segment(s.id)), .text(s.description ?? ""),
                    .text(PageShell.date(s.updatedAt, req.state.lang)),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        model.emptyHelp = t("segment.empty")
        var actions: [PageAction] = []
        if req.state.principal?.can(.marketing, .edit) ?? true {
            actions.append(PageAction(label: t("segment.new"), href: Paths.Marketing.newSegment(), primary: true))
            if page.items.isEmpty, cursor == nil { model.emptyAction = actions.first }
        }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("segment.title"), actions: actions, intro: CommonPages.hint(t("segment.intro")), model))
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let seesProducts = req.state.principal?.can(.products, .view) ?? true
        let products =
            seesProducts ? try await ProductService.list(filter: .init(active: true), limit: 200, cursor: nil, req.services).items : []
        let categories = seesProducts ? try await CategoryService.all(req.services) : []
        let customFields =
            req.state.principal?.can(.customers, .view) ?? true
            ? try await CustomFieldService.list(entity: CustomFieldService.Entity.customer.rawValue, req.services).filter(\.active) : []
        // Each of the customers' own fields, none required here: an empty one narrows nothing.
        let custom: [FormModel.Field] = customFields.map { cf in
            var field = CustomerWebPages.customField(cf, value: f.custom?[cf.fieldKey], t)
            field.required = false
            return field
        }
        var m = FormModel(
            action: id.map { Paths.Marketing.segment($0) } ?? Paths.Marketing.segments(), csrf: req.state.csrf,
            fields: [
                .init("name", label: t("segment.name"), value: f.name, required: true),
                .init("description", label: t("segment.description"), value: f.description),
                .init("levels", label: t("segment.levels"), value: f.levels, hint: t("segment.list_hint")),
                .init("provinces", label: t("segment.provinces"), value: f.provinces, hint: t("segment.list_hint")),
                .init("cities", label: t("segment.cities"), value: f.cities),
                .init("industries", label: t("segment.industries"), value: f.industries),
                .init("tags", label: t("segment.tags"), value: f.tags, hint: t("segment.tags_hint")),
                .init(
                    "productIds", label: t("segment.products"),
                    kind: .multiSelect(products.map { (String($0.id), $0.code + " " + $0.name) }),
                    values: Set(f.productIds ?? [])),
                .init(
                    "categoryIds", label: t("segment.categories"), kind: .multiSelect(categories.map { (String($0.id), $0.name) }),
                    values: Set(f.categoryIds ?? [])),
                .init("periodDays", label: t("segment.period_days"), kind: .number, value: f.periodDays, hint: t("segment.period_hint")),
                .init("minAmount", label: t("segment.min_amount"), kind: .number, value: f.minAmount),
                .init("minDeliveries", label: t("segment.min_deliveries"), kind: .number, value: f.minDeliveries),
                .init(
                    "inactiveDays", label: t("segment.inactive_days"), kind: .number, value: f.inactiveDays,
                    hint: t("segment.inactive_hint")),
                .init("minOwed", label: t("segment.min_owed"), kind: .number, value: f.minOwed),
                .init("birthdayThisMonth", label: t("segment.birthday"), kind: .checkbox, value: f.birthdayThisMonth),
            ] + custom, hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: Paths.Marketing.segments())
        m.secondarySubmit = ("preview", t("segment.preview"))
        return m
    }

    static func page(
        _ req: Request, _ f: Form, id: Int64?, preview: SegmentService.Preview?, status: HTTPResponseStatus = .ok
    ) async throws
        -> Response
    {
        let t = req.t
        let form = try await formModel(req, f, id: id)
        var m = SegmentModel(title: id == nil ? t("segment.new") : (f.name ?? t("segment.one")), form: form)
        if let p = preview {
            m.count = t("segment.count", String(p.count))
            m.first = p.first.map {
                ($0.name, Paths.CRM.customer($0.id), $0.level ?? "", [$0.province, $0.city].compactMap { $0 }.joined())
            }
        }
        return PageShell.page(req, SegmentViews.page(PageShell.context(req), m), status: status)
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        return try await page(req, Form(SegmentService.Input(), version: nil), id: nil, preview: nil)
    }

    static func show(_ req: Request) async throws -> Response {
        let s = try await SegmentService.find(try req.id(), req.services)
        let rule = SegmentService.decode(s)
        let preview = try await SegmentService.preview(rule, req.services)
        return try await page(
            req, Form(SegmentService.Input(name: s.name, description: s.description, rule: rule), version: s.version), id: s.id,
            preview: preview)
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    /// Saves, or (the 预览人数 button) shows what the rule as typed finds, without saving.
    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            if f.preview != nil {
                let rule = try await SegmentService.rule(f.input, req.services)
                return try await page(req, f, id: id, preview: try await SegmentService.preview(rule, req.services))
            }
            let s =
                if let id { try await SegmentService.update(id, f.input, version: PageShell.id(f.version), req.services) } else {
                    try await SegmentService.create(f.input, req.services)
                }
            return PageShell.redirect(req, to: Paths.Marketing.segment(s.id), flash: "segment.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let t = req.t
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(e, to: &form, req)
            let m = SegmentModel(title: id == nil ? t("segment.new") : (f.name ?? t("segment.one")), form: form)
            return PageShell.page(req, SegmentViews.page(PageShell.context(req), m), status: .unprocessableEntity)
        }
    }
}
