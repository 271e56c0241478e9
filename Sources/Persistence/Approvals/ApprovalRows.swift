/// Rows of the approval tables (migration 007), decoded by column name.

public struct ApprovalRuleRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var docType: String
    public var branchId: Int64?
    public var minAmount: Int64
    public var name: String
    public var steps: String
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct ApprovalRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var docType: String
    public var docId: Int64
    public var docNumber: String
    public var branchId: Int64
    public var amount: Int64
    public var ruleId: Int64?
    public var submitterId: Int64
    public var status: String
    public var stepNo: Int64
    public var stepCount: Int64
    public var createdAt: Int64
    public var decidedAt: Int64?
}

public struct ApprovalAssigneeRow: Codable, Sendable, Equatable {
    public var approvalId: Int64
    public var stepNo: Int64
    public var userId: Int64
    public var stepKind: String
}

public struct ApprovalActionRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var approvalId: Int64
    public var stepNo: Int64
    public var userId: Int64
    public var action: String
    public var comment: String?
    public var at: Int64
}
