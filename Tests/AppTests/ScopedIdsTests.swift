import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor

/// Every id a request names is looked up through the caller's scope: what they cannot see is
/// refused exactly as if it did not exist, and lookups say of others' records only that one exists.
@Suite("Ids in a request go through the caller's scope")
struct ScopedIdsTests {
    /// Head office and Shanghai with a warehouse keeper and a salesperson each, goods in both.
    struct World {
        var inv: InventoryFixture
        var hqCustomer: Int64, shCustomer: Int64
        var hqDelivery: StockDocumentService.Details, otherDelivery: StockDocumentService.Details
    }

    static func world(_ t: TestApp) async throws -> World {
        let inv = try await InventoryFixture.make(t)
        let sys = t.system
        let perms = [
            "products.view", "orders.view", "orders.create", "stock.view", "stock.create", "stock.edit", "partners.view", "customers.view",
        ]
        let keeper = try await RoleService.create(.init(code: "keeper", name: "库管", permissions: perms, dataScope: "branch"), sys).id
        _ = try await UserService.create(
            .init(username: "shkeeper", displayName: "上海库管", password: TestApp.userPassword, branchId: inv.sh, roleIds: [keeper]), sys)
        _ = try await UserService.create(
            .init(username: "hqkeeper", displayName: "北京库管", password: TestApp.userPassword, branchId: inv.hq, roleIds: [keeper]), sys)
        let hqCustomer = inv.customer
        let shCustomer = try await PartnerService.create(.init(code: "C-SH", name: "上海华联超市有限公司", isCustomer: true, branchId: inv.sh), sys)
            .id
        let other = try await PartnerService.create(.init(code: "C-HQ2", name: "北京物美商业集团股份有限公司", isCustomer: true, branchId: inv.hq), sys)
            .id
        try await inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [inv.receipt("MA", "100", at: "2")])
        try await inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [inv.receipt("MA", "50", at: "2", warehouse: inv.w3)])
        let hqDelivery = try await inv.post(t, .salesDelivery, date: "2026-11-02", lines: [inv.issue("MA", "10", price: "3")])
        let d = try await StockDocumentService.create(
            .init(
                type: "salesDelivery", postingDate: "2026-11-02", partnerId: other,
                lines: [inv.issue("MA", "5", price: "3.2")]), sys)
        let otherDelivery = try await StockPosting.post(d.document.id, sys)
        return World(inv: inv, hqCustomer: hqCustomer, shCustomer: shCustomer, hqDelivery: hqDelivery, otherDelivery: otherDelivery)
    }

    @Test func aReturnTakesItsPartnerAndPriceFromTheLineItReturns() async throws {
        try await TestApp.run { t in
            let w = try await Self.world(t)
            let ctx = try await t.context(as: "hqkeeper")
            let line = w.hqDelivery.lines[0]
            // Another customer's line cannot come back as this customer's.
            let other = await refusal {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesReturn", postingDate: "2026-11-03", partnerId: w.hqCustomer,
                        lines: [
                            .init(
                                productId: w.inv.products["MA"], quantity: "1", warehouseId: w.inv.w1,
                                returnOfLineId: w.otherDelivery.lines[0].id)
                        ]), ctx)
            }
            #expect(other?.code == "return_other_partner" && other?.field == "partnerId")
            // Without a partner it is the original's; a price typed in the body is not what it comes back at.
            let r = try await StockDocumentService.create(
                .init(
                    type: "salesReturn", postingDate: "2026-11-03",
                    lines: [
                        .init(
                            productId: w.inv.products["MA"], quantity: "2", warehouseId: w.inv.w1, unitPrice: "999",
                            returnOfLineId: line.id)
                    ]), ctx)
            #expect(r.document.partnerId == w.hqCustomer)
            #expect(r.lines[0].unitPrice == line.unitPrice && r.lines[0].amount == 600, "two bags back at 3.00, not 999")
            _ = try await StockPosting.post(r.document.id, ctx)
            #expect(try await InventoryFixture.reconcile(t).isEmpty)
            // Shanghai's keeper does not see a head office delivery at all: as if it did not exist.
            let sh = try await t.context(as: "shkeeper")
            let unseen = await refusal {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesReturn", postingDate: "2026-11-03",
                        lines: [.init(productId: w.inv.products["MA"], quantity: "1", warehouseId: w.inv.w3, returnOfLineId: line.id)]), sh)
            }
            #expect(unseen?.code == "not_found" && unseen?.field == "lines[0].returnOfLineId")
        }
    }

    @Test func aDeliveryConsumesOnlyItsOwnPartnersOrderLines() async throws {
        try await TestApp.run { t in
            let w = try await Self.world(t)
            let sys = t.system
            let order = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: w.hqCustomer, orderDate: "2026-11-02",
                    lines: [.init(productId: w.inv.products["MA"], quantity: "20", unitPrice: "3", warehouseId: w.inv.w1)]), sys)
            _ = try await OrderService.transition(order.order.id, kind: .sales, .confirm, sys)
            let ctx = try await t.context(as: "hqkeeper")
            let other = try #require(try await t.store.scalar("SELECT id FROM partners WHERE code = 'C-HQ2'", as: Int64.self))
            let e = await refusal {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-04", partnerId: other,
                        lines: [
                            .init(
                                productId: w.inv.products["MA"], quantity: "5", warehouseId: w.inv.w1, unitPrice: "3",
                                orderLineId: order.lines[0].id)
                        ]), ctx)
            }
            #expect(e?.code == "not_found" && e?.field == "lines[0].orderLineId")
            let wrongOrder = await refusal {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-04", partnerId: other, orderId: order.order.id,
                        lines: [.init(productId: w.inv.products["MA"], quantity: "5", warehouseId: w.inv.w1, unitPrice: "3")]), ctx)
            }
            #expect(wrongOrder?.field == "orderId")
            // Its own customer's delivery takes the line.
            let ok = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-04", partnerId: w.hqCustomer, orderId: order.order.id,
                    lines: [
                        .init(
                            productId: w.inv.products["MA"], quantity: "5", warehouseId: w.inv.w1,
                            orderLineId: order.lines[0].id)
                    ]), ctx)
            #expect(ok.document.orderId == order.order.id && ok.lines[0].unitPrice == 3_000_000)
        }
    }

    @Test func unseenPartnersWarehousesAndBranchesAreAsIfTheyDidNotExist() async throws {
        try await TestApp.run { t in
            let w = try await Self.world(t)
            let sh = try await t.context(as: "shkeeper")
            let p = w.inv.products["MA"]
            // A head office customer, for a Shanghai keeper.
            let partner = await refusal {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-04", partnerId: w.hqCustomer,
                        lines: [.init(productId: p, quantity: "1", warehouseId: w.inv.w3, unitPrice: "3")]), sh)
            }
            #expect(partner?.code == "not_found" && partner?.field == "partnerId")
            // A transfer into a head office warehouse.
            let to = await refusal {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "transfer", postingDate: "2026-11-04",
                        lines: [.init(productId: p, quantity: "1", warehouseId: w.inv.w3, toWarehouseId: w.inv.w1)]), sh)
            }
            #expect(to?.code == "not_found" && to?.field == "lines[0].toWarehouseId")
            // The branch follows from the warehouses, never from the body.
            let branch = await refusal {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-04", partnerId: w.shCustomer, branchId: w.inv.hq,
                        lines: [.init(productId: p, quantity: "1", warehouseId: w.inv.w3, unitPrice: "3")]), sh)
            }
            #expect(branch?.code == "branch_follows_warehouses")
            let mine = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-04", partnerId: w.shCustomer,
                    lines: [.init(productId: p, quantity: "1", warehouseId: w.inv.w3, unitPrice: "3")]), sh)
            #expect(mine.document.branchId == w.inv.sh)
            // Through the API the same, and the pick list offers only what may be named.
            let token = try await t.token("shkeeper", password: TestApp.userPassword)
            let r = try await t.api(
                .POST, "/api/v1/stock-documents", token: token,
                json: """
                    {"type":"salesDelivery","postingDate":"2026-11-04","partnerId":"\(w.hqCustomer)","lines":[{"productId":"\(p!)","quantity":"1","warehouseId":"\(w.inv.w3)","unitPrice":"3"}]}
                    """)
            #expect(r.status == .unprocessableEntity && (r.json["error"] as? [String: Any])?["field"] as? String == "partnerId")
            var b = Browser(t: t)
            _ = try await b.login("shkeeper", TestApp.userPassword)
            let form = try await b.get("/inventory/documents/new?type=salesDelivery")
            #expect(form.text.contains("上海华联超市") && !form.text.contains("北京快普"))
        }
    }

    @Test func settlingAndBillingReachOnlyTheUsersBranches() async throws {
        try await TestApp.run { t in
            let w = try await Self.world(t)
            let sys = t.system
            // A Shanghai customer that head office delivered to as well.
            let hqDelivery = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-04", partnerId: w.shCustomer,
                    lines: [w.inv.issue("MA", "10", price: "3")]), sys)
            _ = try await StockPosting.post(hqDelivery.document.id, sys)
            let shDelivery = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-05", partnerId: w.shCustomer,
                    lines: [w.inv.issue("MA", "4", price: "3", warehouse: w.inv.w3)]), sys)
            _ = try await StockPosting.post(shDelivery.document.id, sys)
            let fin = try await RoleService.create(
                .init(
                    code: "shfin", name: "上海财务",
                    permissions: [
                        "cash.view", "cash.create", "cash.edit", "customers.view",
                        "partners.view",
                    ], dataScope: "branch"), sys
            ).id
            _ = try await UserService.create(
                .init(username: "shfin", displayName: "上海财务", password: TestApp.userPassword, branchId: w.inv.sh, roleIds: [fin]), sys)
            let token = try await t.token("shfin", password: TestApp.userPassword)
            // Oldest first means oldest of what Shanghai may see: head office's delivery stays open.
            let c = try await t.api(
                .POST, "/api/v1/collections", token: token,
                json: """
                    {"partnerId":"\(w.shCustomer)","paymentDate":"2026-11-06","amount":"100","method":"bank","mode":"document"}
                    """)
            #expect(c.status == .created, "\(c.text)")
            #expect(c.json["applied"] as? String == "12.00", "only Shanghai's 12.00 is in reach")
            let hqOpen = try await t.store.scalar(
                "SELECT residual FROM open_items WHERE doc_id = \(bind: hqDelivery.document.id)", as: Int64.self)
            #expect(hqOpen == 3000)
            // Naming head office's delivery is as if it did not exist.
            let named = try await t.api(
                .POST, "/api/v1/collections", token: token,
                json: """
                    {"partnerId":"\(w.shCustomer)","paymentDate":"2026-11-06","amount":"10","method":"bank","mode":"document","targets":[{"stockDocumentId":"\(hqDelivery.document.id)"}]}
                    """)
            #expect(
                named.status == .unprocessableEntity
                    && (named.json["error"] as? [String: Any])?["field"] as? String == "targets[0].stockDocumentId")
            let invoice = try await t.api(
                .POST, "/api/v1/invoices", token: token,
                json: """
                    {"partnerId":"\(w.shCustomer)","stockDocumentIds":["\(hqDelivery.document.id)"]}
                    """)
            #expect(
                invoice.status == .unprocessableEntity
                    && (invoice.json["error"] as? [String: Any])?["field"] as? String == "stockDocumentIds")
        }
    }

    @Test func aLookupSaysOfOthersRecordsOnlyThatOneExistsAndWhere() async throws {
        try await TestApp.run { t in
            let f = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            _ = try await CustomerService.create(.init(name: "北京快普科技有限公司", phone: "010-82345678"), boss)
            // A Shanghai salesperson typing the same company learns that it exists in head office, nothing more.
            let role = try await RoleService.create(
                .init(
                    code: "lead_rep", name: "线索", permissions: CRMFixture.repPermissions + ["leads.view", "leads.create"],
                    dataScope: "own"), t.system
            ).id
            _ = try await UserService.create(
                .init(
                    username: "shlead", displayName: "上海线索", password: TestApp.userPassword, branchId: f.org.sh,
                    departmentId: f.org.shSales, roleIds: [role]), t.system)
            let sh = try await t.token("shlead", password: TestApp.userPassword)
            let dup = try await t.api(
                .GET,
                "/api/v1/leads/duplicates?company=\("北京快普科技".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&phone=01082345678",
                token: sh)
            #expect(dup.status == .ok, "\(dup.text)")
            let items = dup.json["items"] as? [[String: Any]] ?? []
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { $0["id"] == nil && $0["name"] == nil && ($0["branch"] as? String)?.isEmpty == false }, "\(items)")
            #expect(!dup.text.contains("快普科技有限公司"))
            // The same on entry: a refusal without a link or a name.
            let lead = try await t.api(.POST, "/api/v1/leads", token: sh, json: #"{"company":"北京快普科技","phone":"010 8234 5678"}"#)
            #expect(lead.status == .conflict)
            #expect(!lead.text.contains("/api/v1/customers/") && !lead.text.contains("快普科技有限公司"))
            #expect((lead.json["error"] as? [String: Any])?["code"] as? String == "possible_duplicate_elsewhere")
            // The partner master refuses a second record of a company without naming what it cannot show.
            let partner = await refusal {
                _ = try await CustomerService.create(.init(name: "北京快普科技有限公司"), try await t.context(as: "shlead"))
            }
            #expect(partner?.code == "duplicate_partner_elsewhere" && partner?.resource == nil)
            _ = f
        }
    }
}
