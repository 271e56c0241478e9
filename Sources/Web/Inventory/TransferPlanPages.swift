import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 调拨建议: what could move from overstocked or slow warehouses to those under their safety
/// stock; ticked suggestions become draft transfers.
enum TransferPlanPages {
    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let today = StockPages.today(req)
        let days = req.query[String.self, at: "slowDays"].flatMap { Int64($0) }.map { min(max($0, 1), 3650) } ?? 60
        let rows = try await TransferPlanning.suggest(today: today, slowDays: days, req.services)
        let products = try await InventoryQueries.products(ids: rows.map(\.productId), on: req.store)
        let warehouses = Dictionary(uniqueKeysWithValues: try await InventoryQueries.warehouses(on: req.store).map { ($0.id, $0.name) })
        let canCreate = req.state.principal?.can(.stock, .create) == true
        var m = TransferPlanModel()
        m.slowDays = String(days)
        m.rows = rows.map { r in
            let p = products[r.productId]
            return .init(
                pick: "\(r.productId):\(r.fromWarehouseId):\(r.toWarehouseId):\(r.quantity)",
                product: (p?.code ?? "") + " " + (p?.name ?? ""),
                from: warehouses[r.fromWarehouseId] ?? "", to: warehouses[r.toWarehouseId] ?? "",
                quantity: Quantity(units: r.quantity).description + " " + (p?.baseUnit ?? ""), reason: t("transfer.reason." + r.reason))
        }
        m.mayCreate = canCreate
        m.csrf = req.state.csrf
        return PageShell.page(req, InventoryViews.transferPlan(PageShell.context(req), m))
    }

    static func apply(_ req: Request) async throws -> Response {
        struct F: Content { var pick: [String]? }
        let f = try req.content.decode(F.self)
        let items: [TransferPlanning.Suggestion] = (f.pick ?? []).compactMap { v in
            let p = v.split(separator: ":").compactMap { Int64($0) }
            return p.count == 4 ? .init(productId: p[0], fromWarehouseId: p[1], toWarehouseId: p[2], quantity: p[3], reason: "") : nil
        }
        do {
            let ids = try await TransferPlanning.apply(items, date: StockPages.today(req), req.services)
            return PageShell.redirect(
                req, to: ids.count == 1 ? Paths.Inventory.document(ids[0]) : Paths.Inventory.documents() + "?type=transfer",
                flash: "transfer.made")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Inventory.transferPlan(), error: e)
        }
    }
}
