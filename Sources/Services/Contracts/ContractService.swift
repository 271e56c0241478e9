import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence

/// Sales and purchase contracts: parties, lines, amount in figures and capitals, dates; states
/// changed only by named transitions (submit for approval, complete, terminate; expiry by the
/// nightly job); attachments; the payment plan; orders made from the contract and the progress
/// of goods and money against it.
public enum ContractService {
    public enum Kind: String, Sendable, CaseIterable {
        case sales, purchase
        var prefix: String { self == .sales ? "HT" : "CG" }
    }

    public typealias Status = ContractFlow.State

    public struct Input: Sendable {
        public var kind: String?
        public var partnerId: Int64?
        public var quoteId: Int64?
        public var opportunityId: Int64?
        public var title: String?
        public var signDate: String?
        public var startDate: String?
        public var endDate: String?
        public var renewNoticeDays: Int64?
        public var note: String?
        public var lines: [DealLines.Input]?
        /// Custom field values by key (those not named stay).
        public var customFields: [String: String]?
        public init(
            kind: String? = nil, partnerId: Int64? = nil, quoteId: Int64? = nil, opportunityId: Int64? = nil, title: String? = nil,
            signDate: String? = nil,
            startDate: String? = nil, endDate: String? = nil, renewNoticeDays: Int64? = nil, note: String? = nil,
            lines: [DealLines.Input]? = nil, customFields: [String: String]? = nil
        ) {
            self.customFields = customFields
            self.kind = kind
            self.partnerId = partnerId
            self.quoteId = quoteId
            self.opportunityId = opportunityId
            self.title = title
            self.signDate = signDate
            self.startDate = startDate
            self.endDate = endDate
            self.renewNoticeDays = renewNoticeDays
            self.note = note
            self.lines = lines
        }
    }

    public struct Details: Sendable {
        public var contract: ContractRow
        public var lines: [ContractLineRow]
        public var installments: [InstallmentRow]
        public var attachments: [AttachmentRow]
    }

    public struct Filter: Sendable {
        public var kind: String?
        public var partnerId: Int64?
        public var status: String?
        public var q: String?
        public init(kind: String? = nil, partnerId: Int64? = nil, status: String? = nil, q: String? = nil) {
            self.kind = kind
            self.partnerId = partnerId
            self.status = status
            self.q = q
        }
    }

