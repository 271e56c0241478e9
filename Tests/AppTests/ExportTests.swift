import Demo
import Foundation
import Kernel
import Persistence
import Services
import Spreadsheets
import TestSupport
import Testing
import Vapor
import VaporTesting

/// Lists leave as files: what the list shows (its filters, the reader's scope), every page of it,
/// only for those with the `export` right, and written down in the audit log.
@Suite("Exports: lists as Excel and CSV")
struct ExportTests {
    static func grant(_ t: TestApp, _ role: String, _ permissions: String) async throws {
        let r = try await t.store.first("SELECT * FROM roles WHERE code = \(bind: role)", as: RoleRow.self)!
        try await t.store.run("UPDATE roles SET permissions = \(bind: r.permissions + " " + permissions) WHERE id = \(bind: r.id)")
    }

    @Test func theCustomersListExportsAsShownInScopeAndAudited() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            try await Self.grant(t, "crm_manager", "customers.export")
            let rep1 = try await t.context(as: "rep1")
            let one = try await CustomerService.create(
                .init(name: "=HYPERLINK(\"http://evil.example\")", level: "A", phone: "010-62568899", creditLimit: "50000"), rep1)
            _ = try await CustomerService.create(.init(name: "杭州西湖茶业有限公司", level: "A"), rep1)
            _ = try await CustomerService.create(.init(name: "乙级客户", level: "B"), rep1)
            _ = try await CustomerService.create(.init(name: "同部门同事的客户", level: "A"), try await t.context(as: "rep2"))
            _ = try await CustomerService.create(.init(name: "上海分公司的客户", level: "A"), try await t.context(as: "shrep"))
            let boss = try await t.token("boss", password: TestApp.userPassword)

            // Many pages' worth: the export is not one page of the list.
            for i in 1...520 { _ = try await CustomerService.create(.init(name: "批量客户\(i)", level: "C"), rep1) }

