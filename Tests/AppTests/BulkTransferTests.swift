import Foundation
import Persistence
import TestSupport
import Testing
import Vapor

/// A manager hands several customers to one person at once, from the list: all of them or none.
@Suite("Customers handed over in bulk")
struct BulkTransferTests {
    static let password = "demo-password-1"

    @Test func aManagerHandsThePickedCustomersOver() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            func user(_ name: String) async throws -> Int64 {
                try #require(try await t.store.scalar("SELECT id FROM users WHERE username = \(bind: name)", as: Int64.self))
            }
            let wang = try await user("wangfang"), lina = try await user("lina"), liu = try await user("liuyang")
            struct C: Decodable { var id: Int64 }
            let hers = try await t.store.all("SELECT id FROM partners WHERE owner_id = \(bind: wang) ORDER BY id", as: C.self).map(\.id)
            #expect(hers.count >= 2)
            let picked = Array(hers.prefix(2))

            var manager = Browser(t: t)
            _ = try await manager.login("lina", Self.password)
            let list = try await manager.get("/crm/customers")
            #expect(list.text.contains(#"id="bulk-form""#) && list.text.contains(#"form="bulk-form""#))
            // Someone outside her department's reach cannot receive them: nothing moves.
            let refused = try await manager.post(
                "/crm/customers/bulk-transfer",
                [("_csrf", Browser.csrf(list.text)), ("ownerId", String(liu))] + picked.map { ("ids[]", String($0)) })
            #expect(refused.status == .seeOther)
            for id in picked {
                #expect(try await t.store.scalar("SELECT owner_id FROM partners WHERE id = \(bind: id)", as: Int64.self) == wang)
            }
            let moved = try await manager.post(
                "/crm/customers/bulk-transfer",
                [("_csrf", Browser.csrf(list.text)), ("ownerId", String(lina)), ("reason", "调岗")] + picked.map { ("ids[]", String($0)) })
            #expect(moved.status == .seeOther)
            for id in picked {
                #expect(try await t.store.scalar("SELECT owner_id FROM partners WHERE id = \(bind: id)", as: Int64.self) == lina)
            }
            // A salesperson may not hand over in bulk, and sees no such form.
            let rep = try await t.token("wangfang", password: Self.password)
            let denied = try await t.api(
                .POST, "/api/v1/customers/bulk-transfer", token: rep, json: #"{"ids":["\#(hers[0])"],"ownerId":"\#(wang)"}"#)
            #expect(denied.status == .forbidden)
            var salesperson = Browser(t: t)
            _ = try await salesperson.login("wangfang", Self.password)
            #expect(try await !salesperson.get("/crm/customers").text.contains(#"id="bulk-form""#))
        }
    }

    @Test func aManagerAssignsThePickedLeads() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            let wang = try #require(try await t.store.scalar("SELECT id FROM users WHERE username = 'wangfang'", as: Int64.self))
            let hq = try #require(try await t.store.scalar("SELECT branch_id FROM users WHERE username = 'lina'", as: Int64.self))
            struct L: Decodable { var id: Int64 }
            let open = try await t.store.all(
                "SELECT id FROM leads WHERE status <> 'converted' AND branch_id = \(bind: hq) ORDER BY id LIMIT 2", as: L.self
            ).map(\.id)
            #expect(!open.isEmpty)
            var manager = Browser(t: t)
            _ = try await manager.login("lina", Self.password)
            let list = try await manager.get("/crm/leads")
            #expect(list.text.contains(#"id="bulk-form""#))
            let r = try await manager.post(
                "/crm/leads/bulk-assign",
                [("_csrf", Browser.csrf(list.text)), ("ownerId", String(wang))] + open.map { ("ids[]", String($0)) })
            #expect(r.status == .seeOther)
            for id in open {
                #expect(try await t.store.scalar("SELECT owner_id FROM leads WHERE id = \(bind: id)", as: Int64.self) == wang)
            }
            let rep = try await t.token("wangfang", password: Self.password)
            let denied = try await t.api(
                .POST, "/api/v1/leads/bulk-assign", token: rep, json: #"{"ids":["\#(open[0])"],"ownerId":"\#(wang)"}"#)
            #expect(denied.status == .forbidden)
        }
    }
}
