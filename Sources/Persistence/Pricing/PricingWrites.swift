import Kernel
import SQLKit

/// Writes to the regions, price lists and sightings, inside the services' transactions.
public enum PricingWrites {
    /// `provinces` as stored: ",广东,广西," (commas around each, so one is found with LIKE).
    public static func insertRegion(
        code: String, name: String, provinces: String, active: Bool, at now: Int64, on store: Store
    ) async throws
        -> Int64
    {
        try await store.insertReturningID(
            """
            INSERT INTO regions (code, name, provinces, active, version, created_at, updated_at)
            VALUES (\(bind: code), \(bind: name), \(bind: provinces), \(bind: active), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func updateRegion(
        _ id: Int64, code: String, name: String, provinces: String, active: Bool, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            UPDATE regions SET code = \(bind: code), name = \(bind: name), provinces = \(bind: provinces), active = \(bind: active),
                version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
    }

    /// A price list's head as validated.
    public struct List: Sendable {
        public var code: String
        public var name: String
        public var regionId: Int64?
        public var customerLevel: String?
        public var validFrom: String
        public var validTo: String?
        public var active: Bool
        public var note: String?
        public init(
            code: String, name: String, regionId: Int64?, customerLevel: String?, validFrom: String, validTo: String?, active: Bool,
            note: String?
        ) {
            self.code = code
            self.name = name
            self.regionId = regionId
            self.customerLevel = customerLevel
            self.validFrom = validFrom
            self.validTo = validTo
            self.active = active
            self.note = note
        }
    }

    /// One price of a list: a product in a unit, its price and floor in fen per unit.
    public struct Item: Sendable {
        public var productId: Int64
        public var unit: String
        public var price: Int64
        public var floor: Int64?
        public init(productId: Int64, unit: String, price: Int64, floor: Int64?) {
            self.productId = productId
            self.unit = unit
            self.price = price
            self.floor = floor
        }
    }

    public static func insert(_ v: List, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO price_lists (code, name, region_id, customer_level, valid_from, valid_to, active, note, version, created_at, updated_at)
            VALUES (\(bind: v.code), \(bind: v.name), \(bind: v.regionId), \(bind: v.customerLevel), \(bind: v.validFrom), \(bind: v.validTo),
                \(bind: v.active), \(bind: v.note), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func update(list id: Int64, _ v: List, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE price_lists SET code = \(bind: v.code), name = \(bind: v.name), region_id = \(bind: v.regionId), customer_level = \(bind: v.customerLevel),
                valid_from = \(bind: v.validFrom), valid_to = \(bind: v.validTo), active = \(bind: v.active), note = \(bind: v.note),
                version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
    }

    /// The list's items become exactly these (500 to a statement).
    public static func setItems(ofList id: Int64, _ items: [Item], on store: Store) async throws {
        try await store.run("DELETE FROM price_list_items WHERE list_id = \(bind: id)")
        for chunk in items.chunked(500) {
            var q: SQLQueryString = "INSERT INTO price_list_items (list_id, product_id, unit, price, floor_price) VALUES "
            for (k, it) in chunk.enumerated() {
                q += k == 0 ? "" : ", "
                q += "(\(bind: id), \(bind: it.productId), \(bind: it.unit), \(bind: it.price), \(bind: it.floor))"
            }
            try await store.run(q)
        }
    }

    /// Deletes a list and its items; false (nothing deleted) while a transfer price names it.
    public static func delete(list id: Int64, on store: Store) async throws -> Bool {
        struct N: Decodable { var n: Int64 }
        let users = try await store.first("SELECT COUNT(*) AS n FROM transfer_prices WHERE price_list_id = \(bind: id)", as: N.self)
        guard users?.n == 0 else { return false }
        try await store.run("DELETE FROM price_list_items WHERE list_id = \(bind: id)")
        try await store.run("DELETE FROM price_lists WHERE id = \(bind: id)")
        return true
    }

    /// A sighting as reported and traced.
    public struct Sighting: Sendable {
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
        public var reportedBy: Int64?
        public var branchId: Int64
        public init(
            code: String, productId: Int64?, province: String, city: String?, place: String?, regionId: Int64?, buyerId: Int64?,
            buyerRegionId: Int64?, sellerId: Int64?, documentId: Int64?, flagged: Bool, status: String, reportedBy: Int64?, branchId: Int64
        ) {
            self.code = code
            self.productId = productId
            self.province = province
            self.city = city
            self.place = place
            self.regionId = regionId
            self.buyerId = buyerId
            self.buyerRegionId = buyerRegionId
            self.sellerId = sellerId
            self.documentId = documentId
            self.flagged = flagged
            self.status = status
            self.reportedBy = reportedBy
            self.branchId = branchId
        }
    }

    public static func insert(_ s: Sighting, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO sightings (code, product_id, province, city, place, region_id, buyer_id, buyer_region_id, seller_id, document_id, flagged, status,
                reported_by, branch_id, created_at)
            VALUES (\(bind: s.code), \(bind: s.productId), \(bind: s.province), \(bind: s.city), \(bind: s.place), \(bind: s.regionId),
                \(bind: s.buyerId), \(bind: s.buyerRegionId), \(bind: s.sellerId), \(bind: s.documentId), \(bind: s.flagged),
                \(bind: s.status), \(bind: s.reportedBy), \(bind: s.branchId), \(bind: now))
            """)
    }

    public static func close(sighting id: Int64, resolution: String, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE sightings SET status = 'closed', resolution = \(bind: resolution), closed_at = \(bind: now) WHERE id = \(bind: id)")
    }
}
