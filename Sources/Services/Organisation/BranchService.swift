import Kernel
import Persistence

public enum BranchService {
    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var parentId: Int64?
        public var kind: String?
        public var accounting: String?
        public var active: Bool?
        /// The warehouse its people's new documents start from: one of its own, active; nil for none.
        public var defaultWarehouseId: Int64?
        public init(
            code: String? = nil, name: String? = nil, parentId: Int64? = nil, kind: String? = nil, accounting: String? = nil,
            active: Bool? = nil, defaultWarehouseId: Int64? = nil
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

    /// Branches the user may see with `organisation.view`.
    public static func visible(_ ctx: ServiceContext) async throws -> [BranchRow] {
        let scope = try ctx.require(.organisation, .view)
        return try await OrganisationQueries.branches(on: ctx.store).filter { scope.contains(branch: $0.id, department: nil, owner: nil) }
    }

    /// A branch's own warehouses (active only, when asked): those its default may be.
    public static func warehouses(of branch: Int64, activeOnly: Bool, _ ctx: ServiceContext) async throws -> [WarehouseRow] {
        _ = try await find(branch, ctx)
        return try await InventoryQueries.warehouses(on: ctx.store).filter { $0.branchId == branch && (!activeOnly || $0.active) }
    }

    /// The warehouse the signed-in person's new documents start from: their branch's default, when set and still usable.
    public static func defaultWarehouse(_ ctx: ServiceContext) async throws -> Int64? {
        guard let branch = ctx.principal?.branchId, let b = try await OrganisationQueries.branch(branch, on: ctx.store),
            let w = b.defaultWarehouseId, let wh = try await InventoryQueries.warehouse(w, on: ctx.store), wh.active
        else { return nil }
        return wh.id
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> BranchRow {
        let scope = try ctx.require(.organisation, .view)
        guard let row = try await OrganisationQueries.branch(id, on: ctx.store), scope.contains(branch: row.id, department: nil, owner: nil)
        else {
            throw DomainError.notFound
        }
        return row
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> BranchRow {
        let scope = try ctx.require(.organisation, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, ctx)
            if let parent = v.parentId, !scope.contains(branch: parent, department: nil, owner: nil) {
                throw DomainError.invalid("parentId", code: "not_found")
            }
            let now = ctx.nowMillis
            let id = try await OrganisationWrites.insert(v, at: now, on: ctx.store)
            let row = try await OrganisationQueries.branch(id, on: ctx.store)!
            try await ctx.audit("create", "branch", id, branch: id, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> BranchRow {
        let scope = try ctx.require(.organisation, .edit)
        return try await ctx.write { ctx in
            guard let old = try await OrganisationQueries.branch(id, on: ctx.store), scope.contains(branch: id, department: nil, owner: nil)
            else {
                throw DomainError.notFound
            }
            try Validate.version(version, current: old.version)
            let v = try await validate(input, id: id, ctx)
            if v.parentId != old.parentId {
                // Moving a branch changes whose branch tree holds it: it needs the reach of both parents.
                try ctx.requireReach(.organisation, .edit, branch: old.parentId, field: "parentId")
                try ctx.requireReach(.organisation, .edit, branch: v.parentId, field: "parentId")
            }
            // Once stock has moved through it, a branch changes its accounting only by the switch (at a period boundary).
            if v.accounting.rawValue != old.accounting,
                try await AccountingSwitch.plan(id, to: v.accounting.rawValue, ctx).warehouses.isEmpty == false,
                try await OrganisationQueries.stockHasMoved(inBranch: id, on: ctx.store)
            {
                throw DomainError(.conflict, code: "use_accounting_switch", field: "accounting", args: [old.name])
            }
            try await OrganisationWrites.update(branch: id, v, version: old.version, at: ctx.nowMillis, on: ctx.store)
            let row = try await OrganisationQueries.branch(id, on: ctx.store)!
            try Validate.bumped(row.version, from: old.version)
            try await Authority.ensureNotWidened(from: ctx.principal, ctx)
            try await ctx.audit("update", "branch", id, branch: id, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    typealias Valid = OrganisationWrites.Branch

    static func validate(_ input: Input, id: Int64?, _ ctx: ServiceContext) async throws -> Valid {
        let code = try Validate.code(input.code, "code")
        let name = try Validate.required(input.name, "name", max: 100)
        let accounting = try Validate.oneOf(input.accounting ?? AccountingMode.independent.rawValue, "accounting", as: AccountingMode.self)
        let all = try await OrganisationQueries.branches(on: ctx.store)
        if all.contains(where: { $0.code.lowercased() == code.lowercased() && $0.id != id }) {
            throw DomainError.duplicate("code", value: code)
        }
        var kind: BranchKind
        if let parent = input.parentId {
            guard all.contains(where: { $0.id == parent }) else { throw DomainError.invalid("parentId", code: "not_found") }
            if let id {
                // A branch cannot move under itself or one of its own sub-branches.
                var cursor: Int64? = parent
                while let c = cursor {
                    if c == id { throw DomainError.invalid("parentId", code: "cycle") }
                    cursor = all.first { $0.id == c }?.parentId
                }
            }
            kind = try Validate.oneOf(input.kind ?? BranchKind.branch.rawValue, "kind", as: BranchKind.self)
            if kind == .headOffice { throw DomainError.invalid("kind", code: "head_office_has_no_parent") }
        } else {
            // Only the head office stands at the root.
            if all.contains(where: { $0.parentId == nil && $0.id != id }) { throw DomainError.required("parentId") }
            kind = .headOffice
        }
        if let w = input.defaultWarehouseId {
            guard let id, let wh = try await InventoryQueries.warehouse(w, on: ctx.store), wh.branchId == id, wh.active else {
                throw DomainError.invalid("defaultWarehouseId", code: "not_found")
            }
        }
        return Valid(
            code: code, name: name, parentId: input.parentId, kind: kind, accounting: accounting, active: input.active ?? true,
            defaultWarehouseId: input.defaultWarehouseId)
    }

    static func snapshot(_ r: BranchRow) -> [String: String?] {
        [
            "code": r.code, "name": r.name, "parentId": r.parentId.map(String.init), "kind": r.kind, "accounting": r.accounting,
            "active": String(r.active), "defaultWarehouseId": r.defaultWarehouseId.map(String.init),
        ]
    }
}
