import DocumentsCore
import Foundation
import Kernel
import Persistence

/// The priced lines quotes, contracts and invoices share: a product in one of its units, a
/// quantity, a price that includes tax, a tax rate; the amount is round(quantity x price), the
/// tax in it round(amount x rate / (1 + rate)), the net amount the rest.
public enum DealLines {
    public struct Input: Sendable, Codable, Equatable {
        public var productId: Int64?
        public var unit: String?
        public var quantity: String?
        /// The price before discount (quotes); defaults to the product's list price.
        public var listPrice: String?
        /// Percent off the list price, up to two decimals (quotes).
        public var discount: String?
        /// The price charged, tax included; wins over list price and discount.
        public var unitPrice: String?
        /// Percent, up to two decimals; defaults to the product's rate.
        public var taxRate: String?
        public init(
            productId: Int64? = nil, unit: String? = nil, quantity: String? = nil, listPrice: String? = nil, discount: String? = nil,
            unitPrice: String? = nil, taxRate: String? = nil
        ) {
            self.productId = productId
            self.unit = unit
            self.quantity = quantity
            self.listPrice = listPrice
            self.discount = discount
            self.unitPrice = unitPrice
            self.taxRate = taxRate
        }
    }

    public typealias Line = DealLine

    static func percent(_ text: String?, _ field: String) throws -> Int64? {
        guard let t = text, !t.isEmpty else { return nil }
        guard let r = try? ScaledDecimal.parse(t, scale: 2), (0...10000).contains(r) else {
            throw DomainError.invalid(field, code: "invalid_percent")
        }
        return r
    }

    /// Validates priced lines; a sales line's list price and floor come from the price system for
    /// this customer and date.
    static func validate(
        _ inputs: [Input]?, sales: Bool, partner: PartnerRow? = nil, date: String = "", _ store: Store
    ) async throws -> [Line] {
        let inputs = inputs ?? []
        guard !inputs.isEmpty else { throw DomainError.required("lines") }
        guard inputs.count <= 500 else { throw DomainError.invalid("lines", code: "too_many", args: ["lines", "500"]) }
        let products = try await InventoryQueries.products(ids: inputs.compactMap(\.productId), on: store)
        let units = try await InventoryQueries.units(of: Array(products.keys), on: store)
        // The price system's proposals, per product and unit, for the sales side.
        var proposals: [String: PriceService.Proposal] = [:]
        if sales {
            let keys: [(productId: Int64, unit: String, factor: Int64)] = inputs.compactMap { l in
                guard let p = l.productId.flatMap({ products[$0] }) else { return nil }
                let unitName = (l.unit?.isEmpty ?? true) ? p.baseUnit : l.unit!
                guard let u = units[p.id]?.first(where: { $0.name == unitName }) else { return nil }
                return (p.id, unitName, u.factor)
            }
            let found = try await PriceService.propose(for: partner, date: date, keys, products: products, store)
            for (k, v) in zip(keys, found) { proposals["\(k.productId)|\(k.unit)"] = v }
        }
        var out: [Line] = []
        for (i, l) in inputs.enumerated() {
            let f = "lines[\(i)]"
            guard let pid = l.productId else { throw DomainError.invalid(f + ".productId", code: "required", args: [f + ".productId"]) }
            guard let p = products[pid], p.active else { throw DomainError.invalid(f + ".productId", code: "not_found") }
            let unitName = (l.unit?.isEmpty ?? true) ? p.baseUnit : l.unit!
            guard let unit = units[p.id]?.first(where: { $0.name == unitName }) else {
                throw DomainError.invalid(f + ".unit", code: "unknown_unit", args: [p.code, unitName])
            }
            guard let q = try Validate.quantity(l.quantity, f + ".quantity") else {
                throw DomainError.invalid(f + ".quantity", code: "not_positive", args: [f + ".quantity"])
            }
            let base = try Validate.base(
                q, factor: Quantity(units: unit.factor), f + ".quantity",
                notExact: DomainError.invalid(
                    f + ".quantity", code: "not_exact_in_base", args: [p.code, q.description, unitName, p.baseUnit]))
            func price(_ text: String?, _ field: String) throws -> UnitPrice? { try Validate.unitPrice(text, f + "." + field) }
            let perUnit = { (basePrice: Int64) throws in
                try AmountOverflow.naming(f + ".unit") { try Validate.perUnit(basePrice, factor: Quantity(units: unit.factor)) }
            }
            let proposal = proposals["\(p.id)|\(unitName)"]
            let list = try price(l.listPrice, "listPrice") ?? proposal?.price ?? perUnit(sales ? p.salePrice : p.purchasePrice)
            guard list <= Limits.unitPrice else { throw AmountOverflow(field: f + ".listPrice").domainError }
            let discount = try percent(l.discount, f + ".discount") ?? 0
            let unitPrice: UnitPrice
            if let given = try price(l.unitPrice, "unitPrice") {
                unitPrice = given
            } else {
                unitPrice = UnitPrice(
                    units: Int64(clamping: ScaledDecimal.divideRounded(Int128(list.units) * Int128(10000 - discount), 10000)))
            }
            let rate = try percent(l.taxRate, f + ".taxRate") ?? p.taxRate
            let amount = try AmountOverflow.naming(f + ".quantity") { try MoneyRounding.cny.value(of: q, at: unitPrice) }
            guard amount <= Limits.amount else { throw AmountOverflow(field: f + ".quantity").domainError }
            // A price above the list is no discount; both sit within Limits.unitPrice, so the sum stays small.
            let effectiveDiscount =
                l.unitPrice?.isEmpty == false && list.units > 0
                ? max(
                    0,
                    Int64(clamping: ScaledDecimal.divideRounded((Int128(list.units) - Int128(unitPrice.units)) * 10000, Int128(list.units)))
                ) : discount
            let floor = try proposal?.floor ?? perUnit(p.floorPrice)
            out.append(
                Line(
                    productId: p.id, unit: unitName, factor: unit.factor, quantity: q, baseQty: base, listPrice: list,
                    discount: effectiveDiscount,
                    unitPrice: unitPrice, floorPrice: floor, taxRate: rate, amount: amount, tax: try VAT.included(in: amount, rate: rate)))
        }
        return out
    }

