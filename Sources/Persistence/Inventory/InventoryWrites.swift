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

    public static func setOwner(ofOrder id: Int64, _ owner: Int64?, on store: Store) async throws {
        try await store.run("UPDATE orders SET owner_id = \(bind: owner) WHERE id = \(bind: id)")
    }

    public static func tie(orderLine: Int64, toContractLine contractLine: Int64, on store: Store) async throws {
        try await store.run("UPDATE order_lines SET contract_line_id = \(bind: contractLine) WHERE id = \(bind: orderLine)")
    }
}