            let xlsx = try await t.api(.GET, "/api/v1/customers/export?level=A", token: boss)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.first(name: .contentType)?.hasPrefix("application/vnd.openxmlformats") == true)
            #expect(xlsx.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''%E5%AE%A2%E6%88%B7-") == true)
            let sheet = try Spreadsheet.read(Data(buffer: xlsx.body))[0]
            let header = sheet.rows[0]
            #expect(header.prefix(6) == ["编码", "名称", "类型", "客户级别", "状态", "负责人"])
            let names = sheet.rows.dropFirst().map { $0[1] }
            // Exactly what the list answers the same person for the same filter.
            let listed = try await t.api(.GET, "/api/v1/customers?level=A&limit=200", token: boss)
            let listedNames = (listed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(names) == Set(listedNames))
            #expect(Set(names) == ["=HYPERLINK(\"http://evil.example\")", "杭州西湖茶业有限公司", "同部门同事的客户"])
            let row = sheet.rows.first { $0[1] == one.name }!
            #expect(row[5] == "rep1" && row[6] == "010-62568899")

            let all = try await t.api(.GET, "/api/v1/customers/export?format=csv", token: boss)
            #expect(all.status == .ok)
            let csvData = Data(buffer: all.body)
            #expect(csvData.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
            let csv = try Spreadsheet.read(csvData)[0].rows
            let expected = 524  // three of rep1's, one of rep2's, 520 more
            #expect(csv.count == expected + 1, "every page, in scope: not Shanghai's customer")
            // A name Excel would run as a formula is written as text.
            #expect(csv.contains { $0[1] == "'=HYPERLINK(\"http://evil.example\")" })
            #expect(csv.first { $0[1] == "'=HYPERLINK(\"http://evil.example\")" }?.contains("50000.00") == true)

            // Audited: who, which filter, how many rows.
            let audit = try await t.store.all(
                "SELECT changes FROM audit_log WHERE action = 'export' AND entity = 'customer' ORDER BY id", as: AuditChanges.self)
            #expect(audit.count == 2)
            #expect(audit.first?.changes.contains(#""new":"level=A""#) == true)
            #expect(audit.last?.changes.contains(#""new":"524""#) == true)

            // Bad input names its field; no right, no file.
            let bad = try await t.api(.GET, "/api/v1/customers/export?format=pdf", token: boss)
            #expect(bad.status == .badRequest && (bad.json["error"] as? [String: Any])?["field"] as? String == "format")
            let rep = try await t.token("rep1", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/customers/export", token: rep).status == .forbidden)

            // The page offers the export of what it shows, and the link answers the same file.
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let page = try await b.get("/crm/customers?level=A")
            #expect(page.text.contains("href=\"/crm/customers/export?level=A&amp;format=xlsx\""))
            let file = try await b.get("/crm/customers/export?level=A&format=xlsx")
            #expect(file.status == .ok)
            #expect(Set(try Spreadsheet.read(Data(buffer: file.body))[0].rows.dropFirst().map { $0[1] }) == Set(names))
            var r = Browser(t: t)
            _ = try await r.login("rep1", TestApp.userPassword)
            #expect(!(try await r.get("/crm/customers")).text.contains("/crm/customers/export"))
            #expect(try await r.get("/crm/customers/export").status == .forbidden)

            // The audit log itself exports, each entry in words.
            let log = try await t.api(.GET, "/api/v1/audit/export?action=export&format=csv", token: try await t.token())
            #expect(log.status == .ok)
            let entries = try Spreadsheet.read(Data(buffer: log.body))[0].rows.dropFirst()
            #expect(entries.count == 3 && entries.allSatisfy { $0[1] == "boss" && $0[3] == "导出了客户" })
            #expect(entries.contains { $0[4].contains("level=A") })
        }
    }

    /// Waits (up to 20 s) for an export job to leave `running`; answers the job as the API gives it.
    static func settled(_ t: TestApp, _ id: String, token: String) async throws -> [String: Any] {
        for _ in 0..<400 {
            let r = try await t.api(.GET, "/api/v1/exports/\(id)", token: token)
            if r.json["status"] as? String != "running" { return r.json }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("export \(id) still running")
    }

    @Test func aLongListBecomesAJobWhoseFileOnlyItsAskerFetches() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            try await Self.grant(t, "crm_manager", "customers.export")
            t.app.concord.exportInlineRows = 50
            let rep1 = try await t.context(as: "rep1")
            for i in 1...130 { _ = try await CustomerService.create(.init(name: "后台导出客户\(i)", level: i % 2 == 0 ? "A" : "B"), rep1) }
            _ = try await CustomerService.create(.init(name: "上海分公司的客户", level: "A"), try await t.context(as: "shrep"))
            let boss = try await t.token("boss", password: TestApp.userPassword)

            // Longer than the inline limit: 202, the job, where to ask after it.
            let asked = try await t.api(.GET, "/api/v1/customers/export?format=csv&level=A", token: boss)
            #expect(asked.status == .accepted)
            let id = try #require(asked.json["id"] as? String)
            #expect(asked.headers.first(name: .location) == "/api/v1/exports/\(id)")
            #expect(asked.json["fileName"] as? String == "客户-" + CalendarDate.today(t.system.clock).text + ".csv")
            #expect(asked.json["filter"] as? String == "level=A")
            let job = try await Self.settled(t, id, token: boss)
            #expect(job["status"] as? String == "done" && job["rows"] as? Int == 65)

            // The file holds what the list shows in the asker's scope: not Shanghai's customer.
            let file = try await t.api(.GET, "/api/v1/exports/\(id)/file", token: boss)
            #expect(file.status == .ok && file.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let rows = try Spreadsheet.read(Data(buffer: file.body))[0].rows
            #expect(rows.count == 66)
            #expect(Set(rows.dropFirst().map { $0[1] }) == Set((1...65).map { "后台导出客户\($0 * 2)" }))

            // Audited once, at the end, naming the job; the asker is told in the inbox.
            let audit = try await t.store.all(
                "SELECT changes FROM audit_log WHERE action = 'export' AND entity = 'customer'", as: AuditChanges.self)
            #expect(audit.count == 1 && audit[0].changes.contains(#""new":"65""#) && audit[0].changes.contains(#""new":"\#(id)""#))
            let inbox = try await t.api(.GET, "/api/v1/notifications", token: boss)
            #expect(
                (inbox.json["items"] as? [[String: Any]] ?? []).contains {
                    $0["kind"] as? String == "notify.export.done" && ($0["message"] as? String)?.contains("65 行") == true
                })

            // Someone else's job is not there for them, not even for the administrator.
            let admin = try await t.token()
            #expect(try await t.api(.GET, "/api/v1/exports/\(id)", token: admin).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/exports/\(id)/file", token: admin).status == .notFound)
            #expect((try await t.api(.GET, "/api/v1/exports", token: admin).json["items"] as? [Any])?.isEmpty == true)

            // A short list asked for in the background is a job too.
            let small = try await t.api(
                .GET, "/api/v1/customers/export?async=true&q=%E5%90%8E%E5%8F%B0%E5%AF%BC%E5%87%BA%E5%AE%A2%E6%88%B7130", token: boss)
            #expect(small.status == .accepted)
            let smallJob = try await Self.settled(t, try #require(small.json["id"] as? String), token: boss)
            #expect(smallJob["status"] as? String == "done" && smallJob["rows"] as? Int == 1)
            #expect(try await t.api(.GET, "/api/v1/customers/export?async=maybe", token: boss).status == .badRequest)

            // Two being written at once is the most one person gets.
            for _ in 0..<2 {
                _ = try await ExportQueries.insert(
                    module: "customers", entity: "customer", title: "客户", format: "xlsx", filter: "",
                    createdBy: try #require(
                        t.context(as: "boss").actor.userId), at: t.system.nowMillis, on: t.store)
            }
            let busy = try await t.api(.GET, "/api/v1/customers/export", token: boss)
            #expect(busy.status == .conflict && (busy.json["error"] as? [String: Any])?["code"] as? String == "export_busy")

            // A job its server left running shows as failed once it is stale; the nightly clean-up
            // fails it for good and removes files past their keeping time.
            t.clock.advance(seconds: 31 * 60)
            let list = try await t.api(.GET, "/api/v1/exports", token: boss)
            let items = list.json["items"] as? [[String: Any]] ?? []
            #expect(items.count == 4)
            #expect(items.filter { $0["error"] as? String == "export_interrupted" }.count == 2)
            let again = try await t.api(.GET, "/api/v1/customers/export", token: boss)
            #expect(again.status == .accepted, "no longer busy")
            _ = try await Self.settled(t, try #require(again.json["id"] as? String), token: boss)
            t.clock.advance(seconds: 8 * 86_400)
            #expect(try await ExportService.purge(t.system) == 5, "the two stale ones and three written")
            let boss2 = try await t.token("boss", password: TestApp.userPassword)
            // The asker hears of the jobs failed for good, once each.
            let told = try await t.api(.GET, "/api/v1/notifications?limit=100", token: boss2)
            #expect(
                (told.json["items"] as? [[String: Any]] ?? []).filter {
                    $0["kind"] as? String == "notify.export.failed" && $0["message"] as? String == "客户 导出失败。"
                }.count == 2,
                "\(told.text)")
            #expect(try await t.api(.GET, "/api/v1/exports/\(id)", token: boss2).status == .notFound)

            // On a page: the export link leads to the exports list, which offers the file when written.
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let started = try await b.get("/crm/customers/export?format=xlsx")
            #expect(started.status == .seeOther && started.headers.first(name: .location) == "/exports")
            let jobs = try await t.api(.GET, "/api/v1/exports", token: boss2)
            let newest = try #require((jobs.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            _ = try await Self.settled(t, newest, token: boss2)
            let page = try await b.get("/exports")
            #expect(page.status == .ok && page.text.contains("href=\"/exports/\(newest)/file\"") && page.text.contains("已完成"))
            #expect(!page.text.contains("⟦"))
            let workbook = try await b.get("/exports/\(newest)/file")
            let everyone = try await t.api(.GET, "/api/v1/customers?limit=200", token: boss2)
            let listed = (everyone.json["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(try Spreadsheet.read(Data(buffer: workbook.body))[0].rows.dropFirst().map { $0[1] }) == Set(listed))
            #expect(listed.count == 130 && everyone.json["nextCursor"] is NSNull, "every page, in scope")

            // Without the export right any longer, the file stays where it is.
            let r = try await t.store.first("SELECT * FROM roles WHERE code = 'crm_manager'", as: RoleRow.self)!
            try await t.store.run(
                "UPDATE roles SET permissions = \(bind: r.permissions.replacingOccurrences(of: " customers.export", with: "")) WHERE id = \(bind: r.id)"
            )
            #expect(
                try await t.api(.GET, "/api/v1/exports/\(newest)/file", token: try await t.token("boss", password: TestApp.userPassword))
                    .status == .forbidden)
        }
    }

    @Test func contactsAreListedSearchedAndExportedWithTheirCustomer() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            try await Self.grant(t, "crm_manager", "customers.export")
            let rep1 = try await t.context(as: "rep1")
            let c = try await CustomerService.create(.init(name: "北京快普科技有限公司"), rep1)
            _ = try await ContactService.create(.init(partnerId: c.id, name: "张伟", mobile: "13800138000", birthday: "06-18"), rep1)
            _ = try await ContactService.create(.init(partnerId: c.id, name: "李娜", email: "lina@kuaipu.example.cn"), rep1)
            let sh = try await CustomerService.create(.init(name: "上海客户"), try await t.context(as: "shrep"))
            _ = try await ContactService.create(.init(partnerId: sh.id, name: "王芳"), try await t.context(as: "shrep"))

            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let list = try await b.get("/crm/contacts")
            #expect(list.status == .ok)
            #expect(list.text.contains("张伟") && list.text.contains("李娜") && !list.text.contains("王芳"))
            #expect(list.text.contains("北京快普科技有限公司") && list.text.contains("06-18"))
            let found = try await b.get("/crm/contacts?q=zw")
            #expect(found.text.contains("张伟") && !found.text.contains("李娜"), "pinyin initials")

            let boss = try await t.token("boss", password: TestApp.userPassword)
            let file = try await t.api(.GET, "/api/v1/contacts/export?q=lina", token: boss)
            #expect(file.status == .ok)
            let rows = try Spreadsheet.read(Data(buffer: file.body))[0].rows
            #expect(rows.count == 2)
            #expect(rows[1].prefix(2) == ["李娜", "北京快普科技有限公司"])
        }
    }
}

