import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// Where each customer came from and which channel last set each field, and the map that
/// counts them by source with the flow from lead to cash.
@Suite("Data map: origins, lineage and the flow")
struct DataMapTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func eachCustomerKnowsItsChannelAndEachFieldWhoLastSetItAndTheMapCountsThem() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.token()
            let boss = try await t.token("boss", password: TestApp.userPassword)

            // Through the API…
            let viaAPI = try await t.api(.POST, "/api/v1/customers", token: admin, json: #"{"name":"接口来的公司","phone":"010-1111 2222"}"#)
            #expect(viaAPI.status == .created)
            let apiId = try #require(viaAPI.json["id"] as? String)
            // …on a page…
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let form = try await b.get("/crm/customers/new")
            let typed = try await b.post("/crm/customers", [("_csrf", Browser.csrf(form.text)), ("name", "页面录入的公司"), ("kind", "company")])
            #expect(typed.status == .seeOther)
            let pageId = try #require(try await CRMQueries.partner(nameKey: PartnerService.nameKey("页面录入的公司"), on: t.store)).id
            // …and from a lead.
            let bossCtx = try await t.context(as: "admin")
            let lead = try await LeadService.create(.init(company: "线索转来的公司", contactName: "王五", phone: "13911112222"), bossCtx)
            let converted = try await LeadService.convert(lead.id, .init(createOpportunity: false), bossCtx)

            func lineage(_ id: String) async throws -> TestingHTTPResponse {
                try await t.api(.GET, "/api/v1/data-map/customers/\(id)", token: admin)
            }
            #expect(try await lineage(apiId).json["channel"] as? String == "api")
            #expect(try await lineage(String(pageId)).json["channel"] as? String == "web")
            let fromLead = try await lineage(String(converted.customer.id))
            #expect(fromLead.json["channel"] as? String == "lead" && fromLead.json["via"] as? String == "lead:\(lead.id)")
            #expect(
                try await DataMapQueries.origin("contact", try #require(converted.contact?.id), on: t.store)?.channel == "lead",
                "the contact came with it")

            // A change on a page after one through the API: each field says which came last.
            let current = try #require(try await CRMQueries.customer(Int64(apiId)!, on: t.store))
            let edit = try await b.get("/crm/customers/\(apiId)/edit")
            #expect(edit.status == .ok)
            let saved = try await b.post(
                "/crm/customers/\(apiId)",
                [
                    ("_csrf", Browser.csrf(edit.text)), ("name", "接口来的公司"), ("kind", "company"), ("phone", "010-1111 2222"),
                    ("email", "web@example.cn"), ("version", String(current.version)),
                ])
            #expect(saved.status == .seeOther)
            let fields = (try await lineage(apiId).json["fields"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
                $0[$1["field"] as! String] = $1["channel"] as? String
            }
            #expect(fields["email"] == "web" && fields["phone"] == "api" && fields["name"] == "api", "\(fields)")

            // The map: by source, and the flow of the period.
            let map = try await t.api(.GET, "/api/v1/data-map", token: admin)
            #expect(map.status == .ok)
            let sources = (map.json["sources"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
                $0[$1["channel"] as? String ?? "-"] = $1["customers"] as? Int
            }
            #expect(sources["api"] == 1 && sources["web"] == 1 && sources["lead"] == 1, "\(sources)")
            let flow = map.json["flow"] as? [String: Any] ?? [:]
            #expect(flow["leads"] as? Int == 1 && flow["leadsConverted"] as? Int == 1 && flow["customersFromLeads"] as? Int == 1)
            #expect(flow["customers"] as? Int == 3)
            let backwards = try await t.api(.GET, "/api/v1/data-map?from=2026-12-31&to=2026-01-01", token: admin)
            #expect(backwards.status == .unprocessableEntity && Self.error(backwards)["field"] as? String == "from")
            #expect(try await t.api(.GET, "/api/v1/data-map", token: boss).status == .forbidden, "the map needs audit.view")
            let rep = try await t.token("rep1", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/data-map/customers/\(apiId)", token: rep).status == .notFound, "not the rep's customer")

            // The pages.
            let page = try await b.get("/datamap")
            #expect(page.status == .ok && page.text.contains("线索转化") && page.text.contains("API 接口"))
            let one = try await b.get("/datamap/customers/\(converted.customer.id)")
            #expect(one.status == .ok && one.text.contains("（线索 \(lead.id)）"))
        }
    }

    @Test func anImportedCustomerNamesItsFileAndLine() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            let job = try await ImportService.upload(
                kind: "customers", fileName: "老系统.csv", file: Data("客户名称,电话\n导入的公司甲,021-5555 0001\n导入的公司乙,021-5555 0002\n".utf8), boss)
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "name", intoPool: false), version: job.version,
                boss)
            _ = try await ImportService.start(job.id, boss)
            _ = try await ImportService.runPending(t.system)
            let second = try #require(try await CRMQueries.partner(nameKey: PartnerService.nameKey("导入的公司乙"), on: t.store))
            let origin = try #require(try await DataMapQueries.origin("customer", second.id, on: t.store))
            #expect(origin.channel == "import" && origin.via == "import:\(job.id):3" && origin.userId != nil)
        }
    }
}
