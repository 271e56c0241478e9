import Foundation
import Kernel
import Persistence

/// Merging two products into one (the same goods created twice, by hand or by two imports): the
/// survivor keeps its id, code and units and takes, field by field, the values chosen; the quote,
/// contract, order and invoice lines, open items, price list items and sightings that named the
/// other move to it, and the other's barcodes go to the survivor's units of the same name that
/// have none; the other is deleted. Only a product without stock history is merged away — its
/// ledger and costs cannot be folded into another's — and only when its units are the
/// survivor's (same base unit, each larger unit with the same factor), so every moved line still
/// means the same quantity. Undone within 30 days as customers are.
public enum ProductMergeService {
    public static let fields = [
        "name", "spec", "category", "taxRate", "purchasePrice", "salePrice", "floorPrice", "standardCost", "shelfLifeDays",
        "customFields",
    ]

    /// The fields this person chooses between: the standard cost only for those who see costs
    /// (`costs.view`), as everywhere else.
    static func visibleFields(_ ctx: ServiceContext) -> [String] {
        ctx.principal.map { $0.can(.costs, .view) } ?? true ? fields : fields.filter { $0 != "standardCost" }
    }

    /// A product with its units, as a merge keeps it to put back.
    public struct Record: Codable, Sendable, Equatable {
        public var product: ProductRow
        public var units: [ProductUnitRow]
    }

    static func value(_ field: String, _ p: ProductRow) -> String? {
        let v: String? =
            switch field {
            case "name": p.name
            case "spec": p.spec
            case "category": p.categoryId.map(String.init)
            case "taxRate": ScaledDecimal.format(p.taxRate, scale: 2, minDecimals: 0) + "%"
            case "purchasePrice": p.purchasePrice == 0 ? nil : UnitPrice(units: p.purchasePrice).description
            case "salePrice": p.salePrice == 0 ? nil : UnitPrice(units: p.salePrice).description
            case "floorPrice": p.floorPrice == 0 ? nil : UnitPrice(units: p.floorPrice).description
            case "standardCost": p.standardCost == 0 ? nil : UnitPrice(units: p.standardCost).description
            case "shelfLifeDays": p.shelfLifeDays.map(String.init)
            case "customFields": (p.customValues ?? "{}") == "{}" ? nil : p.customValues
            default: nil
            }
        return (v?.isEmpty ?? true) ? nil : v
    }

    static func take(_ field: String, from m: ProductRow, into s: inout ProductRow) {
        switch field {
        case "name": s.name = m.name
        case "spec": s.spec = m.spec
        case "category": s.categoryId = m.categoryId
        case "taxRate": s.taxRate = m.taxRate
        case "purchasePrice": s.purchasePrice = m.purchasePrice
        case "salePrice": s.salePrice = m.salePrice
        case "floorPrice": s.floorPrice = m.floorPrice
        case "standardCost": s.standardCost = m.standardCost
        case "shelfLifeDays": s.shelfLifeDays = m.shelfLifeDays
        case "customFields": s.customValues = m.customValues
        default: break
        }
    }

    static func pair(_ survivor: Int64, _ merged: Int64, _ ctx: ServiceContext) async throws -> (ProductRow, ProductRow) {
        _ = try ctx.require(.products, .delete)
        guard survivor != merged else { throw DomainError.invalid("mergedId", code: "merge_same_record") }
        guard let s = try await InventoryQueries.product(survivor, on: ctx.store),
            let m = try await InventoryQueries.product(merged, on: ctx.store)
        else { throw DomainError.notFound }
        return (s, m)
    }

    /// Why `m` cannot be merged into `s`, if it cannot: stock history, other units, one price list holding both.
    static func refusal(
        _ s: ProductRow, _ m: ProductRow, _ su: [ProductUnitRow], _ mu: [ProductUnitRow], _ store: Store
    ) async throws
        -> DomainError?
    {
        if try await MergeQueries.stockHistory(m.id, on: store) {
            return DomainError(.conflict, code: "merge_product_has_stock", field: "mergedId", args: [m.code])
        }
        if m.baseUnit != s.baseUnit {
            return DomainError(.conflict, code: "merge_product_units_differ", field: "mergedId", args: [m.baseUnit])
        }
        for u in mu where !su.contains(where: { $0.name == u.name && $0.factor == u.factor }) {
            return DomainError(.conflict, code: "merge_product_units_differ", field: "mergedId", args: [u.name])
        }
        if let list = try await MergeQueries.sharedPriceList(s.id, m.id, on: store) {
            return DomainError(.conflict, code: "merge_shared_price_list", field: "mergedId", args: [list])
        }
        return nil
    }

    public static func preview(survivor: Int64, merged: Int64, _ ctx: ServiceContext) async throws -> MergeService.Preview<ProductRow> {
        let (s, m) = try await pair(survivor, merged, ctx)
        let refs = try await MergeQueries.references(to: m.id, in: MergeQueries.productReferences, on: ctx.store)
        return .init(
            survivor: s, merged: m, fields: MergeService.sides(visibleFields(ctx), s, m, value), moves: refs.mapValues(\.count))
    }

