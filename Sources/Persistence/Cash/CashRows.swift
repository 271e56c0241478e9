/// Rows of invoices, payments, open items and settlements (migration 007), decoded by column name.

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
    /// nil for an opening balance (`source` opening), which names a document of the old books only.
    public var productId: Int64?
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
