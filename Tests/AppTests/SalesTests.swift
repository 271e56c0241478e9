import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@Suite("CRM: leads, conversion, opportunities, funnel and forecast")
struct SalesTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    static let leadPerms = ["leads.view", "leads.create", "leads.edit", "opportunities.view", "opportunities.create", "opportunities.edit"]

    static func setUp(_ t: TestApp) async throws -> CRMFixture {
        let f = try await CRMFixture.make(t)
        // The reps and their manager also work leads and opportunities.
        for code in ["crm_rep", "crm_manager"] {
            let role = try await t.store.first("SELECT * FROM roles WHERE code = \(bind: code)", as: RoleRow.self)!
            try await t.store.run(
                "UPDATE roles SET permissions = \(bind: role.permissions + " " + leadPerms.joined(separator: " ") + (code == "crm_manager" ? " leads.approve opportunities.approve" : "")) WHERE id = \(bind: role.id)"
            )
        }
        return f
    }

    @Test func aLeadIsCheckedAssignedInTurnAndConvertedOnce() async throws {
        try await TestApp.run { t in
            let f = try await Self.setUp(t)
            let boss = try await t.context(as: "boss")
            let rep1 = try await OrganisationQueries.user(username: "rep1", on: t.store)!.id
            let rep2 = try await OrganisationQueries.user(username: "rep2", on: t.store)!.id
            _ = try await LeadService.saveRule(nil, .init(name: "展会线索轮流分", source: "展会", userIds: [rep1, rep2]), version: nil, boss)

            // An existing customer, then leads that look like it are caught on entry.
            _ = try await CustomerService.create(
                .init(name: "北京快普科技有限公司", phone: "010-6256 8899", email: "info@kuaipu.example.cn"), try await t.context(as: "rep1"))
            let token = try await t.token("boss", password: TestApp.userPassword)
            for json in [
                #"{"company":"北京快普科技（有限公司）"}"#, #"{"company":"快普","phone":"01062568899"}"#,
                #"{"company":"KP","email":"INFO@kuaipu.example.cn"}"#,
                #"{"company":"北京快谱科技"}"#,
            ] {
                let r = try await t.api(.POST, "/api/v1/leads", token: token, json: json)
                #expect(r.status == .conflict, "\(json)")
                #expect(Self.error(r)["code"] as? String == "possible_duplicate")
                #expect((Self.error(r)["existing"] as? String)?.hasPrefix("/api/v1/customers/") == true)
                #expect((r.json["matches"] as? [[String: Any]])?.isEmpty == false)
            }
            // Saved anyway when the person has looked; other bad input names the field.
            let anyway = try await t.api(
                .POST, "/api/v1/leads", token: token, json: #"{"company":"快普","phone":"01062568899","ignoreDuplicates":true}"#)
            #expect(anyway.status == .created)
            let bad = try await t.api(.POST, "/api/v1/leads", token: token, json: #"{"company":"甲","email":"nope"}"#)
            #expect(Self.error(bad)["field"] as? String == "email")

            // Round robin: exhibition leads go to rep1, rep2, rep1…; others wait in the lead pool.
            var owners: [Int64?] = []
            for i in 1...3 {
                owners.append(try await LeadService.create(.init(company: "展会客户\(i)号", source: "展会"), boss).ownerId)
            }
            #expect(owners == [rep1, rep2, rep1])
            let pooled = try await LeadService.create(
                .init(company: "官网询价公司", contactName: "钱多多", title: "采购", phone: "13700001111", source: "官网"), boss)
            #expect(pooled.ownerId == nil && pooled.status == "new")
            #expect(
                try await NotificationService.list(unreadOnly: true, limit: 10, cursor: nil, try await t.context(as: "rep2")).items.map(
                    \.kind) == ["notify.lead.assigned"])

            // rep2 takes the pool lead, calls, converts it: customer + contact + opportunity, history kept.
            let rep2ctx = try await t.context(as: "rep2")
            _ = try await LeadService.assign(pooled.id, to: nil, rep2ctx)
            _ = try await ActivityService.create(.init(leadId: pooled.id, kind: "call", content: "询价 200 台"), rep2ctx)
            let converted = try await LeadService.convert(pooled.id, .init(opportunityName: "官网询价 200 台", amount: "58000"), rep2ctx)
            #expect(converted.customer.name == "官网询价公司" && converted.customer.ownerId == rep2)
            #expect(converted.contact?.name == "钱多多" && converted.contact?.mobile == "13700001111")
            #expect(converted.opportunity?.amount == 5_800_000)
            let timeline = try await ActivityService.list(filter: .init(partnerId: converted.customer.id), limit: 10, cursor: nil, rep2ctx)
                .items
            #expect(timeline.map(\.content) == ["询价 200 台"])
            #expect(timeline.first?.leadId == pooled.id)
            await PoolTests.expectRefused("lead_converted") { _ = try await LeadService.convert(pooled.id, .init(), rep2ctx) }
            // A customer a lead became cannot be deleted, even with nothing else on it.
            let bare = try await LeadService.create(.init(company: "只有名称的公司"), boss)
            let bareCustomer = try await LeadService.convert(bare.id, .init(createOpportunity: false), t.system).customer
            #expect(
                try await t.store.scalar("SELECT COUNT(*) AS n FROM contacts WHERE partner_id = \(bind: bareCustomer.id)", as: Int64.self)
                    == 0)
            await PoolTests.expectRefused("customer_in_use") { try await CustomerService.delete(bareCustomer.id, t.system) }
            // rep1 sees neither rep2's lead nor its customer.
            let rep1ctx = try await t.context(as: "rep1")
            await PoolTests.expectRefused("not_found") { _ = try await LeadService.find(pooled.id, rep1ctx) }
            await PoolTests.expectRefused("not_found") { _ = try await CustomerService.find(converted.customer.id, rep1ctx) }
            _ = f
        }
    }

    @Test func opportunitiesMoveThroughStagesAndAddUpInTheForecast() async throws {
        try await TestApp.run { t in
            _ = try await Self.setUp(t)
            let rep = try await t.context(as: "rep1")
            let c = try await CustomerService.create(.init(name: "杭州云端软件"), rep)
            let stages = try await StageService.list(rep)
            #expect(stages.map(\.probability) == [10, 30, 60, 80, 100, 0])
            let proposal = stages[2], won = stages[4], lost = stages[5]
            let a = try await OpportunityService.create(
                .init(partnerId: c.id, name: "一期项目", amount: "100000.00", stageId: proposal.id, expectedClose: "2026-12-20"), rep)
            let b = try await OpportunityService.create(
                .init(partnerId: c.id, name: "二期项目", amount: "33333.33", expectedClose: "2026-12-28"), rep)
            let d = try await OpportunityService.create(
                .init(partnerId: c.id, name: "维保", amount: "5000", expectedClose: "2027-01-10"), rep)
            await PoolTests.expectRefused("stage_not_open") {
                _ = try await OpportunityService.create(.init(partnerId: c.id, name: "x", amount: "1", stageId: won.id), rep)
            }
            // Forecast: 100000 x 60% + 33333.33 x 10% = 63333.33 in December; 500.00 in January.
            let forecast = try await OpportunityService.forecast(rep)
            #expect(forecast.map(\.month) == ["2026-12", "2027-01"])
            #expect(forecast.map(\.weighted) == [6_333_333, 50_000])
            #expect(forecast.first?.amount == 13_333_333)

            // Lost needs a reason; won closes it, marks the customer's deal and keeps the history.
            await PoolTests.expectRefused("required") { _ = try await OpportunityService.move(d.id, to: lost.id, lostReason: nil, rep) }
            _ = try await OpportunityService.move(d.id, to: lost.id, lostReason: "预算取消", rep)
            let closed = try await OpportunityService.move(a.id, to: won.id, lostReason: nil, rep)
            #expect(closed.outcome == "won" && closed.closedAt != nil)
            let customer = try await CRMQueries.customer(c.id, on: t.store)!
            #expect(customer.lastWonAt != nil && customer.status == "active")
            #expect(try await OpportunityService.history(a.id, rep).map(\.toStageId) == [proposal.id, won.id])
            await PoolTests.expectRefused("opportunity_closed") {
                _ = try await OpportunityService.move(a.id, to: proposal.id, lostReason: nil, rep)
            }
            let funnel = try await OpportunityService.funnel(rep)
            #expect(funnel.first { $0.stage.id == won.id }?.amount == 10_000_000)
            #expect(funnel.first { $0.stage.outcome == "open" && $0.count > 0 }?.stage.id == stages[0].id)

            // Another rep neither sees nor moves them; through the API too.
            let other = try await t.token("rep2", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/opportunities/\(b.id)", token: other).status == .notFound)
            #expect(
                try await t.api(.POST, "/api/v1/opportunities/\(b.id)/move", token: other, json: #"{"stageId":"\#(won.id)"}"#).status
                    == .notFound)
            let mine = try await t.token("rep1", password: TestApp.userPassword)
            let moved = try await t.api(.POST, "/api/v1/opportunities/\(b.id)/move", token: mine, json: #"{"stageId":"\#(stages[3].id)"}"#)
            #expect(moved.json["stageId"] as? String == String(stages[3].id))
        }
    }

    @Test func theBoardAndTheLeadPagesServeThePerson() async throws {
        try await TestApp.run { t in
            _ = try await Self.setUp(t)
            let rep = try await t.context(as: "rep1")
            let c = try await CustomerService.create(.init(name: "南京紫金商贸"), rep)
            let o = try await OpportunityService.create(.init(partnerId: c.id, name: "年度采购", amount: "88000"), rep)
            let lead = try await LeadService.create(.init(company: "苏州新线索", source: "官网"), rep)
            var b = Browser(t: t)
            _ = try await b.login("rep1", TestApp.userPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/crm/leads", "/crm/leads/new", "/crm/leads/\(lead.id)", "/crm/leads/\(lead.id)/edit", "/crm/opportunities",
                    "/crm/opportunities/new?partnerId=\(c.id)", "/crm/opportunities/\(o.id)", "/crm/opportunities/\(o.id)/edit",
                    "/crm/opportunities/forecast", "/crm/customers/\(c.id)",
                ] {
                    let r = try await b.get(path)
                    #expect(r.status == .ok, "\(lang) \(path)")
                    #expect(!r.text.contains("⟦"), "\(lang) \(path) has an untranslated string")
                }
            }
            _ = try await b.get("/lang/zh-CN")
            // The card's plain form moves it (what a drop does too).
            var page = try await b.get("/crm/opportunities")
            #expect(page.text.contains("data-card=\"\(o.id)\""))
            let stages = try await StageService.list(rep)
            var r = try await b.post(
                "/crm/opportunities/\(o.id)/move",
                [("_csrf", Browser.csrf(page.text)), ("stageId", String(stages[1].id)), ("lostReason", "")])
            #expect(r.status == .seeOther)
            #expect(try await OpportunityService.find(o.id, rep).stageId == stages[1].id)
            // A duplicate lead comes back with the matches and a way to save anyway.
            page = try await b.get("/crm/leads/new")
            r = try await b.post("/crm/leads", [("_csrf", Browser.csrf(page.text)), ("company", "南京紫金商贸有限公司")])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("/crm/customers/\(c.id)") && r.text.contains("仍然保存"))
            r = try await b.post(
                "/crm/leads", [("_csrf", Browser.csrf(page.text)), ("company", "南京紫金商贸有限公司"), ("ignoreDuplicates", "true")])
            #expect(r.status == .seeOther)
            // Converting from the page lands on the new customer.
            page = try await b.get("/crm/leads/\(lead.id)")
            r = try await b.post(
                "/crm/leads/\(lead.id)/convert",
                [
                    ("_csrf", Browser.csrf(page.text)), ("createOpportunity", "true"), ("opportunityName", "首单"),
                    ("amount", "1200"),
                ])
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location)?.hasPrefix("/crm/customers/") == true)
        }
    }
}

