import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@Suite("进销存 through the API")
struct InventoryAPITests {
    static func id(_ r: TestingHTTPResponse) -> String { r.json["id"] as? String ?? "" }

    @Test func aProgramRunsTheWholeStockFlow() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            func call(_ m: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> TestingHTTPResponse {
                try await t.api(m, path, token: token, json: json)
            }
            let w1 = Self.id(try await call(.POST, "/api/v1/warehouses", #"{"code":"BJ1","name":"北京一仓","branchId":"1","kind":"central"}"#))
            let w2 = Self.id(try await call(.POST, "/api/v1/warehouses", #"{"code":"BJ2","name":"北京二仓","branchId":"1"}"#))
            let product = try await call(
                .POST, "/api/v1/products",
                """
                {"code":"KL-330","name":"可口可乐 330ml","baseUnit":"罐","units":[{"name":"箱","factor":"24","barcode":"6901234567892"}],
                 "costingMethod":"fifo","salePrice":"3.5","floorPrice":"2.8","stockLevels":[{"warehouseId":"\(w1)","safetyQty":"100","maxQty":"1000"}]}
                """)
            #expect(product.status == .created)
            let p = Self.id(product)
            let supplier = Self.id(
                try await call(.POST, "/api/v1/partners", #"{"code":"S1","name":"太古饮料有限公司","isSupplier":true,"uscc":"91350100M000100Y43"}"#)
            )
            let customer = Self.id(try await call(.POST, "/api/v1/partners", #"{"code":"C1","name":"北京快普科技有限公司","isCustomer":true}"#))
            // The same company under a second spelling is refused, naming the first.
            let dup = try await call(.POST, "/api/v1/partners", #"{"code":"C2","name":"北京快普科技","isCustomer":true}"#)
            #expect(dup.status == .conflict)

            // Found by pinyin initials and by barcode.
            let byInitials = try await call(.GET, "/api/v1/products?q=kkkl")
            #expect((byInitials.json["items"] as? [[String: Any]])?.first?["code"] as? String == "KL-330")
            let byBarcode = try await call(.GET, "/api/v1/units?barcode=6901234567892")
            #expect((byBarcode.json["items"] as? [[String: Any]])?.first?["name"] as? String == "箱")

            let receipt = try await call(
                .POST, "/api/v1/stock-documents",
                """
                {"type":"purchaseReceipt","postingDate":"2026-11-02","partnerId":"\(supplier)","lines":[
                  {"productId":"\(p)","unit":"箱","quantity":"5","unitCost":"48","warehouseId":"\(w1)"},
                  {"productId":"\(p)","unit":"箱","quantity":"5","unitCost":"60","warehouseId":"\(w2)"}]}
                """)
            #expect(receipt.status == .created)
            #expect((receipt.json["number"] as? String)?.hasPrefix("PR-2026-") == true)
            let posted = try await call(.POST, "/api/v1/stock-documents/\(Self.id(receipt))/post")
            #expect(posted.json["status"] as? String == "posted")

            let delivery = try await call(
                .POST, "/api/v1/stock-documents",
                """
                {"type":"salesDelivery","postingDate":"2026-11-03","partnerId":"\(customer)","lines":[
                  {"productId":"\(p)","quantity":"30","unitPrice":"3.5","warehouseId":"\(w1)"}]}
                """)
            let sold = try await call(.POST, "/api/v1/stock-documents/\(Self.id(delivery))/post")
            let line = (sold.json["lines"] as? [[String: Any]])?.first
            // FIFO: 30 cans = 120 from the 2.00 layer... the first receipt line (5 cases x 48 = 240.00 for 120 cans) covers all 30.
            #expect(line?["costValue"] as? String == "60.00")
            #expect(line?["amount"] as? String == "105.00")

            let balances = try await call(.GET, "/api/v1/stock/balances?productId=\(p)")
            let items = balances.json["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["quantity"] as? String } == ["90", "120"])
            #expect(items.map { $0["value"] as? String } == ["180.00", "300.00"])

            let ledger = try await call(.GET, "/api/v1/stock/ledger?productId=\(p)")
            #expect(ledger.json["closingValue"] as? String == "480.00")
            let summary = try await call(.GET, "/api/v1/stock/movement-summary?from=2026-11-01&to=2026-11-30")
            let s = (summary.json["items"] as? [[String: Any]])?.first
            #expect(s?["inValue"] as? String == "540.00")
            #expect(s?["outValue"] as? String == "60.00")
            #expect(s?["closingQuantity"] as? String == "210")
            let margins = try await call(.GET, "/api/v1/stock/margins?from=2026-11-01&to=2026-11-30")
            // Gross margin is net of VAT everywhere: 105.00 with 13% VAT is 92.92 of revenue, less 60.00 of cost.
            let margin = (margins.json["items"] as? [[String: Any]])?.first
            #expect(margin?["amount"] as? String == "105.00")
            #expect(margin?["revenue"] as? String == "92.92")
            #expect(margin?["grossMargin"] as? String == "32.92")
            #expect(margin?["marginRate"] as? String == "35.43")
            let below = try await call(.GET, "/api/v1/stock/below-safety")
            #expect((below.json["items"] as? [[String: Any]])?.first?["quantity"] as? String == "90")

            let close = try await call(.POST, "/api/v1/periods/1/close", #"{"through":"2026-11-02"}"#)
            #expect(close.status == .ok)
            let late = try await call(
                .POST, "/api/v1/stock-documents",
                """
                {"type":"otherIssue","postingDate":"2026-11-01","lines":[{"productId":"\(p)","quantity":"1","warehouseId":"\(w1)"}]}
                """)
            let refused = try await call(.POST, "/api/v1/stock-documents/\(Self.id(late))/post")
            #expect(refused.status == .conflict)
            #expect((refused.json["error"] as? [String: Any])?["code"] as? String == "period_closed")

            // Saved and posted in one request: both happen, or neither (no draft, no number used).
            let tooMuch = try await call(
                .POST, "/api/v1/stock-documents",
                """
                {"type":"salesDelivery","postingDate":"2026-11-05","partnerId":"\(customer)","post":true,"lines":[
                  {"productId":"\(p)","quantity":"91","unitPrice":"3.5","warehouseId":"\(w1)"}]}
                """)
            #expect(tooMuch.status == .conflict)
            #expect((tooMuch.json["error"] as? [String: Any])?["code"] as? String == "insufficient_stock")
            let deliveries = try await call(.GET, "/api/v1/stock-documents?type=salesDelivery")
            #expect((deliveries.json["items"] as? [[String: Any]])?.count == 1)
            let atOnce = try await call(
                .POST, "/api/v1/stock-documents",
                """
                {"type":"salesDelivery","postingDate":"2026-11-05","partnerId":"\(customer)","post":true,"lines":[
                  {"productId":"\(p)","quantity":"90","unitPrice":"3.5","warehouseId":"\(w1)"}]}
                """)
            #expect(atOnce.status == .created)
            #expect(atOnce.json["status"] as? String == "posted")
            #expect(atOnce.json["number"] as? String == "SD-2026-000002")
            #expect((atOnce.json["lines"] as? [[String: Any]])?.first?["costValue"] as? String == "180.00")
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func ordersTrackWhatIsDoneAndWhatRemainsAndFeedAvailableToPromise() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let ctx = t.system
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "100", at: "2")])
            let so = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: f.customer, orderDate: "2026-11-02",
                    lines: [.init(productId: f.products["MA"], unit: "箱", quantity: "2", warehouseId: f.w1)]), ctx)
            #expect(so.lines[0].baseQty == Quantity(48).units)
            _ = try await OrderService.transition(so.order.id, kind: .sales, .confirm, ctx)
            let po = try await OrderService.create(
                kind: .purchase,
                .init(
                    partnerId: f.supplier, orderDate: "2026-11-02",
                    lines: [.init(productId: f.products["MA"], quantity: "30", unitPrice: "2", warehouseId: f.w1)]), ctx)
            _ = try await OrderService.transition(po.order.id, kind: .purchase, .confirm, ctx)
            var atp = try await OrderService.availableToPromise(productId: f.products["MA"]!, ctx)
            #expect(atp.first?.available == Quantity(100 - 48 + 30).units)
            // Deliver 20 of the 48 against the order line.
            try await f.post(
                t, .salesDelivery, date: "2026-11-03",
                lines: [
                    .init(
                        productId: f.products["MA"], quantity: "20", warehouseId: f.w1, unitPrice: "3",
                        orderLineId: so.lines[0].id)
                ])
            let after = try await OrderService.find(so.order.id, kind: .sales, ctx)
            #expect(after.lines[0].doneQty == Quantity(20).units)
            atp = try await OrderService.availableToPromise(productId: f.products["MA"]!, ctx)
            #expect(atp.first?.onHand == Quantity(80).units)
            #expect(atp.first?.reserved == Quantity(28).units)
            // More than remains on the order line is refused, naming the order.
            do {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-04", partnerId: f.customer,
                        lines: [
                            .init(
                                productId: f.products["MA"], quantity: "29", warehouseId: f.w1, unitPrice: "3", orderLineId: so.lines[0].id)
                        ]), ctx)
                Issue.record("delivered beyond the order")
            } catch let e as DomainError { #expect(e.code == "order_line_exceeded") }
            try await f.post(
                t, .salesDelivery, date: "2026-11-04",
                lines: [
                    .init(
                        productId: f.products["MA"], quantity: "28", warehouseId: f.w1, unitPrice: "3",
                        orderLineId: so.lines[0].id)
                ])
            #expect(try await OrderService.find(so.order.id, kind: .sales, ctx).order.status == "completed")
        }
    }

    @Test func stockIsScopedAndPermissioned() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "10", at: "2")])
            let hqDoc = try await f.post(t, .otherIssue, date: "2026-11-02", lines: [f.issue("MA", "1")])
            let ctx = t.system
            let role = try await RoleService.create(
                .init(
                    code: "sh_stock", name: "上海库管", permissions: ["stock.view", "stock.create", "products.view"],
                    dataScope: "branch"), ctx)
            _ = try await UserService.create(
                .init(
                    username: "shkeeper", displayName: "上海库管", password: TestApp.userPassword, branchId: f.sh,
                    roleIds: [role.id]), ctx)
            let token = try await t.token("shkeeper", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/stock-documents/\(hqDoc.document.id)", token: token).status == .notFound)
            let list = try await t.api(.GET, "/api/v1/stock/balances", token: token)
            #expect((list.json["items"] as? [Any])?.isEmpty == true, "head office stock stays hidden")
            // May create, may not post (stock.edit) nor close periods (stock.approve).
            let mine = try await t.api(
                .POST, "/api/v1/stock-documents", token: token,
                json: """
                    {"type":"otherReceipt","postingDate":"2026-11-05","reason":"期初","lines":[{"productId":"\(f.products["MA"]!)","quantity":"5","unitCost":"2","warehouseId":"\(f.w3)"}]}
                    """)
            #expect(mine.status == .created)
            #expect(try await t.api(.POST, "/api/v1/stock-documents/\(Self.id(mine))/post", token: token).status == .forbidden)
            #expect(
                try await t.api(.POST, "/api/v1/periods/\(f.sh)/close", token: token, json: #"{"through":"2026-10-31"}"#).status
                    == .forbidden)
            // A warehouse of the head office cannot be used from Shanghai.
            let other = try await t.api(
                .POST, "/api/v1/stock-documents", token: token,
                json: """
                    {"type":"otherReceipt","postingDate":"2026-11-05","reason":"期初","lines":[{"productId":"\(f.products["MA"]!)","quantity":"5","unitCost":"2","warehouseId":"\(f.w1)"}]}
                    """)
            #expect(other.status == .unprocessableEntity)
            #expect((other.json["error"] as? [String: Any])?["field"] as? String == "lines[0].warehouseId")
        }
    }
}
