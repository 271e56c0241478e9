/// Rows of quotes, contracts and payment plans (migration 007), decoded by column name.

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
    /// The campaign that brought it (市场活动).
    public var campaignId: Int64?
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
    /// The campaign that brought it (市场活动).
    public var campaignId: Int64?
    /// Its custom field values, as JSON.
    public var customValues: String
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

public struct InstallmentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var contractId: Int64
    public var seq: Int64
    public var dueDate: String
    public var amount: Int64
    public var settled: Int64
    public var note: String?
}
