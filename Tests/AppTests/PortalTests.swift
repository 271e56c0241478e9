import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

@Suite("Distributor portal")
struct PortalTests {
    @Test func aDistributorOrdersFromItsPriceListFollowsDeliveriesAndSeesOnlyItsOwnAccount() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let sys = t.system
            let ma = f.products["MA"]!
            let sw = try await PriceService.saveRegion(nil, .init(code: "SW", name: "西南", provinces: ["四川省"]), version: nil, sys).id
            _ = try await PriceService.saveList(
                nil,
                .init(
                    code: "SWD", name: "西南经销价", regionId: sw, validFrom: "2026-01-01",
                    items: [.init(productId: ma, unit: "箱", price: "60", floorPrice: "55")]), version: nil, sys)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "20", at: "48", unit: "箱")])
            let chengdu = try await CustomerService.create(.init(name: "成都川渝经销有限公司", level: "B", province: "四川省"), sys)
            let other = try await CustomerService.create(.init(name: "重庆另一家经销商", level: "B", province: "四川省"), sys)
            _ = try await PortalService.createUser(
                partnerId: chengdu.id, username: "cdboss", displayName: "成都老板", password: TestApp.userPassword, sys)
            let bad = await #expect(throws: DomainError.self) {
                try await PortalService.createUser(
                    partnerId: chengdu.id, username: "cdboss", displayName: "x", password: TestApp.userPassword, sys)
            }
            #expect(bad?.kind == .conflict)
            // A distributor with a portal account is in use: not deleted.
            let inUse = await #expect(throws: DomainError.self) { try await CustomerService.delete(chengdu.id, sys) }
            #expect(inUse?.code == "customer_in_use")
            let token = try await t.token("cdboss", password: TestApp.userPassword)
            // Its price list, and an order at it.
            let catalog = try await t.api(.GET, "/api/v1/portal/catalog", token: token)
            #expect((catalog.json["items"] as? [[String: Any]])?.map { $0["price"] as? String } == ["60.00"], "\(catalog.text)")
            let placed = try await t.api(
                .POST, "/api/v1/portal/orders", token: token, json: #"{"lines":[{"productId":"\#(ma)","unit":"箱","quantity":"5"}]}"#)
            #expect(placed.status == .created && placed.json["status"] as? String == "draft", "\(placed.text)")
            let orderId = try #require(Int64(placed.json["id"] as? String ?? ""))
            let notListed = try await t.api(
                .POST, "/api/v1/portal/orders", token: token, json: #"{"lines":[{"productId":"\#(f.products["FIFO"]!)","quantity":"1"}]}"#)
            #expect(notListed.status == .unprocessableEntity)
            // Head office confirms and delivers.
            let order = try await OrderService.find(orderId, kind: .sales, sys)
            #expect(order.lines[0].unitPrice == 60_000_000)
            _ = try await OrderService.transition(orderId, kind: .sales, .confirm, sys)
            let delivered = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-10", partnerId: chengdu.id,
                    lines: [
                        .init(productId: ma, unit: "箱", quantity: "5", warehouseId: f.w1, orderLineId: order.lines[0].id)
                    ]), post: true, sys)
            // Someone else's order and delivery are not there.
            let theirs = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: other.id, orderDate: "2026-11-11",
                    lines: [.init(productId: ma, quantity: "1", warehouseId: f.w1)]), sys)
            _ = try await OrderService.transition(theirs.order.id, kind: .sales, .confirm, sys)
            #expect(try await t.api(.GET, "/api/v1/portal/orders/\(theirs.order.id)", token: token).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/portal/orders/\(orderId)", token: token).status == .ok)
            #expect(try await t.api(.GET, "/api/v1/portal/deliveries/\(delivered.document.id)", token: token).status == .ok)
            let otherDelivery = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-12", partnerId: other.id,
                    lines: [
                        .init(productId: ma, quantity: "1", warehouseId: f.w1, orderLineId: theirs.lines[0].id)
                    ]), post: true, sys)
            #expect(try await t.api(.GET, "/api/v1/portal/deliveries/\(otherDelivery.document.id)", token: token).status == .notFound)
            #expect((try await t.api(.GET, "/api/v1/portal/orders", token: token).json["items"] as? [[String: Any]])?.count == 1)
            // Nothing internal either.
            for path in [
                "/api/v1/customers", "/api/v1/sales-orders/\(theirs.order.id)", "/api/v1/stock-documents/\(otherDelivery.document.id)",
                "/api/v1/receivables",
            ] {
                #expect(try await t.api(.GET, path, token: token).status == .forbidden, "\(path)")
            }
            // What it owes: the delivery, 300.00; a payment of 100.00 shows on the statement.
            _ = try await PaymentService.create(.in, .init(partnerId: chengdu.id, paymentDate: "2026-11-15", amount: "100"), sys)
            let st = try await t.api(.GET, "/api/v1/portal/statement?from=2026-11-01&to=2026-11-30", token: token)
            #expect(
                st.json["opening"] as? String == "0.00" && st.json["closing"] as? String == "200.00"
                    && st.json["open"] as? String == "200.00", "\(st.text)")
            // Its weekly report; head office sees the channel's stock.
            let rep = try await t.api(
                .POST, "/api/v1/portal/stock-reports", token: token,
                json: #"{"week":"2026-11-18","lines":[{"productId":"\#(ma)","onHand":"72","sold":"48"}]}"#)
            #expect(rep.status == .created, "\(rep.text)")
            let admin = try await t.token()
            let stock = try await t.api(.GET, "/api/v1/channel-stock", token: admin)
            #expect(
                (stock.json["items"] as? [[String: Any]])?.first?["onHand"] as? String == "72"
                    && (stock.json["items"] as? [[String: Any]])?.first?["week"] as? String == "2026-11-16")
            // The pages: home leads to the portal, internal pages are refused, every portal page renders in both languages.
            var b = Browser(t: t)
            _ = try await b.login("cdboss", TestApp.userPassword)
            let home = try await b.get("/")
            #expect(home.headers.first(name: .location) == "/portal")
            #expect(try await b.get("/crm/customers").status == .forbidden)
            #expect(try await b.get("/portal/orders/\(theirs.order.id)").status == .notFound)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/portal", "/portal/orders", "/portal/orders/new", "/portal/orders/\(orderId)", "/portal/deliveries",
                    "/portal/deliveries/\(delivered.document.id)",
                    "/portal/statement", "/portal/reports",
                ] {
                    let r = try await b.get(path)
                    #expect(r.status == .ok, "\(path)")
                    #expect(!r.text.contains("⟦"), "\(path) in \(lang)")
                }
            }
            var hq = Browser(t: t)
            _ = try await hq.login("admin", TestApp.adminPassword)
            for path in ["/portal/stock", "/portal/users"] { #expect(try await hq.get(path).status == .ok, "\(path)") }
        }
    }
}
