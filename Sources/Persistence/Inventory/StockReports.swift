import DocumentsCore
import Kernel
import SQLKit

/// The stock reports, all from the ledger and the balances it keeps (DESIGN.md section 5).
public enum StockReports {
    public struct BalanceLine: Codable, Sendable, Equatable {
        public var productId: Int64
        public var code: String
        public var name: String
        public var baseUnit: String
        public var warehouseId: Int64
        public var warehouse: String
        public var batch: String
        public var qty: Int64
        public var value: Int64
    }

    public static func balances(
        warehouses: [Int64], productId: Int64?, q: String?, includeZero: Bool, limit: Int, cursor: Cursor?,
        on store: Store
    ) async throws -> Page<BalanceLine> {
        guard !warehouses.isEmpty else { return Page(items: [], nextCursor: nil) }
        var sql: SQLQueryString = """
            SELECT b.product_id, p.code, p.name, p.base_unit, b.warehouse_id, w.name AS warehouse, b.batch, b.qty, b.value
            FROM stock_balances b JOIN products p ON p.id = b.product_id JOIN warehouses w ON w.id = b.warehouse_id
            WHERE b.warehouse_id IN (\(binds: warehouses.map { $0 as any Encodable & Sendable }))
            """
        if !includeZero { sql += " AND (b.qty <> 0 OR b.value <> 0)" }
        if let productId { sql += " AND b.product_id = \(bind: productId)" }
        if let q = q?.lowercased().trimmingCharacters(in: .whitespaces), !q.isEmpty {
            sql += " AND p.search_text LIKE \(bind: "%" + Search.escapeLike(q) + "%") ESCAPE '\\'"
        }
        // Keyset over (code, warehouse, batch) packed into the cursor's text key.
        if let c = cursor, case .text(let key) = c.key {
            let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 3, let w = Int64(parts[1]) {
                sql +=
                    " AND (p.code > \(bind: parts[0]) OR (p.code = \(bind: parts[0]) AND (b.warehouse_id > \(bind: w) OR (b.warehouse_id = \(bind: w) AND b.batch > \(bind: parts[2])))))"
            }
        }
        sql += " ORDER BY p.code, b.warehouse_id, b.batch LIMIT \(literal: limit + 1)"
        let rows = try await store.all(sql, as: BalanceLine.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .text("\($0.code)\u{1}\($0.warehouseId)\u{1}\($0.batch)"), id: $0.productId) }
    }

    public struct LedgerLine: Codable, Sendable, Equatable {
        public var id: Int64
        public var postingDate: String
        public var documentId: Int64
        public var number: String
        public var docType: String
        public var warehouseId: Int64
        public var warehouse: String
        public var batch: String
        public var kind: String
        public var qty: Int64
        public var value: Int64
    }

    /// One product's entries in posting order, with the opening balance before `from`.
    public static func ledger(
        productId: Int64, warehouses: [Int64], from: String?, to: String?, limit: Int,
        on store: Store
    ) async throws -> (openingQty: Int64, openingValue: Int64, lines: [LedgerLine]) {
        guard !warehouses.isEmpty else { return (0, 0, []) }
        let inWarehouses: SQLQueryString = "warehouse_id IN (\(binds: warehouses.map { $0 as any Encodable & Sendable }))"
        var opening: (Int64, Int64) = (0, 0)
        if let from {
            struct R: Decodable { var q: Int64?; var v: Int64? }
            let r = try await store.first(
                "SELECT CAST(SUM(qty) AS BIGINT) AS q, CAST(SUM(value) AS BIGINT) AS v FROM stock_entries WHERE product_id = \(bind: productId) AND "
                    + inWarehouses + " AND posting_date < \(bind: from)", as: R.self)
            opening = (r?.q ?? 0, r?.v ?? 0)
        }
        var sql: SQLQueryString = """
            SELECT e.id, e.posting_date, e.document_id, d.number, d.doc_type, e.warehouse_id, w.name AS warehouse, e.batch, e.kind, e.qty, e.value
            FROM stock_entries e JOIN stock_documents d ON d.id = e.document_id JOIN warehouses w ON w.id = e.warehouse_id
            WHERE e.product_id = \(bind: productId) AND e.
            """ + inWarehouses
        if let from { sql += " AND e.posting_date >= \(bind: from)" }
        if let to { sql += " AND e.posting_date <= \(bind: to)" }
        sql += " ORDER BY e.posting_date, e.id LIMIT \(literal: limit)"
        return (opening.0, opening.1, try await store.all(sql, as: LedgerLine.self))
    }

    public struct MovementLine: Codable, Sendable, Equatable {
        public var productId: Int64
        public var code: String
        public var name: String
        public var baseUnit: String
        public var warehouseId: Int64?
        public var openQty: Int64
        public var openValue: Int64
        public var inQty: Int64
        public var inValue: Int64
        public var outQty: Int64
        public var outValue: Int64
        public var closeQty: Int64
        public var closeValue: Int64
    }

    static let inboundKinds = ["in", "gain", "return_in", "reverse_out", "move_in"]

    /// 收发存汇总表: opening, in, out and closing, quantity and value, per product (and per
    /// warehouse when asked) for the period [from, to]. Settlements of earlier issues count as out.
    public static func movementSummary(
        from: String, to: String, warehouses: [Int64], byWarehouse: Bool, on store: Store
    ) async throws -> [MovementLine] {
        guard !warehouses.isEmpty else { return [] }
        let kinds = inboundKinds.map { $0 as any Encodable & Sendable }
        let group: SQLQueryString = byWarehouse ? "e.product_id, e.warehouse_id" : "e.product_id"
        let sql: SQLQueryString = """
            SELECT s.product_id, p.code, p.name, p.base_unit, s.warehouse_id, s.open_qty, s.open_value, s.in_qty, s.in_value, s.out_qty, s.out_value,
                   s.open_qty + s.in_qty - s.out_qty AS close_qty, s.open_value + s.in_value - s.out_value AS close_value
            FROM (
                SELECT e.product_id, \(unsafeRaw: byWarehouse ? "e.warehouse_id" : "CAST(NULL AS BIGINT)") AS warehouse_id,
                    CAST(SUM(CASE WHEN e.posting_date < \(bind: from) THEN e.qty ELSE 0 END) AS BIGINT) AS open_qty,
                    CAST(SUM(CASE WHEN e.posting_date < \(bind: from) THEN e.value ELSE 0 END) AS BIGINT) AS open_value,
                    CAST(SUM(CASE WHEN e.posting_date >= \(bind: from) AND e.kind IN (\(binds: kinds)) THEN e.qty ELSE 0 END) AS BIGINT) AS in_qty,
                    CAST(SUM(CASE WHEN e.posting_date >= \(bind: from) AND e.kind IN (\(binds: kinds)) THEN e.value ELSE 0 END) AS BIGINT) AS in_value,
                    CAST(SUM(CASE WHEN e.posting_date >= \(bind: from) AND e.kind NOT IN (\(binds: kinds)) THEN -e.qty ELSE 0 END) AS BIGINT) AS out_qty,
                    CAST(SUM(CASE WHEN e.posting_date >= \(bind: from) AND e.kind NOT IN (\(binds: kinds)) THEN -e.value ELSE 0 END) AS BIGINT) AS out_value
                FROM stock_entries e
                WHERE e.posting_date <= \(bind: to) AND e.warehouse_id IN (\(binds: warehouses.map { $0 as any Encodable & Sendable }))
                GROUP BY \(group)
            ) s JOIN products p ON p.id = s.product_id
            ORDER BY p.code, s.warehouse_id
            """
        return try await store.all(sql, as: MovementLine.self)
    }

    public struct LevelAlert: Codable, Sendable, Equatable {
        public var productId: Int64
        public var code: String
        public var name: String
        public var baseUnit: String
        public var warehouseId: Int64
        public var warehouse: String
        public var qty: Int64
        public var safetyQty: Int64
        public var maxQty: Int64?
    }

    /// Products under their safety stock (`below`), or over their maximum (`!below`), per warehouse.
    public static func levelAlerts(below: Bool, warehouses: [Int64], on store: Store) async throws -> [LevelAlert] {
        guard !warehouses.isEmpty else { return [] }
        let condition: SQLQueryString =
            below ? "COALESCE(b.qty, 0) < l.safety_qty" : "l.max_qty IS NOT NULL AND COALESCE(b.qty, 0) > l.max_qty"
        return try await store.all(
            """
            SELECT l.product_id, p.code, p.name, p.base_unit, l.warehouse_id, w.name AS warehouse, CAST(COALESCE(b.qty, 0) AS BIGINT) AS qty,
                   l.safety_qty, l.max_qty
            FROM stock_levels l JOIN products p ON p.id = l.product_id JOIN warehouses w ON w.id = l.warehouse_id
            LEFT JOIN (SELECT product_id, warehouse_id, CAST(SUM(qty) AS BIGINT) AS qty FROM stock_balances GROUP BY product_id, warehouse_id) b
                ON b.product_id = l.product_id AND b.warehouse_id = l.warehouse_id
            WHERE l.warehouse_id IN (\(binds: warehouses.map { $0 as any Encodable & Sendable })) AND p.active = \(bind: true) AND
            """ + " " + condition + " ORDER BY p.code, w.code", as: LevelAlert.self)
    }

    public struct MarginLine: Codable, Sendable, Equatable {
        public var lineId: Int64
        public var documentId: Int64
        public var number: String
        public var postingDate: String
        public var partnerId: Int64?
        public var productId: Int64
        public var code: String
        public var name: String
        public var baseQty: Int64
        /// Revenue with VAT, as invoiced.
        public var amount: Int64
        public var taxRate: Int64
        public var costValue: Int64

        /// Revenue net of VAT less cost of goods: the one definition of gross margin.
        public func margin() throws(AmountOverflow) -> GrossMargin {
            try GrossMargin(grossRevenue: Money(fen: amount), taxRate: taxRate, costOfGoods: Money(fen: costValue))
        }
    }

    /// Gross margin per delivery line (revenue net of VAT - cost of goods, settlements included).
    public static func margins(
        from: String, to: String, scope: RowScope, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<MarginLine> {
        var sql: SQLQueryString = """
            SELECT l.id AS line_id, d.id AS document_id, d.number, d.posting_date, d.partner_id, l.product_id, p.code, p.name, l.base_qty,
                   CAST(COALESCE(l.amount, 0) AS BIGINT) AS amount, p.tax_rate, CAST(COALESCE(l.cost_value, 0) AS BIGINT) AS cost_value
            FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id JOIN products p ON p.id = l.product_id
            WHERE d.doc_type = 'salesDelivery' AND d.status = \(state: StockDocumentFlow.State.posted) AND d.posting_date >= \(bind: from) AND d.posting_date <= \(bind: to) AND
            """
        sql += " "
        sql += ScopeFilter.condition(scope, .init(branch: "d.branch_id", department: nil, owner: "d.owner_id"))
        if let c = cursor { sql += " AND l.id > \(bind: c.id)" }
        sql += " ORDER BY l.id LIMIT \(literal: limit + 1)"
        let rows = try await store.all(sql, as: MarginLine.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.lineId), id: $0.lineId) }
    }
}
