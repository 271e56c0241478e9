import Foundation
import InventoryCore
import Kernel
import NIOCore
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// People for order-to-cash tests, on the inventory fixture: a salesperson, their manager, a
/// finance approver, and a salesperson of another department who sees only their own.
struct CashFixture {
    var inv: InventoryFixture
    var users: [String: Int64]
    static let salesPermissions = [
        "customers.view", "customers.create", "opportunities.view", "opportunities.create", "opportunities.edit", "quotes.view",
        "quotes.create", "quotes.edit", "contracts.view", "contracts.create", "contracts.edit", "contracts.delete",
        "orders.view", "orders.create", "orders.edit", "stock.view", "stock.create", "stock.edit", "cash.view", "cash.create",
        "cash.edit", "partners.view", "products.view",
    ]

    static func make(_ t: any TestWorld) async throws -> CashFixture {
        let inv = try await InventoryFixture.make(t)
        let ctx = t.system
        let all = try await RoleService.create(
            .init(
                code: "sales_all", name: "销售", permissions: salesPermissions + ["contracts.approve", "approvals.view"],
                dataScope: "all"), ctx
        ).id
        let own = try await RoleService.create(
            .init(code: "sales_own", name: "销售（本人）", permissions: salesPermissions, dataScope: "own"), ctx
        ).id
        var users: [String: Int64] = [:]
        func user(_ name: String, role: Int64, manager: Int64? = nil) async throws -> Int64 {
            try await UserService.create(
                .init(
                    username: name, displayName: name, password: TestApp.userPassword, branchId: inv.hq, managerId: manager,
                    roleIds: [role]), ctx
            ).user.id
        }
        users["mgr"] = try await user("mgr", role: all)
        users["cfo"] = try await user("cfo", role: all)
        users["sales"] = try await user("sales", role: all, manager: users["mgr"])
        users["other"] = try await user("other", role: own, manager: users["mgr"])
        return CashFixture(inv: inv, users: users)
    }
}

