import Foundation
import Persistence
import TestSupport
import Testing
import Vapor

/// An administrator invites a colleague by a one-time link; the colleague chooses their own
/// password by it and is signed in. Nobody else ever knows the password.
@Suite("Invitations: a person sets their own password")
struct InviteTests {
    @Test func aColleagueInvitedByLinkChoosesTheirPassword() async throws {
        try await TestApp.run { t in
            let admin = try await t.token()
            let created = try await t.api(
                .POST, "/api/v1/users", token: admin, json: #"{"username":"lisi","displayName":"李四","branchId":"1"}"#)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? String)
            // Without a password nobody can sign in as them.
            let guess = try await t.send(.POST, "/api/v1/auth/token", json: #"{"username":"lisi","password":""}"#)
            #expect(guess.status != .created)

            let first = try await t.api(.POST, "/api/v1/users/\(id)/invite", token: admin)
            #expect(first.status == .created)
            let old = try #require(first.json["token"] as? String)
            let second = try await t.api(.POST, "/api/v1/users/\(id)/invite", token: admin)
            let token = try #require(second.json["token"] as? String)
            #expect((second.json["link"] as? String)?.hasSuffix("/access/invite/" + token) == true)

            var b = Browser(t: t)
            let replaced = try await b.get("/access/invite/" + old)
            #expect(replaced.status == .notFound, "a new link replaces the old")
            let page = try await b.get("/access/invite/" + token)
            #expect(page.status == .ok && page.text.contains("欢迎，李四"))
            let differ = try await b.post(
                "/access/invite/" + token,
                [("_csrf", Browser.csrf(page.text)), ("password", "lisi-secret-1"), ("passwordRepeat", "lisi-secret-2")])
            #expect(differ.status == .unprocessableEntity && differ.text.contains("两次输入的密码不一致"))
            let ok = try await b.post(
                "/access/invite/" + token,
                [("_csrf", Browser.csrf(differ.text)), ("password", "lisi-secret-1"), ("passwordRepeat", "lisi-secret-1")])
            #expect(ok.status == .seeOther)
            let home = try await b.get("/")
            #expect(home.status == .ok && home.text.contains("李四"), "signed in by the link")
            // Used: the link does nothing any more; the password is theirs.
            var stranger = Browser(t: t)
            #expect(try await stranger.get("/access/invite/" + token).status == .notFound)
            let again = try await t.send(.POST, "/api/v1/invites/\(token)/accept", json: #"{"password":"someone-else-1"}"#)
            #expect(again.status == .notFound)
            _ = try await t.token("lisi", password: "lisi-secret-1")
            let audited = try await t.store.scalar(
                "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'user' AND action IN ('invite', 'accept_invite')", as: Int64.self)
            #expect(audited == 3)
        }
    }
}

/// The ready-made roles a new company is offered when adding its people.
@Suite("Role templates")
struct RoleTemplateTests {
    @Test func anAdministratorStartsARoleFromATemplate() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let list = try await t.api(.GET, "/api/v1/role-templates", token: token)
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(
                items.compactMap { $0["key"] as? String } == [
                    "general_manager", "branch_manager", "sales_manager", "sales_rep", "finance", "warehouse_keeper",
                ])
            // A program posts one as it is.
            let keeper = try #require(items.first { $0["key"] as? String == "warehouse_keeper" })
            let body = try JSONSerialization.data(
                withJSONObject: [
                    "code": keeper["code"]!, "name": keeper["name"]!, "permissions": keeper["permissions"]!,
                    "dataScope": keeper["dataScope"]!,
                ])
            let made = try await t.api(.POST, "/api/v1/roles", token: token, json: String(decoding: body, as: UTF8.self))
            #expect(made.status == .created && made.json["dataScope"] as? String == "branch")
            // A person opens the form filled from one, from the roles list or the new-user page.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let roles = try await b.get("/access/roles")
            #expect(roles.text.contains("href=\"/access/roles/new?template=sales_rep\""))
            #expect(try await b.get("/access/users/new").text.contains("href=\"/access/roles/new?template=finance\""))
            let form = try await b.get("/access/roles/new?template=sales_rep")
            #expect(form.text.contains("value=\"sales_rep\"") && form.text.contains("value=\"销售代表\""))
            #expect(form.text.contains("value=\"customers.view\" checked"))
            #expect(!form.text.contains("value=\"costs.view\" checked"))
        }
    }
}
