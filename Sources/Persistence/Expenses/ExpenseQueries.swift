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
}
