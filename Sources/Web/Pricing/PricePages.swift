import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 价格体系 as pages: sales regions, price lists with their items, the price-deviation report.
enum PricePages {
    // MARK: regions

    struct RegionForm: Content { var code: String?; var name: String?; var provinces: String?; var active: String?; var version: String? }

    static func regions(_ req: Request) async throws -> Response { try await regionsPage(req, RegionForm(), error: nil) }

    static func regionsPage(_ req: Request, _ f: RegionForm, error: (any Error)?, editing: Int64? = nil) async throws -> Response {
        let t = req.t
        let rows = try await PriceService.regions(req.services)
        let canEdit = req.state.principal?.can(.prices, .edit) == true
        let model = ListModel(
            basePath: Paths.Pricing.regions(), query: nil, filters: [],
            columns: [
                .init(t("common.code")), .init(t("common.name")),
                .init(t("region.provinces")), .init(t("common.active")),
            ],
            rows: rows.map { r in
                [
                    canEdit ? CommonPages.link(r.code, Paths.Pricing.editRegion(r.id)) : .text(r.code), .text(r.name),
                    .text(r.provinceList.joined(separator: "、")), .text(r.active ? t("common.yes") : t("common.no")),
                ]
            },
            nextCursor: nil, emptyText: t("region.empty"), searchable: false)
        var m = RegionsModel()
        m.editing = editing != nil
        m.list = editing == nil ? model : nil
        if req.state.principal?.can(.prices, editing == nil ? .create : .edit) == true {
            var form = RegionsModel.Form()
            form.action = editing.map { Paths.Pricing.region($0) } ?? Paths.Pricing.regions()
            form.csrf = req.state.csrf
            form.version = f.version
            form.code = f.code
            form.name = f.name
            form.provinces = f.provinces
            form.active = f.active != "false"
            form.error = DealForms.errorOf(error, req)
            m.form = form
        }
        return PageShell.page(req, PricingViews.regions(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func editRegion(_ req: Request) async throws -> Response {
        let r = try await PriceService.region(try req.id(), req.services)
        return try await regionsPage(
            req,
            RegionForm(
                code: r.code, name: r.name, provinces: r.provinceList.joined(separator: "、"), active: String(r.active),
                version: String(r.version)), error: nil, editing: r.id)
    }

    static func saveRegion(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id").flatMap(Int64.init)
        let f = try req.content.decode(RegionForm.self)
        let provinces = (f.provinces ?? "").split(whereSeparator: { ",，、 ".contains($0) }).map(String.init)
        do {
            _ = try await PriceService.saveRegion(
                id, .init(code: f.code, name: f.name, provinces: provinces, active: f.active == "true"),
                version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: Paths.Pricing.regions(), flash: "region.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await regionsPage(req, f, error: e, editing: id)
        }
    }

    // MARK: price lists

    static func lists(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PriceService.lists(req.services)
        let regions = Dictionary(uniqueKeysWithValues: try await PriceService.regions(req.store).map { ($0.id, $0.name) })
        let model = ListModel(
            basePath: Paths.Pricing.priceLists(), query: nil, filters: [],
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("customer.region")), .init(t("customer.level")),
                .init(t("price.valid")), .init(t("common.active")),
            ],
            rows: rows.map { l in
                [
                    CommonPages.link(l.code, Paths.Pricing.priceList(l.id)), .text(l.name),
                    .text(l.regionId.flatMap { regions[$0] } ?? t("price.any_region")),
                    .text(l.customerLevel ?? t("price.any_level")), .text(l.validFrom + " ~ " + (l.validTo ?? "")),
                    .text(l.active ? t("common.yes") : t("common.no")),
                ]
            }, nextCursor: nil, emptyText: t("price.empty"), searchable: false)
        var actions = [
            PageAction(label: t("nav.regions"), href: Paths.Pricing.regions()),
            PageAction(label: t("nav.price_deviation"), href: Paths.Pricing.deviation()),
        ]
        if req.state.principal?.can(.prices, .create) == true {
            actions.insert(PageAction(label: t("price.new"), href: Paths.Pricing.newPriceList(), primary: true), at: 0)
        }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("nav.price_lists"), actions: actions,
                intro: CommonPages.hint(t("price.intro")), model))
    }

    struct ItemForm: Content { var product: String?; var unit: String?; var price: String?; var floorPrice: String? }
    struct ListForm: Content {
        var code: String?; var name: String?; var regionId: String?; var customerLevel: String?; var validFrom: String?;
        var validTo: String?
        var active: String?; var note: String?; var version: String?; var items: [ItemForm]?
    }