@Suite("Order to cash: quotes, approvals, contracts, invoices, collections, receivables")
struct OrderToCashTests {
    static func items(_ r: TestingHTTPResponse) -> [[String: Any]] { r.json["items"] as? [[String: Any]] ?? [] }
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    static func upload(_ t: TestApp, _ path: String, token: String, bytes: [UInt8]) async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        h.bearerAuthorization = BearerAuthorization(token: token)
        h.contentType = .binary
        return try await t.app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(bytes: bytes))
    }

    @Test func anOpportunityBecomesMoneyInTheBankAndTheBooksAgree() async throws {
        try await TestApp.run { t in
            let f = try await CashFixture.make(t)
            let inv = f.inv
            let admin = try await t.token()
            let sales = try await t.token("sales", password: TestApp.userPassword)
            let mgr = try await t.token("mgr", password: TestApp.userPassword)
            let cfo = try await t.token("cfo", password: TestApp.userPassword)
            let ma = inv.products["MA"]!, fifo = inv.products["FIFO"]!
            // Stock: moving-average water in both Beijing warehouses (one costing scope), biscuits by FIFO.
            try await inv.post(
                t, .purchaseReceipt, date: "2026-11-01",
                lines: [
                    inv.receipt("MA", "100", at: "2"), inv.receipt("MA", "50", at: "2.2", warehouse: inv.w2),
                    inv.receipt("FIFO", "20", at: "48", unit: "箱"),
                ])
            // Contracts over 500 need the manager and then the CFO.
            let rule = try await t.api(
                .POST, "/api/v1/approval-rules", token: admin,
                json: """
                    {"docType":"contract","name":"合同五百元以上","minAmount":"500","steps":[{"kind":"manager"},{"kind":"user","ref":"\(f.users["cfo"]!)"}]}
                    """)
            #expect(rule.status == .created, "\(rule.text)")

            let opp = try await t.api(
                .POST, "/api/v1/opportunities", token: sales,
                json: """
                    {"partnerId":"\(inv.customer)","name":"矿泉水年度采购","amount":"988"}
                    """)
            #expect(opp.status == .created, "\(opp.text)")
            let oppId = opp.json["id"] as! String

            // A quote with one line under its floor (2.40 a bag against 2.50).
            let q = try await t.api(
                .POST, "/api/v1/quotes", token: sales,
                json: """
                    {"opportunityId":"\(oppId)","validUntil":"2026-12-31","lines":[
                     {"productId":"\(ma)","quantity":"120","unitPrice":"2.4","taxRate":"13"},
                     {"productId":"\(fifo)","unit":"箱","quantity":"10","unitPrice":"70","taxRate":"13"}]}
                    """)
            #expect(q.status == .created, "\(q.text)")
            let quoteId = q.json["id"] as! String
            #expect(q.json["totalAmount"] as? String == "988.00")
            #expect(q.json["taxAmount"] as? String == "113.66")
            #expect(q.json["belowFloor"] as? Bool == true)
            #expect(q.json["amountInWords"] as? String == "玖佰捌拾捌元整")
            let early = try await t.api(.POST, "/api/v1/quotes/\(quoteId)/send", token: sales)
            #expect(early.status == .conflict && Self.error(early)["code"] as? String == "quote_needs_approval")
            let submitted = try await t.api(.POST, "/api/v1/quotes/\(quoteId)/submit", token: sales)
            #expect(submitted.json["status"] as? String == "pending", "\(submitted.text)")
            let rounds = submitted.json["approvals"] as? [[String: Any]] ?? []
            let approvalId = rounds.last?["id"] as? String ?? ""
            // The manager is told and is the one to act; the salesperson is not.
            let todo = try await t.api(.GET, "/api/v1/approvals?box=todo", token: mgr)
            #expect(Self.items(todo).map { $0["id"] as? String } == [approvalId])
            let selfApprove = try await t.api(.POST, "/api/v1/approvals/\(approvalId)/approve", token: sales, json: "{}")
            #expect(selfApprove.status == .forbidden, "\(selfApprove.text)")
            let noReason = try await t.api(.POST, "/api/v1/approvals/\(approvalId)/reject", token: mgr, json: "{}")
            #expect(noReason.status == .unprocessableEntity && Self.error(noReason)["field"] as? String == "comment")
            let ok = try await t.api(.POST, "/api/v1/approvals/\(approvalId)/approve", token: mgr, json: #"{"comment":"老客户，同意"}"#)
            #expect(ok.json["status"] as? String == "approved", "\(ok.text)")
            #expect(try await t.api(.POST, "/api/v1/quotes/\(quoteId)/send", token: sales).json["status"] as? String == "sent")

            // The contract takes the quote's lines.
            let c = try await t.api(
                .POST, "/api/v1/contracts", token: sales,
                json: """
                    {"quoteId":"\(quoteId)","signDate":"2026-11-20","startDate":"2026-11-20","endDate":"2027-11-19","renewNoticeDays":30}
                    """)
            #expect(c.status == .created, "\(c.text)")
            let contractId = c.json["id"] as! String
            #expect(c.json["totalAmount"] as? String == "988.00" && c.json["amountInWords"] as? String == "玖佰捌拾捌元整")
            #expect(try await t.api(.GET, "/api/v1/quotes/\(quoteId)", token: sales).json["status"] as? String == "accepted")
            let lines = c.json["lines"] as! [[String: Any]]

            // The payment plan must add up to the contract.
            let bad = try await t.api(
                .PUT, "/api/v1/payment-plans/\(contractId)", token: sales,
                json: """
                    {"items":[{"dueDate":"2026-12-20","amount":"500"},{"dueDate":"2027-01-20","amount":"400"}]}
                    """)
            #expect(bad.status == .unprocessableEntity && Self.error(bad)["code"] as? String == "plan_not_total", "\(bad.text)")
            let plan = try await t.api(
                .PUT, "/api/v1/payment-plans/\(contractId)", token: sales,
                json: """
                    {"items":[{"dueDate":"2026-12-20","amount":"600"},{"dueDate":"2027-01-20","amount":"388"}]}
                    """)
            #expect(plan.status == .ok, "\(plan.text)")

            // Attachments: a PDF is kept; an executable, a fake PDF and an oversized file are refused.
            let pdf = Array("%PDF-1.4\n合同扫描件\n%%EOF".utf8)
            let att = try await Self.upload(t, "/api/v1/contracts/\(contractId)/attachments?fileName=合同.pdf", token: sales, bytes: pdf)
            #expect(att.status == .created, "\(att.text)")
            let exe = try await Self.upload(
                t, "/api/v1/contracts/\(contractId)/attachments?fileName=setup.exe", token: sales, bytes: [0x4D, 0x5A, 0, 0])
            #expect(exe.status == .unprocessableEntity && Self.error(exe)["code"] as? String == "file_type_refused")
            let fake = try await Self.upload(
                t, "/api/v1/contracts/\(contractId)/attachments?fileName=x.pdf", token: sales, bytes: Array("<html>".utf8))
            #expect(fake.status == .unprocessableEntity && Self.error(fake)["code"] as? String == "file_content_mismatch")
            let big = try await Self.upload(
                t, "/api/v1/contracts/\(contractId)/attachments?fileName=big.pdf", token: sales,
                bytes: pdf + [UInt8](repeating: 0x20, count: AttachmentService.maxBytes))
            #expect(big.status == .payloadTooLarge && Self.error(big)["code"] as? String == "file_too_large", "\(big.status)")
            let attId = att.json["id"] as! String
            let download = try await t.api(.GET, "/api/v1/contracts/\(contractId)/attachments/\(attId)", token: sales)
            #expect(download.status == .ok && Array(download.body.readableBytesView) == pdf)
            let other = try await t.token("other", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/contracts/\(contractId)/attachments/\(attId)", token: other).status == .notFound)

            // Approval in two steps: the manager, then the CFO.
            let sub = try await t.api(.POST, "/api/v1/contracts/\(contractId)/submit", token: sales)
            #expect(sub.json["status"] as? String == "pending", "\(sub.text)")
            let cApproval = (sub.json["approvals"] as! [[String: Any]]).last!["id"] as! String
            #expect(try await t.api(.POST, "/api/v1/approvals/\(cApproval)/approve", token: cfo, json: "{}").status == .forbidden)
            #expect(try await t.api(.POST, "/api/v1/approvals/\(cApproval)/approve", token: mgr, json: "{}").json["step"] as? Int == 2)
            #expect(
                try await t.api(.POST, "/api/v1/approvals/\(cApproval)/approve", token: cfo, json: #"{"comment":"可以"}"#).json["status"]
                    as? String == "approved")
            #expect(try await t.api(.GET, "/api/v1/contracts/\(contractId)", token: sales).json["status"] as? String == "active")
            let del = try await t.api(.DELETE, "/api/v1/contracts/\(contractId)", token: sales)
            #expect(del.status == .conflict && Self.error(del)["code"] as? String == "contract_active_delete")

            // The sales order: the water from both warehouses.
            let maLine = lines[0]["id"] as! String, fifoLine = lines[1]["id"] as! String
            let order = try await t.api(
                .POST, "/api/v1/contracts/\(contractId)/orders", token: sales,
                json: """
                    {"orderDate":"2026-11-21","lines":[{"contractLineId":"\(maLine)","quantity":"80","warehouseId":"\(inv.w1)"},
                     {"contractLineId":"\(maLine)","quantity":"40","warehouseId":"\(inv.w2)"},{"contractLineId":"\(fifoLine)","quantity":"10","warehouseId":"\(inv.w1)"}]}
                    """)
            #expect(order.status == .created, "\(order.text)")
            #expect(order.json["status"] as? String == "confirmed" && order.json["contractId"] as? String == contractId)
            let more = try await t.api(
                .POST, "/api/v1/contracts/\(contractId)/orders", token: sales,
                json: """
                    {"lines":[{"contractLineId":"\(maLine)","quantity":"1","warehouseId":"\(inv.w1)"}]}
                    """)
            #expect(more.status == .unprocessableEntity && Self.error(more)["code"] as? String == "contract_line_exceeded")
            let ol = order.json["lines"] as! [[String: Any]]
            let delivery = try await t.api(
                .POST, "/api/v1/stock-documents", token: sales,
                json: """
                    {"type":"salesDelivery","postingDate":"2026-11-22","partnerId":"\(inv.customer)","post":true,"lines":[
                     {"productId":"\(ma)","quantity":"80","warehouseId":"\(inv.w1)","unitPrice":"2.4","orderLineId":"\(ol[0]["id"]!)"},
                     {"productId":"\(ma)","quantity":"40","warehouseId":"\(inv.w2)","unitPrice":"2.4","orderLineId":"\(ol[1]["id"]!)"},
                     {"productId":"\(fifo)","unit":"箱","quantity":"10","warehouseId":"\(inv.w1)","unitPrice":"70","orderLineId":"\(ol[2]["id"]!)"}]}
                    """)
            #expect(delivery.status == .created, "\(delivery.text)")
            let deliveryId = delivery.json["id"] as! String
            let dLines = delivery.json["lines"] as! [[String: Any]]

            // Invoicing: never beyond what was delivered.
            let over = try await t.api(
                .POST, "/api/v1/invoices", token: sales,
                json: """
                    {"partnerId":"\(inv.customer)","kind":"special","lines":[{"stockLineId":"\(dLines[0]["id"]!)","amount":"192.01"}]}
                    """)
            #expect(
                over.status == .unprocessableEntity && Self.error(over)["code"] as? String == "invoice_exceeds_delivery", "\(over.text)")
            let invoice = try await t.api(
                .POST, "/api/v1/invoices", token: sales,
                json: """
                    {"partnerId":"\(inv.customer)","kind":"special","invoiceNo":"04405678","invoiceDate":"2026-11-23","stockDocumentIds":["\(deliveryId)"]}
                    """)
            #expect(invoice.status == .created, "\(invoice.text)")
            #expect(invoice.json["totalAmount"] as? String == "988.00" && invoice.json["taxAmount"] as? String == "113.66")
            #expect(invoice.json["contractId"] as? String == contractId)
            let invoiceId = invoice.json["id"] as! String
            let twice = try await t.api(
                .POST, "/api/v1/invoices", token: sales,
                json: """
                    {"partnerId":"\(inv.customer)","stockDocumentIds":["\(deliveryId)"]}
                    """)
            #expect(twice.status == .unprocessableEntity, "\(twice.text)")

            // Two collections: 500 by document, the rest by product.
            let c1 = try await t.api(
                .POST, "/api/v1/collections", token: sales,
                json: """
                    {"partnerId":"\(inv.customer)","paymentDate":"2026-11-25","amount":"500","method":"bank","mode":"document","targets":[{"invoiceId":"\(invoiceId)"}]}
                    """)
            #expect(c1.status == .created, "\(c1.text)")
            #expect(c1.json["applied"] as? String == "500.00")
            let tooMuch = try await t.api(
                .POST, "/api/v1/collections", token: sales,
                json: """
                    {"partnerId":"\(inv.customer)","paymentDate":"2026-11-26","amount":"600","mode":"product","targets":[{"productId":"\(fifo)","amount":"500"}]}
                    """)
            #expect(
                tooMuch.status == .unprocessableEntity && Self.error(tooMuch)["code"] as? String == "settle_exceeds_open", "\(tooMuch.text)"
            )
            #expect((Self.error(tooMuch)["message"] as? String ?? "").contains("488.00"), "\(tooMuch.text)")
            #expect(Self.items(try await t.api(.GET, "/api/v1/collections?partnerId=\(inv.customer)", token: sales)).count == 1)
            let c2 = try await t.api(
                .POST, "/api/v1/collections", token: sales,
                json: """
                    {"partnerId":"\(inv.customer)","paymentDate":"2026-11-26","amount":"488","method":"wechat","mode":"product","targets":[{"productId":"\(fifo)","amount":"488"}]}
                    """)
            #expect(c2.status == .created, "\(c2.text)")
            #expect(c2.json["unapplied"] as? String == "0.00")

            // Nothing is open; both installments are paid; the contract's figures are right.
            let ar = try await t.api(.GET, "/api/v1/receivables?partnerId=\(inv.customer)&asOf=2026-11-27", token: sales)
            #expect((ar.json["total"] as? [String: Any])?["open"] as? String == "0.00", "\(ar.text)")
            let planNow = try await t.api(.GET, "/api/v1/payment-plans/\(contractId)", token: sales)
            #expect(
                (planNow.json["items"] as? [[String: Any]])?.map { $0["collected"] as? String } == ["600.00", "388.00"], "\(planNow.text)")
            let p = try await t.api(.GET, "/api/v1/contracts/\(contractId)/progress", token: sales)
            #expect(
                p.json["delivered"] as? String == "988.00" && p.json["invoiced"] as? String == "988.00"
                    && p.json["collected"] as? String == "988.00")
            #expect(p.json["deliveredNet"] as? String == "874.34", "\(p.text)")
            // The salesperson has no `costs.view`: the contract's cost and margin are not theirs to see.
            #expect(p.json["costOfGoods"] == nil && p.json["grossMargin"] == nil, "\(p.text)")
            let full = try await t.api(.GET, "/api/v1/contracts/\(contractId)/progress", token: admin)
            // Water: 80 at 310/150 from the first warehouse = 165.33, then 40 at 144.67/70 = 82.67; biscuits: 240 bags of the 2-yuan layer = 480.00.
            #expect(full.json["costOfGoods"] as? String == "728.00", "\(full.text)")
            #expect(full.json["grossMargin"] as? String == "146.34", "\(full.text)")

            // Receivables = invoices − collections, in the database itself.
            struct S: Decodable { var v: Int64? }
            let residual =
                try await t.store.first("SELECT CAST(SUM(residual) AS BIGINT) AS v FROM open_items WHERE side = 'ar'", as: S.self)?.v ?? 0
            let invoiced =
                try await t.store.first(
                    "SELECT CAST(SUM(total_amount) AS BIGINT) AS v FROM invoices WHERE status = 'issued' AND side = 'sales'", as: S.self)?.v
                ?? 0
            let collected =
                try await t.store.first(
                    "SELECT CAST(SUM(applied) AS BIGINT) AS v FROM payments WHERE status = 'posted' AND direction = 'in'", as: S.self)?.v
                ?? 0
            #expect(residual == 0 && invoiced == 98800 && collected == 98800)
            #expect(try await InventoryFixture.reconcile(t).isEmpty)

            // The audit log tells the story of the contract.
            let audit = try await t.api(.GET, "/api/v1/audit?entity=contract&entityId=\(contractId)&limit=50", token: admin)
            let actions = Self.items(audit).compactMap { $0["action"] as? String }
            for a in ["create", "plan", "attach", "submit", "approval_approved", "order"] {
                #expect(actions.contains(a), "\(a) in \(actions)")
            }
            let approvalAudit = Self.items(try await t.api(.GET, "/api/v1/audit?entity=approval&limit=50", token: admin)).compactMap {
                $0["action"] as? String
            }
            #expect(
                approvalAudit.filter { $0 == "approve" }.count == 3 && approvalAudit.filter { $0 == "submit" }.count == 2,
                "\(approvalAudit)")
            #expect(Self.items(try await t.api(.GET, "/api/v1/audit?entity=collection&limit=50", token: admin)).count >= 4)

            // Someone with their own scope sees none of it.
            #expect(try await t.api(.GET, "/api/v1/contracts/\(contractId)", token: other).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/invoices/\(invoiceId)", token: other).status == .notFound)
            #expect(Self.items(try await t.api(.GET, "/api/v1/contracts", token: other)).isEmpty)
        }
    }
}
