import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor

/// Nobody gets more than their role gives: not by editing themselves, not by managing someone
/// who holds more, not by approving their own document, not by settings that reach further.
@Suite("Rights: nobody widens their own")
struct RightsTests {
    /// A Shanghai branch manager (users, org and pools at branch scope), a Shanghai rep, an HQ
    /// user administrator (users at all scope, nothing else) and the head office's CRM people.
    struct Org {
        var f: OrgFixture
        var manager: Int64, rep: Int64, hqRep: Int64, userAdmin: Int64, admin: Int64
        var branchManagerRole: Int64, repRole: Int64
    }

    static func org(_ t: TestApp) async throws -> Org {
        var f = try await OrgFixture.make(t)
        let sys = t.system
        let repPerms = [
            "users.view", "customers.view", "customers.create", "customers.edit", "pools.view", "pools.edit", "expenses.view",
            "expenses.create",
            "expenses.edit",
        ]
        f.roles["rep"] = try await RoleService.create(.init(code: "rep", name: "rep", permissions: repPerms, dataScope: "own"), sys).id
        f.roles["branch_manager"] = try await RoleService.create(
            .init(
                code: "branch_manager", name: "branch manager",
                permissions: repPerms + [
                    "users.create", "users.edit", "organisation.view", "organisation.edit", "pools.approve", "approvals.view",
                    "approvals.approve",
                ], dataScope: "branch"), sys
        ).id
        let manager = try await f.user(t, "shboss", branch: f.sh, department: f.shSales, role: "branch_manager")
        let rep = try await f.user(t, "shrep", branch: f.sh, department: f.shSales, role: "rep")
        let hqRep = try await f.user(t, "hqrep", branch: f.hq, department: f.hqSales, role: "rep")
        let userAdmin = try await f.user(t, "hradmin", branch: f.hq, department: nil, role: "user_admin")
        let admin = try #require(try await OrganisationQueries.user(username: "admin", on: t.store)).id
        return Org(
            f: f, manager: manager, rep: rep, hqRep: hqRep, userAdmin: userAdmin, admin: admin,
            branchManagerRole: f.roles["branch_manager"]!, repRole: f.roles["rep"]!)
    }

    static func input(_ d: UserService.Details) -> UserService.Input {
        let u = d.user
        return .init(
            username: u.username, displayName: u.displayName, email: u.email, phone: u.phone, branchId: u.branchId,
            departmentId: u.departmentId,
            managerId: u.managerId, locale: u.locale, active: u.active, roleIds: d.roleIds, grantedBranchIds: d.grantedBranchIds)
    }

    @Test func nobodyChangesTheirOwnPlacementOrRights() async throws {
        try await TestApp.run { t in
            let o = try await Self.org(t)
            let me = try await t.context(as: "shboss")
            let mine = try await UserService.find(o.manager, me)
            let changes: [(String, (inout UserService.Input) -> Void)] = [
                (
                    "branchId",
                    {
                        $0.branchId = o.f.hq; $0.departmentId = nil
                    }
                ), ("departmentId", { $0.departmentId = nil }), ("managerId", { $0.managerId = o.rep }),
                ("active", { $0.active = false }), ("roleIds", { $0.roleIds = [o.repRole] }),
                ("grantedBranchIds", { $0.grantedBranchIds = [o.f.sh] }),
            ]
            for (field, change) in changes {
                var input = Self.input(mine)
                change(&input)
                let e = await refusal { _ = try await UserService.update(o.manager, input, version: mine.user.version, me) }
                #expect(e?.code == "cannot_change_own" && e?.field == field && e?.kind == .forbidden, "\(field): \(String(describing: e))")
            }
            #expect(try await OrganisationQueries.user(o.manager, on: t.store)?.branchId == o.f.sh, "nothing moved")
            // What is only theirs they may change.
            var input = Self.input(mine)
            input.displayName = "陈静"
            #expect(try await UserService.update(o.manager, input, version: mine.user.version, me).user.displayName == "陈静")
            // Through the API the same.
            let token = try await t.token("shboss", password: TestApp.userPassword)
            let r = try await t.api(
                .PUT, "/api/v1/users/\(o.manager)", token: token,
                json: """
                    {"username":"shboss","displayName":"x","branchId":"\(o.f.hq)","roleIds":["\(o.branchManagerRole)"],"version":\(mine.user.version + 1)}
                    """)
            #expect(r.status == .forbidden)
            #expect((r.json["error"] as? [String: Any])?["field"] as? String == "branchId")
        }
    }

