/// Rows of the order-to-cash tables (migration 007), decoded by column name.

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

public struct QuoteRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var status: String
    public var branchId: Int64
    public var partnerId: Int64
    public var opportunityId: Int64?
    public var title: String
    public var quoteDate: String
    public var validUntil: String
    public var netAmount: Int64
    public var taxAmount: Int64
    public var totalAmount: Int64
    public var belowFloor: Bool
    public var ownerId: Int64?
    public var departmentId: Int64?
    public var note: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct QuoteLineRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var quoteId: Int64
    public var lineNo: Int64
    public var productId: Int64
    public var unit: String
    public var factor: Int64
    public var quantity: Int64
    public var baseQty: Int64
    public var listPrice: Int64
    public var discount: Int64
    public var unitPrice: Int64
    public var floorPrice: Int64
    public var taxRate: Int64
    public var amount: Int64
    public var taxAmount: Int64
    public var isBelowFloor: Bool { unitPrice < floorPrice }
}

public struct ContractRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var kind: String
    public var status: String
    public var branchId: Int64
    public var partnerId: Int64
    public var quoteId: Int64?
    public var opportunityId: Int64?
    public var renewalOf: Int64?
    public var title: String
    public var signDate: String
    public var startDate: String
    public var endDate: String
    public var renewNoticeDays: Int64
    public var netAmount: Int64
    public var taxAmount: Int64
    public var totalAmount: Int64
    public var ownerId: Int64?
    public var departmentId: Int64?
    public var endReason: String?
    public var note: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct ContractLineRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var contractId: Int64
    public var lineNo: Int64
    public var productId: Int64
    public var unit: String
    public var factor: Int64
    public var quantity: Int64
    public var baseQty: Int64
    public var unitPrice: Int64
    public var taxRate: Int64
    public var amount: Int64
    public var taxAmount: Int64
    public var invoicedAmount: Int64
    public var advanceOpen: Int64
}

/// A file attached to a contract or an expense claim (`ownerId` is the one it belongs to).
public struct AttachmentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var ownerId: Int64
    public var fileName: String
    public var contentType: String
    public var size: Int64
    public var storedName: String
    public var uploadedBy: Int64?
    public var createdAt: Int64
}

public struct InstallmentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var contractId: Int64
    public var seq: Int64
    public var dueDate: String
    public var amount: Int64
    public var settled: Int64
    public var note: String?
}

public struct InvoiceRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var side: String
    public var kind: String
    public var invoiceNo: String?
    public var status: String
    public var branchId: Int64
    public var partnerId: Int64
    public var contractId: Int64?
    public var invoiceDate: String
    public var netAmount: Int64
    public var taxAmount: Int64
    public var totalAmount: Int64
    public var ownerId: Int64?
    public var note: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct InvoiceLineRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var invoiceId: Int64
    public var lineNo: Int64
    public var productId: Int64
    public var stockLineId: Int64?
    public var contractLineId: Int64?
    public var baseQty: Int64
    public var taxRate: Int64
    public var amount: Int64
    public var taxAmount: Int64
}

public struct PaymentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var direction: String
    public var status: String
    public var branchId: Int64
    public var partnerId: Int64
    public var contractId: Int64?
    public var paymentDate: String
    public var amount: Int64
    public var applied: Int64
    public var method: String
    public var reference: String?
    public var ownerId: Int64?
    public var note: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct OpenItemRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var side: String
    public var source: String
    public var partnerId: Int64
    public var branchId: Int64
    public var contractId: Int64?
    public var docId: Int64
    public var docNumber: String
    public var lineId: Int64
    public var productId: Int64
    public var docDate: String
    public var amount: Int64
    public var invoiced: Int64
    public var settled: Int64
    public var residual: Int64
}

public struct SettlementRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var paymentId: Int64
    public var itemId: Int64
    public var amount: Int64
    public var at: Int64
}
