import SQLKit

/// Batches and their dates: what was recorded when a batch came in, which batches of a product a
/// warehouse holds (first to expire first), and what is near or past its expiry.
public enum BatchQueries {
    public struct BatchRow: Codable, Sendable, Equatable {
        public var productId: Int64
        public var batch: String
        public var productionDate: String?
        public var expiryDate: String?
        public init(productId: Int64, batch: String, productionDate: String?, expiryDate: String?) {
            self.productId = productId
            self.batch = batch
            self.productionDate = productionDate
            self.expiryDate = expiryDate
        }
    }

    /// The recorded dates of these batches of one product, by batch.
    public static func dates(product: Int64, batches: [String], on store: Store) async throws -> [String: BatchRow] {
        guard !batches.isEmpty else { return [:] }
        let rows = try await store.all(
            """
            SELECT product_id, batch, production_date, expiry_date FROM batches
            WHERE product_id = \(bind: product) AND batch IN (\(binds: Array(Set(batches)).map { $0 as any Encodable & Sendable }))
            """, as: BatchRow.self)
        return Dictionary(rows.map { ($0.batch, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Records a batch's dates (the caller has checked that any it replaces may be replaced).
    public static func record(_ b: BatchRow, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO batches (product_id, batch, production_date, expiry_date, created_at)
            VALUES (\(bind: b.productId), \(bind: b.batch), \(bind: b.productionDate), \(bind: b.expiryDate), \(bind: now))
            ON CONFLICT (product_id, batch) DO UPDATE SET production_date = excluded.production_date, expiry_date = excluded.expiry_date
            """)
    }

    /// Whether any stock of the batch has ever been posted (its dates are then facts on record).
    public static func posted(product: Int64, batch: String, on store: Store) async throws -> Bool {
        try await store.scalar(
            "SELECT id AS value FROM stock_entries WHERE product_id = \(bind: product) AND batch = \(bind: batch) LIMIT 1",
            as: Int64.self) != nil
    }

    public struct OnHand: Codable, Sendable, Equatable {
        public var batch: String
        public var qty: Int64
        public var productionDate: String?
        public var expiryDate: String?
    }

    /// The batches of a product a warehouse holds, the first to expire first (undated ones last,
    /// then by name): the order a delivery should take them in (FEFO).
    public static func onHand(product: Int64, warehouse: Int64, on store: Store) async throws -> [OnHand] {
        try await store.all(
            """
            SELECT s.batch, s.qty, b.production_date, b.expiry_date
            FROM stock_balances s LEFT JOIN batches b ON b.product_id = s.product_id AND b.batch = s.batch
            WHERE s.product_id = \(bind: product) AND s.warehouse_id = \(bind: warehouse) AND s.batch <> '' AND s.qty > 0
            ORDER BY CASE WHEN b.expiry_date IS NULL THEN 1 ELSE 0 END, b.expiry_date, s.batch
            """, as: OnHand.self)
    }

    public struct Dated: Codable, Sendable, Equatable {
        public var productId: Int64
        public var code: String
        public var name: String
        public var baseUnit: String
        public var shelfLifeDays: Int64?
        public var warehouseId: Int64
        public var warehouse: String
        public var batch: String
        public var qty: Int64
        public var value: Int64
        public var productionDate: String?
        public var expiryDate: String
    }

    /// Stock in these warehouses whose batch expires on or before `through` (expired ones too),
    /// the first to expire first.
    public static func expiring(through: String, warehouses: [Int64], on store: Store) async throws -> [Dated] {
        guard !warehouses.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT s.product_id, p.code, p.name, p.base_unit, p.shelf_life_days, s.warehouse_id, w.name AS warehouse, s.batch, s.qty,
                   s.value, b.production_date, b.expiry_date
            FROM stock_balances s JOIN batches b ON b.product_id = s.product_id AND b.batch = s.batch
                JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id
            WHERE s.qty > 0 AND b.expiry_date IS NOT NULL AND b.expiry_date <= \(bind: through)
                AND s.warehouse_id IN (\(binds: warehouses.map { $0 as any Encodable & Sendable }))
            ORDER BY b.expiry_date, p.code, w.code, s.batch
            """, as: Dated.self)
    }
}
