import InventoryCore
import Kernel
import Persistence

/// Batches and their dates: a batch is received with its production and expiry dates (the expiry
/// worked out from the product's shelf life when only the production date is known), a delivery
/// that names no batch takes the one that expires first (FEFO), expired goods are not sold, and
/// what is near or past its expiry is listed.
public enum BatchService {
    /// The last day a batch is good: the production day counts as the first day of its shelf life.
    public static func expiry(produced: String, shelfLifeDays: Int64) -> String {
        CalendarDate.add(days: shelfLifeDays - 1, to: produced)
    }

    /// The dates a line states for its batch, checked against what is on record for the batch and
    /// against the other lines of the document (`seen`). Answers the record to write, if any.
    /// A receipt of a product with a shelf life must date a batch not yet dated.
    static func dates(
        production productionText: String?, expiry expiryText: String?, field f: String, type: StockDocumentType,
        product: ProductRow, batch: String?, seen: inout [String: BatchQueries.BatchRow], _ store: Store
    ) async throws -> BatchQueries.BatchRow? {
        let production = try optionalDate(productionText, f + ".productionDate")
        var expiry = try optionalDate(expiryText, f + ".expiryDate")
        let dated = production != nil || expiry != nil
        let receipt = type == .purchaseReceipt || type == .otherReceipt
        guard dated || (receipt && product.shelfLifeDays != nil) else { return nil }
        guard product.tracking == ProductService.Tracking.batch.rawValue, let batch else {
            throw DomainError.invalid(
                f + (production != nil ? ".productionDate" : ".expiryDate"), code: "dates_need_batch", args: [product.code])
        }
        if expiry == nil, let p = production, let days = product.shelfLifeDays { expiry = Self.expiry(produced: p, shelfLifeDays: days) }
        if let p = production, let e = expiry, e < p {
            throw DomainError.invalid(f + ".expiryDate", code: "expiry_before_production", args: [e, p])
        }
        let key = "\(product.id)|\(batch)"
        var recorded = seen[key]
        if recorded == nil { recorded = try await BatchQueries.dates(product: product.id, batches: [batch], on: store)[batch] }
        guard dated else {
            if recorded?.expiryDate != nil { return nil }
            throw DomainError.invalid(f + ".productionDate", code: "batch_dates_required", args: [product.code, batch])
        }
        let merged = BatchQueries.BatchRow(
            productId: product.id, batch: batch, productionDate: production ?? recorded?.productionDate,
            expiryDate: expiry ?? recorded?.expiryDate)
        if let r = recorded, r != merged, r.productionDate != nil || r.expiryDate != nil {
            // Dates on record may be corrected only while nothing of the batch is posted, and
            // only once per document.
            var fixed = seen[key] != nil
            if !fixed { fixed = try await BatchQueries.posted(product: product.id, batch: batch, on: store) }
            if fixed {
                throw DomainError.invalid(
                    f + (r.expiryDate != merged.expiryDate ? ".expiryDate" : ".productionDate"), code: "batch_dates_differ",
                    args: [batch, r.productionDate ?? "—", r.expiryDate ?? "—"])
            }
        }
        seen[key] = merged
        return merged == recorded ? nil : merged
    }

    static func optionalDate(_ text: String?, _ field: String) throws -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        return try Validate.date(t, field)
    }

    /// The batch an issue of `need` (base units) takes when none is named: the one that expires
    /// first among those the warehouse holds (a sale skips expired ones), less what earlier lines
    /// of the document take (`taken`). When that batch cannot cover the line alone, the person
    /// splits it; the error lists the batches in the order to take them.
    static func firstToExpire(
        product: ProductRow, warehouse: Int64, need: Quantity, date: String, sale: Bool, taken: [String: Quantity], field f: String,
        _ store: Store
    ) async throws -> String {
        let held = try await BatchQueries.onHand(product: product.id, warehouse: warehouse, on: store).compactMap {
            b -> (batch: String, left: Quantity, expiry: String?)? in
            if sale, let e = b.expiryDate, e < date { return nil }
            let left = try Quantity(units: b.qty) - (taken["\(product.id)|\(warehouse)|\(b.batch)"] ?? .zero)
            return left.isPositive ? (b.batch, left, b.expiryDate) : nil
        }
        guard let first = held.first else {
            throw DomainError.invalid(f + ".batch", code: "batch_required", args: [product.code])
        }
        if first.left >= need { return first.batch }
        let list = held.prefix(5).map { "\($0.batch) \($0.left)\(product.baseUnit)" + ($0.expiry.map { "（\($0)）" } ?? "") }
        throw DomainError.invalid(
            f + ".batch", code: "batch_split_needed",
            args: [product.code, first.batch, first.left.description + product.baseUnit, list.joined(separator: "、")])
    }

    /// A sale may not ship a batch past its expiry on the posting date.
    static func refuseExpired(product: ProductRow, batch: String, date: String, field f: String, _ store: Store) async throws {
        guard let e = try await BatchQueries.dates(product: product.id, batches: [batch], on: store)[batch]?.expiryDate, e < date
        else { return }
        throw DomainError.invalid(f + ".batch", code: "batch_expired", args: [product.code, batch, e])
    }

    /// One batch in stock near or past its expiry.
    public struct Expiring: Sendable, Equatable {
        public var row: BatchQueries.Dated
        public var daysLeft: Int64
        public var state: ShelfLife.State
        public var warningDays: Int64
    }

    /// Stock in the warehouses the caller sees that is past its expiry or inside its warning
    /// window on `today`: each product's own window (from its shelf life), or `days` for all.
    public static func expiring(
        today t: CalendarDate, days: Int64?, warehouse: Int64?, _ ctx: ServiceContext
    ) async throws -> [Expiring] {
        let scope = try ctx.require(.stock, .view)
        if let d = days, !(0...3650).contains(d) { throw DomainError.invalid("days", code: "out_of_range", args: ["days"]) }
        let visible = try await InventoryQueries.warehouses(on: ctx.store).filter {
            scope.contains(branch: $0.branchId, department: nil, owner: nil)
        }.map(\.id)
        let ids = warehouse.map { w in visible.contains(w) ? [w] : [] } ?? visible
        let horizon = days ?? max(45, ShelfLife.warningDays(shelfLifeDays: nil))
        let rows = try await BatchQueries.expiring(through: t.adding(days: horizon).text, warehouses: ids, on: ctx.store)
        return rows.compactMap { r in
            guard let e = CalendarDate(r.expiryDate) else { return nil }
            let window = days ?? ShelfLife.warningDays(shelfLifeDays: r.shelfLifeDays)
            let state = ShelfLife.state(expiry: e.day, today: t.day, warningDays: window)
            guard state != .fresh else { return nil }
            return Expiring(row: r, daysLeft: e.day - t.day, state: state, warningDays: window)
        }
    }

    /// The batches of a product in a warehouse, first to expire first, with their dates.
    public static func onHand(product: Int64, warehouse: Int64, _ ctx: ServiceContext) async throws -> [BatchQueries.OnHand] {
        let scope = try ctx.require(.stock, .view)
        guard let w = try await InventoryQueries.warehouse(warehouse, on: ctx.store),
            scope.contains(branch: w.branchId, department: nil, owner: nil)
        else { throw DomainError.invalid("warehouseId", code: "not_found") }
        guard try await InventoryQueries.product(product, on: ctx.store) != nil else {
            throw DomainError.invalid("productId", code: "not_found")
        }
        return try await BatchQueries.onHand(product: product, warehouse: warehouse, on: ctx.store)
    }
}