@Suite("CRM: importing leads")
struct LeadImportTests {
    @Test func aSpreadsheetIsCheckedRowByRowPreviewedThenImported() async throws {
        try await TestApp.run { t in
            _ = try await SalesTests.setUp(t)
            _ = try await CustomerService.create(.init(name: "北京快普科技有限公司"), try await t.context(as: "rep1"))
            let csv = """
                公司,联系人,电话,邮箱,来源
                深圳前海新公司,张三,１３８００１３８０００,ZHANG@example.cn,展会
                北京快普科技,李四,,,
                深圳前海新公司（有限公司）,王五,,,
                ,赵六,13900000000,,
                坏邮箱公司,,,not-mail,
                广州天河贸易,\"陈\"\"小\"\"姐\",020-8888 1234,,官网
                """
            let token = try await t.token("boss", password: TestApp.userPassword)
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let preview = try await t.app.testing().sendRequest(
                .POST, "/api/v1/leads/import?dryRun=true", headers: headers, body: ByteBuffer(string: csv))
            #expect(preview.status == .ok)
            let items = preview.json["items"] as? [[String: Any]] ?? []
            #expect(
                items.map { $0["outcome"] as? String } == ["would_create", "duplicate", "duplicate", "invalid", "invalid", "would_create"])
            #expect(items.map { $0["line"] as? Int } == [2, 3, 4, 5, 6, 7])
            #expect(items[3]["field"] as? String == "company")
            #expect(items[4]["field"] as? String == "email")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM leads", as: Int64.self) == 0, "a preview writes nothing")

            // The page: paste, import; the good rows are created, cleansed.
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let page = try await b.get("/crm/leads/import")
            #expect(page.status == .ok)
            let r = try await b.post("/crm/leads/import", [("_csrf", Browser.csrf(page.text)), ("text", csv), ("dryRun", "false")])
            #expect(r.status == .ok)
            #expect(r.text.contains("已导入 2 条，跳过 4 条"))
            let leads = try await LeadService.list(filter: .init(), limit: 10, cursor: nil, try await t.context(as: "boss")).items
            #expect(Set(leads.map(\.company)) == ["深圳前海新公司", "广州天河贸易"])
            #expect(leads.first { $0.company == "深圳前海新公司" }?.phone == "13800138000")
            #expect(leads.first { $0.company == "广州天河贸易" }?.contactName == "陈\"小\"姐")
        }
    }
}

