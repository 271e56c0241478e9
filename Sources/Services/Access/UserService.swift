import Kernel
import Persistence

public enum UserService {
    public struct Input: Sendable, Codable, Equatable {
        public var username: String?
        public var displayName: String?
        public var email: String?
        public var phone: String?
        public var password: String?
        public var branchId: Int64?
        public var departmentId: Int64?
        public var managerId: Int64?
        public var locale: String?
        public var active: Bool?
        public var roleIds: [Int64]?
        public var grantedBranchIds: [Int64]?
        public init(
            username: String? = nil, displayName: String? = nil, email: String? = nil, phone: String? = nil, password: String? = nil,
            branchId: Int64? = nil, departmentId: Int64? = nil, managerId: Int64? = nil, locale: String? = nil,
            active: Bool? = nil, roleIds: [Int64]? = nil, grantedBranchIds: [Int64]? = nil
        ) {
            self.username = username
            self.displayName = displayName
            self.email = email
            self.phone = phone
            self.password = password
            self.branchId = branchId
            self.departmentId = departmentId
            self.managerId = managerId
            self.locale = locale
            self.active = active
            self.roleIds = roleIds
            self.grantedBranchIds = grantedBranchIds
        }
    }

    /// A user with the roles and grants that belong to it.
    public struct Details: Sendable, Equatable {
        public var user: UserRow
        public var roleIds: [Int64]
        public var grantedBranchIds: [Int64]
        public init(user: UserRow, roleIds: [Int64], grantedBranchIds: [Int64]) {
            self.user = user
            self.roleIds = roleIds
            self.grantedBranchIds = grantedBranchIds
        }
    }

    public static let locales = ["zh-CN", "en"]
    static let columns = ScopeFilter.Columns(branch: "branch_id", department: "department_id", owner: "id")

