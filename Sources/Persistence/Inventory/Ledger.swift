import Foundation
import Kernel
import SQLKit

public struct CostingStateRow: Codable, Sendable {
    public var productId: Int64
    public var scopeKey: String
    public var state: String
    public var lastDate: String
    public var lastEntryId: Int64
    public var sinceCheckpoint: Int64
}

public struct CheckpointRow: Codable, Sendable {
    public var productId: Int64
    public var scopeKey: String
    public var postingDate: String
    public var entryId: Int64
    public var state: String
    public init(productId: Int64, scopeKey: String, postingDate: String, entryId: Int64, state: String) {
        self.productId = productId
        self.scopeKey = scopeKey
        self.postingDate = postingDate
        self.entryId = entryId
        self.state = state
    }
}

/// The stock ledger's SQL: entries, balances, costing states and checkpoints. Only
/// `Services.StockPosting` writes through these.
public enum Ledger {
    /// Whether anything was ever posted to stock.
    public static func anyEntries(on store: Store) async throws -> Bool {
        try await store.scalar("SELECT COUNT(*) AS n FROM (SELECT 1 FROM stock_entries LIMIT 1) e", as: Int64.self) ?? 0 > 0
    }

    /// The head costing state of a product in a scope, created empty when missing and locked
    /// for the transaction on PostgreSQL (posts of the same product and scope take turns).
    public static func lockState(product: Int64, scope: String, on store: Store) async throws -> CostingStateRow {
        // One statement: the upsert creates the row or touches it, which on PostgreSQL locks it.
        guard
            let row = try await store.first(
                """
                INSERT INTO costing_states (product_id, scope_key, state, last_date, last_entry_id, since_checkpoint)
                VALUES (\(bind: product), \(bind: scope), '{}', '', 0, 0)
                ON CONFLICT (product_id, scope_key) DO UPDATE SET since_checkpoint = costing_states.since_checkpoint
                RETURNING *
                """, as: CostingStateRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func saveState(_ row: CostingStateRow, on store: Store) async throws {
        try await store.run(
            """
            UPDATE costing_states SET state = \(bind: row.state), last_date = \(bind: row.lastDate), last_entry_id = \(bind: row.lastEntryId),
                since_checkpoint = \(bind: row.sinceCheckpoint)
            WHERE product_id = \(bind: row.productId) AND scope_key = \(bind: row.scopeKey)
            """)
    }

    /// The latest checkpoint at or before a date.
    public static func checkpoint(product: Int64, scope: String, atOrBefore date: String, on store: Store) async throws -> CheckpointRow? {
        try await store.first(
            """
            SELECT * FROM costing_checkpoints WHERE product_id = \(bind: product) AND scope_key = \(bind: scope) AND posting_date <= \(bind: date)
            ORDER BY posting_date DESC, entry_id DESC LIMIT 1
            """, as: CheckpointRow.self)
    }

    public static func saveCheckpoint(_ row: CheckpointRow, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO costing_checkpoints (product_id, scope_key, posting_date, entry_id, state)
            VALUES (\(bind: row.productId), \(bind: row.scopeKey), \(bind: row.postingDate), \(bind: row.entryId), \(bind: row.state))
            ON CONFLICT (product_id, scope_key, posting_date, entry_id) DO UPDATE SET state = excluded.state
            """)
    }

    /// Checkpoints at or after a date no longer hold once something is inserted there.
    public static func dropCheckpoints(product: Int64, scope: String, from date: String, on store: Store) async throws {
        try await store.run(
            """
            DELETE FROM costing_checkpoints WHERE product_id = \(bind: product) AND scope_key = \(bind: scope) AND posting_date >= \(bind: date)
            """)
    }

    /// Entries after a position, in posting order, each with its line's return link: one query
    /// for a replay of any length.
    public static func replay(product: Int64, scope: String, after date: String, id: Int64, on store: Store) async throws -> [StockEntryRow]
    {
        try await store.all(
            """
            SELECT e.*, l.return_of_line_id
            FROM stock_entries e LEFT JOIN stock_document_lines l ON l.id = e.line_id
            WHERE e.product_id = \(bind: product) AND e.scope_key = \(bind: scope)
            AND (e.posting_date > \(bind: date) OR (e.posting_date = \(bind: date) AND e.id > \(bind: id)))
            ORDER BY e.posting_date, e.id
            """, as: StockEntryRow.self)
    }

    public static func hasEntries(product: Int64, scope: String, after date: String, on store: Store) async throws -> Bool {
        try await store.first(
            """
            SELECT id FROM stock_entries WHERE product_id = \(bind: product) AND scope_key = \(bind: scope) AND posting_date > \(bind: date) LIMIT 1
            """, as: IDOnly.self) != nil
    }

    struct IDOnly: Decodable { var id: Int64 }

    public struct NewEntry: Sendable {
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
        public init(
            productId: Int64, warehouseId: Int64, scopeKey: String, batch: String, postingDate: String, documentId: Int64, lineId: Int64,
            kind: String, qty: Int64, value: Int64, settlesLineId: Int64?
        ) {
            self.productId = productId
            self.warehouseId = warehouseId
            self.scopeKey = scopeKey
            self.batch = batch
            self.postingDate = postingDate
            self.documentId = documentId
            self.lineId = lineId
            self.kind = kind
            self.qty = qty
            self.value = value
            self.settlesLineId = settlesLineId
        }
    }

    public static func insert(_ e: NewEntry, at: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO stock_entries (product_id, warehouse_id, scope_key, batch, posting_date, document_id, line_id, kind, qty, value, settles_line_id, created_at)
            VALUES (\(bind: e.productId), \(bind: e.warehouseId), \(bind: e.scopeKey), \(bind: e.batch), \(bind: e.postingDate), \(bind: e.documentId),
                    \(bind: e.lineId), \(bind: e.kind), \(bind: e.qty), \(bind: e.value), \(bind: e.settlesLineId), \(bind: at))
            """)
    }

    /// New values for many entries, a thousand to a statement (a back-dated post may re-cost
    /// a hundred thousand).
    public static func setValues(_ changes: [(entry: Int64, value: Int64)], on store: Store) async throws {
        for chunk in changes.chunked(1000) {
            var q: SQLQueryString = "UPDATE stock_entries SET value = v.column2 FROM (VALUES "
            for (i, c) in chunk.enumerated() {
                q += i == 0 ? "(\(bind: c.entry), \(bind: c.value))" : ", (\(bind: c.entry), \(bind: c.value))"
            }
            q += ") AS v WHERE stock_entries.id = v.column1"
            try await store.run(q)
        }
    }

    public static func delete(entries ids: [Int64], on store: Store) async throws {
        for part in ids.chunkedBinds() {
            try await store.run("DELETE FROM stock_entries WHERE id IN (\(binds: part))")
        }
    }

    /// Adds to a warehouse balance (creating it at zero).
    public static func addToBalance(product: Int64, warehouse: Int64, batch: String, qty: Int64, value: Int64, on store: Store) async throws
    {
        try await store.run(
            """
            INSERT INTO stock_balances (product_id, warehouse_id, batch, qty, value) VALUES (\(bind: product), \(bind: warehouse), \(bind: batch), \(bind: qty), \(bind: value))
            ON CONFLICT (product_id, warehouse_id, batch) DO UPDATE SET qty = stock_balances.qty + excluded.qty, value = stock_balances.value + excluded.value
            """)
    }

    public static func balance(product: Int64, warehouse: Int64, batch: String, on store: Store) async throws -> BalanceRow? {
        try await store.first(
            """
            SELECT * FROM stock_balances WHERE product_id = \(bind: product) AND warehouse_id = \(bind: warehouse) AND batch = \(bind: batch)
            """, as: BalanceRow.self)
    }

    /// What an original line's entries and their settlements add up to, up to a position:
    /// the value a return of it carries back.
    public static func lineValue(line: Int64, upTo date: String, id: Int64, on store: Store) async throws -> (qty: Int64, value: Int64) {
        struct R: Decodable { var q: Int64?; var v: Int64? }
        let own = try await store.first(
            """
            SELECT CAST(SUM(qty) AS BIGINT) AS q, CAST(SUM(value) AS BIGINT) AS v FROM stock_entries WHERE line_id = \(bind: line) AND kind <> 'adjust'
            AND (posting_date < \(bind: date) OR (posting_date = \(bind: date) AND id <= \(bind: id)))
            """, as: R.self)
        let settled = try await store.first(
            """
            SELECT CAST(SUM(qty) AS BIGINT) AS q, CAST(SUM(value) AS BIGINT) AS v FROM stock_entries WHERE settles_line_id = \(bind: line)
            AND (posting_date < \(bind: date) OR (posting_date = \(bind: date) AND id <= \(bind: id)))
            """, as: R.self)
        return (own?.q ?? 0, (own?.v ?? 0) + (settled?.v ?? 0))
    }

    /// Quantity already returned against an original line by return lines posted up to a position.
    public static func returnedQty(of line: Int64, upTo date: String, id: Int64, on store: Store) async throws -> Int64 {
        struct R: Decodable { var q: Int64? }
        let r = try await store.first(
            """
            SELECT CAST(SUM(e.qty) AS BIGINT) AS q FROM stock_entries e JOIN stock_document_lines l ON l.id = e.line_id
            WHERE l.return_of_line_id = \(bind: line) AND e.kind <> 'adjust'
            AND (e.posting_date < \(bind: date) OR (e.posting_date = \(bind: date) AND e.id <= \(bind: id)))
            """, as: R.self)
        return try Checked.abs(r?.q ?? 0)
    }
}