private struct AuditChanges: Decodable { var changes: String }

@Suite("Exports: products and stock")
struct InventoryExportTests {
    @Test func stockOnHandExportsToTheCentOfTheLedgerAndCostsOnlyToThoseWhoSeeThem() async throws {
        try await TestApp.run { t in
            _ = try await DemoCompany.load(password: "demo-password-1", t.system)
            try await DemoInventory.load(month: "2026-10", t.system)
            let admin = try await t.token()

            // Products: every one, with its larger units written as 箱=24 and their barcodes.
            let products = try await t.api(.GET, "/api/v1/products/export", token: admin)
            #expect(products.status == .ok)
            let rows = try Spreadsheet.read(Data(buffer: products.body))[0].rows
            let header = rows[0]
            let count = try await t.store.scalar("SELECT COUNT(*) AS n FROM products", as: Int64.self)
            #expect(Int64(rows.count - 1) == count)
            let unitsColumn = try #require(header.firstIndex(of: "单位换算"))
            let packs = try await t.store.all(
                "SELECT p.code, u.name, u.factor FROM product_units u JOIN products p ON p.id = u.product_id WHERE u.factor <> \(bind: Quantity.one)",
                as: PackRow.self)
            #expect(!packs.isEmpty)
            for pack in packs {
                let row = try #require(rows.first { $0[0] == pack.code })
                #expect(row[unitsColumn].contains(pack.name + "=" + Quantity(units: pack.factor).description))
            }
            #expect(header.contains("标准成本"))

            // Stock on hand: the value column adds up to the ledger's, to the cent.
            let balances = try await t.api(.GET, "/api/v1/stock/balances/export?format=csv", token: admin)
            #expect(balances.status == .ok)
            let lines = try Spreadsheet.read(Data(buffer: balances.body))[0].rows
            let valueColumn = try #require(lines[0].firstIndex(of: "金额"))
            var exported = Money.zero
            for line in lines.dropFirst() { exported = try exported + Money(parsing: line[valueColumn]) }
            let ledger = try await t.store.scalar("SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT) AS n FROM stock_entries", as: Int64.self)
            #expect(exported == Money(fen: ledger ?? -1))
            #expect(exported != .zero)

            // The warehouse keeper sees quantities, not costs, on screen and in the file; without
            // the export right there is no file at all.
            try await ExportTests.grant(t, "warehouse_keeper", "stock.export")
            let keeper = try await t.token("zhouqiang", password: "demo-password-1")
            let kept = try await t.api(.GET, "/api/v1/stock/balances/export", token: keeper)
            #expect(kept.status == .ok)
            let keeperHeader = try Spreadsheet.read(Data(buffer: kept.body))[0].rows[0]
            #expect(keeperHeader.contains("数量") && !keeperHeader.contains("金额") && !keeperHeader.contains("单位成本"))
            #expect(try await t.api(.GET, "/api/v1/products/export", token: keeper).status == .forbidden)
            let rep = try await t.token("wangfang", password: "demo-password-1")
            #expect(try await t.api(.GET, "/api/v1/stock/balances/export", token: rep).status == .forbidden)
        }
    }
}

