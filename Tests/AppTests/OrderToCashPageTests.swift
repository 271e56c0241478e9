import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@Suite("Order to cash: pages")
struct OrderToCashPageTests {
    static func location(_ r: TestingHTTPResponse) -> String { r.headers.first(name: .location) ?? "" }

    /// The salesperson's way through the forms: a quote under the floor, the manager approves it
    /// from the approvals page, a contract from the quote with a plan, the manager approves, the
    /// order split over two warehouses; then every page in both languages.
    @Test func theFlowThroughThePagesAndEveryPageInBothLanguages() async throws {
        try await TestApp.run { t in
            let f = try await CashFixture.make(t)
            let inv = f.inv
            try await inv.post(
                t, .purchaseReceipt, date: "2026-11-01",
                lines: [inv.receipt("MA", "100", at: "2"), inv.receipt("MA", "50", at: "2.2", warehouse: inv.w2)])
            var rep = Browser(t: t)
            _ = try await rep.login("sales", TestApp.userPassword)
            var page = try await rep.get("/contracts/quotes/new?partnerId=\(inv.customer)")
            #expect(page.status == .ok)
            // The product picker: every line's product field offers the products, found by code, name or pinyin.
            #expect(page.text.contains(#"<datalist id="product-options">"#) && page.text.contains(#"list="product-options""#))
            #expect(page.text.contains(#"<option value="MA" label="矿泉水 · 袋 · ¥3.00 · kqs"#), "矿泉水 is found by kqs")
            // A line with no product code is skipped; a bad quantity is named.
            var r = try await rep.post(
                "/contracts/quotes",
                [
                    ("_csrf", Browser.csrf(page.text)), ("partnerId", String(inv.customer)), ("validUntil", "2026-12-31"),
                    ("lines[0][product]", "MA"), ("lines[0][quantity]", "-3"),
                ])
            #expect(r.status == .unprocessableEntity && r.text.contains("数量"), "\(r.text.prefix(300))")
            r = try await rep.post(
                "/contracts/quotes",
                [
                    ("_csrf", Browser.csrf(page.text)), ("partnerId", String(inv.customer)), ("validUntil", "2026-12-31"),
                    ("lines[0][product]", "MA"), ("lines[0][quantity]", "120"), ("lines[0][unitPrice]", "2.4"),
                ])
            #expect(r.status == .seeOther)
            let quotePath = Self.location(r)
            page = try await rep.get(quotePath)
            #expect(page.text.contains("低于底价") && page.text.contains("贰佰捌拾捌元整"), "the floor flag and the amount in capitals")
            r = try await rep.post(quotePath + "/submit", [("_csrf", Browser.csrf(page.text))])
            page = try await rep.get(quotePath)
            #expect(page.text.contains("审批中"))

            var mgr = Browser(t: t)
            _ = try await mgr.login("mgr", TestApp.userPassword)
            page = try await mgr.get("/approvals")
            let quoteId = quotePath.split(separator: "/").last!
            let approval = try await t.store.scalar(
                "SELECT id FROM approvals WHERE doc_type = 'quote' AND doc_id = \(bind: Int64(quoteId)!)", as: Int64.self)!
            #expect(page.text.contains("/approvals/\(approval)"), "the manager's inbox lists it")
            // The approver sees the lines and how far each is under its floor: 2.40 against 2.50.
            let decidePage = try await mgr.get("/approvals/\(approval)")
            #expect(decidePage.text.contains("明细与底价") && decidePage.text.contains("−0.10（4.00%）"), "\(decidePage.text)")
            // The salesperson cannot decide it: the page offers no form and the post is refused.
            let repView = try await rep.get("/approvals/\(approval)")
            #expect(!repView.text.contains("name=\"decision\""))
            r = try await rep.post("/approvals/\(approval)/decide", [("_csrf", Browser.csrf(repView.text)), ("decision", "approve")])
            #expect(r.status == .forbidden)
            page = try await mgr.get("/approvals/\(approval)")
            r = try await mgr.post(
                "/approvals/\(approval)/decide", [("_csrf", Browser.csrf(page.text)), ("decision", "approve"), ("comment", "同意")])
            #expect(r.status == .seeOther)
            page = try await rep.get(quotePath)
            #expect(page.text.contains("已审批") && page.text.contains("同意"))

            page = try await rep.get("/contracts/new?quoteId=\(quoteId)")
            r = try await rep.post(
                "/contracts",
                [
                    ("_csrf", Browser.csrf(page.text)), ("kind", "sales"), ("quoteId", String(quoteId)),
                    ("partnerId", String(inv.customer)), ("signDate", "2026-11-20"), ("endDate", "2027-11-19"),
                ])
            #expect(r.status == .seeOther, "\(r.text.prefix(400))")
            let contractPath = Self.location(r)
            page = try await rep.get(contractPath)
            #expect(page.text.contains("贰佰捌拾捌元整"))
            r = try await rep.post(
                contractPath + "/plan",
                [("_csrf", Browser.csrf(page.text)), ("items[0][dueDate]", "2026-12-01"), ("items[0][amount]", "100")])
            page = try await rep.get(Self.location(r))
            #expect(page.text.contains("回款计划合计 100.00，与合同金额 288.00 不一致"))
            r = try await rep.post(
                contractPath + "/plan",
                [("_csrf", Browser.csrf(page.text)), ("items[0][dueDate]", "2026-12-01"), ("items[0][amount]", "288")])
            r = try await rep.post(contractPath + "/submit", [("_csrf", Browser.csrf(page.text))])
            // No approval rule for contracts: submitted, it is in force, and its history says why.
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM approvals WHERE doc_type = 'contract'", as: Int64.self) == 0)
            page = try await rep.get(contractPath)
            #expect(page.text.contains("已生效") && page.text.contains("无需审批：没有适用的审批规则"))
            let line = try await t.store.scalar("SELECT MIN(id) AS id FROM contract_lines", as: Int64.self)!
            r = try await rep.post(
                contractPath + "/order",
                [
                    ("_csrf", Browser.csrf(page.text)),
                    ("lines[0][contractLineId]", String(line)), ("lines[0][quantity]", "80"), ("lines[0][warehouseId]", String(inv.w1)),
                    ("lines[1][contractLineId]", String(line)), ("lines[1][quantity]", "40"), ("lines[1][warehouseId]", String(inv.w2)),
                ])
            #expect(Self.location(r).hasPrefix("/inventory/orders/"), "\(Self.location(r))")
            let orderLines = try await t.store.scalar(
                "SELECT COUNT(*) AS n FROM order_lines WHERE contract_line_id = \(bind: line)", as: Int64.self)
            #expect(orderLines == 2)

            // Every page of the module renders in both languages, with nothing untranslated.
            let contractId = contractPath.split(separator: "/").last!
            var admin = Browser(t: t)
            _ = try await admin.login("admin", TestApp.adminPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await admin.get("/lang/\(lang)")
                for path in [
                    "/approvals", "/approvals?box=all", "/approvals?box=submitted", "/approvals/\(approval)", "/approvals/rules",
                    "/approvals/rules/new",
                    "/contracts/quotes", quotePath, quotePath + "/print", "/contracts/quotes/new", "/contracts",
                    "/contracts?kind=purchase",
                    contractPath, contractPath + "/print", "/contracts/new?kind=purchase", "/contracts/new?quoteId=\(quoteId)",
                    "/contracts/overdue", "/cash/invoices", "/cash/invoices/new?side=sales",
                    "/cash/invoices/new?side=sales&partnerId=\(inv.customer)&contractId=\(contractId)",
                    "/cash/collections", "/cash/collections/new?partnerId=\(inv.customer)", "/cash/payments",
                    "/cash/payments/new",
                    "/cash/receivables", "/cash/receivables?groupBy=document", "/cash/receivables?groupBy=product",
                    "/cash/payables",
                    "/crm/customers/\(inv.customer)", "/",
                ] {
                    let r = try await admin.get(path)
                    #expect(r.status == .ok, "\(path) in \(lang)")
                    let untranslated = r.text.components(separatedBy: "⟦").dropFirst().map { $0.prefix { $0 != "⟧" } }
                    #expect(untranslated.isEmpty, "\(path) in \(lang) has untranslated strings: \(untranslated)")
                }
            }
            // Someone without the contracts permission is refused the pages.
            var other = Browser(t: t)
            _ = try await other.login("other", TestApp.userPassword)
            #expect(try await other.get(contractPath).status == .notFound)
        }
    }
}
