import Kernel
import Persistence

public enum DepartmentService {
    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var branchId: Int64?
        public var parentId: Int64?
        public var active: Bool?
        public init(code: String? = nil, name: String? = nil, branchId: Int64? = nil, parentId: Int64? = nil, active: Bool? = nil) {
            self.code = code
            self.name = name
            self.branchId = branchId
            self.parentId = parentId
            self.active = active
        }
    }

    static func reaches(_ scope: RowScope, _ d: DepartmentRow) -> Bool {
        scope.contains(branch: d.branchId, department: d.id, owner: nil)
    }

    public static func visible(_ ctx: ServiceContext) async throws -> [DepartmentRow] {
        let scope = try ctx.require(.organisation, .view)
        return try await OrganisationQueries.departments(on: ctx.store).filter { reaches(scope, $0) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> DepartmentRow {
        let scope = try ctx.require(.organisation, .view)
        guard let row = try await OrganisationQueries.department(id, on: ctx.store), reaches(scope, row) else { throw DomainError.notFound }
        return row
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> DepartmentRow {
        let scope = try ctx.require(.organisation, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, scope: scope, ctx)
            let now = ctx.nowMillis
            let id = try await OrganisationWrites.insert(v, at: now, on: ctx.store)
            let row = try await OrganisationQueries.department(id, on: ctx.store)!
            try await Authority.ensureNotWidened(from: ctx.principal, ctx)
            try await ctx.audit("create", "department", id, branch: row.branchId, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> DepartmentRow {
        let scope = try ctx.require(.organisation, .edit)
        return try await ctx.write { ctx in
            guard let old = try await OrganisationQueries.department(id, on: ctx.store), reaches(scope, old) else {
                throw DomainError.notFound
            }
            try Validate.version(version, current: old.version)
            let v = try await validate(input, id: id, scope: scope, ctx)
            if v.branchId != old.branchId {
                // A department changes branch alone: its people and sub-departments stay where they are.
                let members = try await OrganisationQueries.members(ofDepartment: id, on: ctx.store)
                if members > 0 { throw DomainError(.conflict, code: "department_not_empty", field: "branchId", args: [old.name]) }
            }
            try await OrganisationWrites.update(department: id, v, version: old.version, at: ctx.nowMillis, on: ctx.store)
            let row = try await OrganisationQueries.department(id, on: ctx.store)!
            try Validate.bumped(row.version, from: old.version)
            try await Authority.ensureNotWidened(from: ctx.principal, ctx)
            try await ctx.audit("update", "department", id, branch: row.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    typealias Valid = OrganisationWrites.Department

    static func validate(_ input: Input, id: Int64?, scope: RowScope, _ ctx: ServiceContext) async throws -> Valid {
        let code = try Validate.code(input.code, "code")
        let name = try Validate.required(input.name, "name", max: 100)
        guard let branchId = input.branchId else { throw DomainError.required("branchId") }
        guard try await OrganisationQueries.branch(branchId, on: ctx.store) != nil,
            scope.contains(branch: branchId, department: nil, owner: nil) || scope == .all
        else {
            throw DomainError.invalid("branchId", code: "not_found")
        }
        let all = try await OrganisationQueries.departments(on: ctx.store)
        if all.contains(where: { $0.code.lowercased() == code.lowercased() && $0.id != id }) {
            throw DomainError.duplicate("code", value: code)
        }
        if let parent = input.parentId {
            guard let p = all.first(where: { $0.id == parent }) else { throw DomainError.invalid("parentId", code: "not_found") }
            guard p.branchId == branchId else { throw DomainError.invalid("parentId", code: "other_branch") }
            var cursor: Int64? = parent
            while let c = cursor {
                if c == id { throw DomainError.invalid("parentId", code: "cycle") }
                cursor = all.first { $0.id == c }?.parentId
            }
        }
        return Valid(code: code, name: name, branchId: branchId, parentId: input.parentId, active: input.active ?? true)
    }

    static func snapshot(_ r: DepartmentRow) -> [String: String?] {
        [
            "code": r.code, "name": r.name, "branchId": String(r.branchId), "parentId": r.parentId.map(String.init),
            "active": String(r.active),
        ]
    }
}
