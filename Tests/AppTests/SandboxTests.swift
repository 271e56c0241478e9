import Foundation
import TestSupport
import Testing
import Vapor

@testable import Persistence

/// The demo company in a database of its own (演示环境): an administrator loads it from the home
/// page's guide and goes in; pages and API calls there touch only the sandbox; leaving finds the
/// administrator still signed in to the real database, which never saw a demo record.
@Suite("Sandbox: the demo company beside the real one")
struct SandboxTests {
    @Test func anAdministratorLoadsTheDemoApartAndLeavesItAgain() async throws {
        try await TestApp.run { t in
            func realCustomers() async throws -> Int64 {
                try await t.store.scalar("SELECT COUNT(*) AS n FROM partners WHERE is_customer", as: Int64.self) ?? 0
            }
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let home = try await b.get("/")
            #expect(home.text.contains("载入演示公司并进入"))
            let loaded = try await b.post("/organisation/sandbox", [("_csrf", Browser.csrf(home.text))])
            #expect(loaded.status == .seeOther && loaded.headers.first(name: .location) == "/login")
            let password = try #require(try await Settings.get("sandbox.password", on: t.store))

            // Inside: the banner on every page, the demo's own accounts, the demo's data.
            let login = try await b.get("/login")
            #expect(login.status == .ok && login.text.contains("演示环境"))
            #expect(try await b.login("zhangwei", password).status == .seeOther)
            let customers = try await b.get("/crm/customers")
            #expect(customers.text.contains("北京快普科技有限公司") && customers.text.contains("sandbox-banner"))
            // The real database's administrator does not exist in there under the real password.
            var stranger = Browser(t: t)
            stranger.cookies["concord_space"] = "sandbox"
            #expect(try await stranger.login("admin", TestApp.adminPassword).status == .unauthorized)

            // Programs name it with a header; a sandbox token means nothing outside it.
            let header: HTTPHeaders = ["X-Concord-Sandbox": "1"]
            let tokenReply = try await t.send(
                .POST, "/api/v1/auth/token", headers: header, json: #"{"username":"lina","password":"\#(password)"}"#)
            let token = try #require(tokenReply.json["token"] as? String)
            let made = try await t.api(.POST, "/api/v1/customers", token: token, json: #"{"name":"演示里新建的客户"}"#, headers: header)
            #expect(made.status == .created)
            #expect(try await t.api(.GET, "/api/v1/customers", token: token).status == .unauthorized)
            #expect(try await realCustomers() == 0)

            // Leaving: the real home page, still signed in as the administrator, no demo anywhere.
            let left = try await b.get("/organisation/sandbox/leave")
            #expect(left.status == .seeOther && b.cookies["concord_space"] == nil)
            let back = try await b.get("/")
            #expect(back.status == .ok && !back.text.contains("sandbox-banner") && back.text.contains("进入演示环境"))
            #expect(back.text.contains(password))
            // Going in again needs no second load.
            let again = try await b.post("/organisation/sandbox", [("_csrf", Browser.csrf(back.text))])
            let kept = try await Settings.get("sandbox.password", on: t.store)
            #expect(again.status == .seeOther && kept == password)

            // Only a company-wide administrator loads it; and the API says where it stands.
            let admin = try await t.token()
            let status = try await t.api(.GET, "/api/v1/sandbox", token: admin)
            #expect(status.json["loaded"] as? Bool == true && status.json["password"] as? String == password)
            #expect(try await t.api(.GET, "/api/v1/sandbox", token: token, headers: header).status == .notFound)
            #expect(try await realCustomers() == 0)

            // A sandbox the real database has forgotten (reset, or another server's file): loading
            // again keeps its demo and gives its people a new password, rather than failing.
            try await t.store.run("DELETE FROM settings WHERE key = 'sandbox.password'")
            t.app.concord.sandbox?.ready = false
            let reloaded = try await t.api(.POST, "/api/v1/sandbox", token: admin)
            let fresh = try #require(reloaded.json["password"] as? String)
            #expect(reloaded.status == .ok && fresh != password)
            var again2 = Browser(t: t)
            again2.cookies["concord_space"] = "sandbox"
            #expect(try await again2.login("zhangwei", fresh).status == .seeOther)
            #expect(try await again2.get("/crm/customers").text.contains("演示里新建的客户"))
        }
    }
}
