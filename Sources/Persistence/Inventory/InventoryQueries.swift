import Kernel
import SQLKit

/// Reads of the 进销存 master data and documents. Writes go through Services.
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
            "SELECT * FROM stock_document_lines WHERE document_id = \(bind: documentId) ORDER BY line_no", as: StockLineRow.self)
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
}
