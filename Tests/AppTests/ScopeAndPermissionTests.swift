import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor

@Suite("Data scope and permissions: what must stay hidden stays hidden")
struct ScopeAndPermissionTests {
    static func usernames(_ t: TestApp, as user: String) async throws -> Set<String> {
        let ctx = try await t.context(as: user)
        let page = try await UserService.list(filter: .init(), sort: .username, descending: false, limit: 200, cursor: nil, ctx)
        return Set(page.items.map(\.username))
    }

    @Test func eachScopeSeesExactlyItsUsers() async throws {
        try await TestApp.run { t in
            let f = try await OrgFixture.make(t)
            try await f.user(t, "own_rep", branch: f.hq, department: f.hqSalesKA, role: "viewer_own")
            try await f.user(t, "dept_mgr", branch: f.hq, department: f.hqSales, role: "viewer_dept")
            try await f.user(t, "ka_rep", branch: f.hq, department: f.hqSalesKA, role: "viewer_own")
            try await f.user(t, "sh_mgr", branch: f.sh, department: f.shSales, role: "viewer_branch")
            try await f.user(t, "sh_rep", branch: f.sh, department: f.shSales, role: "viewer_own")
            try await f.user(t, "hrmgr", branch: f.hq, department: nil, role: "user_admin")

            #expect(try await Self.usernames(t, as: "own_rep") == ["own_rep"])
            // The department scope includes sub-departments (大客户组 under 销售部).
            #expect(try await Self.usernames(t, as: "dept_mgr") == ["dept_mgr", "own_rep", "ka_rep"])
            #expect(try await Self.usernames(t, as: "sh_mgr") == ["sh_mgr", "sh_rep"])
            #expect(try await Self.usernames(t, as: "hrmgr").count == 7)
        }
    }

    @Test func aHiddenRecordAnswers404NotForbidden() async throws {
        try await TestApp.run { t in
            let f = try await OrgFixture.make(t)
            try await f.user(t, "sh_mgr", branch: f.sh, department: f.shSales, role: "viewer_branch")
            let hqUser = try await f.user(t, "hq_rep", branch: f.hq, department: f.hqSales, role: "viewer_own")
            let token = try await t.token("sh_mgr", password: TestApp.userPassword)
            let r = try await t.api(.GET, "/api/v1/users/\(hqUser)", token: token)
            #expect(r.status == .notFound)
            let list = try await t.api(.GET, "/api/v1/users?q=hq_rep", token: token)
            #expect((list.json["items"] as? [Any])?.isEmpty == true)
            // The audit log is scoped too: the Shanghai manager sees nothing of head office changes.
            let audit = try await t.api(.GET, "/api/v1/audit?entity=user&entityId=\(hqUser)", token: token)
            #expect(audit.status == .ok)
            #expect((audit.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func crossBranchGrantOpensTheOtherBranch() async throws {
        try await TestApp.run { t in
            let f = try await OrgFixture.make(t)
            try await f.user(t, "sh_rep", branch: f.sh, department: f.shSales, role: "viewer_own")
            try await f.user(t, "roaming", branch: f.hq, department: f.hqSales, role: "viewer_own", grants: [f.sh])
            #expect(try await Self.usernames(t, as: "roaming") == ["roaming", "sh_rep"])
        }
    }

    @Test func withoutThePermissionTheAPIAnswers403() async throws {
        try await TestApp.run { t in
            let f = try await OrgFixture.make(t)
            try await f.user(t, "viewer", branch: f.hq, department: f.hqSales, role: "viewer_dept")
            let token = try await t.token("viewer", password: TestApp.userPassword)
            let create = try await t.api(
                .POST, "/api/v1/users", token: token,
                json: #"{"username":"sneaky","displayName":"x","password":"long-enough-1","branchId":"1"}"#)
            #expect(create.status == .forbidden)
            #expect(try await t.api(.GET, "/api/v1/roles", token: token).status == .forbidden)
            #expect(try await t.api(.GET, "/api/v1/audit", token: token).status == .forbidden)
            #expect(
                try await t.api(.POST, "/api/v1/branches", token: token, json: #"{"code":"X","name":"X","parentId":"1"}"#).status
                    == .forbidden)
            #expect(try await OrganisationQueries.user(username: "sneaky", on: t.store) == nil)
        }
    }

    @Test func nobodyGrantsMoreThanTheyHold() async throws {
        try await TestApp.run { t in
            let f = try await OrgFixture.make(t)
            try await f.user(t, "hrmgr", branch: f.hq, department: nil, role: "user_admin")
            let ctx = try await t.context(as: "hrmgr")
            let admin = try await OrganisationQueries.role(code: "admin", on: t.store)!
            await #expect(throws: DomainError.self) {
                _ = try await UserService.create(
                    .init(username: "evil", displayName: "evil", password: "long-enough-1", branchId: f.hq, roleIds: [admin.id]), ctx)
            }
            await #expect(throws: DomainError.self) {
                _ = try await RoleService.create(.init(code: "super", name: "super", permissions: ["audit.view"], dataScope: "all"), ctx)
            }
        }
    }

    @Test func deactivatingAUserEndsTheirSessions() async throws {
        try await TestApp.run { t in
            let f = try await OrgFixture.make(t)
            let id = try await f.user(t, "leaver", branch: f.hq, department: f.hqSales, role: "viewer_own")
            let token = try await t.token("leaver", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/me", token: token).status == .ok)
            let d = try await UserService.find(id, t.system)
            var input = UserService.Input(
                username: "leaver", displayName: "leaver", branchId: f.hq, departmentId: f.hqSales, active: false,
                roleIds: d.roleIds)
            input.active = false
            _ = try await UserService.update(id, input, version: d.user.version, t.system)
            #expect(try await t.api(.GET, "/api/v1/me", token: token).status == .unauthorized)
        }
    }
}