    public static func merge(
        survivor: Int64, merged: Int64, choices: [String: String], survivorVersion: Int64? = nil, mergedVersion: Int64? = nil,
        _ ctx: ServiceContext
    ) async throws -> MergeRow {
        let fields = visibleFields(ctx)
        try MergeService.check(choices, fields: fields)
        return try await ctx.through("merge", via: "product:\(merged)").write { tx in
            let (s, m) = try await pair(survivor, merged, tx)
            try Validate.version(survivorVersion, current: s.version)
            try Validate.version(mergedVersion, current: m.version)
            let su = try await InventoryQueries.units(of: s.id, on: tx.store)
            let mu = try await InventoryQueries.units(of: m.id, on: tx.store)
            if let no = try await refusal(s, m, su, mu, tx.store) { throw no }
            let refs = try await MergeQueries.references(to: m.id, in: MergeQueries.productReferences, on: tx.store)
            try await MergeQueries.move(refs, to: s.id, on: tx.store)
            try await MergeQueries.delete(product: m.id, on: tx.store)
            // The other's barcodes, on the survivor's units of the same name that had none.
            let units = su.map { u in
                var u = u
                if u.barcode == nil { u.barcode = mu.first { $0.name == u.name }?.barcode }
                return u
            }
            if units != su { try await MergeQueries.setUnits(units, of: s.id, on: tx.store) }
            var next = MergeService.chosen(fields, choices, s, m, value) { take($0, from: $1, into: &$2) }
            if next.floorPrice > 0, next.salePrice > 0, next.floorPrice > next.salePrice {
                throw DomainError.invalid("floorPrice", code: "floor_above_sale")
            }
            next.searchText = ProductService.searchText(name: next.name, spec: next.spec, code: next.code)
            guard let after = try await MergeQueries.overwrite(product: next, version: s.version, at: tx.nowMillis, on: tx.store) else {
                throw DomainError.staleVersion(expected: Int(s.version), actual: Int(s.version) + 1)
            }
            let id = try await MergeQueries.insert(
                entity: "product", survivor: s.id, merged: m.id, mergedName: m.name,
                survivorBefore: try CompactJSON.string(Record(product: s, units: su)),
                mergedRow: try CompactJSON.string(Record(product: m, units: mu)), moved: try CompactJSON.string(refs), relations: "[]",
                survivorVersion: after.version, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await tx.audit(
                "merge", "product", s.id,
                Audit.diff(
                    ProductService.snapshot(.init(product: s, units: su, levels: [])),
                    ProductService.snapshot(.init(product: after, units: units, levels: []))) + [
                        FieldChange("merged", old: nil, new: "\(m.name) (\(m.code))"), FieldChange("mergeId", old: nil, new: String(id)),
                    ])
            try await tx.audit(
                "merge_away", "product", m.id,
                Audit.diff(ProductService.snapshot(.init(product: m, units: mu, levels: [])), [:]) + [
                    FieldChange("survivor", old: nil, new: "\(after.name) (\(after.code))")
                ])
            return try await MergeQueries.merge(id, on: tx.store)!
        }
    }

    /// Undoes a product merge: the other product comes back with its id, code, units and
    /// barcodes, the moved lines and prices go back to it, the survivor gets its former values and
    /// units. Refused (409) as a customer merge's undo is.
    public static func undo(_ mg: MergeRow, _ ctx: ServiceContext) async throws -> MergeRow {
        try await ctx.through("merge", via: "undo:\(mg.id)").write { tx in
            _ = try tx.require(.products, .delete)
            let (before, merged) = try records(mg)
            guard let survivor = try await InventoryQueries.product(mg.survivorId, on: tx.store) else {
                throw DomainError(.conflict, code: "merge_changed_since", field: "id", args: [before.product.name])
            }
            let refs = try await MergeService.undoable(mg, survivor: (survivor.name, survivor.version), tx)
            // A moved line delivered, ordered or invoiced from since would leave those new lines on
            // the survivor while it went back: the undo would split one sale across two products.
            guard try await MergeQueries.linesUsedSince(refs, on: tx.store) == 0 else {
                throw DomainError(.conflict, code: "merge_lines_used", field: "id", args: [survivor.name])
            }
            guard
                let restored = try await MergeQueries.overwrite(
                    product: before.product, version: survivor.version, at: tx.nowMillis, on: tx.store)
            else { throw DomainError.staleVersion(expected: Int(survivor.version), actual: Int(survivor.version) + 1) }
            try await MergeQueries.setUnits(before.units, of: survivor.id, on: tx.store)
            guard
                try await !MergeQueries.taken(
                    productCode: merged.product.code, barcodes: merged.units.compactMap(\.barcode), except: merged.product.id, on: tx.store)
            else {
                throw DomainError(.conflict, code: "merge_code_taken", field: "id", args: [merged.product.code])
            }
            try await MergeQueries.restore(product: merged.product, units: merged.units, on: tx.store)
            try await MergeQueries.move(refs, to: merged.product.id, on: tx.store)
            guard try await MergeQueries.markUndone(mg.id, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store) else {
                throw DomainError(.conflict, code: "merge_already_undone", field: "id")
            }
            try await tx.audit(
                "unmerge", "product", survivor.id,
                Audit.diff(
                    ProductService.snapshot(.init(product: survivor, units: [], levels: [])),
                    ProductService.snapshot(.init(product: restored, units: [], levels: []))) + [
                        FieldChange("restored", old: nil, new: "\(merged.product.name) (\(merged.product.code))"),
                        FieldChange("mergeId", old: nil, new: String(mg.id)),
                    ])
            return try await MergeQueries.merge(mg.id, on: tx.store)!
        }
    }

    /// The two products (with their units) as they were at the merge.
    public static func records(_ mg: MergeRow) throws -> (survivorBefore: Record, merged: Record) {
        (
            try JSONDecoder().decode(Record.self, from: Data(mg.survivorBefore.utf8)),
            try JSONDecoder().decode(Record.self, from: Data(mg.mergedRow.utf8))
        )
    }
}
