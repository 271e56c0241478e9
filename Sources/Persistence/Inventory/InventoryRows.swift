public struct CategoryRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var parentId: Int64?
    public var code: String
    public var name: String
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct ProductRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var spec: String?
    public var searchText: String
    public var categoryId: Int64?
    public var baseUnit: String
    public var costingMethod: String
    public var tracking: String
    /// Basis points: 1300 = 13%.
    public var taxRate: Int64
    /// Millionths of a yuan per base unit.
    public var purchasePrice: Int64
    public var salePrice: Int64
    public var floorPrice: Int64
    public var standardCost: Int64
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    /// 保质期 in days, for products whose batches expire.
    public var shelfLifeDays: Int64?
    /// Its custom field values, as JSON (nil where a query did not read them).
    public var customValues: String?
}

public struct ProductUnitRow: Codable, Sendable, Equatable {
    public var productId: Int64
    public var name: String
    /// Millionths: how many base units one of this unit is.
    public var factor: Int64
    public var barcode: String?
}

public struct WarehouseRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var branchId: Int64
    public var kind: String
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct StockLevelRow: Codable, Sendable, Equatable {
    public var productId: Int64
    public var warehouseId: Int64
    public var safetyQty: Int64
    public var maxQty: Int64?
}

public struct PartnerRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var nameKey: String
    public var searchText: String
    public var kind: String
    public var isCustomer: Bool
    public var isSupplier: Bool
    public var uscc: String?
    public var phone: String?
    public var email: String?
    public var address: String?
    public var branchId: Int64
    public var ownerId: Int64?
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    // The CRM's side of the partner (migration 005).
    public var industry: String?
    public var level: String?
    public var source: String?
    public var status: String
    /// ",vip,exhibition," (commas around each tag, so one tag is found with LIKE '%,vip,%').
    public var tags: String
    public var internalBranchId: Int64?
    public var regionId: Int64?
    public var province: String?
    public var city: String?
    public var district: String?
    public var street: String?
    /// Micro-degrees.
    public var latitude: Int64?
    public var longitude: Int64?
    public var website: String?
    /// Fen.
    public var creditLimit: Int64?
    public var departmentId: Int64?
    public var poolId: Int64?
    public var poolExempt: Bool
    public var assignedAt: Int64?
    public var previousOwnerId: Int64?
    public var releasedAt: Int64?
    public var lastActivityAt: Int64?
    public var nextFollowUp: String?
    public var lastWonAt: Int64?
    public var phoneDigits: String?
    /// JSON object of custom field values by key.
    public var customValues: String
    public var note: String?
    /// The campaign that brought it (市场活动).
    public var campaignId: Int64?

    public var tagList: [String] { tags.split(separator: ",").map(String.init) }
}

public struct StockDocumentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var docType: String
    public var status: String
    public var branchId: Int64
    public var partnerId: Int64?
    public var postingDate: String
    public var reason: String?
    public var note: String?
    public var orderId: Int64?
    public var reversalOf: Int64?
    public var ownerId: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    public var postedAt: Int64?
    public var cancelledAt: Int64?
}

public struct StockLineRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var documentId: Int64
    public var lineNo: Int64
    public var productId: Int64
    public var unit: String
    public var factor: Int64
    public var quantity: Int64
    public var baseQty: Int64
    public var warehouseId: Int64
    public var toWarehouseId: Int64?
    public var batch: String?
    public var unitCost: Int64?
    public var unitPrice: Int64?
    public var returnOfLineId: Int64?
    public var orderLineId: Int64?
    public var bookQty: Int64?
    public var costValue: Int64?
    public var amount: Int64?
    public var listPrice: Int64?
    public var listAmount: Int64?
    public var floorPrice: Int64?
    public var fixedValue: Int64?
    /// The batch's dates, where recorded (read with the lines, not stored on them).
    public var productionDate: String?
    public var expiryDate: String?
}

public struct StockEntryRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var productId: Int64
    public var warehouseId: Int64
    public var scopeKey: String
    public var batch: String
    public var postingDate: String
    public var documentId: Int64
    public var lineId: Int64
    public var kind: String
    public var qty: Int64
    public var value: Int64
    public var settlesLineId: Int64?
    public var createdAt: Int64
    /// The line the entry's document line returns; only a replay reads it (Ledger.replay).
    public var returnOfLineId: Int64?
}

/// A replay reads a product's whole ledger after a checkpoint, field by field: a receipt dated
/// before 100,000 entries re-costed in 0.51 s instead of 0.71–0.79 s (of which SQLite's own
/// reading is 0.06 s).
extension StockEntryRow: FieldDecodable {
    init(fields f: RowFields) throws {
        id = try f.int64("id")
        productId = try f.int64("productId")
        warehouseId = try f.int64("warehouseId")
        scopeKey = try f.string("scopeKey")
        batch = try f.string("batch")
        postingDate = try f.string("postingDate")
        documentId = try f.int64("documentId")
        lineId = try f.int64("lineId")
        kind = try f.string("kind")
        qty = try f.int64("qty")
        value = try f.int64("value")
        settlesLineId = try f.int64IfPresent("settlesLineId")
        createdAt = try f.int64("createdAt")
        returnOfLineId = try f.int64IfPresent("returnOfLineId")
    }
}

public struct BalanceRow: Codable, Sendable, Equatable {
    public var productId: Int64
    public var warehouseId: Int64
    public var batch: String
    public var qty: Int64
    public var value: Int64
}

public struct OrderRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var kind: String
    public var status: String
    public var branchId: Int64
    public var partnerId: Int64
    public var orderDate: String
    public var expectedDate: String?
    public var ownerId: Int64?
    public var note: String?
    public var contractId: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    /// Its custom field values, as JSON (nil where a query did not read them).
    public var customValues: String?
}

public struct OrderLineRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var orderId: Int64
    public var lineNo: Int64
    public var productId: Int64
    public var unit: String
    public var factor: Int64
    public var quantity: Int64
    public var baseQty: Int64
    public var unitPrice: Int64
    public var warehouseId: Int64
    public var doneQty: Int64
    public var contractLineId: Int64?
    public var listPrice: Int64?
}
