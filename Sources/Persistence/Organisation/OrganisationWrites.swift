import Kernel
import SQLKit

/// Writes to the branch and department tables, inside the services' transactions: the services
/// validate and decide, these say it in SQL.
public enum OrganisationWrites {
    /// A branch as validated, ready to store.
    public struct Branch: Sendable {
        public var code: String
        public var name: String
        public var parentId: Int64?
        public var kind: BranchKind
        public var accounting: AccountingMode
        public var active: Bool
        public var defaultWarehouseId: Int64?
        public init(
            code: String, name: String, parentId: Int64?, kind: BranchKind, accounting: AccountingMode, active: Bool,
            defaultWarehouseId: Int64? = nil
        ) {
            self.defaultWarehouseId = defaultWarehouseId
            self.code = code
            self.name = name
            self.parentId = parentId
            self.kind = kind
            self.accounting = accounting
            self.active = active
        }
    }

    public static func insert(_ v: Branch, at now: Int64, on store: Store) async throws -> Int64 {
        store.accessChanged()
        store.setupChanged()
        return try await store.insertReturningID(
            """
            INSERT INTO branches (code, name, parent_id, kind, accounting, active, version, created_at, updated_at)
            VALUES (\(bind: v.code), \(bind: v.name), \(bind: v.parentId), \(bind: v.kind.rawValue), \(bind: v.accounting.rawValue),
                    \(bind: v.active), 1, \(bind: now), \(bind: now))
            """)
    }

    /// Changes the branch if it is still at `version` (the caller checks the bump).
    public static func update(branch id: Int64, _ v: Branch, version: Int64, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        store.setupChanged()
        try await store.run(
            """
            UPDATE branches SET code = \(bind: v.code), name = \(bind: v.name), parent_id = \(bind: v.parentId),
                kind = \(bind: v.kind.rawValue), accounting = \(bind: v.accounting.rawValue), active = \(bind: v.active),
                default_warehouse_id = \(bind: v.defaultWarehouseId), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """)
    }

    /// The branch's accounting mode (by the switch, at a period boundary).
    public static func setAccounting(ofBranch id: Int64, _ mode: AccountingMode, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        store.setupChanged()
        try await store.run(
            "UPDATE branches SET accounting = \(bind: mode.rawValue), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)"
        )
    }

    /// A department as validated, ready to store.
    public struct Department: Sendable {
        public var code: String
        public var name: String
        public var branchId: Int64
        public var parentId: Int64?
        public var active: Bool
        public init(code: String, name: String, branchId: Int64, parentId: Int64?, active: Bool) {
            self.code = code
            self.name = name
            self.branchId = branchId
            self.parentId = parentId
            self.active = active
        }
    }

    public static func insert(_ v: Department, at now: Int64, on store: Store) async throws -> Int64 {
        store.accessChanged()
        store.setupChanged()
        return try await store.insertReturningID(
            """
            INSERT INTO departments (branch_id, parent_id, code, name, active, version, created_at, updated_at)
            VALUES (\(bind: v.branchId), \(bind: v.parentId), \(bind: v.code), \(bind: v.name), \(bind: v.active), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func update(department id: Int64, _ v: Department, version: Int64, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        store.setupChanged()
        try await store.run(
            """
            UPDATE departments SET branch_id = \(bind: v.branchId), parent_id = \(bind: v.parentId), code = \(bind: v.code),
                name = \(bind: v.name), active = \(bind: v.active), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """)
    }
}