    static func listForm(_ req: Request, _ f: ListForm, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        try req.services.require(.prices, id == nil ? .create : .edit)
        var m = PriceListFormModel()
        m.title = t(id == nil ? "price.new" : "price.edit")
        m.action = id.map { Paths.Pricing.priceList($0) } ?? Paths.Pricing.priceLists()
        m.cancel = m.action
        m.csrf = req.state.csrf
        m.version = f.version
        m.error = DealForms.errorOf(error, req)
        m.code = f.code
        m.name = f.name
        m.regionId = f.regionId
        m.customerLevel = f.customerLevel
        m.validFrom = f.validFrom
        m.validTo = f.validTo
        m.note = f.note
        m.active = f.active != "false"
        m.regions = try await PriceService.regions(req.store).map { (String($0.id), $0.name) }
        m.levels = (try await CRMSettings.all(req.store)[.levels] ?? []).map { ($0, $0) }
        m.items = (f.items ?? []).map {
            ["product": $0.product ?? "", "unit": $0.unit ?? "", "price": $0.price ?? "", "floorPrice": $0.floorPrice ?? ""]
        }
        while m.items.count < max(8, (f.items ?? []).count + 4) { m.items.append([:]) }
        return PageShell.page(
            req, PricingViews.listForm(try await ProductPicker.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func newList(_ req: Request) async throws -> Response {
        try await listForm(req, ListForm(validFrom: StockPages.today(req)), id: nil)
    }

    static func editList(_ req: Request) async throws -> Response {
        let d = try await PriceService.list(try req.id(), req.services)
        let products = try await InventoryQueries.products(ids: d.items.map(\.productId), on: req.store)
        let l = d.list
        return try await listForm(
            req,
            ListForm(
                code: l.code, name: l.name, regionId: l.regionId.map(String.init), customerLevel: l.customerLevel, validFrom: l.validFrom,
                validTo: l.validTo, active: String(l.active), note: l.note, version: String(l.version),
                items: d.items.map {
                    .init(
                        product: products[$0.productId]?.code, unit: $0.unit, price: UnitPrice(units: $0.price).description,
                        floorPrice: $0.floorPrice.map { UnitPrice(units: $0).description })
                }), id: l.id)
    }

    static func saveList(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id").flatMap(Int64.init)
        let f = try req.content.decode(ListForm.self)
        do {
            var items: [PriceService.ItemInput] = []
            for it in f.items ?? [] where !(it.product ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                let found = try await ProductLookup.line(it.product, unit: it.unit, index: items.count, field: "items", req.store)
                items.append(.init(productId: found.productId, unit: found.unit, price: it.price, floorPrice: it.floorPrice))
            }
            let d = try await PriceService.saveList(
                id,
                .init(
                    code: f.code, name: f.name, regionId: PageShell.id(f.regionId),
                    customerLevel: (f.customerLevel ?? "").isEmpty ? nil : f.customerLevel, validFrom: f.validFrom,
                    validTo: f.validTo, active: f.active == "true", note: f.note, items: items),
                version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: Paths.Pricing.priceList(d.list.id), flash: "price.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await listForm(req, f, id: id, error: e)
        }
    }

    static func showList(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await PriceService.list(try req.id(), req.services)
        let products = try await InventoryQueries.products(ids: d.items.map(\.productId), on: req.store)
        let region = try await d.list.regionId.asyncMap { try await PriceService.region($0, req.services).name }
        let actions =
            req.state.principal?.can(.prices, .edit) == true
            ? [PageAction(label: t("action.edit"), href: Paths.Pricing.editPriceList(d.list.id))] : []
        var m = PriceListModel()
        m.name = d.list.name
        m.actions = actions
        m.facts = [
            (t("common.code"), .text(d.list.code)), (t("customer.region"), .text(region ?? t("price.any_region"))),
            (t("customer.level"), .text(d.list.customerLevel ?? t("price.any_level"))),
            (t("price.valid"), .text(d.list.validFrom + " ~ " + (d.list.validTo ?? ""))),
            (t("common.active"), .text(d.list.active ? t("common.yes") : t("common.no"))),
        ]
        m.items = d.items.map { it in
            [
                products.label(it.productId), it.unit,
                UnitPrice(units: it.price).description, it.floorPrice.map { UnitPrice(units: $0).description } ?? t("price.product_floor"),
            ]
        }
        m.note = d.list.note
        return PageShell.page(req, PricingViews.list(PageShell.context(req), m))
    }

    // MARK: deviation

    static func deviation(_ req: Request) async throws -> Response {
        let t = req.t
        let group = PriceService.DeviationGroup(rawValue: req.query[String.self, at: "groupBy"] ?? "region") ?? .region
        let today = StockPages.today(req)
        let fromText = req.query[String.self, at: "from"] ?? "", toText = req.query[String.self, at: "to"] ?? ""
        let from = Validate.isDate(fromText) ? fromText : String(today.prefix(8)) + "01", to = Validate.isDate(toText) ? toText : today
        let rows = try await PriceService.deviation(from: from, to: to, by: group, req.services)
        let keys = rows.compactMap(\.key)
        let names: [Int64: String] =
            switch group {
            case .region: Dictionary(uniqueKeysWithValues: try await PriceService.regions(req.store).map { ($0.id, $0.name) })
            case .product: try await InventoryQueries.products(ids: keys, on: req.store).mapValues { $0.code + " " + $0.name }
            case .salesperson: try await PageShell.names(.users, keys, req)
            }
        var m = DeviationModel()
        m.groups = PriceService.DeviationGroup.allCases.map(\.rawValue)
        m.groupBy = group.rawValue
        m.from = from
        m.to = to
        m.rows = rows.map { r in
            .init(
                key: r.key.flatMap { names[$0] } ?? t("price.none"), lines: String(r.lines), listAmount: FormKit.money(r.listAmount),
                actualAmount: FormKit.money(r.actualAmount), deviation: FormKit.money(r.deviation), belowFloor: String(r.belowFloor),
                warn: r.belowFloor > 0)
        }
        return PageShell.page(req, PricingViews.deviation(PageShell.context(req), m))
    }
}
