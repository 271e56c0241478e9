import Kernel
import Persistence

/// Which costing scope a warehouse's stock is valued in (DESIGN.md section 5): by default the
/// accounting entity that owns it (the nearest independent branch up the tree, the head office at
/// the top), or the warehouse itself when the company costs per warehouse.
public struct CostingScopes: Sendable {
    let entityOfBranch: [Int64: Int64]
    let branchOfWarehouse: [Int64: Int64]
    let perWarehouse: Bool
    /// Every branch by id.
    public let branches: [Int64: BranchRow]

    public static let perWarehouseSetting = Settings.Key.costingPerWarehouse
    public static let allowNegativeSetting = Settings.Key.allowNegativeStock

    /// Whether issues may take stock below zero (settled when goods arrive, DESIGN.md section 5).
    public let allowNegative: Bool

    /// The scopes of every warehouse (reports, period close).
    public static func load(_ store: Store) async throws -> CostingScopes {
        try await load(store, warehouses: try await InventoryQueries.warehouses(on: store))
    }

    /// The scopes of these warehouses: what a post needs. The branch tree and the two settings
    /// are remembered until a branch or a setting changes (`Store.remembered`).
    public static func load(_ store: Store, warehouses: [WarehouseRow]) async throws -> CostingScopes {
        let setup = try await store.remembered("costing-scopes") { try await Setup.load(store) }
        return CostingScopes(
            entityOfBranch: setup.entityOfBranch,
            branchOfWarehouse: Dictionary(warehouses.map { ($0.id, $0.branchId) }, uniquingKeysWith: { a, _ in a }),
            perWarehouse: setup.perWarehouse, branches: setup.branches, allowNegative: setup.allowNegative)
    }

    /// What the scopes take from the company's setup.
    struct Setup: Sendable {
        var entityOfBranch: [Int64: Int64]
        var branches: [Int64: BranchRow]
        var perWarehouse: Bool
        var allowNegative: Bool

        static func load(_ store: Store) async throws -> Setup {
            let branches = try await OrganisationQueries.branches(on: store)
            let byId = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0) })
            var entity: [Int64: Int64] = [:]
            for b in branches {
                var cursor = b
                while cursor.accounting != AccountingMode.independent.rawValue, let p = cursor.parentId, let parent = byId[p] {
                    cursor = parent
                }
                entity[b.id] = cursor.id
            }
            let settings = try await Settings.get([perWarehouseSetting, allowNegativeSetting], on: store)
            return Setup(
                entityOfBranch: entity, branches: byId, perWarehouse: settings[perWarehouseSetting] == "true",
                allowNegative: settings[allowNegativeSetting] == "true")
        }
    }

    /// The accounting entity (an independent branch) a branch's books belong to.
    public func entity(ofBranch branch: Int64) -> Int64 { entityOfBranch[branch] ?? branch }

    public func entity(ofWarehouse warehouse: Int64) -> Int64 { entity(ofBranch: branchOfWarehouse[warehouse] ?? 0) }

    public func key(warehouse: Int64) -> String {
        perWarehouse ? "W\(warehouse)" : "E\(entity(ofWarehouse: warehouse))"
    }
}
