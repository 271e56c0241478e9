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
}
