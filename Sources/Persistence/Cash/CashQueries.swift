import DocumentsCore
import Kernel
import SQLKit

/// Reads of open items, invoices and payments.
public enum CashQueries {
    public static func item(_ id: Int64, on store: Store) async throws -> OpenItemRow? {
        try await store.first("SELECT * FROM open_items WHERE id = \(bind: id)", as: OpenItemRow.self)
    }

    /// The items a posted stock document wrote.
    public static func items(ofStockDocument id: Int64, on store: Store) async throws -> [OpenItemRow] {
        try await store.all("SELECT * FROM open_items WHERE source = 'stock' AND doc_id = \(bind: id)", as: OpenItemRow.self)
    }

    /// Whether money still stands on any of these items (a payment's settlements not netted to zero).
    public static func anySettled(_ ids: [Int64], on store: Store) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        struct R: Decodable { var itemId: Int64 }
        return try await store.first(
            """
            SELECT item_id FROM settlements WHERE item_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) GROUP BY payment_id, item_id HAVING SUM(amount) <> 0
            """, as: R.self) != nil
    }

    /// Whether an invoice in force bills any of these items.
    public static func anyInvoiced(_ ids: [Int64], on store: Store) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        struct R: Decodable { var itemId: Int64 }
        return try await store.first(
            """
            SELECT m.item_id FROM invoice_matches m JOIN invoice_lines l ON l.id = m.invoice_line_id JOIN invoices i ON i.id = l.invoice_id
            WHERE m.item_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND i.status IN (\(states: InvoiceFlow.open)) LIMIT 1
            """, as: R.self) != nil
    }

    /// The contract line an order line was made from.
    public static func contractLine(ofOrderLine id: Int64, on store: Store) async throws -> ContractLineRow? {
        try await store.first(
            "SELECT cl.* FROM contract_lines cl JOIN order_lines o ON o.contract_line_id = cl.id WHERE o.id = \(bind: id)",
            as: ContractLineRow.self)
    }

    /// An item's settlements, newest first.
    public static func settlements(ofItem id: Int64, on store: Store) async throws -> [SettlementRow] {
        try await store.all("SELECT * FROM settlements WHERE item_id = \(bind: id) ORDER BY id DESC", as: SettlementRow.self)
    }

    /// An open item of the old books, by its side, partner and document number.
    public static func opening(side: String, partner: Int64, docNumber: String, on store: Store) async throws -> OpenItemRow? {
        try await store.first(
            """
            SELECT * FROM open_items WHERE source = 'opening' AND side = \(bind: side) AND partner_id = \(bind: partner)
                AND doc_number = \(bind: docNumber)
            """, as: OpenItemRow.self)
    }

    public static func openItem(_ id: Int64, on store: Store) async throws -> OpenItemRow? {
        try await store.first("SELECT * FROM open_items WHERE id = \(bind: id)", as: OpenItemRow.self)
    }
}
