/// Rows of expense categories, budgets and claims (migration 009).

public struct ExpenseCategoryRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var active: Bool
}

public struct ExpenseBudgetRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var branchId: Int64
    public var departmentId: Int64?
    public var month: String
    public var categoryId: Int64
    public var amount: Int64
    public var updatedAt: Int64
}

public struct ExpenseClaimRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var status: String
    public var branchId: Int64
    public var departmentId: Int64?
    public var ownerId: Int64
    public var claimDate: String
    public var title: String
    public var total: Int64
    public var overBudget: Bool
    public var partnerId: Int64?
    public var contractId: Int64?
    public var campaign: String?
    public var note: String?
    public var paidAt: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The campaign that brought it (市场活动).
    public var campaignId: Int64?
}

public struct ExpenseClaimLineRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var claimId: Int64
    public var lineNo: Int64
    public var categoryId: Int64
    public var expenseDate: String
    public var amount: Int64
    public var description: String?
}
