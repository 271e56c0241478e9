import DocumentsCore
import Kernel
import SQLKit

/// Reads of regions, price lists and cross-region sightings.
public enum PricingQueries {
    public static func regions(on store: Store) async throws -> [RegionRow] {
        try await store.all("SELECT * FROM regions ORDER BY code", as: RegionRow.self)
    }

    public static func region(_ id: Int64, on store: Store) async throws -> RegionRow? {
        try await store.first("SELECT * FROM regions WHERE id = \(bind: id)", as: RegionRow.self)
    }

    public static func region(code: String, on store: Store) async throws -> RegionRow? {
        try await store.first("SELECT * FROM regions WHERE code = \(bind: code)", as: RegionRow.self)
    }

    public static func lists(on store: Store) async throws -> [PriceListRow] {
        try await store.all("SELECT * FROM price_lists ORDER BY valid_from DESC, id DESC", as: PriceListRow.self)
    }

    public static func list(_ id: Int64, on store: Store) async throws -> PriceListRow? {
        try await store.first("SELECT * FROM price_lists WHERE id = \(bind: id)", as: PriceListRow.self)
    }

    public static func list(code: String, on store: Store) async throws -> PriceListRow? {
        try await store.first("SELECT * FROM price_lists WHERE code = \(bind: code)", as: PriceListRow.self)
    }

    public static func items(ofList id: Int64, on store: Store) async throws -> [PriceListItemRow] {
        try await store.all("SELECT * FROM price_list_items WHERE list_id = \(bind: id) ORDER BY id", as: PriceListItemRow.self)
    }

    /// The active price lists that apply on `date` to a customer of this region and level: those
    /// naming neither, or naming theirs.
    public static func listsInForce(on date: String, region: Int64?, level: String?, on store: Store) async throws -> [PriceListRow] {
        try await store.all(
            """
            SELECT * FROM price_lists WHERE active = \(bind: true) AND valid_from <= \(bind: date) AND (valid_to IS NULL OR valid_to >= \(bind: date))
            AND (region_id IS NULL OR region_id = \(bind: region ?? -1)) AND (customer_level IS NULL OR customer_level = \(bind: level ?? ""))
            """, as: PriceListRow.self)
    }

    /// The items of these lists, of these products only when `products` is given.
    public static func items(ofLists lists: [Int64], products: [Int64]? = nil, on store: Store) async throws -> [PriceListItemRow] {
        guard !lists.isEmpty, products?.isEmpty != true else { return [] }
        var q: SQLQueryString = "SELECT * FROM price_list_items WHERE list_id IN (\(binds: lists.map { $0 as any Encodable & Sendable }))"
        if let products { q += " AND product_id IN (\(binds: products.map { $0 as any Encodable & Sendable }))" }
        return try await store.all(q, as: PriceListItemRow.self)
    }

    /// The latest posted delivery (not reversed) of a batch or serial number, of one product when given.
    public struct BatchSale: Decodable, Sendable {
        public var documentId: Int64
        public var number: String
        public var postingDate: String
        public var productId: Int64
        public var partnerId: Int64
    }

    public static func lastDelivery(ofBatch code: String, product: Int64?, on store: Store) async throws -> BatchSale? {
        var q: SQLQueryString = """
            SELECT d.id AS document_id, d.number, d.posting_date, l.product_id, d.partner_id FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id
            WHERE l.batch = \(bind: code) AND d.doc_type = 'salesDelivery' AND d.status = \(state: StockDocumentFlow.State.posted) AND d.reversal_of IS NULL AND d.partner_id IS NOT NULL
            """
        if let product { q += " AND l.product_id = \(bind: product)" }
        q += " ORDER BY d.posting_date DESC, d.id DESC LIMIT 1"
        return try await store.first(q, as: BatchSale.self)
    }

    public static func sighting(_ id: Int64, on store: Store) async throws -> SightingRow? {
        try await store.first("SELECT * FROM sightings WHERE id = \(bind: id)", as: SightingRow.self)
    }

    /// Sightings in scope, newest first, a page at a time; `openOnly`: the flagged cases still open.
    public static func sightings(
        _ scope: RowScope, openOnly: Bool, before: Int64?, limit: Int, on store: Store
    ) async throws -> [SightingRow] {
        var q: SQLQueryString = "SELECT * FROM sightings WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "seller_id"))
        if openOnly { q += " AND flagged = \(bind: true) AND status = 'open'" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: SightingRow.self)
    }

    /// Posted deliveries in a period against the list prices they were written with, in scope,
    /// grouped by the customer's own region and province, the product, or the salesperson.
    public enum DeviationGrouping: Sendable { case region, product, salesperson }

    public struct DeviationSum: Decodable, Sendable {
        public var key: Int64?
        public var province: String?
        public var lines: Int64
        public var listAmount: Int64
        public var actualAmount: Int64
        public var belowFloor: Int64
    }

    public static func deviation(
        from: String, to: String, by group: DeviationGrouping, _ scope: RowScope, on store: Store
    ) async throws -> [DeviationSum] {
        let key: SQLQueryString =
            switch group {
            case .region: "p.region_id AS key, p.province"
            case .product: "l.product_id AS key, NULL AS province"
            case .salesperson: "p.owner_id AS key, NULL AS province"
            }
        var q: SQLQueryString = "SELECT "
        q += key
        q += """
            , COUNT(*) AS lines, CAST(SUM(l.list_amount) AS BIGINT) AS list_amount, CAST(SUM(l.amount) AS BIGINT) AS actual_amount,
            CAST(SUM(CASE WHEN l.unit_price < l.floor_price THEN 1 ELSE 0 END) AS BIGINT) AS below_floor
            FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id JOIN partners p ON p.id = d.partner_id
            WHERE d.doc_type = 'salesDelivery' AND d.status = \(state: StockDocumentFlow.State.posted) AND d.reversal_of IS NULL AND l.list_amount IS NOT NULL AND l.amount IS NOT NULL
            AND d.posting_date >= \(bind: from) AND d.posting_date <= \(bind: to) AND
            """
        q += " "
        q += ScopeFilter.condition(scope, .init(branch: "d.branch_id", department: nil, owner: "p.owner_id"))
        switch group {
        case .region: q += " GROUP BY p.region_id, p.province"
        case .product: q += " GROUP BY l.product_id"
        case .salesperson: q += " GROUP BY p.owner_id"
        }
        return try await store.all(q, as: DeviationSum.self)
    }
}