    public static func list(
        filter: OrganisationQueries.UserFilter, sort: OrganisationQueries.UserSort, descending: Bool,
        limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<UserRow> {
        let scope = try ctx.require(.users, .view)
        return try await OrganisationQueries.users(
            scope: scope, filter: filter, sort: sort, descending: descending,
            limit: limit, cursor: cursor, on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.users, .view)
        return try await details(id, scope: scope, ctx)
    }

    static func details(_ id: Int64, scope: RowScope, _ ctx: ServiceContext) async throws -> Details {
        guard let user = try await OrganisationQueries.user(id, on: ctx.store),
            scope.contains(branch: user.branchId, department: user.departmentId, owner: user.id)
        else { throw DomainError.notFound }
        return Details(
            user: user,
            roleIds: try await OrganisationQueries.roleIDs(ofUser: id, on: ctx.store),
            grantedBranchIds: try await OrganisationQueries.grantedBranches(ofUser: id, on: ctx.store))
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.users, .create)
        // Without a password the person cannot sign in until they accept an invitation
        // (InviteService) and choose their own: nobody else ever knows it.
        let password = (input.password ?? "").isEmpty ? nil : try Validate.password(input.password)
        let hash = try ctx.passwords.hash(password ?? ctx.tokens.token(32))
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, scope: scope, ctx)
            let now = ctx.nowMillis
            let id = try await AccessWrites.insert(v.record, passwordHash: hash, at: now, on: ctx.store)
            try await AccessWrites.setLinks(ofUser: id, roles: v.roleIds, grantedBranches: v.grantedBranchIds, on: ctx.store)
            let d = try await details(id, scope: .all, ctx)
            try await ctx.audit("create", "user", id, branch: v.branchId, Audit.diff([:], snapshot(d)))
            return d
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.users, .edit)
        return try await ctx.write { ctx in
            let old = try await details(id, scope: scope, ctx)
            try Validate.version(version, current: old.user.version)
            let mine = id == ctx.principal?.userId
            if !mine { try await Authority.ensureManages(old.user, .edit, ctx) }
            let v = try await validate(input, id: id, scope: scope, ctx)
            if mine { try ensureOwnPlacementKept(old, v) }
            try await AccessWrites.update(user: id, v.record, version: old.user.version, at: ctx.nowMillis, on: ctx.store)
            try await AccessWrites.setLinks(ofUser: id, roles: v.roleIds, grantedBranches: v.grantedBranchIds, on: ctx.store)
            // A deactivated user's sessions and API tokens end; reactivating them later revives neither.
            if !v.active, old.user.active { try await AccessWrites.endAccess(ofUser: id, at: ctx.nowMillis, on: ctx.store) }
            let d = try await details(id, scope: .all, ctx)
            try Validate.bumped(d.user.version, from: old.user.version)
            try await ctx.audit("update", "user", id, branch: v.branchId, Audit.diff(snapshot(old), snapshot(d)))
            return d
        }
    }

    /// Deletes a user who has never signed in and whom nothing names yet (an import undone, a
    /// person typed twice); anyone else is deactivated instead (409 `user_in_use`).
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        let scope = try ctx.require(.users, .edit)
        try await ctx.write { ctx in
            let d = try await details(id, scope: scope, ctx)
            try await Authority.ensureManages(d.user, .edit, ctx)
            let inUse = DomainError(.conflict, code: "user_in_use", args: [d.user.displayName])
            guard d.user.lastLoginAt == nil, id != ctx.principal?.userId else { throw inUse }
            try await AccessWrites.delete(user: id, inUse: inUse, on: ctx.store)
            try await ctx.audit("delete", "user", id, branch: d.user.branchId, Audit.diff(snapshot(d), [:]))
        }
    }

    /// What places a person in the organisation and gives them rights is never theirs to change.
    static func ensureOwnPlacementKept(_ old: Details, _ v: Valid) throws {
        let u = old.user
        let changed: [(String, Bool)] = [
            ("branchId", v.branchId != u.branchId), ("departmentId", v.departmentId != u.departmentId),
            ("managerId", v.managerId != u.managerId),
            ("active", v.active != u.active), ("roleIds", v.roleIds != old.roleIds),
            ("grantedBranchIds", v.grantedBranchIds != old.grantedBranchIds),
        ]
        if let field = changed.first(where: \.1)?.0 {
            throw DomainError(.forbidden, code: "cannot_change_own", field: field, args: [field])
        }
    }

    /// An administrator sets a new password for someone they manage; the user's sessions and
    /// API tokens end. One's own password is changed with the current one (`changeOwnPassword`).
    public static func resetPassword(_ id: Int64, password: String?, _ ctx: ServiceContext) async throws {
        let scope = try ctx.require(.users, .edit)
        if id == ctx.principal?.userId { throw DomainError(.forbidden, code: "own_password_needs_current") }
        let pw = try Validate.password(password)
        let hash = try ctx.passwords.hash(pw)
        try await ctx.write { ctx in
            let old = try await details(id, scope: scope, ctx)
            try await Authority.ensureManages(old.user, .edit, ctx)
            try await AccessWrites.setPassword(ofUser: id, hash: hash, at: ctx.nowMillis, on: ctx.store)
            try await AccessWrites.endAccess(ofUser: id, at: ctx.nowMillis, on: ctx.store)
            try await LoginService.forget(username: old.user.username, ctx.store)
            try await ctx.audit(
                "reset_password", "user", id, branch: old.user.branchId, [FieldChange("password", old: "***", new: "***(changed)")])
        }
    }

    /// The signed-in user's own language, remembered for their next sign-in.
    public static func setOwnLocale(_ locale: String, _ ctx: ServiceContext) async throws {
        guard let me = ctx.principal?.userId, locales.contains(locale) else { return }
        try await ctx.write { ctx in
            try await AccessWrites.setLocale(ofUser: me, locale, on: ctx.store)
        }
    }

    /// A signed-in user changes their own password by giving the current one; their other
    /// sessions and every API token end.
    public static func changeOwnPassword(current: String?, new: String?, keepSession: String?, _ ctx: ServiceContext) async throws {
        guard let me = ctx.principal?.userId else { throw DomainError.unauthenticated }
        guard let currentText = current, !currentText.isEmpty else { throw DomainError.required("currentPassword") }
        let pw = try Validate.password(new, "newPassword")
        guard let user = try await OrganisationQueries.user(me, on: ctx.store) else { throw DomainError.notFound }
        guard ctx.passwords.verify(currentText, hash: user.passwordHash) else {
            throw DomainError.invalid("currentPassword", code: "wrong_password")
        }
        let hash = try ctx.passwords.hash(pw)
        try await ctx.write { ctx in
            try await AccessWrites.setPassword(ofUser: me, hash: hash, at: ctx.nowMillis, on: ctx.store)
            try await AccessWrites.endAccess(ofUser: me, keeping: keepSession, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit(
                "change_password", "user", me, branch: user.branchId, [FieldChange("password", old: "***", new: "***(changed)")])
        }
    }

    struct Valid {
        var username: String
        var displayName: String
        var email: String?
        var phone: String?
        var branchId: Int64
        var departmentId: Int64?
        var managerId: Int64?
        var locale: String?
        var active: Bool
        var roleIds: [Int64]
        var grantedBranchIds: [Int64]

        var record: AccessWrites.User {
            AccessWrites.User(
                username: username, displayName: displayName, email: email, phone: phone, branchId: branchId, departmentId: departmentId,
                managerId: managerId, locale: locale, active: active)
        }
    }

    static func validate(_ input: Input, id: Int64?, scope: RowScope, _ ctx: ServiceContext) async throws -> Valid {
        let username = try Validate.code(input.username, "username", max: 32).lowercased()
        guard username.count >= 3 else { throw DomainError.invalid("username", code: "too_short", args: ["username", "3"]) }
        let displayName = try Validate.required(input.displayName, "displayName", max: 100)
        let email = try Validate.email(input.email)
        let phone = try Validate.phone(input.phone)
        guard let branchId = input.branchId else { throw DomainError.required("branchId") }
        guard try await OrganisationQueries.branch(branchId, on: ctx.store) != nil else {
            throw DomainError.invalid("branchId", code: "not_found")
        }
        if let d = input.departmentId {
            guard let dept = try await OrganisationQueries.department(d, on: ctx.store) else {
                throw DomainError.invalid("departmentId", code: "not_found")
            }
            guard dept.branchId == branchId else { throw DomainError.invalid("departmentId", code: "other_branch") }
        }
        // The user must land inside what the acting user reaches, judged by branch and department
        // (one's own record changes no placement: `ensureOwnPlacementKept`).
        let ownUnmoved = id != nil && id == ctx.principal?.userId
        guard ownUnmoved || scope.contains(branch: branchId, department: input.departmentId, owner: nil) else {
            throw DomainError.invalid("branchId", code: "outside_scope")
        }
        if let m = input.managerId { try await validateManager(m, of: id, scope: scope, keep: ownUnmoved, ctx) }
        if let locale = input.locale, !locale.isEmpty, !locales.contains(locale) {
            throw DomainError.invalid("locale", code: "invalid_choice")
        }
        if let existing = try await OrganisationQueries.user(username: username, on: ctx.store), existing.id != id {
            throw DomainError.duplicate("username", value: username)
        }
        let roleIds = Array(Set(input.roleIds ?? [])).sorted()
        var roles: [RoleRow] = []
        for r in roleIds {
            guard let role = try await OrganisationQueries.role(r, on: ctx.store) else {
                throw DomainError.invalid("roleIds", code: "not_found")
            }
            roles.append(role)
        }
        let grants = Array(Set(input.grantedBranchIds ?? [])).sorted()
        for b in grants {
            guard try await OrganisationQueries.branch(b, on: ctx.store) != nil, scope.contains(branch: b, department: nil, owner: nil)
            else {
                throw DomainError.invalid("grantedBranchIds", code: "not_found")
            }
        }
        if !ownUnmoved {
            // What the user would hold after this change, where they would sit: never more than the editor holds.
            let placed = AccessQueries.Placement(
                userId: id ?? 0, username: username, displayName: displayName, branchId: branchId,
                departmentId: input.departmentId, partnerId: nil)
            let would = try await AccessQueries.principal(of: placed, roles: roles, grantedBranches: grants, on: ctx.store)
            try await Authority.ensureCovers(would, field: "roleIds", ctx)
        }
        return Valid(
            username: username, displayName: displayName, email: email, phone: phone, branchId: branchId,
            departmentId: input.departmentId, managerId: input.managerId, locale: (input.locale?.isEmpty ?? true) ? nil : input.locale,
            active: input.active ?? true, roleIds: roleIds, grantedBranchIds: grants)
    }

    /// A manager is an active internal user inside the editor's scope, and no chain of managers
    /// leads back to the user.
    static func validateManager(_ m: Int64, of id: Int64?, scope: RowScope, keep: Bool, _ ctx: ServiceContext) async throws {
        guard m != id, let manager = try await OrganisationQueries.user(m, on: ctx.store), manager.active, manager.partnerId == nil else {
            throw DomainError.invalid("managerId", code: "not_found")
        }
        if !keep, m != ctx.principal?.userId, !Authority.holds(scope, manager) { throw DomainError.invalid("managerId", code: "not_found") }
        guard let id else { return }
        var seen: Set<Int64> = [m]
        var next = manager.managerId
        while let n = next {
            if n == id { throw DomainError.invalid("managerId", code: "manager_cycle") }
            guard seen.insert(n).inserted else { break }
            next = try await OrganisationQueries.user(n, on: ctx.store)?.managerId
        }
    }

    static func snapshot(_ d: Details) -> [String: String?] {
        let u = d.user
        return [
            "username": u.username, "displayName": u.displayName, "email": u.email, "phone": u.phone,
            "branchId": String(u.branchId), "departmentId": u.departmentId.map(String.init), "managerId": u.managerId.map(String.init),
            "locale": u.locale, "active": String(u.active),
            "roleIds": d.roleIds.map(String.init).joined(separator: ","),
            "grantedBranchIds": d.grantedBranchIds.map(String.init).joined(separator: ","),
        ]
    }
}
