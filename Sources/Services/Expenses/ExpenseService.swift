import DocumentsCore
import Foundation
import Kernel
import Persistence

/// Expense budgets and claims (费用预算与报销). A budget is set per branch (optionally per
/// department), month and category. A claim has lines by category, receipts attached, and may
/// name the customer, campaign or contract it was for; submitting it checks the month's budget
/// (approved, paid and pending claims count) and sends it through the approval engine. Over the
/// budget it is refused when the company says so (setting `expense.over_budget` = `refuse`),
/// else it needs, after the usual steps, the budget keepers' approval too.
public enum ExpenseService {
    public static let overBudgetSetting = Settings.Key.overBudget

    public typealias Status = ExpenseClaimFlow.State

    public static func categories(_ store: Store) async throws -> [ExpenseCategoryRow] {
        try await ExpenseQueries.categories(on: store)
    }

    // MARK: - Budgets

    public struct BudgetInput: Sendable, Codable, Equatable {
        public var categoryId: Int64?
        public var amount: String?
        public init(categoryId: Int64? = nil, amount: String? = nil) {
            self.categoryId = categoryId
            self.amount = amount
        }
    }

    public static func budgets(month: String, branchId: Int64?, _ ctx: ServiceContext) async throws -> [ExpenseBudgetRow] {
        // Budgets are their keepers' (expenses.approve), as the budget page and report are.
        let scope = try ctx.require(.expenses, .approve)
        return try await ExpenseQueries.budgets(month: month, scope, branch: branchId, on: ctx.store)
    }

    /// Sets the budgets of one branch (or one of its departments) for a month; an empty amount
    /// removes that category's budget.
    public static func setBudgets(
        month: String?, branchId: Int64?, departmentId: Int64?, _ items: [BudgetInput], _ ctx: ServiceContext
    ) async throws -> [ExpenseBudgetRow] {
        let scope = try ctx.require(.expenses, .approve)
        return try await ctx.write { ctx in
            guard let month, month.count == 7, Validate.isDate(month + "-01") else {
                throw DomainError.invalid("month", code: "invalid_month")
            }
            guard let b = branchId, try await OrganisationQueries.branch(b, on: ctx.store) != nil,
                scope.contains(branch: b, department: departmentId, owner: nil)
            else {
                throw DomainError.invalid("branchId", code: "not_found")
            }
            if let d = departmentId {
                guard let dep = try await OrganisationQueries.department(d, on: ctx.store), dep.branchId == b else {
                    throw DomainError.invalid("departmentId", code: "not_found")
                }
            }
            let cats = try await categories(ctx.store)
            guard items.count <= Limits.lines else {
                throw DomainError.invalid("items", code: "too_many", args: ["items", String(Limits.lines)])
            }
            for (i, it) in items.enumerated() {
                guard let c = it.categoryId, cats.contains(where: { $0.id == c }) else {
                    throw DomainError.invalid("items[\(i)].categoryId", code: "not_found")
                }
                let amount = try Validate.money(it.amount, "items[\(i)].amount")
                try await ExpenseWrites.setBudget(
                    branch: b, department: departmentId, month: month, category: c, amount: amount?.fen, at: ctx.nowMillis, on: ctx.store)
            }
            try await ctx.audit(
                "budget", "expense_budget", nil, branch: b,
                items.map { FieldChange(month + "#" + String($0.categoryId ?? 0), old: nil, new: $0.amount) })
            return try await budgets(month: month, branchId: b, ctx)
        }
    }

    // MARK: - Claims

    public struct LineInput: Sendable, Codable, Equatable {
        public var categoryId: Int64?
        public var expenseDate: String?
        public var amount: String?
        public var description: String?
        public init(categoryId: Int64? = nil, expenseDate: String? = nil, amount: String? = nil, description: String? = nil) {
            self.categoryId = categoryId
            self.expenseDate = expenseDate
            self.amount = amount
            self.description = description
        }
    }

