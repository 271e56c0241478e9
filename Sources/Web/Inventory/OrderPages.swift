import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Orders as pages: list by kind, form, order page with confirm / close / cancel, and "receive"
/// or "deliver" that turns what remains into a draft stock document.
enum OrderWebPages {
    struct LineForm: Content {
        var product: String?; var unit: String?; var quantity: String?; var unitPrice: String?; var warehouseId: String?
    }
    struct Form: Content {
        var partnerId: String?; var orderDate: String?; var expectedDate: String?; var note: String?; var version: String?;
        var lines: [LineForm]?; var custom: [String: String]?
    }

    static func kind(_ req: Request) -> OrderService.Kind { req.query[String.self, at: "kind"] == "purchase" ? .purchase : .sales }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let k = kind(req)
        let (limit, cursor) = try req.paging()
        let status = req.query[String.self, at: "status"]
        let page = try await OrderService.list(kind: k, status: status, limit: limit, cursor: cursor, req.services)
        let partners = try await InventoryQueries.partners(scope: .all, filter: .init(), limit: 200, cursor: nil, on: req.store).items
        var model = ListModel(
            basePath: Paths.Inventory.orders(), query: nil,
            filters: [
                .init(
                    name: "kind", label: t("order.kind"),
                    options: [("sales", t("order.kind.sales")), ("purchase", t("order.kind.purchase"))], selected: k.rawValue),
                .init(
                    name: "status", label: t("common.status"),
                    options: OrderService.Status.allCases.map { ($0.rawValue, t("order.status." + $0.rawValue)) }, selected: status),
            ], columns: [.init(t("stock.number")), .init(t("stock.partner")), .init(t("order.date")), .init(t("common.status"))],
            rows: page.items.map { o in
                [
                    CommonPages.link(o.number, Paths.Inventory.order(o.id) + "?kind=\(o.kind)"),
                    .text(partners.first { $0.id == o.partnerId }?.name ?? String(o.partnerId)),
                    .text(o.orderDate), CommonPages.badge(t("order.status." + o.status), o.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.orders, .create) == true {
            actions.append(PageAction(label: t("order.new.sales"), href: Paths.Inventory.newOrder() + "?kind=sales", primary: true))
            actions.append(PageAction(label: t("order.new.purchase"), href: Paths.Inventory.newOrder() + "?kind=purchase"))
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("order.title"), actions: actions, model))
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.orders, .create)
        let k = kind(req)
        return PageShell.page(
            req,
            OrderPages.form(
                try await ProductPicker.context(req), title: req.t("order.new." + k.rawValue),
                try await formModel(req, k, Form(orderDate: StockPages.today(req)), error: nil)))
    }

