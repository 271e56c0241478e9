import Foundation
import Kernel
import Persistence

/// The people of a company moving in (员工): user name, name, contact, their branch and
/// department (by code or name), roles (by code or name, several with 、 or ,) and manager (by
/// user name). Found again by user name. Nobody's password is imported: a new person signs in
/// after accepting an invitation (the user's page makes one), so no password ever passes through
/// a spreadsheet. Granting roles follows the same rule as on the form: no one gives rights they
/// do not hold.
enum UserImport: RowImportKind {
    static let fields = ["username", "displayName", "email", "phone", "branch", "department", "roles", "manager", "active"]
    static let keys = ["username"]
    static let module = Module.users

    static let columns = ImportColumns([
        "username": ["用户名", "登录名", "账号", "登录账号", "工号", "username", "login", "account", "userid"],
        "displayName": ["姓名", "员工姓名", "名字", "显示名", "name", "displayname", "fullname", "employeename"],
        "email": ["邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "workemail"],
        "phone": ["手机", "手机号", "电话", "联系电话", "phone", "mobile", "workphone"],
        "branch": ["机构", "分支机构", "公司", "所属机构", "所属公司", "branch", "company", "office"],
        "department": ["部门", "所属部门", "department", "dept"],
        "roles": ["角色", "岗位", "职位角色", "roles", "role", "usergroup"],
        "manager": ["上级", "直属上级", "主管", "manager", "supervisor"],
        "active": ["启用", "状态", "在职", "active", "enabled"],
    ])

    static func suggestedKey(_ mapping: [String]) -> String { "username" }

    static func check(_ s: ImportService.Settings) throws {
        if s.mode != "update", !s.mapping.contains("displayName") {
            throw DomainError.invalid("mapping", code: "import_user_columns")
        }
    }

    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if ["username", "email", "phone", "manager"].contains(field) {
                v = Pinyin.halfWidth(v).replacingOccurrences(of: " ", with: "")
            }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// Branch, department, roles and manager named in a row, as ids; a name that fits nothing is
    /// refused on its column.
    static func placement(
        _ v: [String: String], over old: UserService.Details?, _ ctx: ServiceContext
    ) async throws
        -> (branch: Int64?, department: Int64?, roles: [Int64]?, manager: Int64?)
    {
        var branch = old?.user.branchId ?? ctx.principal?.branchId
        if let b = v["branch"] {
            let all = try await OrganisationQueries.branches(on: ctx.store)
            guard let found = all.first(where: { $0.code == b }) ?? all.first(where: { $0.name == b }) else {
                throw DomainError.invalid("branch", code: "import_branch_not_found", args: [b])
            }
            branch = found.id
        }
        var department = old?.user.departmentId
        if let d = v["department"] {
            let all = try await OrganisationQueries.departments(on: ctx.store).filter { $0.branchId == branch }
            guard let found = all.first(where: { $0.code == d }) ?? all.first(where: { $0.name == d }) else {
                throw DomainError.invalid("department", code: "import_department_not_found", args: [d])
            }
            department = found.id
        }
        var roles = old?.roleIds
        if let text = v["roles"] {
            let all = try await OrganisationQueries.roles(on: ctx.store)
            roles = try text.split(whereSeparator: { ",，、;；".contains($0) }).map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                guard let r = all.first(where: { $0.code == name }) ?? all.first(where: { $0.name == name }) else {
                    throw DomainError.invalid("roles", code: "import_role_not_found", args: [name])
                }
                return r.id
            }
        }
        var manager = old?.user.managerId
        if let m = v["manager"] {
            guard let u = try await OrganisationQueries.user(username: m, on: ctx.store) else {
                throw DomainError.invalid("manager", code: "import_owner_not_found", args: [m])
            }
            manager = u.id
        }
        return (branch, department, roles, manager)
    }

    static func input(
        _ v: [String: String], over old: UserService.Details?, placement p: (Int64?, Int64?, [Int64]?, Int64?)
    )
        -> UserService.Input
    {
        let u = old?.user
        return UserService.Input(
            username: v["username"] ?? u?.username, displayName: v["displayName"] ?? u?.displayName, email: v["email"] ?? u?.email,
            phone: v["phone"] ?? u?.phone, password: nil, branchId: p.0, departmentId: p.1, managerId: p.3, locale: u?.locale,
            active: PartnerImport.active(v["active"]) ?? u?.active, roleIds: p.2 ?? [], grantedBranchIds: old?.grantedBranchIds)
    }

    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws
        -> ImportService.Outcome
    {
        let via = run.via(r), dryRun = run.dryRun
        return try await row(
            r, v, &run, key: { $0.lowercased() },
            find: {
                try await v["username"].asyncMap { try await OrganisationQueries.user(username: $0, on: ctx.store) }.asyncMap {
                    try await UserService.find($0.id, ctx)
                }
            }, name: { ($0.user.displayName, $0.user.username) },
            update: { d in
                let input = input(v, over: d, placement: try await placement(v, over: d, ctx))
                if dryRun {
                    _ = try await UserService.validate(input, id: d.user.id, scope: try ctx.require(.users, .edit), ctx)
                    return ImportService.Outcome(
                        line: r.line, outcome: "would_update", recordId: d.user.id, args: [], name: d.user.displayName)
                }
                let row = try await ctx.store.savepoint {
                    try await UserService.update(d.user.id, input, version: d.user.version, ctx.through("import", via: via))
                }
                return try written(r, "updated", id: row.user.id, name: row.user.displayName, version: row.user.version, before: Before(d))
            },
            create: {
                let input = input(v, over: nil, placement: try await placement(v, over: nil, ctx))
                if dryRun {
                    _ = try await UserService.validate(input, id: nil, scope: try ctx.require(.users, .create), ctx)
                    return ImportService.Outcome(line: r.line, outcome: "would_create", args: [], name: v["displayName"])
                }
                let row = try await ctx.store.savepoint { try await UserService.create(input, ctx.through("import", via: via)) }
                return try written(r, "created", id: row.user.id, name: row.user.displayName, version: row.user.version)
            })
    }

    /// A user as the import found them, to put back on a revert.
    struct Before: Codable {
        var user: UserRow
        var roleIds: [Int64]
        var grantedBranchIds: [Int64]
        init(_ d: UserService.Details) {
            user = d.user
            roleIds = d.roleIds
            grantedBranchIds = d.grantedBranchIds
        }
        var details: UserService.Details { .init(user: user, roleIds: roleIds, grantedBranchIds: grantedBranchIds) }
    }

    /// Deletes a person the import made who has never signed in; gives one it changed their former place and roles back.
    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await OrganisationQueries.user(rid, on: tx.store) else { return false }
        try unchanged(r, version: current.version, name: current.displayName)
        if r.outcome == "created" {
            try await UserService.delete(rid, tx)
            return true
        }
        if let text = r.before, let before = try? JSONDecoder().decode(Before.self, from: Data(text.utf8)) {
            let old = before.details
            _ = try await UserService.update(
                rid, input([:], over: old, placement: (old.user.branchId, old.user.departmentId, old.roleIds, old.user.managerId)),
                version: current.version, tx)
        }
        return false
    }
}
