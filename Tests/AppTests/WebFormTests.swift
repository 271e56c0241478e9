import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// The public web-to-lead form: off until turned on, at an address with a secret, each
/// submission a lead from the channel `web_form`, robots and floods kept out.
@Suite("CRM: the web-to-lead form")
struct WebFormTests {
    @Test func aVisitorLeavesDetailsThatBecomeALeadAndRobotsAndFloodsAreKeptOut() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.token()
            #expect(try await t.api(.GET, "/api/v1/settings", token: admin).json["webFormKey"] == nil, "off until turned on")
            let on = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"webForm":true}"#)
            let key = try #require(on.json["webFormKey"] as? String)

            var visitor = Browser(t: t)
            #expect(try await visitor.get("/crm/web-form/not-the-key").status == .notFound)
            let form = try await visitor.get("/crm/web-form/\(key)")
            #expect(form.status == .ok && form.text.contains("联系我们"))
            var fields: [(String, String)] = [
                ("_csrf", Browser.csrf(form.text)), ("company", "深圳云帆电子有限公司"), ("name", "赵六"), ("phone", "13700001111"),
                ("message", "想了解多仓库存管理"), ("website", ""),
            ]
            let sent = try await visitor.post("/crm/web-form/\(key)", fields)
            #expect(sent.status == .ok && sent.text.contains("已收到"))
            let lead = try #require(try await t.store.first("SELECT * FROM leads WHERE company = '深圳云帆电子有限公司'", as: LeadRow.self))
            #expect(lead.contactName == "赵六" && lead.source == "官网" && lead.note == "想了解多仓库存管理")
            #expect(try await DataMapQueries.origin("lead", lead.id, on: t.store)?.channel == "web_form")

            // Neither phone nor e-mail: the field is named and nothing is written.
            let empty = try await visitor.post(
                "/crm/web-form/\(key)",
                fields.map { $0.0 == "phone" ? ("phone", "") : $0 }.map { $0.0 == "company" ? ("company", "空的公司") : $0 })
            #expect(empty.status == .unprocessableEntity && empty.text.contains("has-error"))
            // The refusal's page carries a fresh token, as a form page does.
            fields = fields.map { $0.0 == "_csrf" ? ("_csrf", Browser.csrf(empty.text)) : $0 }
            // A robot fills the hidden field: thanked, and forgotten.
            let robot = try await visitor.post(
                "/crm/web-form/\(key)",
                fields.map { $0.0 == "website" ? ("website", "http://spam.example") : $0 }.map {
                    $0.0 == "company" ? ("company", "机器人公司") : $0
                })
            #expect(robot.status == .ok)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM leads WHERE company = '机器人公司'", as: Int64.self) == 0)
            // Past five a window from one address: 429.
            var last = robot
            for i in 0..<4 where last.status == .ok {
                last = try await visitor.post("/crm/web-form/\(key)", fields.map { $0.0 == "company" ? ("company", "批量公司\(i)") : $0 })
            }
            #expect(last.status == .tooManyRequests)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM leads WHERE company LIKE '批量公司%'", as: Int64.self) == 2)

            // A new address: the old one stops working.
            let rotated = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"rotateWebForm":true}"#)
            let fresh = try #require(rotated.json["webFormKey"] as? String)
            #expect(fresh != key)
            #expect(try await visitor.get("/crm/web-form/\(key)").status == .notFound)
            #expect(try await visitor.get("/crm/web-form/\(fresh)").status == .ok)
            _ = try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"webForm":false}"#)
            #expect(try await visitor.get("/crm/web-form/\(fresh)").status == .notFound)
        }
    }

    @Test func theFormAsksOnlyTheLeadFieldsChosenForIt() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.token()
            let key = try #require(
                try await t.api(.PUT, "/api/v1/settings", token: admin, json: #"{"webForm":true}"#).json["webFormKey"] as? String)
            func field(_ json: String) async throws -> TestingHTTPResponse {
                try await t.api(.POST, "/api/v1/custom-fields", token: admin, json: json)
            }
            // Asked on the form: a choice, required; kept internal: a score, required too.
            let size = try await field(
                #"{"entity":"lead","key":"team_size","label":"团队规模","kind":"choice","options":["1-10人","11-50人","50人以上"],"required":true,"onWebForm":true}"#
            )
            #expect(size.status == .created && size.json["onWebForm"] as? Bool == true)
            _ = try await field(#"{"entity":"lead","key":"score","label":"内部评分","kind":"number","required":true}"#)
            // A customer's field cannot be on a form that makes leads.
            let wrong = try await field(#"{"entity":"customer","key":"vip","label":"VIP","kind":"text","onWebForm":true}"#)
            #expect(wrong.status == .unprocessableEntity && (wrong.json["error"] as? [String: Any])?["field"] as? String == "onWebForm")

            var visitor = Browser(t: t)
            let form = try await visitor.get("/crm/web-form/\(key)")
            #expect(form.text.contains("团队规模") && form.text.contains("11-50人") && !form.text.contains("内部评分"))
            let base: [(String, String)] = [
                ("_csrf", Browser.csrf(form.text)), ("company", "厦门海通贸易有限公司"), ("name", "钱七"), ("phone", "13900002222"),
            ]
            // Required on the form: refused naming it, nothing written.
            let missing = try await visitor.post("/crm/web-form/\(key)", base)
            #expect(missing.status == .unprocessableEntity && missing.text.contains("请填写“团队规模”"))
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM leads WHERE company = '厦门海通贸易有限公司'", as: Int64.self) == 0)
            // A choice not offered is refused too.
            let odd = try await visitor.post(
                "/crm/web-form/\(key)", [("_csrf", Browser.csrf(missing.text))] + base.dropFirst() + [("custom[team_size]", "一千人")])
            #expect(odd.status == .unprocessableEntity && odd.text.contains("has-error"))
            // Filled, with an internal field slipped in: the lead keeps only what the form asks;
            // the required internal score is not asked of a visitor who never saw it.
            let sent = try await visitor.post(
                "/crm/web-form/\(key)",
                [("_csrf", Browser.csrf(odd.text))] + base.dropFirst() + [("custom[team_size]", "11-50人"), ("custom[score]", "99")])
            #expect(sent.status == .ok)
            let lead = try #require(try await t.store.first("SELECT * FROM leads WHERE company = '厦门海通贸易有限公司'", as: LeadRow.self))
            #expect(CustomFieldService.decode(lead.customValues) == ["team_size": "11-50人"])

            // Taken off the form, the field is no longer asked.
            let id = try #require(size.json["id"] as? String)
            let off = try await t.api(
                .PUT, "/api/v1/custom-fields/\(id)", token: admin,
                json: #"{"label":"团队规模","options":["1-10人","11-50人","50人以上"],"onWebForm":false,"version":1}"#)
            #expect(off.status == .ok && off.json["onWebForm"] as? Bool == false)
            #expect(!(try await visitor.get("/crm/web-form/\(key)")).text.contains("团队规模"))

            // The settings page offers the choice for lead fields.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let edit = try await b.get("/crm/settings/fields/\(id)/edit")
            #expect(edit.status == .ok && edit.text.contains("name=\"onWebForm\"") && edit.text.contains("在网站留资表单上询问"))
        }
    }
}
