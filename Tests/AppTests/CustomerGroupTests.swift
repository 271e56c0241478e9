import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// A group of related organisations seen from any member: the tree, each member's contracts,
/// invoices and receivables, and the totals — only what the reader may see.
@Suite("Customers: the group roll-up")
struct CustomerGroupTests {
    @Test func aGroupRollsUpItsMembersTradeAndLinksOnItsPage() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: TestApp.userPassword)
            // Two demo customers with receivables: one becomes the other's subsidiary.
            struct Owed: Decodable { var partnerId: Int64; var s: Int64 }
            let owing = try await t.store.all(
                """
                SELECT partner_id, CAST(SUM(residual) AS BIGINT) AS s FROM open_items WHERE side = 'ar' GROUP BY partner_id
                HAVING SUM(residual) > 0 ORDER BY partner_id LIMIT 2
                """, as: Owed.self)
            try #require(owing.count == 2)
            let (parent, child) = (owing[0].partnerId, owing[1].partnerId)
            let childRow = try #require(try await CRMQueries.customer(child, on: t.store))

            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let page = try await b.get("/crm/customers/\(parent)/group")
            #expect(page.status == .ok)
            let bad = try await b.post(
                "/crm/customers/\(parent)/group", [("_csrf", Browser.csrf(page.text)), ("child", "没有这家公司"), ("kind", "subsidiary")])
            #expect(bad.status == .unprocessableEntity)
            let linked = try await b.post(
                "/crm/customers/\(parent)/group", [("_csrf", Browser.csrf(page.text)), ("child", childRow.code), ("kind", "subsidiary")])
            #expect(linked.status == .seeOther)

            let admin = try await t.token()
            let group = try await t.api(.GET, "/api/v1/customers/\(child)/group", token: admin)
            #expect(group.status == .ok)
            let members = group.json["members"] as? [[String: Any]] ?? []
            #expect(members.map { $0["id"] as? String } == [String(parent), String(child)])
            #expect(members.last?["kind"] as? String == "subsidiary" && members.last?["depth"] as? Int == 1)
            let total = group.json["total"] as? [String: Any] ?? [:]
            #expect(total["receivable"] as? String == Money(fen: owing[0].s + owing[1].s).description, "the total adds up to the ledger")

            let shown = try await b.get("/crm/customers/\(parent)/group")
            #expect(shown.text.contains(childRow.name) && shown.text.contains("集团合计"))
            let relation = try #require(members.last?["relationId"] as? String)
            let unlinked = try await b.post("/crm/customers/\(parent)/group/\(relation)/unlink", [("_csrf", Browser.csrf(shown.text))])
            #expect(unlinked.status == .seeOther)
            #expect(try await CRMQueries.parentRelation(of: child, on: t.store) == nil)
        }
    }
}
