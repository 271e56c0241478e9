/// Rows of the price system and cross-region tables (migration 008).

public struct RegionRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    /// ",北京市,天津市,": the provinces the region covers.
    public var provinces: String
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    public var provinceList: [String] { provinces.split(separator: ",").map(String.init) }
}

public struct PriceListRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var regionId: Int64?
    public var customerLevel: String?
    public var validFrom: String
    public var validTo: String?
    public var active: Bool
    public var note: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct PriceListItemRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var listId: Int64
    public var productId: Int64
    public var unit: String
    public var price: Int64
    public var floorPrice: Int64?
}

public struct SightingRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var productId: Int64?
    public var province: String
    public var city: String?
    public var place: String?
    public var regionId: Int64?
    public var buyerId: Int64?
    public var buyerRegionId: Int64?
    public var sellerId: Int64?
    public var documentId: Int64?
    public var flagged: Bool
    public var status: String
    public var resolution: String?
    public var reportedBy: Int64?
    public var branchId: Int64
    public var createdAt: Int64
    public var closedAt: Int64?
}

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

public struct ChannelReportRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var partnerId: Int64
    public var week: String
    public var productId: Int64
    public var onHand: Int64
    public var sold: Int64
    public var reportedBy: Int64?
    public var createdAt: Int64
}