    @Test func onlySomeoneHoldingAllTheyHoldManagesAUser() async throws {
        try await TestApp.run { t in
            let o = try await Self.org(t)
            let hr = try await t.context(as: "hradmin")
            // The user administrator reaches everyone but holds no CRM rights: the administrator,
            // who holds everything, and the reps, who hold customers, are beyond them.
            for (target, name) in [(o.admin, "admin"), (o.hqRep, "hqrep")] {
                let reset = await refusal { try await UserService.resetPassword(target, password: "a-new-password-1", hr) }
                #expect(reset?.code == "permission_escalation", "reset \(name)")
                let d = try await UserService.find(target, hr)
                var deactivate = Self.input(d)
                deactivate.active = false
                let e = await refusal { _ = try await UserService.update(target, deactivate, version: d.user.version, hr) }
                #expect(e?.code == "permission_escalation", "deactivate \(name)")
            }
            #expect(try await OrganisationQueries.user(o.admin, on: t.store)?.active == true)
            _ = try await t.token("admin", password: TestApp.adminPassword)
            // Someone holding no more than them, they manage.
            let viewer = try await o.f.user(t, "viewer", branch: o.f.hq, department: o.f.hqSales, role: "viewer_own")
            try await UserService.resetPassword(viewer, password: "a-new-password-1", hr)
            // Their own password goes through the page that asks for the current one.
            let own = await refusal { try await UserService.resetPassword(o.userAdmin, password: "a-new-password-1", hr) }
            #expect(own?.code == "own_password_needs_current")
            // The branch manager manages the branch's rep, not a rep of another branch (unseen: 404),
            // and gives no role reaching beyond the branch.
            let boss = try await t.context(as: "shboss")
            try await UserService.resetPassword(o.rep, password: "a-new-password-2", boss)
            let other = await refusal { try await UserService.resetPassword(o.hqRep, password: "a-new-password-2", boss) }
            #expect(other?.kind == .notFound)
            let wide = try await RoleService.create(
                .init(code: "wide", name: "wide", permissions: ["customers.view"], dataScope: "all"), t.system
            ).id
            let repDetails = try await UserService.find(o.rep, boss)
            var promote = Self.input(repDetails)
            promote.roleIds = [wide]
            let up = await refusal { _ = try await UserService.update(o.rep, promote, version: repDetails.user.version, boss) }
            #expect(up?.code == "permission_escalation" && up?.field == "roleIds")
            // A manager is someone inside the editor's reach.
            var managed = Self.input(repDetails)
            managed.managerId = o.hqRep
            let outside = await refusal { _ = try await UserService.update(o.rep, managed, version: repDetails.user.version, boss) }
            #expect(outside?.field == "managerId")
            managed.managerId = o.manager
            #expect(try await UserService.update(o.rep, managed, version: repDetails.user.version, boss).user.managerId == o.manager)
        }
    }

    @Test func aReachThroughACrossBranchGrantIsNotTheWholeTree() async throws {
        try await TestApp.run { t in
            let o = try await Self.org(t)
            // A Shanghai manager who also sees head office by a grant reaches HQ, but not the
            // branches under it: a branch-scoped role at HQ would open all of them (Chengdu too).
            _ = try await BranchService.create(
                .init(code: "CD", name: "成都", parentId: o.f.hq, kind: "branch", accounting: "consolidated"), t.system)
            _ = try await o.f.user(t, "roamer", branch: o.f.sh, department: o.f.shSales, role: "branch_manager", grants: [o.f.hq])
            let roamer = try await t.context(as: "roamer")
            let e = await refusal {
                _ = try await UserService.create(
                    .init(
                        username: "hqboss", displayName: "hq", password: TestApp.userPassword, branchId: o.f.hq,
                        departmentId: o.f.hqSales, roleIds: [o.branchManagerRole]), roamer)
            }
            #expect(e?.code == "permission_escalation")
            #expect(try await OrganisationQueries.user(username: "hqboss", on: t.store) == nil)
            // An own-scoped role there is within reach.
            _ = try await UserService.create(
                .init(
                    username: "hqnew", displayName: "hq", password: TestApp.userPassword, branchId: o.f.hq,
                    departmentId: o.f.hqSales, roleIds: [o.repRole]), roamer)
        }
    }

