/// Rows of inter-branch trade: transfer prices and transfers (migration 010).

public struct TransferPriceRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var fromBranchId: Int64
    public var toBranchId: Int64
    public var method: String
    public var markup: Int64
    public var priceListId: Int64?
    public var updatedAt: Int64
}

public struct BranchTransferRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var status: String
    public var fromBranchId: Int64
    public var toBranchId: Int64
    public var fromWarehouseId: Int64
    public var toWarehouseId: Int64
    public var sentDate: String
    public var receivedDate: String?
    public var deliveryId: Int64
    public var receiptId: Int64
    public var method: String
    public var markup: Int64
    public var totalCost: Int64
    public var totalAmount: Int64
    public var createdBy: Int64?
    public var createdAt: Int64
    public var version: Int64
}

public struct BranchTransferLineRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var transferId: Int64
    public var productId: Int64
    public var deliveryLineId: Int64
    public var receiptLineId: Int64
    public var baseQty: Int64
    public var cost: Int64
    public var amount: Int64
}