    public struct Input: Sendable {
        public var title: String?
        public var claimDate: String?
        public var partnerId: Int64?
        public var contractId: Int64?
        public var campaign: String?
        public var note: String?
        public var lines: [LineInput]?
        /// The campaign it was spent for (one not cancelled): approved, the claim is that campaign's cost.
        public var campaignId: Int64?
        public init(
            title: String? = nil, claimDate: String? = nil, partnerId: Int64? = nil, contractId: Int64? = nil, campaign: String? = nil,
            note: String? = nil,
            lines: [LineInput]? = nil, campaignId: Int64? = nil
        ) {
            self.campaignId = campaignId
            self.title = title
            self.claimDate = claimDate
            self.partnerId = partnerId
            self.contractId = contractId
            self.campaign = campaign
            self.note = note
            self.lines = lines
        }
    }

    public struct Details: Sendable {
        public var claim: ExpenseClaimRow
        public var lines: [ExpenseClaimLineRow]
        public var attachments: [AttachmentRow]
    }

    public static func row(_ id: Int64, _ ctx: ServiceContext, action: Action = .view) async throws -> ExpenseClaimRow {
        try ctx.require(.expenses, action)
        guard let c = try await ExpenseQueries.claim(id, on: ctx.store) else { throw DomainError.notFound }
        try ctx.reach(.expenses, action, branch: c.branchId, department: c.departmentId, owner: c.ownerId)
        return c
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let c = try await row(id, ctx)
        return Details(
            claim: c,
            lines: try await ExpenseQueries.lines(ofClaim: id, on: ctx.store),
            attachments: try await AttachmentService.list(.claim, id, ctx.store))
    }

