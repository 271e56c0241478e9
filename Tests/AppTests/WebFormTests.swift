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
}
