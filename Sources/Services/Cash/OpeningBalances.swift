import Foundation
import Kernel
import Persistence

/// Open receivables and payables of the old books (期初应收应付): on the day Concord takes over,
/// each document a customer still owes on (or the company owes a supplier) becomes an open item
/// of source `opening`, with the old system's number and date and what is still open, and no
/// product. From then on it ages, is settled oldest first by collections and payments like any
/// other item, and receivables stay the sum of the open items.
public enum OpeningBalances {
    public struct Input: Sendable {
        public var side: OpenItems.Side
        public var partnerId: Int64
        public var docNumber: String?
        public var docDate: String?
        public var amount: String?
        public init(side: OpenItems.Side, partnerId: Int64, docNumber: String?, docDate: String?, amount: String?) {
            self.side = side
            self.partnerId = partnerId
            self.docNumber = docNumber
            self.docDate = docDate
            self.amount = amount
        }
    }

    /// Records one document still open: a customer's for receivables, a supplier's for
    /// payables, within the recorder's reach; not dated after today; more than zero; a number
    /// the partner's opening items do not have yet.
    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> OpenItemRow {
        try await ctx.write { ctx in
            let (p, number, date, amount) = try await check(input, ctx)
            let id = try await CashWrites.insertOpening(
                side: input.side.rawValue, partnerId: p.id, branchId: p.branchId, docNumber: number, docDate: date, amount: amount.fen,
                on: ctx.store)
            try await ctx.audit(
                "create", "open_item", id, branch: p.branchId,
                [
                    FieldChange("side", old: nil, new: input.side.rawValue), FieldChange("docNumber", old: nil, new: number),
                    FieldChange("amount", old: nil, new: amount.description),
                ])
            return try await CashQueries.openItem(id, on: ctx.store)!
        }
    }

    /// What `create` checks, written nowhere (an import's preview).
    @discardableResult
    static func check(_ input: Input, _ ctx: ServiceContext) async throws -> (PartnerRow, String, String, Money) {
        let scope = try ctx.require(.cash, .create)
        let number = try Validate.required(input.docNumber, "docNumber", max: 40)
        let date = try Validate.date(input.docDate, "docDate")
        guard !(CalendarDate.today(ctx.clock) < CalendarDate(date)!) else { throw DomainError.invalid("docDate", code: "invalid_date") }
        guard let amount = try Validate.money(input.amount, "amount") else { throw DomainError.required("amount") }
        guard amount.fen > 0 else { throw DomainError.invalid("amount", code: "not_positive", args: ["amount"]) }
        guard let p = try await InventoryQueries.partner(input.partnerId, on: ctx.store),
            scope.contains(branch: p.branchId, department: p.departmentId, owner: p.ownerId)
        else { throw DomainError.invalid("partner", code: "not_found") }
        guard input.side == .ar ? p.isCustomer : p.isSupplier else {
            throw DomainError.invalid("partner", code: input.side == .ar ? "not_a_customer" : "not_a_supplier", args: [p.name])
        }
        if try await CashQueries.opening(side: input.side.rawValue, partner: p.id, docNumber: number, on: ctx.store) != nil {
            throw DomainError.duplicate("docNumber", value: number)
        }
        return (p, number, date, amount)
    }

    /// Takes back an opening item nothing has settled yet (the undo of an import).
    static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        let scope = try ctx.require(.cash, .create)
        try await ctx.write { ctx in
            guard let item = try await CashQueries.openItem(id, on: ctx.store), item.source == "opening",
                let p = try await InventoryQueries.partner(item.partnerId, on: ctx.store),
                scope.contains(branch: p.branchId, department: p.departmentId, owner: p.ownerId)
            else { throw DomainError.notFound }
            guard try await CashWrites.deleteOpening(id, on: ctx.store) else {
                throw DomainError(.conflict, code: "opening_item_settled", field: "docNumber", args: [item.docNumber])
            }
            try await ctx.audit("delete", "open_item", id, branch: item.branchId, [FieldChange("docNumber", old: item.docNumber, new: nil)])
        }
    }
}
