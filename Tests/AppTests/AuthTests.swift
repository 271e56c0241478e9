import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Sign-in, tokens and lock-out")
struct AuthTests {
    @Test func firstStartCreatesHeadOfficeAndAdminWithTheGivenPassword() async throws {
        try await TestApp.run { t in
            let admin = try #require(try await OrganisationQueries.user(username: "admin", on: t.store))
            #expect(t.system.passwords.verify(TestApp.adminPassword, hash: admin.passwordHash))
            #expect(try await OrganisationQueries.headOffice(on: t.store)?.kind == "head_office")
            // A second start changes nothing.
            let again = try await Bootstrap.ensure(adminPassword: "something-else-123", t.system)
            #expect(again.created == false)
        }
    }

    @Test func withoutAConfiguredPasswordOneIsGeneratedNeverADefault() async throws {
        try await TestApp.run { t in
            // Empty the organisation to simulate a first start without CONCORD_ADMIN_PASSWORD.
            for table in ["user_roles", "sessions", "api_tokens", "users", "roles", "branches"] {
                try await t.store.run("DELETE FROM \(ident: table)")
            }
            let result = try await Bootstrap.ensure(adminPassword: nil, t.system)
            let generated = try #require(result.generatedPassword)
            #expect(generated.count >= 16)
            let token = try await t.token("admin", password: generated)
            #expect(!token.isEmpty)
        }
    }

    @Test func tokenAndMe() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let me = try await t.api(.GET, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            let user = me.json["user"] as? [String: Any]
            #expect(user?["username"] as? String == "admin")
            #expect((me.json["permissions"] as? [String: String])?["users.edit"] == "all")
            // Every right the administrator holds, each under its name.
            #expect((me.json["permissions"] as? [String: String])?.count == Permission.all.count)
            // The token is stored hashed, never in clear.
            let stored = try await t.store.all("SELECT * FROM api_tokens", as: ApiTokenRow.self)
            #expect(stored.allSatisfy { $0.tokenHash != token && $0.tokenHash == SecretHash.sha256(token) })
            // Lower-case hex of SHA-256 (FIPS 180-2's "abc"), as every stored hash was written.
            #expect(SecretHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            // Another set of rights is written as its own (the administrator's, written first, is kept apart).
            let org = try await OrgFixture.make(t)
            try await org.user(t, "viewer", branch: org.hq, department: org.hqSales, role: "viewer_dept")
            let viewer = try await t.api(.GET, "/api/v1/me", token: try await t.token("viewer", password: TestApp.userPassword))
            #expect(viewer.json["permissions"] as? [String: String] == ["users.view": "department", "organisation.view": "department"])
            #expect(
                (try await t.api(.GET, "/api/v1/me", token: token).json["permissions"] as? [String: String])?.count == Permission.all.count)
        }
    }

    @Test func noTokenOrAForgedOneIs401() async throws {
        try await TestApp.run { t in
            let none = try await t.send(.GET, "/api/v1/me")
            #expect(none.status == .unauthorized)
            #expect((none.json["error"] as? [String: Any])?["code"] as? String == "unauthenticated")
            let forged = try await t.api(.GET, "/api/v1/me", token: "cct_forged")
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func revokedTokenStopsWorking() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let list = try await t.api(.GET, "/api/v1/tokens", token: token)
            let id = try #require(((list.json["items"] as? [[String: Any]])?.first?["id"]) as? String)
            let revoke = try await t.api(.POST, "/api/v1/tokens/\(id)/revoke", token: token)
            #expect(revoke.status == .ok)
            #expect(try await t.api(.GET, "/api/v1/me", token: token).status == .unauthorized)
        }
    }

    /// A token's rights are remembered between calls; a change of role takes effect on the next
    /// call, and a write that changes no rights (a product) keeps what is remembered.
    @Test func aChangedRoleTakesEffectAtOnceAndOtherWritesKeepTheTokenCache() async throws {
        try await TestApp.run { t in
            let org = try await OrgFixture.make(t)
            try await org.user(t, "auditor", branch: org.hq, department: nil, role: "viewer_branch")
            let token = try await t.token("auditor", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/audit", token: token).status == .ok)
            let gate = t.app.concord.gate
            let rights = gate.access.value
            let admin = try await t.token()
            let product = try await t.api(
                .POST, "/api/v1/products", token: admin,
                json: #"{"code":"C1","name":"缓存商品","baseUnit":"袋","costingMethod":"moving_average"}"#)
            #expect(product.status == .created)
            #expect(gate.access.value == rights)
            let role = try #require(try await OrganisationQueries.role(org.roles["viewer_branch"]!, on: t.store))
            _ = try await RoleService.update(
                role.id, .init(code: role.code, name: role.name, permissions: ["users.view"], dataScope: "branch"), version: role.version,
                t.system)
            #expect(gate.access.value != rights)
            #expect(try await t.api(.GET, "/api/v1/audit", token: token).status == .forbidden)
        }
    }

    @Test func wrongPasswordAndUnknownUserAnswerAlikeAndSlowDown() async throws {
        try await TestApp.run { t in
            let wrong = try await t.send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"nope-nope-nope"}"#)
            let unknown = try await t.send(.POST, "/api/v1/auth/token", json: #"{"username":"nobody","password":"nope-nope-nope"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text == unknown.text, "no user enumeration")
            _ = try await t.send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"nope-nope-nope"}"#)
            // Each failure of a name waits longer than the one before.
            #expect(t.sleeps.all == [300, 300, 600])
        }
    }

    @Test func fiveFailuresLockTheNameEvenForTheRightPasswordThenItUnlocks() async throws {
        try await TestApp.run { t in
            for _ in 0..<5 {
                _ = try await t.send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"wrong-wrong-1"}"#)
            }
            let locked = try await t.send(
                .POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"\#(TestApp.adminPassword)"}"#)
            #expect(locked.status == .unauthorized)
            let audit = try await t.store.all("SELECT * FROM audit_log WHERE action = 'login_locked'", as: AuditRow.self)
            #expect(audit.count == 1)
            t.clock.advance(seconds: 16 * 60)
            let open = try await t.send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"\#(TestApp.adminPassword)"}"#)
            #expect(open.status == .created)
        }
    }

    @Test func missingFieldsOnTokenRequestAre422() async throws {
        try await TestApp.run { t in
            let r = try await t.send(.POST, "/api/v1/auth/token", json: #"{"username":"admin"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect((r.json["error"] as? [String: Any])?["field"] as? String == "password")
        }
    }
}
