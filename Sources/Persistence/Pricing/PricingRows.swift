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
