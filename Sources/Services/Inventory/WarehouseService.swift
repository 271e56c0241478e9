import Kernel
import Persistence

public enum WarehouseService {
    public enum Kind: String, Sendable, CaseIterable { case central, branch, store }

    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var branchId: Int64?
        public var kind: String?
        public var active: Bool?
        public init(code: String? = nil, name: String? = nil, branchId: Int64? = nil, kind: String? = nil, active: Bool? = nil) {
            self.code = code
            self.name = name
            self.branchId = branchId
            self.kind = kind
            self.active = active
        }
    }

    /// Warehouses whose branch the user reaches with products.view.
    public static func visible(_ ctx: ServiceContext) async throws -> [WarehouseRow] {
        let scope = try ctx.require(.products, .view)
        return try await InventoryQueries.warehouses(on: ctx.store).filter {
            scope.contains(branch: $0.branchId, department: nil, owner: nil)
        }
    }

    /// Whether a user may put a warehouse on a document or order: active, and in the scope of
    /// the permission, or in the user's own branch (a salesperson with "own" scope still ships
    /// from the branch's warehouses).
    public static func usable(_ w: WarehouseRow, scope: RowScope, principal: Principal?) -> Bool {
        w.active && (scope.contains(branch: w.branchId, department: nil, owner: nil) || principal?.branchId == w.branchId)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> WarehouseRow {
        let scope = try ctx.require(.products, .view)
        guard let w = try await InventoryQueries.warehouse(id, on: ctx.store),
            scope.contains(branch: w.branchId, department: nil, owner: nil)
        else {
            throw DomainError.notFound
        }
        return w
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> WarehouseRow {
        let scope = try ctx.require(.products, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, scope: scope, ctx)
            let now = ctx.nowMillis
            let id = try await InventoryWrites.insert(v.record, at: now, on: ctx.store)
            let row = try await InventoryQueries.warehouse(id, on: ctx.store)!
            try await ctx.audit("create", "warehouse", id, branch: row.branchId, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> WarehouseRow {
        let scope = try ctx.require(.products, .edit)
        return try await ctx.write { ctx in
            guard let old = try await InventoryQueries.warehouse(id, on: ctx.store),
                scope.contains(branch: old.branchId, department: nil, owner: nil)
            else {
                throw DomainError.notFound
            }
            try Validate.version(version, current: old.version)
            let v = try await validate(input, id: id, scope: scope, ctx)
            if v.branchId != old.branchId, try await InventoryQueries.holdsStock(warehouse: id, on: ctx.store) {
                // Moving stock between books is a transfer, not an edit.
                throw DomainError.invalid("branchId", code: "locked_by_stock")
            }
            try await InventoryWrites.update(warehouse: id, v.record, version: old.version, at: ctx.nowMillis, on: ctx.store)
            let row = try await InventoryQueries.warehouse(id, on: ctx.store)!
            try Validate.bumped(row.version, from: old.version)
            try await ctx.audit("update", "warehouse", id, branch: row.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    struct Valid {
        var code: String
        var name: String
        var branchId: Int64
        var kind: Kind
        var active: Bool

        var record: InventoryWrites.Warehouse {
            InventoryWrites.Warehouse(code: code, name: name, branchId: branchId, kind: kind.rawValue, active: active)
        }
    }

    static func validate(_ input: Input, id: Int64?, scope: RowScope, _ ctx: ServiceContext) async throws -> Valid {
        let code = try Validate.code(input.code, "code")
        let name = try Validate.required(input.name, "name", max: 100)
        guard let branch = input.branchId else { throw DomainError.required("branchId") }
        guard try await OrganisationQueries.branch(branch, on: ctx.store) != nil,
            scope.contains(branch: branch, department: nil, owner: nil)
        else {
            throw DomainError.invalid("branchId", code: "not_found")
        }
        let kind = try Validate.oneOf(input.kind ?? Kind.branch.rawValue, "kind", as: Kind.self)
        if try await InventoryQueries.warehouses(on: ctx.store).contains(where: { $0.code.lowercased() == code.lowercased() && $0.id != id }
        ) {
            throw DomainError.duplicate("code", value: code)
        }
        return Valid(code: code, name: name, branchId: branch, kind: kind, active: input.active ?? true)
    }

    static func snapshot(_ w: WarehouseRow) -> [String: String?] {
        ["code": w.code, "name": w.name, "branchId": String(w.branchId), "kind": w.kind, "active": String(w.active)]
    }
}
