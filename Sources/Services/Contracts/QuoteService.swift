import DocumentsCore
import Foundation
import Kernel
import Persistence

/// Quotes (报价单) to a customer, alone or for an opportunity. A line priced under the
/// product's floor needs approval before the quote may be sent.
public enum QuoteService {
    public typealias Status = QuoteFlow.State

    public struct Input: Sendable {
        public var partnerId: Int64?
        public var opportunityId: Int64?
        public var title: String?
        public var quoteDate: String?
        public var validUntil: String?
        public var note: String?
        public var lines: [DealLines.Input]?
        public init(
            partnerId: Int64? = nil, opportunityId: Int64? = nil, title: String? = nil, quoteDate: String? = nil, validUntil: String? = nil,
            note: String? = nil, lines: [DealLines.Input]? = nil
        ) {
            self.partnerId = partnerId
            self.opportunityId = opportunityId
            self.title = title
            self.quoteDate = quoteDate
            self.validUntil = validUntil
            self.note = note
            self.lines = lines
        }
    }

    public struct Details: Sendable {
        public var quote: QuoteRow
        public var lines: [QuoteLineRow]
        public var expired: Bool
        public var facts: QuoteFlow.Facts { QuoteFlow.Facts(belowFloor: quote.belowFloor, expired: expired) }
    }

    public struct Filter: Sendable {
        public var partnerId: Int64?
        public var opportunityId: Int64?
        public var status: String?
        public init(partnerId: Int64? = nil, opportunityId: Int64? = nil, status: String? = nil) {
            self.partnerId = partnerId
            self.opportunityId = opportunityId
            self.status = status
        }
    }

