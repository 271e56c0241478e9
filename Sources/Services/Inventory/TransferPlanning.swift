import Foundation
import InventoryCore
import Kernel
import Persistence

/// Transfer planning (调拨建议): stock that sits over a warehouse's maximum, or that has not
/// moved out for a while (slow-moving: above the safety stock and no issue for `slowDays`),
/// is proposed to warehouses under their safety stock, inside one accounting entity (between
/// entities it is inter-branch trade). A suggestion becomes a draft transfer in one click.
public enum TransferPlanning {
    public struct Suggestion: Sendable, Equatable, Codable {
        public var productId: Int64
        public var fromWarehouseId: Int64
        public var toWarehouseId: Int64
        /// Base units.
        public var quantity: Int64
        /// `overstock` or `slow`.
        public var reason: String
        public init(productId: Int64, fromWarehouseId: Int64, toWarehouseId: Int64, quantity: Int64, reason: String) {
            self.productId = productId
            self.fromWarehouseId = fromWarehouseId
            self.toWarehouseId = toWarehouseId
            self.quantity = quantity
            self.reason = reason
        }
    }

    public static func suggest(today: String, slowDays: Int64 = 60, _ ctx: ServiceContext) async throws -> [Suggestion] {
        let scope = try ctx.require(.stock, .view)
        let warehouses = try await InventoryQueries.warehouses(on: ctx.store).filter {
            $0.active && scope.contains(branch: $0.branchId, department: nil, owner: nil)
        }
        guard !warehouses.isEmpty else { return [] }
        let ids = warehouses.map(\.id)
        let scopes = try await CostingScopes.load(ctx.store, warehouses: warehouses)
        let onHand = try await InventoryQueries.onHand(inWarehouses: ids, on: ctx.store)
        let levels = try await InventoryQueries.levels(inWarehouses: ids, on: ctx.store)
        let since = CalendarDate.add(days: -slowDays, to: today)
        let lastOut = try await InventoryQueries.lastOut(inWarehouses: ids, on: ctx.store)
        func held(_ p: Int64, _ w: Int64) -> Int64 { onHand.first { $0.productId == p && $0.warehouseId == w }?.qty ?? 0 }
        var out: [Suggestion] = []
        for product in Set(levels.map(\.productId)).sorted() {
            let mine = levels.filter { $0.productId == product }
            // Who needs how much (up to the safety stock), who can give how much.
            var needs = try mine.compactMap { l -> (Int64, Int64)? in
                let n = try l.safetyQty.minus(held(product, l.warehouseId))
                return n > 0 ? (l.warehouseId, n) : nil
            }
            guard !needs.isEmpty else { continue }
            var gives: [(Int64, Int64, String)] = []
            for w in warehouses {
                let q = held(product, w.id)
                let level = mine.first { $0.warehouseId == w.id }
                if let max = level?.maxQty, q > max { gives.append((w.id, try q.minus(max), "overstock")); continue }
                let last = lastOut.first { $0.productId == product && $0.warehouseId == w.id }?.last
                let floor = level?.safetyQty ?? 0
                if q > floor, (last ?? "") < since { gives.append((w.id, try q.minus(floor), "slow")) }
            }
            gives.sort { $0.1 > $1.1 }
            for gi in gives.indices {
                for ni in needs.indices
                where gives[gi].1 > 0 && needs[ni].1 > 0 && needs[ni].0 != gives[gi].0
                    && scopes.entity(ofWarehouse: needs[ni].0) == scopes.entity(ofWarehouse: gives[gi].0)
                {
                    let q = min(gives[gi].1, needs[ni].1)
                    out.append(
                        Suggestion(
                            productId: product, fromWarehouseId: gives[gi].0, toWarehouseId: needs[ni].0, quantity: q, reason: gives[gi].2))
                    gives[gi].1 -= q
                    needs[ni].1 -= q
                }
            }
        }
        return out
    }

    /// Turns chosen suggestions into one draft transfer per sending warehouse; answers their ids.
    public static func apply(_ items: [Suggestion], date: String, _ ctx: ServiceContext) async throws -> [Int64] {
        try ctx.require(.stock, .create)
        guard !items.isEmpty else { throw DomainError.required("items") }
        return try await ctx.write { ctx in
            var ids: [Int64] = []
            for (from, group) in Dictionary(grouping: items, by: \.fromWarehouseId).sorted(by: { $0.key < $1.key }) {
                let lines = group.map {
                    StockDocumentService.LineInput(
                        productId: $0.productId, quantity: Quantity(units: $0.quantity).description, warehouseId: from,
                        toWarehouseId: $0.toWarehouseId)
                }
                let d = try await StockDocumentService.create(
                    .init(type: StockDocumentType.transfer.rawValue, postingDate: date, reason: "调拨建议", lines: lines), ctx)
                ids.append(d.document.id)
            }
            return ids
        }
    }
}
