import Foundation
import TestSupport
import Testing
import Vapor

@testable import Persistence

/// Cost, margin and profit are figures of their own right (`costs.view`): the demo company's
/// warehouse keeper counts and moves goods without seeing what they cost; finance sees it all.
@Suite("Costs: who may see cost, margin and profit")
struct CostsPermissionTests {
    static let password = "demo-password-1"

    @Test func aWarehouseKeeperSeesQuantitiesNotCosts() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            let keeperBranch = try #require(
                try await t.store.scalar("SELECT branch_id FROM users WHERE username = 'zhouqiang'", as: Int64.self))
            let delivery = try #require(
                try await t.store.scalar(
                    """
                    SELECT id FROM stock_documents WHERE doc_type = 'salesDelivery' AND status = 'posted' AND branch_id = \(bind: keeperBranch)
                    ORDER BY id LIMIT 1
                    """, as: Int64.self))

            // Pages: the reports of cost and profit are refused and not in the menu; the others drop their cost columns.
            var keeper = Browser(t: t)
            #expect(try await keeper.login("zhouqiang", Self.password).status == .seeOther)
            let home = try await keeper.get("/")
            #expect(!home.text.contains("href=\"/branches/hq\"") && !home.text.contains("href=\"/inventory/margins\""))
            for path in ["/branches/hq", "/branches/results", "/inventory/reports/margins"] {
                #expect(try await keeper.get(path).status == .forbidden, "\(path)")
            }
            let balances = try await keeper.get("/inventory/reports/balances")
            #expect(balances.status == .ok && balances.text.contains("<th") && !balances.text.contains("单位成本"))
            let document = try await keeper.get("/inventory/documents/\(delivery)")
            #expect(document.status == .ok && !document.text.contains(">成本<"), "\(document.text)")

            var finance = Browser(t: t)
            #expect(try await finance.login("sunli", Self.password).status == .seeOther)
            #expect(try await finance.get("/branches/hq").status == .ok)
            let fBalances = try await finance.get("/inventory/reports/balances"),
                fDocument = try await finance.get("/inventory/documents/\(delivery)")
            #expect(fBalances.text.contains("单位成本") && fDocument.text.contains(">成本<"))

            // The API: refused where the whole answer is cost, the cost fields left out elsewhere.
            let k = try await t.token("zhouqiang", password: Self.password)
            let f = try await t.token("sunli", password: Self.password)
            #expect(try await t.api(.GET, "/api/v1/hq-dashboard", token: k).status == .forbidden)
            #expect(try await t.api(.GET, "/api/v1/stock/margins", token: k).status == .forbidden)
            let kb = try await t.api(.GET, "/api/v1/stock/balances", token: k)
            let fb = try await t.api(.GET, "/api/v1/stock/balances", token: f)
            let kItems = try #require(kb.json["items"] as? [[String: Any]]), fItems = try #require(fb.json["items"] as? [[String: Any]])
            #expect(!kItems.isEmpty && kItems.allSatisfy { $0["quantity"] != nil && $0["value"] == nil && $0["unitCost"] == nil })
            #expect(!fItems.isEmpty && fItems.allSatisfy { $0["value"] != nil })
            let kd = try await t.api(.GET, "/api/v1/stock-documents/\(delivery)", token: k)
            let fd = try await t.api(.GET, "/api/v1/stock-documents/\(delivery)", token: f)
            let kLines = try #require(kd.json["lines"] as? [[String: Any]]), fLines = try #require(fd.json["lines"] as? [[String: Any]])
            #expect(kLines.allSatisfy { $0["costValue"] == nil } && fLines.allSatisfy { $0["costValue"] != nil })
        }
    }

    @Test func upgradedRolesKeepCostsOnlyWhereTheyManageMore() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            // As an install from before the permission existed: no role names it; then the migration's rule runs again.
            try await t.store.run("UPDATE roles SET permissions = TRIM(REPLACE(' ' || permissions || ' ', ' costs.view ', ' '))")
            try await M015CostsPermission().prepare(on: t.app.db)
            func has(_ code: String) async throws -> Bool {
                let p = try await t.store.scalar("SELECT permissions FROM roles WHERE code = \(bind: code)", as: String.self) ?? ""
                return p.split(separator: " ").contains("costs.view")
            }
            for code in ["general_manager", "finance", "branch_manager"] { #expect(try await has(code), "\(code)") }
            for code in ["warehouse_keeper", "sales_rep"] { #expect(try await !has(code), "\(code)") }
        }
    }
}
