import Kernel
import Persistence

/// Which costing scope a warehouse's stock is valued in (DESIGN.md section 5): by default the
/// accounting entity that owns it (the nearest independent branch up the tree, the head office at
/// the top), or the warehouse itself when the company costs per warehouse.
public struct CostingScopes: Sendable {
    let entityOfBranch: [Int64: Int64]
    let branchOfWarehouse: [Int64: Int64]
    let perWarehouse: Bool

    public static let perWarehouseSetting = "stock.costing_per_warehouse"
    public static let allowNegativeSetting = "stock.allow_negative"

    public static func load(_ store: Store) async throws -> CostingScopes {
        let branches = try await OrganisationQueries.branches(on: store)
        let byId = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0) })
        var entity: [Int64: Int64] = [:]
        for b in branches {
            var cursor = b
            while cursor.accounting != AccountingMode.independent.rawValue, let p = cursor.parentId, let parent = byId[p] { cursor = parent }
            entity[b.id] = cursor.id
        }
        let warehouses = try await InventoryQueries.warehouses(on: store)
        let perWarehouse = try await Settings.get(perWarehouseSetting, on: store) == "true"
        return CostingScopes(entityOfBranch: entity, branchOfWarehouse: Dictionary(uniqueKeysWithValues: warehouses.map { ($0.id, $0.branchId) }),
                             perWarehouse: perWarehouse)
    }

    /// The accounting entity (an independent branch) a branch's books belong to.
    public func entity(ofBranch branch: Int64) -> Int64 { entityOfBranch[branch] ?? branch }

    public func entity(ofWarehouse warehouse: Int64) -> Int64 { entity(ofBranch: branchOfWarehouse[warehouse] ?? 0) }

    public func key(warehouse: Int64) -> String {
        perWarehouse ? "W\(warehouse)" : "E\(entity(ofWarehouse: warehouse))"
    }
}