    static func create(_ req: Request) async throws -> Response {
        let k = kind(req)
        let f = try req.content.decode(Form.self)
        do {
            var lines: [OrderService.LineInput] = []
            for l in f.lines ?? [] where !(l.product ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                let found = try await ProductLookup.line(l.product, unit: l.unit, index: lines.count, req.store)
                lines.append(
                    .init(
                        productId: found.productId, unit: found.unit, quantity: l.quantity,
                        unitPrice: (l.unitPrice ?? "").isEmpty ? nil : l.unitPrice, warehouseId: PageShell.id(l.warehouseId)))
            }
            let d = try await OrderService.create(
                kind: k,
                .init(
                    partnerId: PageShell.id(f.partnerId), orderDate: f.orderDate, expectedDate: f.expectedDate,
                    note: f.note, lines: lines, customFields: f.custom), req.services)
            return PageShell.redirect(req, to: Paths.Inventory.order(d.order.id) + "?kind=\(k.rawValue)", flash: "order.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let m = try await formModel(req, k, f, error: ConcordErrorMiddleware.message(e, req.t))
            return PageShell.page(
                req, OrderPages.form(try await ProductPicker.context(req), title: req.t("order.new." + k.rawValue), m),
                status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, _ k: OrderService.Kind, _ f: Form, error: String?) async throws -> OrderFormModel {
        let scope = try req.services.require(.orders, .create)
        let warehouses = try await InventoryQueries.warehouses(on: req.store).filter {
            WarehouseService.usable($0, scope: scope, principal: req.state.principal)
        }
        let partners = try await PartnerService.pickable(
            customer: k == .sales ? true : nil, supplier: k == .purchase ? true : nil, req.services)
        var lines = (f.lines ?? []).map {
            OrderFormModel.Line(
                product: $0.product ?? "", unit: $0.unit ?? "", quantity: $0.quantity ?? "", unitPrice: $0.unitPrice ?? "",
                warehouseId: $0.warehouseId ?? "")
        }
        let target = max(5, lines.count + 2)
        let preferred = try await BranchService.defaultWarehouse(req.services)
        let defaultWarehouse = (warehouses.first { $0.id == preferred } ?? warehouses.first).map { String($0.id) } ?? ""
        while lines.count < target { lines.append(.init(warehouseId: defaultWarehouse)) }
        var m = OrderFormModel(
            kind: k.rawValue, action: Paths.Inventory.orders() + "?kind=\(k.rawValue)", csrf: req.state.csrf, partnerId: f.partnerId ?? "",
            orderDate: f.orderDate ?? StockPages.today(req), expectedDate: f.expectedDate ?? "", note: f.note ?? "", version: f.version,
            partners: partners.map { (String($0.id), $0.code + " " + $0.name) }, warehouses: warehouses.map { (String($0.id), $0.name) },
            lines: lines, error: error)
        m.custom = try await CustomFieldForms.fields(.order, values: f.custom, req)
        return m
    }

    static func show(_ req: Request) async throws -> Response {
        let id = try req.id()
        let o = try await InventoryQueries.order(id, on: req.store)
        let k = OrderService.Kind(rawValue: o?.kind ?? "") ?? .sales
        let d = try await OrderService.find(id, kind: k, req.services)
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let warehouses = Dictionary(uniqueKeysWithValues: try await InventoryQueries.warehouses(on: req.store).map { ($0.id, $0.name) })
        let partner = try await InventoryQueries.partner(d.order.partnerId, on: req.store)
        let total = try d.lines.reduce(Money.zero) {
            try $0 + MoneyRounding.cny.value(of: Quantity(units: $1.quantity), at: UnitPrice(units: $1.unitPrice))
        }
        let offered =
            OrderFlow.State(rawValue: d.order.status).map { state in
                OrderFlow.allowedActions(
                    state, d.facts, grants: req.grants(on: .orders, branch: d.order.branchId, department: nil, owner: d.order.ownerId))
            } ?? []
        let transitions = offered.filter(OrderFlow.transitions.contains).map(\.rawValue)
        let vm = OrderViewModel(
            id: id, kind: k.rawValue, number: d.order.number, status: d.order.status, partner: partner?.name ?? "",
            orderDate: d.order.orderDate,
            expectedDate: d.order.expectedDate, note: d.order.note, total: total.description,
            totalInCapitals: ChineseAmount.capitals(total),
            lines: d.lines.map { l in
                let pr = products[l.productId]
                return .init(
                    product: (pr?.code ?? "") + " " + (pr?.name ?? ""), ordered: "\(Quantity(units: l.quantity)) \(l.unit)",
                    done: "\(Quantity(units: l.doneQty)) \(pr?.baseUnit ?? "")",
                    remaining: "\(Quantity(units: max(l.baseQty - l.doneQty, 0))) \(pr?.baseUnit ?? "")",
                    price: UnitPrice(units: l.unitPrice).description, warehouse: warehouses[l.warehouseId] ?? "")
            },
            transitions: transitions, canFulfil: offered.contains(.fill))
        var shown = vm
        shown.custom = try await CustomFieldForms.values(.order, json: d.order.customValues ?? "{}", req)
        return PageShell.page(req, OrderPages.show(PageShell.context(req), shown))
    }

    static func transition(_ t: OrderFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            let k = OrderService.Kind(rawValue: try await InventoryQueries.order(id, on: req.store)?.kind ?? "") ?? .sales
            do {
                _ = try await OrderService.transition(id, kind: k, t, req.services)
                return PageShell.redirect(req, to: Paths.Inventory.order(id), flash: "order.updated")
            } catch let e as DomainError where e.kind == .conflict {
                return PageShell.redirect(req, to: Paths.Inventory.order(id), error: e)
            }
        }
    }

    /// What remains on a confirmed order becomes a draft receipt or delivery, line by line.
    static func fulfil(_ req: Request) async throws -> Response {
        let id = try req.id()
        let k = OrderService.Kind(rawValue: try await InventoryQueries.order(id, on: req.store)?.kind ?? "") ?? .sales
        let d = try await OrderService.find(id, kind: k, req.services)
        let lines: [StockDocumentService.LineInput] = try d.lines.filter { $0.baseQty > $0.doneQty }.map { l in
            let remaining = Quantity(units: try l.baseQty.minus(l.doneQty))
            // In the order's own unit when what remains is a whole number of it (the price stays exact),
            // else in the base unit at the price per base unit.
            let inOrderUnit = remaining.units % l.factor == 0
            let quantity =
                inOrderUnit ? Quantity(units: try Checked.narrow(Int128(remaining.units / l.factor) * Int128(Quantity.one))) : remaining
            let price =
                inOrderUnit
                ? UnitPrice(units: l.unitPrice)
                : UnitPrice(
                    units: try Checked.narrow(ScaledDecimal.divideRounded(Int128(l.unitPrice) * Int128(Quantity.one), Int128(l.factor))))
            return .init(
                productId: l.productId, unit: inOrderUnit ? l.unit : nil, quantity: quantity.description, warehouseId: l.warehouseId,
                unitCost: k == .purchase ? price.description : nil, unitPrice: k == .sales ? price.description : nil, orderLineId: l.id)
        }
        let doc = try await StockDocumentService.create(
            .init(
                type: k.documentType.rawValue, postingDate: StockPages.today(req), partnerId: d.order.partnerId,
                orderId: id, lines: lines), req.services)
        return PageShell.redirect(req, to: Paths.Inventory.document(doc.document.id), flash: "stock.saved")
    }
}
