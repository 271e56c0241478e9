import Demo
import Kernel
import Persistence
import Services

/// Small, named organisations for tests: built through the same services the product uses.
public struct OrgFixture: Sendable {
    public var hq: Int64
    public var sh: Int64
    public var hqSales: Int64
    public var hqSalesKA: Int64
    public var shSales: Int64
    public var roles: [String: Int64]

    /// HQ with a sales department (and a key-account team under it), a Shanghai branch with its
    /// own sales department, and roles at each data scope.
    public static func make(_ t: any TestWorld) async throws -> OrgFixture {
        let ctx = t.system
        let hq = try await OrganisationQueries.headOffice(on: t.store)!.id
        let sh = try await BranchService.create(
            .init(code: "SH", name: "上海分公司", parentId: hq, kind: "branch", accounting: "independent"), ctx
        ).id
        let sales = try await DepartmentService.create(.init(code: "HQ-SALES", name: "销售部", branchId: hq), ctx).id
        let ka = try await DepartmentService.create(.init(code: "HQ-KA", name: "大客户组", branchId: hq, parentId: sales), ctx).id
        let shSales = try await DepartmentService.create(.init(code: "SH-SALES", name: "上海销售部", branchId: sh), ctx).id
        var roles: [String: Int64] = [:]
        for (code, perms, scope) in [
            ("viewer_own", ["users.view"], "own"), ("viewer_dept", ["users.view", "organisation.view"], "department"),
            ("viewer_branch", ["users.view", "organisation.view", "audit.view"], "branch"),
            ("user_admin", ["users.view", "users.create", "users.edit", "organisation.view", "roles.view"], "all"),
            ("org_admin", ["organisation.view", "organisation.create", "organisation.edit"], "all"),
        ] {
            roles[code] = try await RoleService.create(.init(code: code, name: code, permissions: perms, dataScope: scope), ctx).id
        }
        return OrgFixture(hq: hq, sh: sh, hqSales: sales, hqSalesKA: ka, shSales: shSales, roles: roles)
    }

    @discardableResult
    public func user(
        _ t: any TestWorld, _ username: String, branch: Int64, department: Int64?, role: String, grants: [Int64] = []
    ) async throws -> Int64 {
        try await UserService.create(
            .init(
                username: username, displayName: username, password: TestApp.userPassword, branchId: branch,
                departmentId: department, roleIds: [roles[role]!], grantedBranchIds: grants), t.system
        ).user.id
    }
}

/// The demo company as `concord demo` loads it: organisation, 进销存, CRM, order to cash, branches
/// and channels (the portal account `chuanyu` included), every user with `password`.
public enum DemoFixture {
    public static func load(_ t: any TestWorld, password: String) async throws {
        _ = try await DemoCompany.load(password: password, t.system)
        try await DemoInventory.load(month: "2026-10", t.system)
        try await DemoCRM.load(t.system)
        try await DemoFinance.load(month: "2026-10", t.system)
        try await DemoChannel.load(month: "2026-10", password: password, t.system)
    }
}

/// The refusal a use case answers with (nil when it went through).
public func refusal(_ body: () async throws -> Void) async -> DomainError? {
    do {
        try await body()
        return nil
    } catch let e as DomainError {
        return e
    } catch {
        return DomainError(.badRequest, code: "unexpected: \(error)")
    }
}
