import Kernel
import SQLKit

/// Writes to invoices, payments and the open items, inside the services' transactions.
public enum CashWrites {
    /// Moves an open item's amount and what is left of it by `delta` (a document re-priced after it was booked).
    public static func adjustOpenItem(source: String, line: Int64, by delta: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE open_items SET amount = amount + \(bind: delta), residual = residual + \(bind: delta) WHERE source = \(bind: source) AND line_id = \(bind: line)
            """)
    }
}