@Suite("Exports: contracts and receivables")
struct CashExportTests {
    @Test func receivablesExportWithTheReportsTotalAndContractsWithTheirAmounts() async throws {
        try await TestApp.run { t in
            _ = try await DemoCompany.load(password: "demo-password-1", t.system)
            try await DemoInventory.load(month: "2026-10", t.system)
            try await DemoCRM.load(t.system)
            try await DemoFinance.load(month: "2026-10", t.system)
            let finance = try await t.token("sunli", password: "demo-password-1")

            // By document: each open item, then the total the report gives, to the cent.
            let file = try await t.api(.GET, "/api/v1/receivables/export?groupBy=document&asOf=2026-11-27&format=csv", token: finance)
            #expect(file.status == .ok)
            let rows = try Spreadsheet.read(Data(buffer: file.body))[0].rows
            #expect(rows[0].prefix(4) == ["往来单位", "单据", "开票日期", "未结金额"])
            let report = try await AgeingReport.run(.init(side: .ar, groupBy: .document, asOf: "2026-11-27"), t.system)
            #expect(rows.count == report.rows.count + 2)
            #expect(rows.last?.first == "合计")
            #expect(try Money(parsing: rows.last![3]) == Money(fen: report.total.open))
            var sum = Money.zero
            for r in rows.dropFirst().dropLast() { sum = try sum + Money(parsing: r[3]) }
            #expect(sum == Money(fen: report.total.open))
            #expect(try await t.api(.GET, "/api/v1/receivables/export?groupBy=week", token: finance).status == .badRequest)

            // Contracts: the sales manager's, with the amounts as signed.
            let manager = try await t.token("lina", password: "demo-password-1")
            let contracts = try await t.api(.GET, "/api/v1/contracts/export?kind=sales", token: manager)
            #expect(contracts.status == .ok)
            let lines = try Spreadsheet.read(Data(buffer: contracts.body))[0].rows
            let listed = try await t.api(.GET, "/api/v1/contracts?kind=sales", token: manager)
            let items = listed.json["items"] as? [[String: Any]] ?? []
            #expect(lines.count == items.count + 1 && !items.isEmpty)
            let total = try #require(lines[0].firstIndex(of: "价税合计"))
            for item in items {
                let line = try #require(lines.first { $0[0] == item["number"] as? String })
                #expect(try Money(parsing: line[total]) == Money(parsing: item["totalAmount"] as? String ?? "x"))
            }
            // A salesperson has no export right for contracts.
            let rep = try await t.token("wangfang", password: "demo-password-1")
            #expect(try await t.api(.GET, "/api/v1/contracts/export", token: rep).status == .forbidden)
        }
    }
}

private struct PackRow: Decodable {
    var code: String
    var name: String
    var factor: Int64
}
