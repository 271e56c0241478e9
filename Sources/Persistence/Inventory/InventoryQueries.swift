import DocumentsCore
import Kernel
import SQLKit

/// Reads of the 进销存 master data, orders and documents (writes: `InventoryWrites`).
public enum InventoryQueries {
    public static func product(_ id: Int64, on store: Store) async throws -> ProductRow? {
        try await store.first("SELECT * FROM products WHERE id = \(bind: id)", as: ProductRow.self)
    }

    public static func product(code: String, on store: Store) async throws -> ProductRow? {
        try await store.first("SELECT * FROM products WHERE code = \(bind: code)", as: ProductRow.self)
    }

    public static func products(ids: [Int64], on store: Store) async throws -> [Int64: ProductRow] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await store.all(
            "SELECT * FROM products WHERE id IN (\(binds: Array(Set(ids)).map { $0 as any Encodable & Sendable }))", as: ProductRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    public static func units(of productId: Int64, on store: Store) async throws -> [ProductUnitRow] {
        try await store.all(
            "SELECT * FROM product_units WHERE product_id = \(bind: productId) ORDER BY factor, name", as: ProductUnitRow.self)
    }

    public static func units(of productIds: [Int64], on store: Store) async throws -> [Int64: [ProductUnitRow]] {
        guard !productIds.isEmpty else { return [:] }
        let rows = try await store.all(
            "SELECT * FROM product_units WHERE product_id IN (\(binds: Array(Set(productIds)).map { $0 as any Encodable & Sendable })) ORDER BY factor",
            as: ProductUnitRow.self)
        return Dictionary(grouping: rows, by: \.productId)
    }

    public static func unit(barcode: String, on store: Store) async throws -> ProductUnitRow? {
        try await store.first("SELECT * FROM product_units WHERE barcode = \(bind: barcode)", as: ProductUnitRow.self)
    }

    public struct ProductFilter: Sendable {
        public var q: String?
        public var categoryId: Int64?
        public var active: Bool?
        public init(q: String? = nil, categoryId: Int64? = nil, active: Bool? = nil) {
            self.q = q
            self.categoryId = categoryId
            self.active = active
        }
    }

    /// Products by code order, keyset-paged; `q` matches code, name, pinyin, initials or a barcode.
    public static func products(filter: ProductFilter, limit: Int, cursor: Cursor?, on store: Store) async throws -> Page<ProductRow> {
        var q: SQLQueryString = "SELECT * FROM products WHERE 1 = 1"
        if let text = filter.q?.lowercased().trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let like = "%" + Search.escapeLike(text) + "%"
            q +=
                " AND (search_text LIKE \(bind: like) ESCAPE '\\' OR id IN (SELECT product_id FROM product_units WHERE barcode = \(bind: text)))"
        }
        if let c = filter.categoryId { q += " AND category_id = \(bind: c)" }
        if let a = filter.active { q += " AND active = \(bind: a)" }
        q += try Cursor.condition(cursor, column: "code", descending: false)
        q += Cursor.orderBy(column: "code", descending: false, limit: limit)
        let rows = try await store.all(q, as: ProductRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .text($0.code), id: $0.id) }
    }

    public static func categories(on store: Store) async throws -> [CategoryRow] {
        try await store.all("SELECT * FROM product_categories ORDER BY code", as: CategoryRow.self)
    }

    public static func warehouses(on store: Store) async throws -> [WarehouseRow] {
        try await store.all("SELECT * FROM warehouses ORDER BY code", as: WarehouseRow.self)
    }

    public static func warehouses(ids: [Int64], on store: Store) async throws -> [Int64: WarehouseRow] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await store.all(
            "SELECT * FROM warehouses WHERE id IN (\(binds: Array(Set(ids)).map { $0 as any Encodable & Sendable }))", as: WarehouseRow.self
        )
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    public static func warehouse(_ id: Int64, on store: Store) async throws -> WarehouseRow? {
        try await store.first("SELECT * FROM warehouses WHERE id = \(bind: id)", as: WarehouseRow.self)
    }

    public static func stockLevels(productId: Int64, on store: Store) async throws -> [StockLevelRow] {
        try await store.all(
            "SELECT * FROM stock_levels WHERE product_id = \(bind: productId) ORDER BY warehouse_id", as: StockLevelRow.self)
    }

    public static func partner(_ id: Int64, on store: Store) async throws -> PartnerRow? {
        try await store.first("SELECT * FROM partners WHERE id = \(bind: id)", as: PartnerRow.self)
    }

    public struct PartnerFilter: Sendable {
        public var q: String?
        public var customer: Bool?
        public var supplier: Bool?
        public init(q: String? = nil, customer: Bool? = nil, supplier: Bool? = nil) {
            self.q = q
            self.customer = customer
            self.supplier = supplier
        }
    }

    public static func partners(
        scope: RowScope, filter: PartnerFilter, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<PartnerRow> {
        var q: SQLQueryString = "SELECT * FROM partners WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        if let text = filter.q?.lowercased().trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let like = "%" + Search.escapeLike(text) + "%"
            q +=
                " AND (search_text LIKE \(bind: like) ESCAPE '\\' OR phone LIKE \(bind: like) ESCAPE '\\' OR LOWER(COALESCE(email, '')) LIKE \(bind: like) ESCAPE '\\')"
        }
        if let c = filter.customer { q += " AND is_customer = \(bind: c)" }
        if let s = filter.supplier { q += " AND is_supplier = \(bind: s)" }
        q += try Cursor.condition(cursor, column: "code", descending: false)
        q += Cursor.orderBy(column: "code", descending: false, limit: limit)
        let rows = try await store.all(q, as: PartnerRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .text($0.code), id: $0.id) }
    }

    public static func document(_ id: Int64, on store: Store) async throws -> StockDocumentRow? {
        try await store.first("SELECT * FROM stock_documents WHERE id = \(bind: id)", as: StockDocumentRow.self)
    }

    /// The document locked for the rest of the transaction (PostgreSQL); SQLite's single writer
    /// already serialises.
    public static func documentForUpdate(_ id: Int64, on store: Store) async throws -> StockDocumentRow? {
        let lock: SQLQueryString = store.dialect == .postgres ? " FOR UPDATE" : ""
        return try await store.first("SELECT * FROM stock_documents WHERE id = \(bind: id)" + lock, as: StockDocumentRow.self)
    }

    public static func lines(of documentId: Int64, on store: Store) async throws -> [StockLineRow] {
        try await store.all(
            """
            SELECT l.*, b.production_date, b.expiry_date
            FROM stock_document_lines l LEFT JOIN batches b ON b.product_id = l.product_id AND b.batch = l.batch
            WHERE l.document_id = \(bind: documentId) ORDER BY l.line_no
            """, as: StockLineRow.self)
    }

    public static func line(_ id: Int64, on store: Store) async throws -> StockLineRow? {
        try await store.first("SELECT * FROM stock_document_lines WHERE id = \(bind: id)", as: StockLineRow.self)
    }

    public struct DocumentFilter: Sendable {
        public var type: String?
        public var status: String?
        public var q: String?
        public var from: String?
        public var to: String?
        public init(type: String? = nil, status: String? = nil, q: String? = nil, from: String? = nil, to: String? = nil) {
            self.type = type
            self.status = status
            self.q = q
            self.from = from
            self.to = to
        }
    }

    /// Newest first, keyset-paged by id, in the user's scope (branch of the document, its creator).
    public static func documents(
        scope: RowScope, filter: DocumentFilter, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<StockDocumentRow> {
        var q: SQLQueryString = "SELECT * FROM stock_documents WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        if let t = filter.type, !t.isEmpty { q += " AND doc_type = \(bind: t)" }
        if let s = filter.status, !s.isEmpty { q += " AND status = \(bind: s)" }
        if let n = filter.q?.trimmingCharacters(in: .whitespaces), !n.isEmpty {
            q += " AND number LIKE \(bind: "%" + Search.escapeLike(n.uppercased()) + "%") ESCAPE '\\'"
        }
        if let f = filter.from, !f.isEmpty { q += " AND posting_date >= \(bind: f)" }
        if let t = filter.to, !t.isEmpty { q += " AND posting_date <= \(bind: t)" }
        if let c = cursor { q += " AND id < \(bind: c.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        let rows = try await store.all(q, as: StockDocumentRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func order(_ id: Int64, on store: Store) async throws -> OrderRow? {
        try await store.first("SELECT * FROM orders WHERE id = \(bind: id)", as: OrderRow.self)
    }

    public static func orderLines(of orderId: Int64, on store: Store) async throws -> [OrderLineRow] {
        try await store.all("SELECT * FROM order_lines WHERE order_id = \(bind: orderId) ORDER BY line_no", as: OrderLineRow.self)
    }
}

extension InventoryQueries {
    /// The reversal of a document, or the document a reversal undoes.
    public static func reversal(of doc: StockDocumentRow, on store: Store) async throws -> StockDocumentRow? {
        try await store.first(
            "SELECT * FROM stock_documents WHERE reversal_of = \(bind: doc.id) OR id = \(bind: doc.reversalOf ?? 0)",
            as: StockDocumentRow.self)
    }

    /// The last date an entity's books are closed through.
    public static func closedThrough(entity: Int64, on store: Store) async throws -> String? {
        struct R: Decodable { var d: String? }
        return try await store.first("SELECT MAX(closed_through) AS d FROM period_closes WHERE entity_id = \(bind: entity)", as: R.self)?.d
    }

    /// Whether a warehouse holds any quantity.
    public static func holdsStock(warehouse id: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var productId: Int64 }
        return try await store.first(
            "SELECT product_id FROM stock_balances WHERE warehouse_id = \(bind: id) AND qty <> 0 LIMIT 1", as: R.self) != nil
    }

    /// Whether a product ever moved in the ledger.
    public static func hasMoved(product id: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first("SELECT id FROM stock_entries WHERE product_id = \(bind: id) LIMIT 1", as: R.self) != nil
    }

    public static func categoryExists(_ id: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first("SELECT id FROM product_categories WHERE id = \(bind: id)", as: R.self) != nil
    }

    public struct OnHand: Decodable, Sendable {
        public var productId: Int64
        public var warehouseId: Int64
        public var qty: Int64
    }

    /// On hand per product and warehouse, in these warehouses.
    public static func onHand(inWarehouses ids: [Int64], on store: Store) async throws -> [OnHand] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT product_id, warehouse_id, CAST(SUM(qty) AS BIGINT) AS qty FROM stock_balances WHERE warehouse_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) GROUP BY product_id, warehouse_id
            """, as: OnHand.self)
    }

    public struct Level: Decodable, Sendable {
        public var productId: Int64
        public var warehouseId: Int64
        public var safetyQty: Int64
        public var maxQty: Int64?
    }

    public static func levels(inWarehouses ids: [Int64], on store: Store) async throws -> [Level] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            "SELECT product_id, warehouse_id, safety_qty, max_qty FROM stock_levels WHERE warehouse_id IN (\(binds: ids.map { $0 as any Encodable & Sendable }))",
            as: Level.self)
    }

    public struct LastOut: Decodable, Sendable {
        public var productId: Int64
        public var warehouseId: Int64
        public var last: String?
    }

    /// The last day each product left each of these warehouses (sales and returns out).
    public static func lastOut(inWarehouses ids: [Int64], on store: Store) async throws -> [LastOut] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT product_id, warehouse_id, MAX(posting_date) AS last FROM stock_entries WHERE warehouse_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND qty < 0 AND kind IN ('out', 'return_out')
            GROUP BY product_id, warehouse_id
            """, as: LastOut.self)
    }

    /// Orders of a kind in scope, newest first, a page at a time.
    public static func orders(
        kind: String, _ scope: RowScope, status: String?, before: Int64?, limit: Int, on store: Store
    ) async throws
        -> [OrderRow]
    {
        var q: SQLQueryString = "SELECT * FROM orders WHERE kind = \(bind: kind) AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        if let status, !status.isEmpty { q += " AND status = \(bind: status)" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: OrderRow.self)
    }

    public static func orderLine(_ id: Int64, on store: Store) async throws -> OrderLineRow? {
        try await store.first("SELECT * FROM order_lines WHERE id = \(bind: id)", as: OrderLineRow.self)
    }

    /// The orders these order lines belong to.
    public static func orders(ofLines ids: [Int64], on store: Store) async throws -> [Int64] {
        guard !ids.isEmpty else { return [] }
        struct R: Decodable { var orderId: Int64 }
        return try await store.all(
            "SELECT DISTINCT order_id FROM order_lines WHERE id IN (\(binds: ids.map { $0 as any Encodable & Sendable }))", as: R.self
        ).map(\.orderId)
    }

    /// A product's quantity per warehouse: on hand, or still open on orders of a kind in force.
    public static func onHand(ofProduct id: Int64, on store: Store) async throws -> [Int64: Int64] {
        struct R: Decodable { var warehouseId: Int64; var q: Int64? }
        let rows = try await store.all(
            "SELECT warehouse_id, CAST(SUM(qty) AS BIGINT) AS q FROM stock_balances WHERE product_id = \(bind: id) GROUP BY warehouse_id",
            as: R.self)
        return Dictionary(rows.map { ($0.warehouseId, $0.q ?? 0) }, uniquingKeysWith: +)
    }

    public static func openOnOrders(ofProduct id: Int64, kind: String, on store: Store) async throws -> [Int64: Int64] {
        struct R: Decodable { var warehouseId: Int64; var q: Int64? }
        let rows = try await store.all(
            """
            SELECT l.warehouse_id, CAST(SUM(l.base_qty - l.done_qty) AS BIGINT) AS q FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE l.product_id = \(bind: id) AND o.kind = \(bind: kind) AND o.status IN (\(states: OrderFlow.open)) AND l.base_qty > l.done_qty
            GROUP BY l.warehouse_id
            """, as: R.self)
        return Dictionary(rows.map { ($0.warehouseId, $0.q ?? 0) }, uniquingKeysWith: +)
    }

    /// What posted returns (not reversed) took back of a delivery line, one document left out.
    public static func returned(ofLine id: Int64, excludingDocument: Int64?, on store: Store) async throws -> Int64 {
        struct R: Decodable { var q: Int64? }
        return try await store.first(
            """
            SELECT CAST(SUM(l.base_qty) AS BIGINT) AS q FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id
            WHERE l.return_of_line_id = \(bind: id) AND d.status = \(state: StockDocumentFlow.State.posted) AND d.reversal_of IS NULL AND d.id <> \(bind: excludingDocument ?? 0)
            """, as: R.self)?.q ?? 0
    }

    /// Whether posted returns (not reversed) refer to a line of the document.
    public static func hasLiveReturns(ofDocument id: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            SELECT l.id FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id
            WHERE l.return_of_line_id IN (SELECT id FROM stock_document_lines WHERE document_id = \(bind: id)) AND d.status = \(state: StockDocumentFlow.State.posted)
            AND d.reversal_of IS NULL LIMIT 1
            """, as: R.self) != nil
    }

    /// Whether the document is one side of an inter-branch transfer.
    public static func isBranchTransfer(document id: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            "SELECT id FROM branch_transfers WHERE delivery_id = \(bind: id) OR receipt_id = \(bind: id) LIMIT 1", as: R.self)
            != nil
    }

    /// Lines by id.
    public static func lines(ids: [Int64], on store: Store) async throws -> [StockLineRow] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            "SELECT * FROM stock_document_lines WHERE id IN (\(binds: ids.map { $0 as any Encodable & Sendable }))", as: StockLineRow.self)
    }
}
