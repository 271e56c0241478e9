import Foundation
import Kernel
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
        let err = DealForms.errorOf(error, req)
        let model = ListModel(
            basePath: "/channel/regions", query: nil, filters: [],
            columns: [
                .init(t("common.code")), .init(t("common.name")),
                .init(t("region.provinces")), .init(t("common.active")),
            ],
            rows: rows.map { r in
                [
                    canEdit ? CommonPages.link(r.code, "/channel/regions/\(r.id)/edit") : .text(r.code), .text(r.name),
                    .text(r.provinceList.joined(separator: "、")), .text(r.active ? t("common.yes") : t("common.no")),
                ]
            },
            nextCursor: nil, emptyText: t("region.empty"), searchable: false)
        let html = Layout.page(PageShell.context(req), title: t(editing == nil ? "nav.regions" : "region.edit")) {
            if editing == nil { ListView.render(model, t) }
            if req.state.principal?.can(.prices, editing == nil ? .create : .edit) == true {
                h("section", ["class": "card"]) {
                    h("h2") { t(editing == nil ? "region.new" : "region.edit") }
                    h(
                        "form",
                        ["method": "post", "action": editing.map { "/channel/regions/\($0)" } ?? "/channel/regions", "class": "form"]
                    ) {
                        Layout.csrfField(req.state.csrf)
                        if let v = f.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                        if let err, !["code", "name", "provinces"].contains(where: { err.field?.hasPrefix($0) == true }) {
                            h("p", ["class": "form-error", "role": "alert"]) { err.message }
                        }
                        FormKit.field("code", t("common.code"), f.code, required: true, error: err?.field == "code" ? err?.message : nil)
                        FormKit.field("name", t("common.name"), f.name, required: true, error: err?.field == "name" ? err?.message : nil)
                        FormKit.field(
                            "provinces", t("region.provinces"), f.provinces, required: true,
                            error: err?.field?.hasPrefix("provinces") == true ? err?.message : nil)
                        h("p", ["class": "muted"]) { t("region.provinces_hint") }
                        h("label", ["class": "check"]) {
                            h("input", ["type": "checkbox", "name": "active", "value": "true", "checked": flag(f.active != "false")]);
                            t("common.active")
                        }
                        h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("action.save") } }
                    }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
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
            return PageShell.redirect(req, to: "/channel/regions", flash: "region.saved")
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
            basePath: "/channel/price-lists", query: nil, filters: [],
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("customer.region")), .init(t("customer.level")),
                .init(t("price.valid")), .init(t("common.active")),
            ],
            rows: rows.map { l in
                [
                    CommonPages.link(l.code, "/channel/price-lists/\(l.id)"), .text(l.name),
                    .text(l.regionId.flatMap { regions[$0] } ?? t("price.any_region")),
                    .text(l.customerLevel ?? t("price.any_level")), .text(l.validFrom + " ~ " + (l.validTo ?? "")),
                    .text(l.active ? t("common.yes") : t("common.no")),
                ]
            }, nextCursor: nil, emptyText: t("price.empty"), searchable: false)
        var actions = [
            PageAction(label: t("nav.regions"), href: "/channel/regions"),
            PageAction(label: t("nav.price_deviation"), href: "/channel/price-deviation"),
        ]
        if req.state.principal?.can(.prices, .create) == true {
            actions.insert(PageAction(label: t("price.new"), href: "/channel/price-lists/new", primary: true), at: 0)
        }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("nav.price_lists"), actions: actions,
                intro: h("p", ["class": "muted"]) { t("price.intro") }, model))
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
        let err = DealForms.errorOf(error, req)
        func e(_ n: String) -> String? { err?.field == n ? err?.message : nil }
        let regions = try await PriceService.regions(req.store).map { (String($0.id), $0.name) }
        let levels = (try await CRMSettings.all(req.store)[.levels] ?? []).map { ($0, $0) }
        var items = f.items ?? []
        let target = max(8, items.count + 4)
        while items.count < target { items.append(ItemForm()) }
        let html = Layout.page(PageShell.context(req), title: t(id == nil ? "price.new" : "price.edit")) {
            h("form", ["method": "post", "action": id.map { "/channel/price-lists/\($0)" } ?? "/channel/price-lists", "class": "form"]) {
                Layout.csrfField(req.state.csrf)
                if let v = f.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                if let err, !["code", "name", "regionId", "customerLevel", "validFrom", "validTo"].contains(err.field ?? "") {
                    h("p", ["class": "form-error", "role": "alert"]) { err.message }
                }
                FormKit.field("code", t("common.code"), f.code, required: true, error: e("code"))
                FormKit.field("name", t("common.name"), f.name, required: true, error: e("name"))
                FormKit.select(
                    "regionId", t("customer.region"), regions, selected: f.regionId, blank: t("price.any_region"), error: e("regionId"))
                FormKit.select(
                    "customerLevel", t("customer.level"), levels, selected: f.customerLevel, blank: t("price.any_level"),
                    error: e("customerLevel"))
                FormKit.field("validFrom", t("price.valid_from"), f.validFrom, type: "date", required: true, error: e("validFrom"))
                FormKit.field("validTo", t("price.valid_to"), f.validTo, type: "date", error: e("validTo"))
                h("label", ["class": "check"]) {
                    h("input", ["type": "checkbox", "name": "active", "value": "true", "checked": flag(f.active != "false")]);
                    t("common.active")
                }
                h("p", ["class": "muted"]) { t("price.items_hint") }
                h("table", ["class": "data lines"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("deal.product_code") }; h("th") { t("stock.unit") }; h("th") { t("price.price") };
                            h("th") { t("deal.floor_price") }
                        }
                    }
                    h("tbody") {
                        for (i, it) in items.enumerated() {
                            h("tr") {
                                h("td") {
                                    h(
                                        "input",
                                        [
                                            "name": "items[\(i)][product]", "value": it.product ?? "", "size": "12",
                                            "aria-label": t("deal.product_code"),
                                        ])
                                }
                                h("td") {
                                    h(
                                        "input",
                                        ["name": "items[\(i)][unit]", "value": it.unit ?? "", "size": "4", "aria-label": t("stock.unit")])
                                }
                                h("td") {
                                    h(
                                        "input",
                                        [
                                            "name": "items[\(i)][price]", "value": it.price ?? "", "size": "8", "inputmode": "decimal",
                                            "aria-label": t("price.price"),
                                        ])
                                }
                                h("td") {
                                    h(
                                        "input",
                                        [
                                            "name": "items[\(i)][floorPrice]", "value": it.floorPrice ?? "", "size": "8",
                                            "inputmode": "decimal",
                                            "aria-label": t("deal.floor_price"),
                                        ])
                                }
                            }
                        }
                    }
                }
                FormKit.footer(note: f.note, cancel: id.map { "/channel/price-lists/\($0)" } ?? "/channel/price-lists", t)
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
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
            return PageShell.redirect(req, to: "/channel/price-lists/\(d.list.id)", flash: "price.saved")
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
            ? [PageAction(label: t("action.edit"), href: "/channel/price-lists/\(d.list.id)/edit")] : []
        let html = CommonPages.detail(
            PageShell.context(req), title: d.list.name, actions: actions,
            facts: [
                (t("common.code"), .text(d.list.code)), (t("customer.region"), .text(region ?? t("price.any_region"))),
                (t("customer.level"), .text(d.list.customerLevel ?? t("price.any_level"))),
                (t("price.valid"), .text(d.list.validFrom + " ~ " + (d.list.validTo ?? ""))),
                (t("common.active"), .text(d.list.active ? t("common.yes") : t("common.no"))),
            ]
        ) {
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("deal.product") }; h("th") { t("stock.unit") }; h("th") { t("price.price") };
                        h("th") { t("deal.floor_price") }
                    }
                }
                h("tbody") {
                    for it in d.items {
                        h("tr") {
                            h("td") { (products[it.productId]?.code ?? "") + " " + (products[it.productId]?.name ?? "") }
                            h("td") { it.unit }; h("td", ["class": "num"]) { UnitPrice(units: it.price).description }
                            h("td", ["class": "num"]) { it.floorPrice.map { UnitPrice(units: $0).description } ?? t("price.product_floor") }
                        }
                    }
                }
            }
            if let n = d.list.note { h("p") { n } }
        }
        return PageShell.page(req, html)
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
        let html = Layout.page(PageShell.context(req), title: t("nav.price_deviation")) {
            h("form", ["method": "get", "action": "/channel/price-deviation", "class": "filters"]) {
                FormKit.select(
                    "groupBy", t("ageing.group"),
                    PriceService.DeviationGroup.allCases.map { ($0.rawValue, t("price.group." + $0.rawValue)) },
                    selected: group.rawValue)
                FormKit.field("from", t("report.from"), from, type: "date")
                FormKit.field("to", t("report.to"), to, type: "date")
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("price.group." + group.rawValue) }; h("th") { t("price.lines") }; h("th") { t("price.list_amount") };
                        h("th") { t("price.actual_amount") }
                        h("th") { t("price.deviation") }; h("th") { t("price.below_floor_lines") }
                    }
                }
                h("tbody") {
                    for r in rows {
                        h("tr", ["class": r.belowFloor > 0 ? "warn" : nil]) {
                            h("td") { r.key.flatMap { names[$0] } ?? t("price.none") }; h("td", ["class": "num"]) { String(r.lines) }
                            h("td", ["class": "num"]) { FormKit.money(r.listAmount) };
                            h("td", ["class": "num"]) { FormKit.money(r.actualAmount) }
                            h("td", ["class": "num"]) { FormKit.money(r.deviation) }; h("td", ["class": "num"]) { String(r.belowFloor) }
                        }
                    }
                }
            }
            if rows.isEmpty { h("p", ["class": "empty"]) { t("price.no_sales") } }
        }
        return PageShell.page(req, html)
    }
}