    /// A customer or supplier the user may deal with: visible through their customers or
    /// partners scope, and of the right kind.
    public static func party(_ id: Int64?, sales: Bool, field: String = "partnerId", _ ctx: ServiceContext) async throws -> PartnerRow {
        guard let id else { throw DomainError.required(field) }
        let p = try await visibleParty(id, field: field, ctx)
        if sales, !p.isCustomer { throw DomainError.invalid(field, code: "not_a_customer", args: [p.name]) }
        if !sales, !p.isSupplier { throw DomainError.invalid(field, code: "not_a_supplier", args: [p.name]) }
        return p
    }

    /// A partner the user may name on a document: in their customers scope or their partners
    /// scope. Anyone else's is refused exactly like one that does not exist.
    public static func visibleParty(_ id: Int64, field: String = "partnerId", _ ctx: ServiceContext) async throws -> PartnerRow {
        guard let p = try await InventoryQueries.partner(id, on: ctx.store) else { throw DomainError.invalid(field, code: "not_found") }
        if let principal = ctx.principal {
            let viaCustomers = CustomerService.allows(p, .view, ctx)
            let viaPartners = principal.rowScope(.partners, .view)?.contains(branch: p.branchId, department: nil, owner: p.ownerId) ?? false
            guard viaCustomers || viaPartners else { throw DomainError.invalid(field, code: "not_found") }
        }
        return p
    }

    /// The branch a new document belongs to: the one named (inside the user's scope) or the user's.
    static func branch(_ requested: Int64?, scope: RowScope, _ ctx: ServiceContext) async throws -> (id: Int64, code: String) {
        let id = requested ?? ctx.principal?.branchId ?? 1
        guard let b = try await OrganisationQueries.branch(id, on: ctx.store),
            scope.contains(branch: b.id, department: nil, owner: nil) || b.id == ctx.principal?.branchId
        else {
            throw DomainError.invalid("branchId", code: "not_found")
        }
        return (b.id, b.code)
    }

    /// The document's number by its kind's pattern (编号规则): `QT-2026-000012` at head office,
    /// `QT-2026-000012-SH` in a branch, unless the settings say otherwise. `table` holds the kind's
    /// documents (a number already there is passed over).
    static func number(
        _ prefix: String, branch: (id: Int64, code: String), date: String, table: String, _ store: Store
    ) async throws -> String {
        try await DocumentNumbers.issue(prefix: prefix, branch: branch, date: date, table: table, on: store)
    }
}

extension DealLine {
    /// Sold under the product's floor price: the quote needs an approval.
    public var belowFloor: Bool { floorPrice.units > 0 && unitPrice < floorPrice }
}
