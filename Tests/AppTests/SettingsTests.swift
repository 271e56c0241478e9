import Demo
import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// The switches that used to need SQL, on a page and through the API: audited, company-wide only,
/// and the costing scope fixed once stock has moved.
@Suite("Settings: the company-wide switches")
struct SettingsTests {
    @Test func anAdministratorChangesTheSwitchesAndEachChangeIsAudited() async throws {
        try await TestApp.run { t in
            _ = try await DemoCompany.load(password: "demo-password-1", t.system)
            let admin = try await t.token()
            let before = try await t.api(.GET, "/api/v1/settings", token: admin)
            #expect(before.json["allowNegativeStock"] as? Bool == false && before.json["overBudget"] as? String == "warn")

            let put = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"allowNegativeStock":true,"overBudget":"refuse"}"#)
            #expect(put.status == .ok)
            #expect(put.json["allowNegativeStock"] as? Bool == true && put.json["webhooksAllowPrivate"] as? Bool == false)
            #expect(try await Settings.get(Settings.Key.allowNegativeStock, on: t.store) == "true")
            #expect(try await Settings.get(Settings.Key.overBudget, on: t.store) == "refuse")
            let audit = try await t.store.all(
                "SELECT changes FROM audit_log WHERE entity = 'settings' AND action = 'update'", as: Changes.self)
            #expect(audit.count == 1 && audit[0].changes.contains("allowNegativeStock") && audit[0].changes.contains("refuse"))

            // Bad input names the field; a branch manager's reach is one branch, not the company.
            let bad = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"overBudget":"maybe"}"#)
            #expect(bad.status == .unprocessableEntity && (bad.json["error"] as? [String: Any])?["field"] as? String == "overBudget")
            let branchManager = try await t.token("chenjing", password: "demo-password-1")
            #expect(
                try await t.api(.PUT, "/api/v1/settings", token: branchManager, json: #"{"allowNegativeStock":false}"#).status == .forbidden
            )
            #expect(try await t.api(.GET, "/api/v1/settings", token: branchManager).status == .ok)

            // Costing per warehouse: free before the first posting, fixed after it.
            let early = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"costingPerWarehouse":true}"#)
            #expect(early.status == .ok)
            _ = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"costingPerWarehouse":false}"#)
            try await DemoInventory.load(month: "2026-10", t.system)
            let late = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"costingPerWarehouse":true}"#)
            #expect(late.status == .conflict && (late.json["error"] as? [String: Any])?["code"] as? String == "costing_in_use")
            #expect(try await InventoryFixture.reconcile(t) == [])

            // The page: the administrator sees it in the menu and saves it; the branch manager does not.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            #expect(try await b.get("/").text.contains("href=\"/organisation/settings\""))
            let page = try await b.get("/organisation/settings")
            #expect(page.status == .ok && page.text.contains("允许负库存"))
            let saved = try await b.post(
                "/organisation/settings", [("_csrf", Browser.csrf(page.text)), ("overBudget", "warn"), ("allowNegativeStock", "true")])
            #expect(saved.status == .seeOther)
            #expect(try await Settings.get(Settings.Key.overBudget, on: t.store) == "warn")
            var m = Browser(t: t)
            _ = try await m.login("chenjing", "demo-password-1")
            #expect(!(try await m.get("/").text.contains("href=\"/organisation/settings\"")))
        }
    }

    @Test func eachBranchNamesTheWarehouseItsPeoplesDocumentsStartFrom() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let token = try await t.token()
            let hq = try #require(try await OrganisationQueries.branch(f.hq, on: t.store))
            func put(_ warehouse: Int64) async throws -> TestingHTTPResponse {
                let current = try #require(try await OrganisationQueries.branch(f.hq, on: t.store))
                return try await t.api(
                    .PUT, "/api/v1/branches/\(f.hq)", token: token,
                    json: #"{"code":"\#(hq.code)","name":"\#(hq.name)","defaultWarehouseId":"\#(warehouse)","version":\#(current.version)}"#
                )
            }
            // Shanghai's warehouse is not the head office's to propose.
            let foreign = try await put(f.w3)
            #expect(foreign.status == .unprocessableEntity)
            #expect((foreign.json["error"] as? [String: Any])?["field"] as? String == "defaultWarehouseId")
            let set = try await put(f.w2)
            #expect(set.status == .ok && set.json["defaultWarehouseId"] as? String == String(f.w2))
            // A new document of the head office's people starts its lines in 北京二仓, not the first warehouse.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let form = try await b.get("/inventory/documents/new?type=otherReceipt")
            #expect(form.status == .ok && form.text.contains(#"<option value="\#(f.w2)" selected>"#))
            #expect(!form.text.contains(#"<option value="\#(f.w1)" selected>"#))
        }
    }
}

private struct Changes: Decodable { var changes: String }