    @Test func aDeactivatedUsersSessionsAndTokensEndForGood() async throws {
        try await TestApp.run { t in
            let o = try await Self.org(t)
            let token = try await t.token("shrep", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/me", token: token).status == .ok)
            let boss = try await t.context(as: "shboss")
            let d = try await UserService.find(o.rep, boss)
            var off = Self.input(d)
            off.active = false
            let after = try await UserService.update(o.rep, off, version: d.user.version, boss)
            #expect(try await t.api(.GET, "/api/v1/me", token: token).status == .unauthorized)
            var on = Self.input(after)
            on.active = true
            _ = try await UserService.update(o.rep, on, version: after.user.version, boss)
            #expect(try await t.api(.GET, "/api/v1/me", token: token).status == .unauthorized, "reactivating does not revive the old token")
            #expect(try await t.api(.GET, "/api/v1/me", token: try await t.token("shrep", password: TestApp.userPassword)).status == .ok)
        }
    }

    @Test func changingOnesOwnPasswordNeedsTheCurrentOne() async throws {
        try await TestApp.run { t in
            _ = try await Self.org(t)
            let token = try await t.token("shrep", password: TestApp.userPassword)
            let wrong = try await t.api(
                .POST, "/api/v1/me/password", token: token, json: #"{"currentPassword":"nope","newPassword":"another-password-9"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect((wrong.json["error"] as? [String: Any])?["field"] as? String == "currentPassword")
            let ok = try await t.api(
                .POST, "/api/v1/me/password", token: token,
                json: #"{"currentPassword":"\#(TestApp.userPassword)","newPassword":"another-password-9"}"#)
            #expect(ok.status == .noContent)
            #expect(try await t.api(.GET, "/api/v1/me", token: token).status == .unauthorized, "every token ends")
            _ = try await t.token("shrep", password: "another-password-9")
            // On the page, a refusal after the redirect names what it is about (no "{0}").
            var b = Browser(t: t)
            _ = try await b.login("shrep", "another-password-9")
            let form = try await b.get("/access/me/password")
            _ = try await b.post(
                "/access/me/password",
                [("_csrf", Browser.csrf(form.text)), ("currentPassword", "another-password-9"), ("newPassword", "short")])
            let shown = try await b.get("/access/me/password")
            #expect(shown.text.contains("密码至少需要 10 个字符") && !shown.text.contains("{0}"))
        }
    }

    @Test func editingARoleCannotWidenOrNarrowPeopleBeyondTheEditor() async throws {
        try await TestApp.run { t in
            let o = try await Self.org(t)
            let roleAdmin = try await RoleService.create(
                .init(
                    code: "role_admin", name: "role admin",
                    permissions: [
                        "roles.view", "roles.edit", "users.view", "customers.view", "customers.create", "customers.edit", "pools.view",
                        "pools.edit",
                        "expenses.view", "expenses.create", "expenses.edit",
                    ], dataScope: "branch"), t.system
            ).id
            _ = try await UserService.create(
                .init(
                    username: "shroles", displayName: "r", password: TestApp.userPassword, branchId: o.f.sh,
                    departmentId: o.f.shSales, roleIds: [roleAdmin]), t.system)
            let ctx = try await t.context(as: "shroles")
            // The rep role is also held at head office, beyond a Shanghai editor.
            let rep = try await RoleService.find(o.repRole, ctx)
            let e = await refusal {
                _ = try await RoleService.update(
                    o.repRole, .init(code: rep.code, name: "rep+", permissions: ["users.view", "customers.view"], dataScope: "own"),
                    version: rep.version, ctx)
            }
            #expect(e?.code == "permission_escalation")
            // Their own role is not theirs to edit.
            let mine = try await RoleService.find(roleAdmin, ctx)
            let own = await refusal {
                _ = try await RoleService.update(
                    roleAdmin, .init(code: mine.code, name: "x", permissions: ["roles.view", "roles.edit"], dataScope: "branch"),
                    version: mine.version, ctx)
            }
            #expect(own?.code == "cannot_change_own")
        }
    }

    @Test func theSubmitterNeverApprovesAndAnEmptiedStepGoesUp() async throws {
        try await TestApp.run { t in
            let o = try await Self.org(t)
            let sys = t.system
            let finRole = try await RoleService.create(
                .init(
                    code: "fin", name: "财务", permissions: ["expenses.view", "expenses.create", "expenses.edit"],
                    dataScope: "all"), sys
            ).id
            // The only finance person reports to the Shanghai manager, who reports to the general manager.
            let gm = try await UserService.create(
                .init(
                    username: "genmgr", displayName: "总经理", password: TestApp.userPassword, branchId: o.f.hq,
                    roleIds: [o.f.roles["user_admin"]!]), sys
            ).user.id
            let shboss = try await UserService.find(o.manager, sys)
            var withBoss = Self.input(shboss)
            withBoss.managerId = gm
            _ = try await UserService.update(o.manager, withBoss, version: shboss.user.version, sys)
            let fin = try await UserService.create(
                .init(
                    username: "fin", displayName: "财务", password: TestApp.userPassword, branchId: o.f.sh,
                    departmentId: o.f.shSales, managerId: o.manager, roleIds: [finRole]), sys
            ).user.id
            _ = try await ApprovalService.saveRule(
                nil, .init(docType: "expense_claim", name: "财务审核", steps: [.init(kind: .role, ref: finRole)]), version: nil, sys)
            let cats = try await ExpenseService.categories(t.store)
            let travel = try #require(cats.first { $0.code == "TRAVEL" }).id
            let finCtx = try await t.context(as: "fin")
            let claim = try await ExpenseService.create(
                .init(
                    title: "差旅", claimDate: "2026-11-20",
                    lines: [.init(categoryId: travel, expenseDate: "2026-11-18", amount: "300", description: "机票")]), finCtx)
            _ = try await ExpenseService.transition(claim.claim.id, .submit, finCtx)
            let a = try #require(try await ApprovalService.history(.expenseClaim, docId: claim.claim.id, sys).first)
            // The finance step would have been fin alone: it goes to fin's manager, and the history says why.
            #expect(a.assignees.map(\.userId) == [o.manager])
            #expect(a.actions.map(\.action) == ["submit", "escalate"])
            #expect(a.actions.last?.comment == "submitter_excluded")
            #expect(try await ApprovalService.list(.todo, status: nil, limit: 5, cursor: nil, finCtx).items.isEmpty)
            let selfDecide = await refusal { _ = try await ApprovalService.decide(a.approval.id, .approve, comment: nil, finCtx) }
            #expect(selfDecide?.kind == .forbidden)
            // With the manager gone, the next one up takes it.
            let boss = try await UserService.find(o.manager, sys)
            var off = Self.input(boss)
            off.active = false
            _ = try await UserService.update(o.manager, off, version: boss.user.version, sys)
            let second = try await ExpenseService.create(
                .init(
                    title: "差旅2", claimDate: "2026-11-20",
                    lines: [.init(categoryId: travel, expenseDate: "2026-11-18", amount: "100", description: "火车")]), finCtx)
            _ = try await ExpenseService.transition(second.claim.id, .submit, finCtx)
            let b = try #require(try await ApprovalService.history(.expenseClaim, docId: second.claim.id, sys).first)
            #expect(b.assignees.map(\.userId) == [gm])
            // The page tells the story in words.
            var browser = Browser(t: t)
            _ = try await browser.login("fin", TestApp.userPassword)
            let page = try await browser.get("/expenses/claims/\(second.claim.id)")
            #expect(page.text.contains("提交人不审批自己的单据"))
            _ = fin
        }
    }

    @Test func settingsBeyondABranchNeedTheReach() async throws {
        try await TestApp.run { t in
            let o = try await Self.org(t)
            let boss = try await t.context(as: "shboss")
            // Pools: the company's is beyond a branch manager; the branch's own is theirs.
            let company = try await PoolService.create(.init(name: "公司公海", rules: [.init(noFollowUpDays: 30)]), t.system)
            let e1 = await refusal {
                _ = try await PoolService.update(
                    company.pool.id, .init(name: "公司公海", rules: [.init(noFollowUpDays: 1)]), version: company.pool.version, boss)
            }
            #expect(e1?.code == "needs_wider_scope")
            let e2 = await refusal {
                _ = try await PoolService.create(.init(name: "总部公海", branchId: o.f.hq, rules: [.init(noFollowUpDays: 1)]), boss)
            }
            #expect(e2?.code == "needs_wider_scope")
            _ = try await PoolService.create(.init(name: "上海公海", branchId: o.f.sh, rules: [.init(noFollowUpDays: 30)]), boss)
            let token = try await t.token("shboss", password: TestApp.userPassword)
            #expect(try await t.api(.POST, "/api/v1/pools/run-rules", token: token).status == .forbidden)
            // The price between two branches, and a branch's parent.
            let cd = try await BranchService.create(
                .init(code: "CD", name: "成都", parentId: o.f.hq, kind: "branch", accounting: "independent"), t.system
            ).id
            let e3 = await refusal {
                _ = try await BranchTradeService.setRule(from: o.f.sh, to: cd, method: "cost_plus", markup: "50", priceListId: nil, boss)
            }
            #expect(e3?.code == "needs_wider_scope" && e3?.field == "toBranchId")
            let sh = try await BranchService.find(o.f.sh, boss)
            let e4 = await refusal {
                _ = try await BranchService.update(
                    o.f.sh, .init(code: sh.code, name: sh.name, parentId: cd, kind: sh.kind, accounting: sh.accounting, active: true),
                    version: sh.version, boss)
            }
            #expect(e4?.code == "needs_wider_scope")
            // An approval rule for every branch.
            let e5 = await refusal {
                _ = try await ApprovalService.saveRule(
                    nil, .init(docType: "quote", name: "x", steps: [.init(kind: .manager, ref: nil)]), version: nil, boss)
            }
            #expect(e5?.code == "needs_wider_scope")
            // A portal account opens a customer's books: it needs edit rights on that customer.
            let hqCustomer = try await CustomerService.create(.init(name: "北京经销商", branchId: o.f.hq), t.system)
            let portalMaker = try await RoleService.create(
                .init(
                    code: "portal_maker", name: "p", permissions: ["users.view", "users.create", "customers.view"],
                    dataScope: "all"), t.system
            ).id
            _ = try await UserService.create(
                .init(username: "portalmk", displayName: "pm", password: TestApp.userPassword, branchId: o.f.hq, roleIds: [portalMaker]),
                t.system)
            let pm = try await t.context(as: "portalmk")
            let e6 = await refusal {
                _ = try await PortalService.createUser(
                    partnerId: hqCustomer.id, username: "dist1", displayName: "d", password: TestApp.userPassword, pm)
            }
            #expect(e6?.field == "partnerId")
            let shCustomer = try await CustomerService.create(.init(name: "上海经销商", branchId: o.f.sh), t.system)
            _ = try await PortalService.createUser(
                partnerId: hqCustomer.id, username: "Dist1", displayName: "d", password: TestApp.userPassword, t.system)
            _ = try await PortalService.createUser(
                partnerId: shCustomer.id, username: "dist2", displayName: "d", password: TestApp.userPassword, t.system)
            // Names are kept as sign-in reads them; the list is the lister's scope.
            _ = try await t.token("dist1", password: TestApp.userPassword)
            #expect(try await PortalService.users(boss).map(\.username) == ["dist2"])
        }
    }
}