    public static func list(_ filter: Filter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<ContractRow> {
        let scope = try ctx.require(.contracts, .view)
        let rows = try await ContractQueries.contracts(
            scope, kind: filter.kind, partner: filter.partnerId, status: filter.status, text: filter.q, before: cursor?.id,
            limit: limit + 1,
            on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// The contract if the user's scope for `action` reaches it; 404 when they cannot see it,
    /// 403 when they can see but not do.
    public static func row(_ id: Int64, _ ctx: ServiceContext, action: Action = .view) async throws -> ContractRow {
        try ctx.require(.contracts, action)
        guard let c = try await ContractQueries.contract(id, on: ctx.store) else { throw DomainError.notFound }
        try ctx.reach(.contracts, action, branch: c.branchId, department: c.departmentId, owner: c.ownerId)
        return c
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        try await details(try await row(id, ctx), ctx.store)
    }

    static func details(_ c: ContractRow, _ store: Store) async throws -> Details {
        Details(
            contract: c,
            lines: try await ContractQueries.lines(ofContract: c.id, on: store),
            installments: try await ContractQueries.installments(ofContract: c.id, on: store),
            attachments: try await AttachmentService.list(.contract, c.id, store))
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.contracts, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, ctx)
            let branch = try await DealLines.branch(nil, scope: scope, ctx)
            let number = try await DealLines.number(v.kind.prefix, branch: branch, date: v.signDate, table: "contracts", ctx.store)
            let now = ctx.nowMillis
            let id = try await ContractWrites.insert(
                try v.record, lines: v.lines, number: number, branch: branch.id, owner: ctx.principal?.userId,
                department: ctx.principal?.departmentId, at: now, on: ctx.store)
            let custom = try await CustomFieldService.apply(input.customFields, entity: .contract, id: id, existing: "{}", ctx)
            if let q = v.quoteId, let quote = try await ContractQueries.quote(q, on: ctx.store),
                QuoteFlow.rule(.accept).from.contains(stored: quote.status)
            {
                try await QuoteService.setStatus(quote, .accept, ctx)
            }
            try await ctx.audit(
                "create", "contract", id, branch: branch.id,
                [
                    FieldChange("number", old: nil, new: number),
                    FieldChange("total", old: nil, new: v.total.description),
                ] + (custom == "{}" ? [] : [FieldChange("customFields", old: nil, new: custom)]))
            return try await find(id, ctx)
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> Details {
        return try await ctx.write { ctx in
            let old = try await row(id, ctx, action: .edit)
            try Validate.version(version, current: old.version)
            try ContractFlow.require(.edit, from: old.status, number: old.number)
            var input = input
            input.kind = old.kind
            let v = try await validate(input, ctx)
            // A plan that no longer adds up is dropped: it is set again for the new amount.
            try await ContractWrites.update(
                contract: id, try v.record, lines: v.lines, dropPlan: try v.total.fen != old.totalAmount, at: ctx.nowMillis, on: ctx.store)
            let custom = try await CustomFieldService.apply(input.customFields, entity: .contract, id: id, existing: old.customValues, ctx)
            try await ctx.audit(
                "update", "contract", id, branch: old.branchId,
                [FieldChange("total", old: Money(fen: old.totalAmount).description, new: v.total.description)]
                    + (custom == old.customValues ? [] : [FieldChange("customFields", old: old.customValues, new: custom)]))
            return try await find(id, ctx)
        }
    }

    /// Only a draft is deleted; an active contract is terminated instead.
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            let c = try await row(id, ctx, action: .delete)
            try ContractFlow.require(.delete, from: c.status, number: c.number)
            let kept = DomainError(.conflict, code: "contract_has_history", args: [c.number])
            if try await ContractQueries.references(toContract: id, on: ctx.store) > 0 { throw kept }
            try await ContractWrites.delete(contract: id, inUse: kept, on: ctx.store)
            try await ctx.audit("delete", "contract", id, branch: c.branchId, [FieldChange("number", old: c.number, new: nil)])
        }
    }

    /// A person's command that moves the contract (`ContractFlow.transitions`).
    public static func transition(
        _ id: Int64, _ t: ContractFlow.Command, reason: String? = nil, _ ctx: ServiceContext
    ) async throws -> Details {
        guard ContractFlow.transitions.contains(t), let right = ContractFlow.ownAction(t) else { throw DomainError.notFound }
        return try await ctx.write { ctx in
            // A document changes state one transition at a time: a second one waits and sees the first.
            try await ctx.store.lock("contracts", [id])
            let c = try await row(id, ctx, action: right)
            try ContractFlow.require(t, from: c.status, number: c.number)
            var pending = false
            var endReason: String?
            switch t {
            case .submit:
                let plan = try await ContractQueries.installments(ofContract: id, on: ctx.store)
                try planAgrees(plan.map { Money(fen: $0.amount) }, total: Money(fen: c.totalAmount))
                pending =
                    try await ApprovalService.submit(
                        .contract, docId: id, number: c.number, branchId: c.branchId, amount: Money(fen: c.totalAmount), ctx) != nil
            case .withdraw: try await ApprovalService.withdraw(.contract, docId: id, ctx)
            case .terminate: endReason = try Validate.required(reason, "reason", max: 500)
            default: break
            }
            try await setStatus(c, t, pending: pending, reason: endReason, ctx)
            return try await find(id, ctx)
        }
    }

    /// The payment plan's rules (DocumentsCore) as the errors users read, on the `installments` field.
    static func planAgrees(_ amounts: [Money], total: Money) throws {
        do throws(PaymentPlan.Problem) { try PaymentPlan.agrees(amounts, total: total) } catch { throw planError(error) }
    }

    static func planError(_ problem: PaymentPlan.Problem) -> DomainError {
        switch problem {
        case .empty: DomainError.required("installments")
        case .tooMany(let limit): DomainError.invalid("installments", code: "too_many", args: ["installments", String(limit)])
        case .datesOutOfOrder: DomainError.invalid("installments", code: "dates_out_of_order")
        case .notTotal(let planned, let total):
            DomainError.invalid("installments", code: "plan_not_total", args: [planned.description, total.description])
        case .belowCollected(let i, let collected):
            DomainError.invalid("installments[\(i)].amount", code: "below_collected", args: [collected.description])
        case .dropsCollected(let seq): DomainError.invalid("installments", code: "installment_has_collections", args: [String(seq)])
        }
    }

    /// The one place a contract's state is written: the flow decides the target, the audit names the command.
    static func setStatus(
        _ c: ContractRow, _ command: ContractFlow.Command, pending: Bool = false, reason: String? = nil, audit: String? = nil,
        _ ctx: ServiceContext
    ) async throws {
        let to = try ContractFlow.target(command, from: c.status, number: c.number, pending: pending)
        let action = audit ?? command.rawValue
        try await ContractWrites.setStatus(ofContract: c.id, to, reason: reason, at: ctx.nowMillis, on: ctx.store)
        try await ctx.audit(
            action, "contract", c.id, branch: c.branchId,
            [FieldChange("status", old: c.status, new: to.rawValue)] + (reason.map { [FieldChange("reason", old: nil, new: $0)] } ?? []))
    }

    static func approvalDecided(_ id: Int64, status: String, _ ctx: ServiceContext) async throws {
        guard let c = try await ContractQueries.contract(id, on: ctx.store),
            ContractFlow.rule(.approve).from.contains(stored: c.status)
        else { return }
        try await setStatus(c, status == "approved" ? .approve : .reject, audit: "approval_" + status, ctx)
    }

    /// A new draft for the next term: the same party and lines, dates moved on by the term's length.
    /// The renewal and its link to the contract it renews are one write: a crash leaves both or
    /// neither, and a contract is renewed once (a second renewal while the first lives is refused).
    public static func renew(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        try await ctx.write { ctx in try await renewInTransaction(id, ctx) }
    }

    static func renewInTransaction(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        try await ctx.store.lock("contracts", [id])
        let d = try await find(id, ctx)
        let c = d.contract
        try ContractFlow.require(.renew, from: c.status, number: c.number)
        if let existing = try await ContractQueries.renewal(of: id, on: ctx.store) {
            throw DomainError(.conflict, code: "already_renewed", args: [c.number, existing])
        }
        let days = CalendarDate.days(from: c.startDate, to: c.endDate)
        let start = CalendarDate.add(days: 1, to: c.endDate)
        var input = Input(
            kind: c.kind, partnerId: c.partnerId, title: c.title, signDate: CalendarDate.chinaDate(ctx.nowMillis), startDate: start,
            endDate: CalendarDate.add(days: days, to: start), renewNoticeDays: c.renewNoticeDays, note: c.note,
            lines: d.lines.map {
                DealLines.Input(
                    productId: $0.productId, unit: $0.unit, quantity: Quantity(units: $0.quantity).description,
                    unitPrice: UnitPrice(units: $0.unitPrice).description,
                    taxRate: ScaledDecimal.format($0.taxRate, scale: 2, minDecimals: 0))
            })
        input.opportunityId = c.opportunityId
        var created = try await create(input, ctx)
        try await ContractWrites.markRenewal(created.contract.id, of: id, on: ctx.store)
        created.contract.renewalOf = id
        return created
    }

    /// A base quantity in a contract line's own unit (the line's factor in millionths).
    public static func inLineUnit(_ base: Int64, _ factor: Int64) throws -> Quantity {
        Quantity(units: try Checked.narrow(Int128(base) * Int128(Quantity.one) / Int128(max(factor, 1))))
    }

    // MARK: - Payment plan

    public struct InstallmentInput: Sendable, Codable, Equatable {
        public var dueDate: String?
        public var amount: String?
        public var note: String?
        public init(dueDate: String? = nil, amount: String? = nil, note: String? = nil) {
            self.dueDate = dueDate
            self.amount = amount
            self.note = note
        }
    }

    /// Replaces the plan: the installments must add up to the contract's amount exactly. Money
    /// already allocated to an installment stays with the installment of the same number.
    public static func setPlan(_ id: Int64, _ items: [InstallmentInput], _ ctx: ServiceContext) async throws -> Details {
        return try await ctx.write { ctx in
            let c = try await row(id, ctx, action: .edit)
            try ContractFlow.require(.setPlan, from: c.status, number: c.number)
            guard !items.isEmpty else { throw planError(.empty) }
            guard items.count <= PaymentPlan.maxInstallments else { throw planError(.tooMany(limit: PaymentPlan.maxInstallments)) }
            var parsed: [(String, Money, String?)] = []
            for (i, it) in items.enumerated() {
                let date = try Validate.date(it.dueDate, "installments[\(i)].dueDate")
                guard let m = try Validate.money(it.amount, "installments[\(i)].amount", positive: true) else {
                    throw DomainError.required("installments[\(i)].amount")
                }
                parsed.append((date, m, try Validate.optional(it.note, "installments[\(i)].note", max: 200)))
            }
            let old = try await ContractQueries.installments(ofContract: id, on: ctx.store)
            var collected = [Money](repeating: .zero, count: Int(old.map(\.seq).max() ?? 0))
            for o in old where o.seq >= 1 { collected[Int(o.seq) - 1] = Money(fen: o.settled) }
            let plan = parsed.map { PaymentPlan.Installment(dueDate: $0.0, amount: $0.1) }
            do throws(PaymentPlan.Problem) { try PaymentPlan.check(plan, total: Money(fen: c.totalAmount), collected: collected) } catch {
                throw planError(error)
            }
            try await ContractWrites.setPlan(ofContract: id, parsed.map { ($0.0, $0.1.fen, $0.2) }, existing: old, on: ctx.store)
            try await ctx.audit(
                "plan", "contract", id, branch: c.branchId,
                [FieldChange("installments", old: String(old.count), new: parsed.map { "\($0.0) \($0.1)" }.joined(separator: "; "))])
            return try await find(id, ctx)
        }
    }

    public typealias OverdueRow = ContractQueries.Overdue

    /// Installments past their due date and not fully collected, in the user's contracts scope.
    public static func overdue(asOf: String, limit: Int, _ ctx: ServiceContext) async throws -> [OverdueRow] {
        let scope = try ctx.require(.contracts, .view)
        return try await ContractQueries.overdue(asOf: asOf, scope, limit: limit, on: ctx.store)
    }

    // MARK: - Orders

    public struct OrderLineInput: Sendable, Codable, Equatable {
        public var contractLineId: Int64?
        public var quantity: String?
        public var warehouseId: Int64?
        public init(contractLineId: Int64? = nil, quantity: String? = nil, warehouseId: Int64? = nil) {
            self.contractLineId = contractLineId
            self.quantity = quantity
            self.warehouseId = warehouseId
        }
    }

    /// Base quantity ordered so far per contract line (orders not cancelled).
    public static func ordered(_ id: Int64, _ ctx: ServiceContext) async throws -> [Int64: Int64] {
        _ = try await row(id, ctx)
        return try await orderedQty(id, ctx.store)
    }

    static func orderedQty(_ contractId: Int64, _ store: Store) async throws -> [Int64: Int64] {
        try await ContractQueries.ordered(ofContract: contractId, on: store)
    }

    // MARK: - Progress

    public struct Progress: Sendable, Equatable {
        public var total: Money
        public var ordered: Money
        public var delivered: Money
        public var deliveredNet: Money
        public var invoiced: Money
        public var collected: Money
        /// Cost of the goods delivered (sales) at their costed value.
        public var costOfGoods: Money
        public var grossMargin: Money
        public var planned: Money
        public var planCollected: Money
        public var orders: [OrderRow]
        public var invoices: [InvoiceRow]
    }

    public static func progress(_ id: Int64, _ ctx: ServiceContext) async throws -> Progress {
        let c = try await row(id, ctx)
        let store = ctx.store
        let orderLines = try await ContractQueries.orderLines(ofContract: id, on: store)
        let ordered = try orderLines.reduce(Money.zero) {
            try $0 + MoneyRounding.cny.value(of: Quantity(units: $1.quantity), at: UnitPrice(units: $1.unitPrice))
        }
        // Deliveries (receipts) against the contract's order lines, and returns of them.
        let moves = try await ContractQueries.delivered(ofContract: id, on: store)
        var delivered = Money.zero, net = Money.zero, cost = Money.zero
        for m in moves {
            let a = Money(fen: (m.amount ?? 0) * m.sign)
            try delivered += a
            try net += VAT.net(of: a, rate: m.taxRate)
            try cost += Money(fen: Checked.multiply(Checked.abs(m.costValue ?? 0), m.sign))
        }
        let invoices = try await ContractQueries.invoices(ofContract: id, on: store)
        let invoiced = try Checked.sum(invoices.filter { InvoiceFlow.open.contains(stored: $0.status) }.map(\.totalAmount))
        let collected = try await ContractQueries.collected(forContract: id, on: store)
        let plan = try await ContractQueries.installments(ofContract: id, on: store)
        let orders = try await ContractQueries.orders(ofContract: id, on: store)
        return Progress(
            total: Money(fen: c.totalAmount), ordered: ordered, delivered: delivered, deliveredNet: net, invoiced: Money(fen: invoiced),
            collected: Money(fen: collected), costOfGoods: cost,
            grossMargin: c.kind == Kind.sales.rawValue ? try GrossMargin(netRevenue: net, costOfGoods: cost).margin : .zero,
            planned: Money(fen: try Checked.sum(plan.map(\.amount))), planCollected: Money(fen: try Checked.sum(plan.map(\.settled))),
            orders: orders, invoices: invoices)
    }

    // MARK: - Nightly

    /// Tells owners of active contracts ending within their notice period (once per contract and
    /// end date) and moves contracts past their end to expired. Answers (reminded, expired).
    @discardableResult
    public static func runDaily(today: String, _ ctx: ServiceContext) async throws -> (Int, Int) {
        try await ctx.write { ctx in
            let active = try await ContractQueries.expirable(ended: false, today: today, on: ctx.store)
            var messages: [NotificationService.Message] = []
            for c in active where c.ownerId != nil && CalendarDate.days(from: today, to: c.endDate) <= c.renewNoticeDays {
                messages.append(
                    .init(
                        userId: c.ownerId!, kind: "notify.contract.renewal", args: [c.number, c.endDate],
                        link: Paths.Contracts.contract(c.id),
                        dedupeKey: "contract.renew.\(c.id).\(c.endDate)"))
            }
            let reminded = try await NotificationService.send(messages, ctx.store, at: ctx.nowMillis)
            let ended = try await ContractQueries.expirable(ended: true, today: today, on: ctx.store)
            for c in ended { try await setStatus(c, .expire, ctx) }
            return (reminded, ended.count)
        }
    }

    // MARK: - Validation

    struct Valid {
        var kind: Kind
        var partner: PartnerRow
        var quoteId: Int64?
        var opportunityId: Int64?
        var renewalOf: Int64?
        var title: String
        var signDate: String
        var startDate: String
        var endDate: String
        var noticeDays: Int64
        var note: String?
        var lines: [DealLines.Line]
        var total: Money { get throws { try Money.sum(lines.map(\.amount)) } }
        var tax: Money { get throws { try Money.sum(lines.map(\.tax)) } }

        var record: ContractWrites.Contract {
            get throws {
                ContractWrites.Contract(
                    kind: kind.rawValue, partnerId: partner.id, quoteId: quoteId, opportunityId: opportunityId, renewalOf: renewalOf,
                    title: title,
                    signDate: signDate, startDate: startDate, endDate: endDate, noticeDays: noticeDays, note: note,
                    net: try total.fen - tax.fen,
                    tax: try tax.fen, total: try total.fen)
            }
        }
    }

    static func validate(_ input: Input, _ ctx: ServiceContext) async throws -> Valid {
        let kind = try Validate.oneOf(input.kind ?? "sales", "kind", as: Kind.self)
        var input = input
        var quote: QuoteRow?
        if let qid = input.quoteId {
            guard kind == .sales, let q = try? await QuoteService.find(qid, ctx) else {
                throw DomainError.invalid("quoteId", code: "not_found")
            }
            guard QuoteFlow.rule(.makeContract).from.contains(stored: q.quote.status) else {
                throw DomainError.invalid("quoteId", code: "quote_not_approved", args: [q.quote.number])
            }
            quote = q.quote
            if input.partnerId == nil { input.partnerId = q.quote.partnerId }
            if input.opportunityId == nil { input.opportunityId = q.quote.opportunityId }
            if input.title?.isEmpty ?? true { input.title = q.quote.title }
            if input.lines?.isEmpty ?? true {
                input.lines = q.lines.map {
                    DealLines.Input(
                        productId: $0.productId, unit: $0.unit, quantity: Quantity(units: $0.quantity).description,
                        listPrice: UnitPrice(units: $0.listPrice).description, unitPrice: UnitPrice(units: $0.unitPrice).description,
                        taxRate: ScaledDecimal.format($0.taxRate, scale: 2, minDecimals: 0))
                }
            }
        }
        let partner = try await DealLines.party(input.partnerId, sales: kind == .sales, ctx)
        if let q = quote, q.partnerId != partner.id { throw DomainError.invalid("quoteId", code: "other_customer") }
        if let o = input.opportunityId {
            guard let opp = try? await OpportunityService.find(o, ctx), opp.partnerId == partner.id else {
                throw DomainError.invalid("opportunityId", code: "not_found")
            }
        }
        let sign =
            try input.signDate.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "signDate") }
            ?? CalendarDate.chinaDate(ctx.nowMillis)
        let start = try input.startDate.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "startDate") } ?? sign
        let end = try Validate.date(input.endDate, "endDate")
        guard end >= start else { throw DomainError.invalid("endDate", code: "ends_before_start") }
        let notice = input.renewNoticeDays ?? 30
        guard (0...365).contains(notice) else {
            throw DomainError.invalid("renewNoticeDays", code: "out_of_range", args: ["renewNoticeDays", "0", "365"])
        }
        let lines = try await DealLines.validate(input.lines, sales: kind == .sales, partner: partner, date: sign, ctx.store)
        return Valid(
            kind: kind, partner: partner, quoteId: input.quoteId, opportunityId: input.opportunityId, renewalOf: nil,
            title: try Validate.optional(input.title, "title", max: 200) ?? partner.name, signDate: sign, startDate: start, endDate: end,
            noticeDays: notice, note: try Validate.optional(input.note, "note", max: 2000), lines: lines)
    }
}

/// Calendar arithmetic on `yyyy-MM-dd` dates (UTC days).