extension LeadImportTests {
    static func fixture(_ name: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("Fixtures/spreadsheets/" + name))
    }

    /// A workbook written by openpyxl and a CSV saved in GBK (`Tests/Fixtures/spreadsheets`), through
    /// the API and the page's upload: the same rows, the same outcomes.
    @Test func anExcelWorkbookOrAGBKCSVImportsLikeTypedRows() async throws {
        try await TestApp.run { t in
            _ = try await SalesTests.setUp(t)
            let token = try await t.token("boss", password: TestApp.userPassword)
            func send(_ file: Data, type: String, dryRun: Bool) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: type)
                headers.bearerAuthorization = BearerAuthorization(token: token)
                return try await t.app.testing().sendRequest(
                    .POST, "/api/v1/leads/import?dryRun=\(dryRun)", headers: headers, body: ByteBuffer(data: file))
            }
            let gbk = try await send(try Self.fixture("leads-gbk.csv"), type: "text/csv", dryRun: true)
            #expect(gbk.status == .ok)
            let previewed = gbk.json["items"] as? [[String: Any]] ?? []
            #expect(previewed.map { $0["outcome"] as? String } == ["would_create", "would_create", "invalid"])
            #expect(previewed.map { $0["company"] as? String }.prefix(2) == ["杭州西湖茶业有限公司", "ＡＢＣ贸易（上海）有限公司"])
            #expect(previewed.last?["field"] as? String == "company")

            let xlsx = try await send(
                try Self.fixture("leads.xlsx"), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", dryRun: false)
            #expect(xlsx.status == .created)
            #expect((xlsx.json["items"] as? [[String: Any]] ?? []).map { $0["line"] as? Int } == [2, 3, 4])
            let leads = try await LeadService.list(filter: .init(), limit: 10, cursor: nil, try await t.context(as: "boss")).items
            #expect(leads.count == 2)
            #expect(leads.first { $0.company == "杭州西湖茶业有限公司" }?.phone == "13800138000", "a number cell as Excel shows it")
            #expect(leads.first { $0.contactName == "李雷" }?.phone == "021-55551234")

            // An old .xls is refused by name, and nothing is written.
            let xls = try await send(
                Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), type: "application/octet-stream", dryRun: false)
            #expect(xls.status == .unprocessableEntity)
            #expect((xls.json["error"] as? [String: Any])?["field"] as? String == "file")
            #expect((xls.json["error"] as? [String: Any])?["code"] as? String == "xls_not_supported")
            let wrongType = try await send(try Self.fixture("leads.xlsx"), type: "image/png", dryRun: true)
            #expect(wrongType.status == .badRequest)

            // The page: the GBK file uploaded for a preview, which the page keeps as text to import.
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let page = try await b.get("/crm/leads/import")
            let boundary = "concord-test-boundary"
            var body = Data()
            for (name, value) in [("_csrf", Browser.csrf(page.text)), ("dryRun", "true"), ("text", "")] {
                body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            }
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"线索.csv\"\r\nContent-Type: text/csv\r\n\r\n".utf8
            )
            body += try Self.fixture("leads-gbk.csv")
            body += Data("\r\n--\(boundary)--\r\n".utf8)
            var headers = b.headers()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let preview = try await t.app.testing().sendRequest(.POST, "/crm/leads/import", headers: headers, body: ByteBuffer(data: body))
            #expect(preview.status == .ok)
            // Both companies are already leads now: the preview says so, in Chinese, from the GBK bytes.
            #expect(preview.body.string.contains("杭州西湖茶业有限公司"))
            #expect(preview.body.string.contains("预览：将导入 0 条，跳过 3 条"))
        }
    }
}