    public static func list(
        status: String?, mine: Bool, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<ExpenseClaimRow> {
        let scope = try ctx.require(.expenses, .view)
        let rows = try await ExpenseQueries.claims(
            scope, owner: mine ? ctx.principal?.userId : nil, status: status, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    struct Valid {
        var title: String
        var date: String
        var partnerId: Int64?
        var contractId: Int64?
        var campaign: String?
        var note: String?
        var lines: [(Int64, String, Int64, String?)]
        var campaignId: Int64?
        var total: Int64 { get throws { try Checked.sum(lines.map(\.2)) } }

        var record: ExpenseWrites.Claim {
            get throws {
                ExpenseWrites.Claim(
                    title: title, date: date, partnerId: partnerId, contractId: contractId, campaign: campaign, note: note,
                    total: try total,
                    lines: lines.map { ExpenseWrites.Claim.Line(categoryId: $0.0, date: $0.1, amount: $0.2, description: $0.3) },
                    campaignId: campaignId)
            }
        }
    }

    static func validate(_ input: Input, _ ctx: ServiceContext) async throws -> Valid {
        let title = try Validate.required(input.title, "title", max: 200)
        let date =
            try input.claimDate.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "claimDate") }
            ?? CalendarDate.chinaDate(ctx.nowMillis)
        if let p = input.partnerId {
            guard let partner = try await InventoryQueries.partner(p, on: ctx.store), CustomerService.allows(partner, .view, ctx) else {
                throw DomainError.invalid("partnerId", code: "not_found")
            }
        }
        if let c = input.contractId {
            guard (try? await ContractService.row(c, ctx)) != nil else { throw DomainError.invalid("contractId", code: "not_found") }
        }
        let campaign = try await ctx.campaign(input.campaignId)
        let cats = try await categories(ctx.store)
        let inputs = input.lines ?? []
        guard !inputs.isEmpty else { throw DomainError.required("lines") }
        guard inputs.count <= 100 else { throw DomainError.invalid("lines", code: "too_many", args: ["lines", "100"]) }
        var lines: [(Int64, String, Int64, String?)] = []
        for (i, l) in inputs.enumerated() {
            let f = "lines[\(i)]"
            guard let c = l.categoryId, cats.contains(where: { $0.id == c && $0.active }) else {
                throw DomainError.invalid(f + ".categoryId", code: "not_found")
            }
            let d = try Validate.date(l.expenseDate, f + ".expenseDate")
            guard d <= date else { throw DomainError.invalid(f + ".expenseDate", code: "after_claim_date") }
            guard let amount = try Validate.money(l.amount, f + ".amount", positive: true) else {
                throw DomainError.required(f + ".amount")
            }
            lines.append((c, d, amount.fen, try Validate.optional(l.description, f + ".description", max: 200)))
        }
        return Valid(
            title: title, date: date, partnerId: input.partnerId, contractId: input.contractId,
            campaign: try Validate.optional(input.campaign, "campaign", max: 100),
            note: try Validate.optional(input.note, "note", max: 1000), lines: lines, campaignId: campaign)
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.expenses, .create)
        guard let me = ctx.principal?.userId ?? ctx.actor.userId, let user = try await OrganisationQueries.user(me, on: ctx.store) else {
            throw DomainError.forbidden
        }
        return try await ctx.write { ctx in
            let v = try await validate(input, ctx)
            guard let branch = try await OrganisationQueries.branch(user.branchId, on: ctx.store) else { throw DomainError.notFound }
            let number = try await DealLines.number(
                "BX", branch: (branch.id, branch.code), date: v.date, table: "expense_claims", ctx.store)
            let now = ctx.nowMillis
            let id = try await ExpenseWrites.insert(
                try v.record, number: number, branch: branch.id, department: user.departmentId, owner: me, at: now, on: ctx.store)
            try await ctx.audit(
                "create", "expense_claim", id, branch: branch.id,
                [
                    FieldChange("number", old: nil, new: number),
                    FieldChange("total", old: nil, new: Money(fen: v.total).description),
                ])
            return try await find(id, ctx)
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> Details {
        try await ctx.write { ctx in
            let old = try await row(id, ctx, action: .edit)
            try Validate.version(version, current: old.version)
            try ExpenseClaimFlow.require(.edit, from: old.status, number: old.number)
            let v = try await validate(input, ctx)
            try await ExpenseWrites.update(claim: id, try v.record, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit(
                "update", "expense_claim", id, branch: old.branchId,
                [FieldChange("total", old: Money(fen: old.total).description, new: Money(fen: v.total).description)])
            return try await find(id, ctx)
        }
    }

    /// Where a claim stands against its budgets: per category of the claim, the budget, what is
    /// used already (approved, paid, and pending claims other than this one) and this claim.
    public struct BudgetCheck: Sendable, Equatable {
        public var categoryId: Int64
        public var budget: Int64?
        public var used: Int64
        public var claim: Int64
        public var over: Bool { budget.map { used + claim > $0 } ?? false }
    }

    public static func check(_ c: ExpenseClaimRow, _ store: Store) async throws -> [BudgetCheck] {
        let lines = try await ExpenseQueries.lines(ofClaim: c.id, on: store)
        let month = String(c.claimDate.prefix(7))
        var out: [BudgetCheck] = []
        for cat in Set(lines.map(\.categoryId)).sorted() {
            let budgets = try await ExpenseQueries.budgetsLocked(
                branch: c.branchId, department: c.departmentId, month: month, category: cat, on: store)
            // The department's own budget when it has one, else the branch's.
            let dept = budgets.first { $0.departmentId != nil }
            let budget = dept ?? budgets.first { $0.departmentId == nil }
            let used = try await ExpenseQueries.used(
                branch: c.branchId, department: dept != nil ? (c.departmentId ?? -1) : nil, month: month, category: cat, except: c.id,
                on: store)
            out.append(
                BudgetCheck(
                    categoryId: cat, budget: budget?.amount, used: used,
                    claim: try Checked.sum(lines.filter { $0.categoryId == cat }.map(\.amount))))
        }
        return out
    }

    public static func transition(_ id: Int64, _ t: ExpenseClaimFlow.Command, _ ctx: ServiceContext) async throws -> Details {
        guard ExpenseClaimFlow.transitions.contains(t), let right = ExpenseClaimFlow.ownAction(t) else { throw DomainError.notFound }
        return try await ctx.write { ctx in
            try await ctx.store.lock("expense_claims", [id])
            let c = try await row(id, ctx, action: right)
            try ExpenseClaimFlow.require(t, from: c.status, number: c.number)
            switch t {
            case .submit:
                let checks = try await check(c, ctx.store)
                let over = checks.filter(\.over)
                if let first = over.first {
                    let cats = try await categories(ctx.store)
                    let name = cats.first { $0.id == first.categoryId }?.name ?? ""
                    if try await Settings.get(overBudgetSetting, on: ctx.store) == "refuse" {
                        throw DomainError(
                            .conflict, code: "over_budget", args: [name, Money(fen: max(0, (first.budget ?? 0) - first.used)).description])
                    }
                }
                let extra: [ApprovalService.Step] = over.isEmpty ? [] : [.init(kind: .budget, ref: nil)]
                let approval = try await ApprovalService.submit(
                    .expenseClaim, docId: id, number: c.number, branchId: c.branchId, amount: Money(fen: c.total), extraSteps: extra, ctx)
                try await set(c, .submit, pending: approval != nil, over: !over.isEmpty, ctx)
            case .withdraw:
                try await ApprovalService.withdraw(.expenseClaim, docId: id, ctx)
                try await set(c, .withdraw, over: false, ctx)
            default:
                try await ExpenseWrites.paid(claim: id, at: ctx.nowMillis, on: ctx.store)
                try await set(c, .pay, over: c.overBudget, ctx)
            }
            return try await find(id, ctx)
        }
    }

    /// The one place a claim's state is written.
    static func set(
        _ c: ExpenseClaimRow, _ command: ExpenseClaimFlow.Command, pending: Bool = false, audit: String? = nil, over: Bool,
        _ ctx: ServiceContext
    ) async throws {
        let to = try ExpenseClaimFlow.target(command, from: c.status, number: c.number, pending: pending)
        let action = audit ?? command.rawValue
        try await ExpenseWrites.setStatus(ofClaim: c.id, to, overBudget: over, at: ctx.nowMillis, on: ctx.store)
        try await ctx.audit(
            action, "expense_claim", c.id, branch: c.branchId,
            [FieldChange("status", old: c.status, new: to.rawValue)] + (over ? [FieldChange("over_budget", old: nil, new: "true")] : []))
        // Approved, a claim spent for a campaign is that campaign's cost.
        if to == .approved, c.campaignId != nil, let approved = try await ExpenseQueries.claim(c.id, on: ctx.store) {
            try await ctx.crossings.claimApproved(approved, ctx)
        }
    }

    static func approvalDecided(_ id: Int64, status: String, _ ctx: ServiceContext) async throws {
        guard let c = try await ExpenseQueries.claim(id, on: ctx.store),
            ExpenseClaimFlow.rule(.approve).from.contains(stored: c.status)
        else { return }
        try await set(c, status == "approved" ? .approve : .reject, audit: "approval_" + status, over: c.overBudget, ctx)
    }

    // MARK: - Actual against budget

    public struct ReportRow: Codable, Sendable, Equatable {
        public var branchId: Int64
        public var categoryId: Int64
        public var budget: Int64
        public var actual: Int64
        public var pending: Int64
    }

    /// Per branch and category for a month: the budget (branch and department budgets added up),
    /// what was approved or paid, and what waits for approval.
    public static func report(month: String, branchId: Int64?, _ ctx: ServiceContext) async throws -> [ReportRow] {
        let scope = try ctx.require(.expenses, .approve)
        let budgets = try await ExpenseQueries.budgetTotals(month: month, scope, branch: branchId, on: ctx.store)
        let actual = try await ExpenseQueries.committed(month: month, scope, branch: branchId, on: ctx.store)
        var rows: [String: ReportRow] = [:]
        func key(_ b: Int64, _ c: Int64) -> String { "\(b)|\(c)" }
        for r in budgets {
            rows[key(r.branchId, r.categoryId)] = ReportRow(
                branchId: r.branchId, categoryId: r.categoryId, budget: r.n, actual: 0, pending: 0)
        }
        for r in actual {
            var row =
                rows[key(r.branchId, r.categoryId)]
                ?? ReportRow(branchId: r.branchId, categoryId: r.categoryId, budget: 0, actual: 0, pending: 0)
            if r.status == ExpenseClaimFlow.State.pending.rawValue {
                row.pending = try row.pending.plus(r.n)
            } else {
                row.actual = try row.actual.plus(r.n)
            }
            rows[key(r.branchId, r.categoryId)] = row
        }
        return rows.values.sorted { ($0.branchId, $0.categoryId) < ($1.branchId, $1.categoryId) }
    }
}
