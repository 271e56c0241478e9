import Kernel
import SQLKit

/// Writes to the inventory tables, called by the services inside their transactions (the
/// services decide and validate; these only say it in SQL).
public enum InventoryWrites {
    /// An order made from a contract: it carries the contract and belongs to the contract's owner.
    public static func tie(order: Int64, toContract contract: Int64, owner: Int64?, on store: Store) async throws {
        try await store.run(
            "UPDATE orders SET contract_id = \(bind: contract), owner_id = COALESCE(\(bind: owner), owner_id) WHERE id = \(bind: order)")
    }

    /// Fixes a receipt line's value (its cost comes from elsewhere: a transfer, a switch of books).
    public static func fixValue(ofLine id: Int64, _ value: Int64, on store: Store) async throws {
        try await store.run("UPDATE stock_document_lines SET fixed_value = \(bind: value) WHERE id = \(bind: id)")
    }

    /// A delivery line's price and amount, set after it was posted (an inter-branch transfer's price).
    public static func setPrice(ofLine id: Int64, unitPrice: Int64, amount: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE stock_document_lines SET unit_price = \(bind: unitPrice), amount = \(bind: amount) WHERE id = \(bind: id)")
    }

    /// A receipt line's fixed value and unit cost, re-priced.
    public static func fixValue(ofLine id: Int64, _ value: Int64, unitCost: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE stock_document_lines SET fixed_value = \(bind: value), unit_cost = \(bind: unitCost) WHERE id = \(bind: id)")
    }

    /// Moves a draft document's posting date.
    public static func setPostingDate(ofDocument id: Int64, _ date: String, on store: Store) async throws {
        try await store.run("UPDATE stock_documents SET posting_date = \(bind: date) WHERE id = \(bind: id)")
    }

    public static func setOwner(ofOrder id: Int64, _ owner: Int64?, on store: Store) async throws {
        try await store.run("UPDATE orders SET owner_id = \(bind: owner) WHERE id = \(bind: id)")
    }

    public static func tie(orderLine: Int64, toContractLine contractLine: Int64, on store: Store) async throws {
        try await store.run("UPDATE order_lines SET contract_line_id = \(bind: contractLine) WHERE id = \(bind: orderLine)")
    }
}