@Suite("CRM: configuring stages")
struct StageSettingsTests {
    @Test func aManagerAddsAStageFromTheSettingsPageAndItShowsOnTheBoard() async throws {
        try await TestApp.run { t in
            _ = try await SalesTests.setUp(t)
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let page = try await b.get("/crm/settings")
            #expect(page.text.contains("销售阶段") && page.text.contains("初步接洽"))
            var r = try await b.post(
                "/crm/settings/stages", [("_csrf", Browser.csrf(page.text)), ("code", "demo"), ("name", "演示测试"), ("probability", "120")])
            #expect(r.status == .unprocessableEntity, "a probability over 100 is refused")
            r = try await b.post(
                "/crm/settings/stages",
                [
                    ("_csrf", Browser.csrf(page.text)), ("code", "demo"), ("name", "演示测试"), ("probability", "45"),
                    ("sortOrder", "25"),
                ])
            #expect(r.status == .seeOther)
            let board = try await b.get("/crm/opportunities")
            #expect(board.text.contains("演示测试"))
            let stages = try await StageService.list(try await t.context(as: "boss")).map(\.name)
            #expect(stages.firstIndex(of: "演示测试")! == stages.firstIndex(of: "需求确认")! + 1, "sorted by its order")
            // A salesperson may not add stages.
            let api = try await t.api(
                .POST, "/api/v1/stages", token: try await t.token("rep1", password: TestApp.userPassword),
                json: #"{"code":"x","name":"x","probability":50}"#)
            #expect(api.status == .forbidden)
        }
    }
}

@Suite("CRM: handing out leads")
struct LeadAssignTests {
    @Test func aManagerAssignsALeadFromItsPageAndTheRepIsTold() async throws {
        try await TestApp.run { t in
            _ = try await SalesTests.setUp(t)
            let lead = try await LeadService.create(.init(company: "无锡新线索公司"), try await t.context(as: "boss"))
            #expect(lead.ownerId == nil)
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let page = try await b.get("/crm/leads/\(lead.id)")
            #expect(page.text.contains("分配给"))
            let rep2 = try await OrganisationQueries.user(username: "rep2", on: t.store)!.id
            let r = try await b.post("/crm/leads/\(lead.id)/assign", [("_csrf", Browser.csrf(page.text)), ("ownerId", String(rep2))])
            #expect(r.status == .seeOther)
            #expect(try await LeadService.find(lead.id, try await t.context(as: "rep2")).ownerId == rep2)
            #expect(try await PoolTests.notices(t, "rep2").map(\.kind) == ["notify.lead.assigned"])
            // A rep sees no such form, and cannot assign through the API either.
            var rep = Browser(t: t)
            _ = try await rep.login("rep2", TestApp.userPassword)
            #expect(!(try await rep.get("/crm/leads/\(lead.id)")).text.contains("分配给"))
            let api = try await t.api(
                .POST, "/api/v1/leads/\(lead.id)/assign", token: try await t.token("rep2", password: TestApp.userPassword),
                json: #"{"ownerId":"\#(try await OrganisationQueries.user(username: "rep1", on: t.store)!.id)"}"#)
            #expect(api.status == .unprocessableEntity)
        }
    }
}
