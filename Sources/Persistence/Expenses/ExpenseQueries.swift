import DocumentsCore
import Kernel
import SQLKit

/// Expense claims as the management reports count them: approved or paid (`ExpenseClaimFlow.spent`).
public enum ExpenseQueries {
    public struct Month: Decodable, Sendable, Equatable {
        public var branchId: Int64
        public var month: String
        public var amount: Int64
    }

    /// Spent per branch and month (yyyy-MM) between two dates.
    public static func spentByMonth(from: String, to: String, on store: Store) async throws -> [Month] {
        try await store.all(
            """
            SELECT branch_id, SUBSTR(claim_date, 1, 7) AS month, CAST(SUM(total) AS BIGINT) AS amount FROM expense_claims
            WHERE status IN (\(states: ExpenseClaimFlow.spent)) AND claim_date >= \(bind: from) AND claim_date <= \(bind: to)
            GROUP BY branch_id, SUBSTR(claim_date, 1, 7) ORDER BY branch_id, SUBSTR(claim_date, 1, 7)
            """, as: Month.self)
    }

    public struct Claim: Decodable, Sendable, Equatable {
        public var id: Int64
        public var number: String
        public var claimDate: String
        public var title: String
        public var total: Int64
    }

    /// The claims behind those figures for some branches.
    public static func spent(branches: [Int64], from: String, to: String, on store: Store) async throws -> [Claim] {
        guard !branches.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT id, number, claim_date, title, total FROM expense_claims
            WHERE branch_id IN (\(binds: branches.map { $0 as any Encodable & Sendable })) AND status IN (\(states: ExpenseClaimFlow.spent))
            AND claim_date >= \(bind: from) AND claim_date <= \(bind: to) ORDER BY claim_date, id
            """, as: Claim.self)
    }

    public static func categories(on store: Store) async throws -> [ExpenseCategoryRow] {
        try await store.all("SELECT * FROM expense_categories ORDER BY id", as: ExpenseCategoryRow.self)
    }

    /// A month's budgets in scope, of one branch when given.
    public static func budgets(month: String, _ scope: RowScope, branch: Int64?, on store: Store) async throws -> [ExpenseBudgetRow] {
        var q: SQLQueryString = "SELECT * FROM expense_budgets WHERE month = \(bind: month) AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: nil))
        if let branch { q += " AND branch_id = \(bind: branch)" }
        q += " ORDER BY branch_id, department_id, category_id"
        return try await store.all(q, as: ExpenseBudgetRow.self)
    }

    public static func claim(_ id: Int64, on store: Store) async throws -> ExpenseClaimRow? {
        try await store.first("SELECT * FROM expense_claims WHERE id = \(bind: id)", as: ExpenseClaimRow.self)
    }

    public static func lines(ofClaim id: Int64, on store: Store) async throws -> [ExpenseClaimLineRow] {
        try await store.all("SELECT * FROM expense_claim_lines WHERE claim_id = \(bind: id) ORDER BY line_no", as: ExpenseClaimLineRow.self)
    }

    /// Claims in scope, newest first, a page at a time; `owner`: only that person's.
    public static func claims(
        _ scope: RowScope, owner: Int64?, status: String?, before: Int64?, limit: Int, on store: Store
    ) async throws -> [ExpenseClaimRow] {
        var q: SQLQueryString = "SELECT * FROM expense_claims WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: "owner_id"))
        if let owner { q += " AND owner_id = \(bind: owner)" }
        if let status, !status.isEmpty { q += " AND status = \(bind: status)" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: ExpenseClaimRow.self)
    }

    public struct Budget: Decodable, Sendable {
        public var amount: Int64
        public var departmentId: Int64?
    }

    /// The budgets a claim of this branch and department counts against for a category and month
    /// (the branch's and the department's own), locked until the transaction ends.
    public static func budgetsLocked(
        branch: Int64, department: Int64?, month: String, category: Int64, on store: Store
    ) async throws -> [Budget] {
        try await store.all(
            """
            SELECT amount, department_id FROM expense_budgets WHERE branch_id = \(bind: branch) AND month = \(bind: month) AND category_id = \(bind: category)
            AND (department_id IS NULL OR department_id = \(bind: department ?? -1)) ORDER BY id
            """ + store.forUpdate, as: Budget.self)
    }

    /// What committed claims of the branch (of one department when given), other than `except`,
    /// used of a category in a month.
    public static func used(
        branch: Int64, department: Int64?, month: String, category: Int64, except: Int64, on store: Store
    ) async throws -> Int64 {
        var q: SQLQueryString = """
            SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS n FROM expense_claim_lines l JOIN expense_claims e ON e.id = l.claim_id
            WHERE e.branch_id = \(bind: branch) AND e.status IN (\(states: ExpenseClaimFlow.committed)) AND e.id <> \(bind: except) AND l.category_id = \(bind: category)
            AND e.claim_date >= \(bind: month + "-01") AND e.claim_date <= \(bind: month + "-31")
            """
        if let department { q += " AND e.department_id = \(bind: department)" }
        return try await store.scalar(q, as: Int64.self) ?? 0
    }

    public struct BudgetTotal: Decodable, Sendable {
        public var branchId: Int64
        public var categoryId: Int64
        public var n: Int64
    }

    /// A month's budgets per branch and category (branch and department budgets added up).
    public static func budgetTotals(month: String, _ scope: RowScope, branch: Int64?, on store: Store) async throws -> [BudgetTotal] {
        var b: SQLQueryString =
            "SELECT branch_id, category_id, CAST(SUM(amount) AS BIGINT) AS n FROM expense_budgets WHERE month = \(bind: month) AND "
        b += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: nil))
        if let branch { b += " AND branch_id = \(bind: branch)" }
        b += " GROUP BY branch_id, category_id"
        return try await store.all(b, as: BudgetTotal.self)
    }

    public struct Committed: Decodable, Sendable {
        public var branchId: Int64
        public var categoryId: Int64
        public var status: String
        public var n: Int64
    }

    /// A month's committed claims per branch, category and state.
    public static func committed(month: String, _ scope: RowScope, branch: Int64?, on store: Store) async throws -> [Committed] {
        var a: SQLQueryString = """
            SELECT e.branch_id, l.category_id, e.status, CAST(SUM(l.amount) AS BIGINT) AS n FROM expense_claim_lines l JOIN expense_claims e ON e.id = l.claim_id
            WHERE e.claim_date >= \(bind: month + "-01") AND e.claim_date <= \(bind: month + "-31") AND e.status IN (\(states: ExpenseClaimFlow.committed)) AND
            """
        a += " "
        a += ScopeFilter.condition(scope, .init(branch: "e.branch_id", department: "e.department_id", owner: nil))
        if let branch { a += " AND e.branch_id = \(bind: branch)" }
        a += " GROUP BY e.branch_id, l.category_id, e.status"
        return try await store.all(a, as: Committed.self)
    }
}
