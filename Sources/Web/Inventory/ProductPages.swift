import InventoryCore
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Products, warehouses and partners: lists, forms, detail.
enum ProductPages {
    struct Form: Content {
        var code: String?; var name: String?; var spec: String?; var categoryId: String?; var baseUnit: String?; var baseBarcode: String?
        var unit1Name: String?; var unit1Factor: String?; var unit1Barcode: String?
        var unit2Name: String?; var unit2Factor: String?; var unit2Barcode: String?
        var costingMethod: String?; var tracking: String?; var taxRate: String?
        var purchasePrice: String?; var salePrice: String?; var floorPrice: String?; var standardCost: String?
        var shelfLifeDays: String?; var active: String?; var version: String?; var custom: [String: String]?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"]
        let page = try await ProductService.list(filter: try InventoryFilters.products(req), limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Inventory.products(), query: q,
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("product.base_unit")), .init(t("product.costing_method")),
                .init(t("product.sale_price"), numeric: true), .init(t("common.status")),
            ],
            rows: page.items.map { p in
                [
                    CommonPages.link(p.code, Paths.Inventory.product(p.id)), .text(p.name + (p.spec.map { " " + $0 } ?? "")),
                    .text(p.baseUnit),
                    .text(t("product.method." + p.costingMethod)), .text(UnitPrice(units: p.salePrice).description),
                    .text(p.active ? t("common.active") : t("common.inactive")),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.products, .create) == true {
            actions.append(PageAction(label: t("product.new"), href: Paths.Inventory.newProduct(), primary: true))
        }
        actions.append(PageAction(label: t("duplicates.product.title"), href: Paths.Duplicates.products()))
        actions += Exports.actions(req, .products, Paths.Inventory.exportProducts)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("product.title"), actions: actions,
                intro: CommonPages.hint(t("product.search_hint")), model))
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await ProductService.find(try req.id(), req.services)
        let p = d.product
        let warehouses = Dictionary(uniqueKeysWithValues: try await InventoryQueries.warehouses(on: req.store).map { ($0.id, $0.name) })
        let canSeeStock = req.state.principal?.can(.stock, .view) == true
        let atp = canSeeStock ? try await OrderService.availableToPromise(productId: p.id, req.services) : []
        var actions: [PageAction] = []
        if req.state.principal?.can(.products, .edit) == true {
            actions.append(PageAction(label: t("action.edit"), href: Paths.Inventory.editProduct(p.id), primary: true))
        }
        if canSeeStock { actions.append(PageAction(label: t("stock.ledger"), href: Paths.Inventory.ledger() + "?productId=\(p.id)")) }
        let html = CommonPages.detail(
            PageShell.context(req), title: p.name, actions: actions,
            facts: [
                (t("common.code"), .text(p.code)), (t("product.spec"), .text(p.spec ?? "—")), (t("product.base_unit"), .text(p.baseUnit)),
                (
                    t("product.units"),
                    .text(
                        d.units.filter { $0.factor != Quantity.one }.map { "1 \($0.name) = \(Quantity(units: $0.factor)) \(p.baseUnit)" }
                            .joined(separator: "；"))
                ),
                (t("product.barcodes"), .text(d.units.compactMap { u in u.barcode.map { "\($0) (\(u.name))" } }.joined(separator: "；"))),
                (t("product.costing_method"), .text(t("product.method." + p.costingMethod))),
                (
                    t("product.tracking"),
                    .text(
                        t("product.tracking." + p.tracking)
                            + (p.shelfLifeDays.map { "，" + t("product.shelf_life") + " " + t("product.shelf_life_value", String($0)) } ?? "")
                    )
                ),
                (t("product.tax_rate"), .text(Fmt.percent(p.taxRate) + "%")),
                (t("product.purchase_price"), .text(UnitPrice(units: p.purchasePrice).description)),
                (t("product.sale_price"), .text(UnitPrice(units: p.salePrice).description)),
                (t("product.floor_price"), .text(UnitPrice(units: p.floorPrice).description)),
            ] + (try await CustomFieldForms.facts(.product, json: p.customValues ?? "{}", req))
        ) {
            if canSeeStock {
                InventoryViews.availability(
                    // Every figure in the same words: packs and loose units, each with its unit.
                    atp.map { a in
                        [warehouses[a.warehouseId] ?? ""]
                            + [a.onHand, a.reserved, a.incoming, a.available].map {
                                UnitConversion.packsAndLoose(Quantity(units: $0), pack: d.pack, baseName: p.baseUnit)
                            }
                    }, t)
            }
        }
        return PageShell.page(req, html)
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.products, .create)
        return PageShell.page(
            req,
            CommonPages.form(
                PageShell.context(req), title: req.t("product.new"),
                formModel(
                    req, Form(baseUnit: "个", costingMethod: "moving_average", tracking: "none", taxRate: "13", active: "true"), id: nil,
                    categories: try await categoryOptions(req), custom: try await CustomFieldForms.fields(.product, values: nil, req))))
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await ProductService.find(try req.id(), req.services)
        try req.services.require(.products, .edit)
        let p = d.product
        let others = d.units.filter { $0.name != p.baseUnit }
        let base = d.units.first { $0.name == p.baseUnit }
        let f = Form(
            code: p.code, name: p.name, spec: p.spec, categoryId: p.categoryId.map(String.init), baseUnit: p.baseUnit,
            baseBarcode: base?.barcode,
            unit1Name: others.first?.name, unit1Factor: others.first.map { Quantity(units: $0.factor).description },
            unit1Barcode: others.first?.barcode,
            unit2Name: others.dropFirst().first?.name, unit2Factor: others.dropFirst().first.map { Quantity(units: $0.factor).description },
            unit2Barcode: others.dropFirst().first?.barcode, costingMethod: p.costingMethod, tracking: p.tracking,
            taxRate: Fmt.percent(p.taxRate),
            purchasePrice: UnitPrice(units: p.purchasePrice).description, salePrice: UnitPrice(units: p.salePrice).description,
            floorPrice: UnitPrice(units: p.floorPrice).description, standardCost: UnitPrice(units: p.standardCost).description,
            shelfLifeDays: p.shelfLifeDays.map(String.init), active: String(p.active), version: String(p.version),
            custom: CustomFieldService.decode(p.customValues))
        return PageShell.page(
            req,
            CommonPages.form(
                PageShell.context(req), title: req.t("product.edit"),
                formModel(
                    req, f, id: p.id, categories: try await categoryOptions(req),
                    custom: try await CustomFieldForms.fields(.product, values: f.custom, req))))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        var units: [ProductService.UnitInput] = []
        if let n = f.unit1Name, !n.isEmpty { units.append(.init(name: n, factor: f.unit1Factor, barcode: f.unit1Barcode)) }
        if let n = f.unit2Name, !n.isEmpty { units.append(.init(name: n, factor: f.unit2Factor, barcode: f.unit2Barcode)) }
        let input = ProductService.Input(
            code: f.code, name: f.name, spec: f.spec, categoryId: PageShell.id(f.categoryId), baseUnit: f.baseUnit,
            baseBarcode: f.baseBarcode, units: units,
            costingMethod: f.costingMethod, tracking: f.tracking, taxRate: f.taxRate, purchasePrice: f.purchasePrice,
            salePrice: f.salePrice, floorPrice: f.floorPrice, standardCost: f.standardCost, active: f.active == "true",
            // Typed but not a whole number of days: out of range, named, rather than dropped.
            shelfLifeDays: f.shelfLifeDays.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : Int64($0) ?? -1 },
            customFields: f.custom)
        do {
            let d =
                if let id { try await ProductService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await ProductService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.Inventory.product(d.product.id), flash: "product.saved")
        } catch {
            var form = formModel(
                req, f, id: id, categories: try await categoryOptions(req),
                custom: try await CustomFieldForms.fields(.product, values: f.custom, req))
            if let e = error as? DomainError, let field = e.field, field.hasPrefix("units[") {
                let index = field.dropFirst(6).prefix { $0.isNumber }
                let mapped =
                    "unit\((Int(index) ?? 0) + 1)"
                    + (field.hasSuffix("factor") ? "Factor" : field.hasSuffix("barcode") ? "Barcode" : "Name")
                form.attach(error: ConcordErrorMiddleware.message(e, req.t), field: mapped)
            } else {
                try PageShell.attach(error, to: &form, req)
            }
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "product.new" : "product.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func categoryOptions(_ req: Request) async throws -> [(key: String, value: String)] {
        let all = try await InventoryQueries.categories(on: req.store)
        let paths = CategoryService.paths(all)
        return all.map { (String($0.id), paths[$0.id] ?? $0.name) }.sorted { $0.1 < $1.1 }
    }

    static func formModel(
        _ req: Request, _ f: Form, id: Int64?, categories: [(key: String, value: String)] = [], custom: [FormModel.Field] = []
    ) -> FormModel {
        let t = req.t
        return FormModel(
            action: id.map { Paths.Inventory.product($0) } ?? Paths.Inventory.products(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: f.code, required: true),
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init("spec", label: t("product.spec"), value: f.spec),
                .init(
                    "categoryId", label: t("product.category"), kind: .select(categories.map { ($0.key, $0.value) }), value: f.categoryId),
                .init("baseUnit", label: t("product.base_unit"), value: f.baseUnit, required: true, hint: t("product.base_unit_hint")),
                .init("baseBarcode", label: t("product.base_barcode"), value: f.baseBarcode),
                .init("unit1Name", label: t("product.unit_name") + " 1", value: f.unit1Name),
                .init(
                    "unit1Factor", label: t("product.unit_factor") + " 1", kind: .number, value: f.unit1Factor,
                    hint: t("product.unit_factor_hint")),
                .init("unit1Barcode", label: t("product.unit_barcode") + " 1", value: f.unit1Barcode),
                .init("unit2Name", label: t("product.unit_name") + " 2", value: f.unit2Name),
                .init("unit2Factor", label: t("product.unit_factor") + " 2", kind: .number, value: f.unit2Factor),
                .init("unit2Barcode", label: t("product.unit_barcode") + " 2", value: f.unit2Barcode),
                .init(
                    "costingMethod", label: t("product.costing_method"),
                    kind: .select(CostingMethod.allCases.map { ($0.rawValue, t("product.method." + $0.rawValue)) }),
                    value: f.costingMethod, required: true),
                .init(
                    "tracking", label: t("product.tracking"),
                    kind: .select(ProductService.Tracking.allCases.map { ($0.rawValue, t("product.tracking." + $0.rawValue)) }),
                    value: f.tracking, required: true),
                .init(
                    "shelfLifeDays", label: t("product.shelf_life_days"), kind: .number, value: f.shelfLifeDays,
                    hint: t("product.shelf_life_hint")),
                .init("taxRate", label: t("product.tax_rate") + " (%)", kind: .number, value: f.taxRate),
                .init("purchasePrice", label: t("product.purchase_price"), kind: .number, value: f.purchasePrice),
                .init("salePrice", label: t("product.sale_price"), kind: .number, value: f.salePrice),
                .init("floorPrice", label: t("product.floor_price"), kind: .number, value: f.floorPrice),
                .init(
                    "standardCost", label: t("product.standard_cost"), kind: .number, value: f.standardCost,
                    hint: t("product.standard_cost_hint")),
                .init("active", label: t("common.active"), kind: .checkbox, value: f.active),
            ] + custom, hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: Paths.Inventory.products())
    }
}
