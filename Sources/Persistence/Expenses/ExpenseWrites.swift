import DocumentsCore
import Kernel
import SQLKit

/// Writes to budgets and expense claims, inside the services' transactions.
public enum ExpenseWrites {
    /// The budget of a branch (or one of its departments) for a category and month becomes
    /// `amount` fen, or goes when `amount` is nil.
    public static func setBudget(
        branch: Int64, department: Int64?, month: String, category: Int64, amount: Int64?, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            DELETE FROM expense_budgets WHERE branch_id = \(bind: branch) AND COALESCE(department_id, 0) = \(bind: department ?? 0)
            AND month = \(bind: month) AND category_id = \(bind: category)
            """)
        guard let amount else { return }
        try await store.run(
            """
            INSERT INTO expense_budgets (branch_id, department_id, month, category_id, amount, updated_at)
            VALUES (\(bind: branch), \(bind: department), \(bind: month), \(bind: category), \(bind: amount), \(bind: now))
            """)
    }

    /// A claim as validated: its head and its lines.
    public struct Claim: Sendable {
        public struct Line: Sendable {
            public var categoryId: Int64
            public var date: String
            public var amount: Int64
            public var description: String?
            public init(categoryId: Int64, date: String, amount: Int64, description: String?) {
                self.categoryId = categoryId
                self.date = date
                self.amount = amount
                self.description = description
            }
        }
        public var title: String
        public var date: String
        public var partnerId: Int64?
        public var contractId: Int64?
        public var campaign: String?
        public var note: String?
        public var total: Int64
        public var lines: [Line]
        /// The campaign it was spent for: once approved, it counts as that campaign's cost.
        public var campaignId: Int64?
        public init(
            title: String, date: String, partnerId: Int64?, contractId: Int64?, campaign: String?, note: String?, total: Int64,
            lines: [Line], campaignId: Int64? = nil
        ) {
            self.campaignId = campaignId
            self.title = title
            self.date = date
            self.partnerId = partnerId
            self.contractId = contractId
            self.campaign = campaign
            self.note = note
            self.total = total
            self.lines = lines
        }
    }

    /// A new draft claim with its lines.
    public static func insert(
        _ v: Claim, number: String, branch: Int64, department: Int64?, owner: Int64, at now: Int64, on store: Store
    ) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO expense_claims (number, status, branch_id, department_id, owner_id, claim_date, title, total, over_budget, partner_id, contract_id, campaign,
                note, version, created_at, updated_at, campaign_id)
            VALUES (\(bind: number), \(state: ExpenseClaimFlow.State.draft), \(bind: branch), \(bind: department), \(bind: owner), \(bind: v.date), \(bind: v.title), \(bind: v.total),
                \(bind: false), \(bind: v.partnerId), \(bind: v.contractId), \(bind: v.campaign), \(bind: v.note), 1, \(bind: now), \(bind: now),
                \(bind: v.campaignId))
            """)
        try await insertLines(id, v, on: store)
        return id
    }

    /// The claim's head and lines become `v`.
    public static func update(claim id: Int64, _ v: Claim, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE expense_claims SET claim_date = \(bind: v.date), title = \(bind: v.title), total = \(bind: v.total), partner_id = \(bind: v.partnerId),
                contract_id = \(bind: v.contractId), campaign = \(bind: v.campaign), note = \(bind: v.note), campaign_id = \(bind: v.campaignId),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """)
        try await store.run("DELETE FROM expense_claim_lines WHERE claim_id = \(bind: id)")
        try await insertLines(id, v, on: store)
    }

    static func insertLines(_ id: Int64, _ v: Claim, on store: Store) async throws {
        for (i, l) in v.lines.enumerated() {
            try await store.run(
                """
                INSERT INTO expense_claim_lines (claim_id, line_no, category_id, expense_date, amount, description)
                VALUES (\(bind: id), \(bind: Int64(i + 1)), \(bind: l.categoryId), \(bind: l.date), \(bind: l.amount), \(bind: l.description))
                """)
        }
    }

    public static func paid(claim id: Int64, at now: Int64, on store: Store) async throws {
        try await store.run("UPDATE expense_claims SET paid_at = \(bind: now) WHERE id = \(bind: id)")
    }

    /// The one statement that writes a claim's state (the flow decides it).
    public static func setStatus(
        ofClaim id: Int64, _ to: ExpenseClaimFlow.State, overBudget: Bool, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            UPDATE expense_claims SET status = \(bind: to.rawValue), over_budget = \(bind: overBudget), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
    }
}
