import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// Custom fields on leads, opportunities, contracts, products and orders as on customers: checked by their kind, kept beside
/// the record, shown on its page, given and read by programs; a required one is asked of forms
/// and programs that name custom fields, never of a web form's visitor.
@Suite("Custom fields on leads, opportunities, contracts, products and orders")
struct CustomFieldEntityTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func leadsAndOpportunitiesKeepTheirOwnFields() async throws {
        try await TestApp.run { t in
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            _ = try await CustomFieldService.create(
                .init(entity: "lead", key: "budget", label: "预算（万元）", kind: "number", required: true), admin)
            _ = try await CustomFieldService.create(
                .init(entity: "lead", key: "channel", label: "渠道", kind: "choice", options: ["商超", "便利店"]), admin)
            _ = try await CustomFieldService.create(.init(entity: "opportunity", key: "competitor", label: "竞争对手", kind: "text"), admin)

            // A value not of its kind names its field; a required one is asked of whoever names custom fields.
            let wrong = try await t.api(
                .POST, "/api/v1/leads", token: token, json: #"{"company":"宁波海曙贸易","customFields":{"budget":"很多"}}"#)
            #expect(wrong.status == .unprocessableEntity && Self.error(wrong)["field"] as? String == "customFields.budget")
            let missing = try await t.api(
                .POST, "/api/v1/leads", token: token, json: #"{"company":"宁波海曙贸易","customFields":{"channel":"商超"}}"#)
            #expect(missing.status == .unprocessableEntity && Self.error(missing)["field"] as? String == "customFields.budget")
            #expect(
                try await LeadService.list(filter: .init(q: "宁波海曙"), limit: 5, cursor: nil, admin).items.isEmpty, "nothing half-written")
            let made = try await t.api(
                .POST, "/api/v1/leads", token: token, json: #"{"company":"宁波海曙贸易","customFields":{"budget":"12.50","channel":"商超"}}"#)
            #expect(made.status == .created && made.json["customFields"] as? [String: String] == ["budget": "12.5", "channel": "商超"])
            let id = try #require(made.json["id"] as? String)
            // An update naming one field keeps the others.
            let changed = try await t.api(
                .PUT, "/api/v1/leads/\(id)", token: token,
                json: #"{"company":"宁波海曙贸易","version":\#(made.json["version"] as? Int ?? 0),"customFields":{"channel":"便利店"}}"#)
            #expect(changed.status == .ok && changed.json["customFields"] as? [String: String] == ["budget": "12.5", "channel": "便利店"])
            // A lead from a channel that never saw the fields (the web form, an event's door) is not refused for them.
            let quiet = try await LeadService.create(.init(company: "舟山渔港食品", contactName: "徐先生", phone: "13588887777"), admin)
            #expect(quiet.customValues == "{}")

            // Lists narrow by a field's value (`cf.<key>`), on the API, the page and its export alike.
            func encoded(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
            let filtered = try await t.api(.GET, "/api/v1/leads?cf.channel=" + encoded("便利店"), token: token)
            #expect((filtered.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            let none = try await t.api(.GET, "/api/v1/leads?cf.channel=" + encoded("商超"), token: token)
            #expect((none.json["items"] as? [Any])?.isEmpty == true)
            #expect(try await t.api(.GET, "/api/v1/leads?cf.a%20b=1", token: token).status == .badRequest)
            // The export holds what the list shows, the fields as columns of their own.
            let csv = try await t.api(.GET, "/api/v1/leads/export?format=csv&cf.channel=" + encoded("便利店"), token: token)
            #expect(csv.status == .ok && csv.text.contains("预算（万元）") && csv.text.contains("12.5") && !csv.text.contains("舟山渔港食品"))

            // An opportunity's own fields.
            let customer = try await CustomerService.create(.init(name: "宁波海曙贸易有限公司"), admin)
            let o = try await OpportunityService.create(
                .init(partnerId: customer.id, name: "门店供货", amount: "50000", customFields: ["competitor": "康师傅"]), admin)
            let shown = try await t.api(.GET, "/api/v1/opportunities/\(o.id)", token: token)
            #expect(shown.json["customFields"] as? [String: String] == ["competitor": "康师傅"])
            let unknown = await refusal {
                _ = try await OpportunityService.update(
                    o.id, .init(name: "门店供货", amount: "50000", customFields: ["budget": "1"]), version: o.version, admin)
            }
            #expect(unknown?.field == "customFields.budget" && unknown?.code == "unknown_field")

            // The pages: the form carries the fields, the record's page shows them.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let form = try await b.get("/crm/leads/\(id)/edit")
            #expect(form.text.contains(#"name="custom[budget]""#) && form.text.contains("预算（万元）"))
            let page = try await b.get("/crm/leads/\(id)")
            #expect(page.text.contains("预算（万元）") && page.text.contains("12.5") && page.text.contains("便利店"))
            let list = try await b.get("/crm/leads?cf.channel=" + encoded("便利店"))
            #expect(list.text.contains(#"name="cf.channel""#) && list.text.contains("宁波海曙贸易") && !list.text.contains("舟山渔港食品"))
            #expect(try await b.get("/crm/opportunities/\(o.id)").text.contains("康师傅"))
            // The board narrows by them too, and offers a choice field's values as a filter.
            _ = try await OpportunityService.create(
                .init(partnerId: customer.id, name: "团购配送", amount: "8000", customFields: ["competitor": "统一"]), admin)
            _ = try await CustomFieldService.create(
                .init(entity: "opportunity", key: "region", label: "片区", kind: "choice", options: ["城区", "郊县"]), admin)
            let board = try await b.get("/crm/opportunities?cf.competitor=" + encoded("康师傅"))
            #expect(board.text.contains("门店供货") && !board.text.contains("团购配送"))
            #expect(board.text.contains(#"name="cf.region""#) && board.text.contains("郊县"))
            #expect(try await b.get("/crm/opportunities").text.contains("团购配送"))
        }
    }

    @Test func aContractKeepsItsOwnFields() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            _ = try await CustomFieldService.create(
                .init(entity: "contract", key: "payment_terms", label: "付款方式", kind: "choice", options: ["月结", "现款"]), admin)
            let body =
                #"{"partnerId":"\#(f.customer)","endDate":"2027-11-19","lines":[{"productId":"\#(f.products["MA"]!)","quantity":"10","unitPrice":"3","taxRate":"13"}],"#
            let wrong = try await t.api(.POST, "/api/v1/contracts", token: token, json: body + #""customFields":{"payment_terms":"赊账"}}"#)
            #expect(wrong.status == .unprocessableEntity && Self.error(wrong)["field"] as? String == "customFields.payment_terms")
            let made = try await t.api(.POST, "/api/v1/contracts", token: token, json: body + #""customFields":{"payment_terms":"月结"}}"#)
            #expect(made.status == .created && made.json["customFields"] as? [String: String] == ["payment_terms": "月结"])
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let id = made.json["id"] as? String ?? ""
            #expect(try await b.get("/contracts/\(id)").text.contains("付款方式"))
            let edit = try await b.get("/contracts/\(id)/edit")
            #expect(edit.text.contains(#"<select name="custom[payment_terms]""#) && edit.text.contains(#"<option value="月结" selected"#))
        }
    }

    @Test func aProductKeepsItsOwnFields() async throws {
        try await TestApp.run { t in
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            _ = try await CustomFieldService.create(.init(entity: "product", key: "origin", label: "产地", kind: "text"), admin)
            _ = try await CustomFieldService.create(.init(entity: "product", key: "launch", label: "上市日期", kind: "date"), admin)
            let wrong = try await t.api(
                .POST, "/api/v1/products", token: token,
                json: #"{"code":"TEA-01","name":"龙井 250g","baseUnit":"罐","customFields":{"launch":"明年"}}"#)
            #expect(wrong.status == .unprocessableEntity && Self.error(wrong)["field"] as? String == "customFields.launch")
            let made = try await t.api(
                .POST, "/api/v1/products", token: token,
                json: #"{"code":"TEA-01","name":"龙井 250g","baseUnit":"罐","customFields":{"origin":"杭州西湖","launch":"2027-03-01"}}"#)
            #expect(
                made.status == .created && made.json["customFields"] as? [String: String] == ["origin": "杭州西湖", "launch": "2027-03-01"])
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let id = made.json["id"] as? String ?? ""
            #expect(try await b.get("/inventory/products/\(id)").text.contains("杭州西湖"))
            #expect(try await b.get("/inventory/products/\(id)/edit").text.contains(#"name="custom[origin]""#))
        }
    }

    @Test func anOrderKeepsItsOwnFields() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            _ = try await CustomFieldService.create(.init(entity: "order", key: "po_ref", label: "客户采购单号", kind: "text"), admin)
            let made = try await t.api(
                .POST, "/api/v1/sales-orders", token: token,
                json:
                    #"{"partnerId":"\#(f.customer)","orderDate":"2026-11-18","lines":[{"productId":"\#(f.products["MA"]!)","quantity":"5","unitPrice":"3","warehouseId":"\#(f.w1)"}],"customFields":{"po_ref":"JH-2026-118"}}"#
            )
            #expect(made.status == .created && made.json["customFields"] as? [String: String] == ["po_ref": "JH-2026-118"], "\(made.text)")
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            #expect(try await b.get("/inventory/orders/\(made.json["id"] as? String ?? "")").text.contains("JH-2026-118"))
            #expect(try await b.get("/inventory/orders/new?kind=sales").text.contains(#"name="custom[po_ref]""#))
        }
    }

    @Test func anImportFillsCustomFieldsFromColumnsHeadedWithTheirLabels() async throws {
        try await TestApp.run { t in
            let admin = try await t.context(as: "admin")
            _ = try await CustomFieldService.create(
                .init(entity: "customer", key: "outlet", label: "渠道类型", kind: "choice", options: ["商超", "便利店"]), admin)
            _ = try await CustomFieldService.create(.init(entity: "lead", key: "budget", label: "预算", kind: "number"), admin)
            let csv = """
                客户名称,电话,渠道类型
                温州瓯江商贸有限公司,0577-88990011,商超
                台州椒江便利有限公司,0576-88112233,批发
                """
            let job = try await ImportService.upload(kind: "customers", fileName: "客户.csv", file: Data(csv.utf8), admin)
            #expect(ImportService.mapping(job).last == "custom.outlet", "the label's column is suggested for the field")
            let set = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "name", intoPool: false),
                version: job.version, admin)
            _ = try await ImportService.start(set.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.created == 1 && done.refused == 1, "a value not among the choices refuses its row")
            let found = try await CustomerService.list(filter: .init(custom: ["outlet": "商超"]), limit: 5, cursor: nil, admin).items
            #expect(found.map(\.name) == ["温州瓯江商贸有限公司"])

            let leads = try await ImportService.upload(
                kind: "leads", fileName: "线索.csv", file: Data("公司,联系人,预算\n丽水山耕农业,蓝先生,30\n".utf8), admin)
            #expect(ImportService.mapping(leads).last == "custom.budget")
            let leadSet = try await ImportService.configure(
                leads.id, .init(mapping: ImportService.mapping(leads), mode: "create", matchKey: "company", intoPool: false),
                version: leads.version, admin)
            _ = try await ImportService.start(leadSet.id, admin)
            _ = try await ImportService.runPending(t.system)
            let lead = try #require(try await LeadService.list(filter: .init(q: "丽水山耕"), limit: 5, cursor: nil, admin).items.first)
            #expect(CustomFieldService.decode(lead.customValues) == ["budget": "30"])
        }
    }
}