    public static func list(_ filter: Filter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<QuoteRow> {
        let scope = try ctx.require(.quotes, .view)
        let rows = try await ContractQueries.quotes(
            scope, partner: filter.partnerId, opportunity: filter.opportunityId, status: filter.status, before: cursor?.id,
            limit: limit + 1,
            on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext, action: Action = .view) async throws -> Details {
        try ctx.require(.quotes, action)
        guard let q = try await ContractQueries.quote(id, on: ctx.store) else { throw DomainError.notFound }
        try ctx.reach(.quotes, action, branch: q.branchId, department: q.departmentId, owner: q.ownerId)
        return try await details(q, ctx)
    }

    static func details(_ q: QuoteRow, _ ctx: ServiceContext) async throws -> Details {
        let lines = try await ContractQueries.lines(ofQuote: q.id, on: ctx.store)
        let today = CalendarDate.chinaDate(ctx.nowMillis)
        return Details(
            quote: q, lines: lines,
            expired: QuoteFlow.lapsed(q.status, validUntil: q.validUntil, today: today))
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.quotes, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, ctx)
            let branch = try await DealLines.branch(nil, scope: scope, ctx)
            let number = try await DealLines.number("QT", branch: branch, date: v.date, table: "quotes", ctx.store)
            let now = ctx.nowMillis
            let id = try await ContractWrites.insert(
                try v.record, lines: v.lines, number: number, branch: branch.id, owner: ctx.principal?.userId,
                department: ctx.principal?.departmentId, at: now, on: ctx.store)
            try await ctx.audit(
                "create", "quote", id, branch: branch.id,
                [FieldChange("number", old: nil, new: number), FieldChange("total", old: nil, new: v.total.description)])
            return try await find(id, ctx)
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.quotes, .edit)
        return try await ctx.write { ctx in
            let old = try await find(id, ctx, action: .edit)
            try Validate.version(version, current: old.quote.version)
            try QuoteFlow.require(.edit, from: old.quote.status, old.facts, number: old.quote.number)
            let v = try await validate(input, ctx)
            try await ContractWrites.update(quote: id, try v.record, lines: v.lines, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit(
                "update", "quote", id, branch: old.quote.branchId,
                [FieldChange("total", old: Money(fen: old.quote.totalAmount).description, new: v.total.description)])
            return try await find(id, ctx)
        }
    }

    /// submit (for approval when a line is under its floor, else straight to approved), send,
    /// accept, decline, reopen (back to draft from declined or an unsent approval).
    public static func transition(_ id: Int64, _ t: QuoteFlow.Command, _ ctx: ServiceContext) async throws -> Details {
        guard QuoteFlow.transitions.contains(t), let right = QuoteFlow.ownAction(t) else { throw DomainError.notFound }
        try ctx.require(.quotes, right)
        return try await ctx.write { ctx in
            try await ctx.store.lock("quotes", [id])
            let d = try await find(id, ctx, action: right)
            let q = d.quote
            try QuoteFlow.require(t, from: q.status, d.facts, number: q.number, args: t == .send && d.expired ? [q.validUntil] : nil)
            var pending = false
            switch t {
            case .submit where q.belowFloor:
                pending =
                    try await ApprovalService.submit(
                        .quote, docId: id, number: q.number, branchId: q.branchId, amount: Money(fen: q.totalAmount), ctx) != nil
            case .reopen: try await ApprovalService.withdraw(.quote, docId: id, ctx)
            default: break
            }
            try await setStatus(q, t, pending: pending, ctx)
            return try await find(id, ctx)
        }
    }

    /// The one place a quote's state is written.
    static func setStatus(
        _ q: QuoteRow, _ command: QuoteFlow.Command, pending: Bool = false, audit: String? = nil, _ ctx: ServiceContext
    )
        async throws
    {
        // Whether it may is decided by the caller (a person's transition, an approval, a contract made from it).
        let to = try QuoteFlow.target(command, from: q.status, .init(belowFloor: false, expired: false), number: q.number, pending: pending)
        let action = audit ?? command.rawValue
        try await ContractWrites.setStatus(ofQuote: q.id, to, at: ctx.nowMillis, on: ctx.store)
        try await ctx.audit(action, "quote", q.id, branch: q.branchId, [FieldChange("status", old: q.status, new: to.rawValue)])
    }

    static func approvalDecided(_ id: Int64, status: String, _ ctx: ServiceContext) async throws {
        guard let q = try await ContractQueries.quote(id, on: ctx.store),
            QuoteFlow.rule(.approve).from.contains(stored: q.status)
        else { return }
        try await setStatus(q, status == "approved" ? .approve : .reject, audit: "approval_" + status, ctx)
    }

    struct Valid {
        var partner: PartnerRow
        var opportunityId: Int64?
        var title: String
        var date: String
        var validUntil: String
        var note: String?
        var lines: [DealLines.Line]
        var total: Money { get throws { try Money.sum(lines.map(\.amount)) } }
        var tax: Money { get throws { try Money.sum(lines.map(\.tax)) } }

        var record: ContractWrites.Quote {
            get throws {
                ContractWrites.Quote(
                    partnerId: partner.id, opportunityId: opportunityId, title: title, date: date, validUntil: validUntil, note: note,
                    net: try total.fen - tax.fen, tax: try tax.fen, total: try total.fen, belowFloor: lines.contains(where: \.belowFloor))
            }
        }
    }

    static func validate(_ input: Input, _ ctx: ServiceContext) async throws -> Valid {
        var partnerId = input.partnerId
        if let o = input.opportunityId {
            guard let opp = try? await OpportunityService.find(o, ctx) else {
                throw DomainError.invalid("opportunityId", code: "not_found")
            }
            if partnerId == nil { partnerId = opp.partnerId }
            guard partnerId == opp.partnerId else { throw DomainError.invalid("opportunityId", code: "other_customer") }
        }
        let partner = try await DealLines.party(partnerId, sales: true, ctx)
        let date =
            try input.quoteDate.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "quoteDate") }
            ?? CalendarDate.chinaDate(ctx.nowMillis)
        let until = try Validate.date(input.validUntil, "validUntil")
        guard until >= date else { throw DomainError.invalid("validUntil", code: "ends_before_start") }
        let title = try Validate.optional(input.title, "title", max: 200) ?? partner.name
        return Valid(
            partner: partner, opportunityId: input.opportunityId, title: title, date: date, validUntil: until,
            note: try Validate.optional(input.note, "note", max: 2000),
            lines: try await DealLines.validate(input.lines, sales: true, partner: partner, date: date, ctx.store))
    }
}
