import Foundation
import Persistence
import TestSupport
import Testing
import Vapor
import VaporTesting

/// A new company's first hour through the API, as `admin` alone on an empty database: its
/// details, a warehouse, a product, opening stock, a customer; then quote → contract → payment
/// plan → order → delivery → invoice → collection, with no approval rule and nobody else to ask,
/// ending with nothing owed and the contract collected in full.
@Suite("The first hour: an empty install to its first contract collected")
struct FirstHourTests {
    static func id(_ r: TestingHTTPResponse) -> String { (r.json["id"] as? String) ?? "" }

    @Test func fromAnEmptyInstallToTheFirstContractCollected() async throws {
        try await TestApp.run { t in
            let admin = try await t.token()
            func call(_ m: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> TestingHTTPResponse {
                try await t.api(m, path, token: admin, json: json)
            }
            #expect(try await call(.PUT, "/api/v1/company", #"{"name":"快普商贸","taxNumber":"91350100M000100Y43"}"#).status == .ok)
            let w = try await call(.POST, "/api/v1/warehouses", #"{"code":"W1","name":"总仓","branchId":"1","kind":"central"}"#)
            #expect(w.status == .created, "\(w.text)")
            let p = try await call(
                .POST, "/api/v1/products",
                #"{"code":"SW","name":"矿泉水","baseUnit":"瓶","units":[{"name":"箱","factor":"24"}],"costingMethod":"moving_average","salePrice":"3","floorPrice":"2.5","taxRate":"13"}"#
            )
            #expect(p.status == .created, "\(p.text)")
            let supplier = try await call(.POST, "/api/v1/partners", #"{"code":"S1","name":"水厂","isSupplier":true}"#)
            let customer = try await call(.POST, "/api/v1/partners", #"{"code":"C1","name":"北京快普科技","isCustomer":true}"#)
            let opening = try await call(
                .POST, "/api/v1/stock-documents",
                """
                {"type":"otherReceipt","postingDate":"2026-11-01","reason":"期初库存","post":true,"lines":[
                 {"productId":"\(Self.id(p))","unit":"箱","quantity":"10","warehouseId":"\(Self.id(w))","unitCost":"36"}]}
                """)
            #expect(opening.status == .created && opening.json["status"] as? String == "posted", "\(opening.text)")
            _ = supplier

            // Quote at the list price, sent, made into a contract with its plan: in force when submitted, as no rule asks for approval.
            let q = try await call(
                .POST, "/api/v1/quotes",
                #"{"partnerId":"\#(Self.id(customer))","validUntil":"2026-12-31","lines":[{"productId":"\#(Self.id(p))","quantity":"100","unitPrice":"3","taxRate":"13"}]}"#
            )
            #expect(q.status == .created && q.json["totalAmount"] as? String == "300.00", "\(q.text)")
            #expect(try await call(.POST, "/api/v1/quotes/\(Self.id(q))/send").json["status"] as? String == "sent")
            let c = try await call(
                .POST, "/api/v1/contracts", #"{"quoteId":"\#(Self.id(q))","signDate":"2026-11-20","endDate":"2027-11-19"}"#)
            #expect(c.status == .created, "\(c.text)")
            let contract = Self.id(c)
            #expect(
                try await call(
                    .PUT, "/api/v1/payment-plans/\(contract)", #"{"items":[{"dueDate":"2026-12-20","amount":"300"}]}"#
                ).status == .ok)
            let submitted = try await call(.POST, "/api/v1/contracts/\(contract)/submit")
            #expect(submitted.json["status"] as? String == "active", "\(submitted.text)")

            // Order, delivery, invoice, collection.
            let line = try #require((c.json["lines"] as? [[String: Any]])?.first?["id"] as? String)
            let order = try await call(
                .POST, "/api/v1/contracts/\(contract)/orders",
                #"{"orderDate":"2026-11-21","lines":[{"contractLineId":"\#(line)","quantity":"100","warehouseId":"\#(Self.id(w))"}]}"#)
            #expect(order.status == .created, "\(order.text)")
            let orderLine = try #require((order.json["lines"] as? [[String: Any]])?.first?["id"] as? String)
            let delivery = try await call(
                .POST, "/api/v1/stock-documents",
                """
                {"type":"salesDelivery","postingDate":"2026-11-22","partnerId":"\(Self.id(customer))","post":true,"lines":[
                 {"productId":"\(Self.id(p))","quantity":"100","warehouseId":"\(Self.id(w))","unitPrice":"3","orderLineId":"\(orderLine)"}]}
                """)
            #expect(delivery.status == .created, "\(delivery.text)")
            let invoice = try await call(
                .POST, "/api/v1/invoices",
                #"{"partnerId":"\#(Self.id(customer))","invoiceDate":"2026-11-23","stockDocumentIds":["\#(Self.id(delivery))"]}"#)
            #expect(invoice.status == .created && invoice.json["totalAmount"] as? String == "300.00", "\(invoice.text)")
            let collection = try await call(
                .POST, "/api/v1/collections",
                #"{"partnerId":"\#(Self.id(customer))","paymentDate":"2026-11-25","amount":"300","method":"bank","mode":"document","targets":[{"invoiceId":"\#(Self.id(invoice))"}]}"#
            )
            #expect(collection.status == .created && collection.json["applied"] as? String == "300.00", "\(collection.text)")

            // Nothing owed; the contract collected in full.
            let ar = try await call(.GET, "/api/v1/receivables?partnerId=\(Self.id(customer))&asOf=2026-11-30")
            #expect((ar.json["total"] as? [String: Any])?["open"] as? String == "0.00", "\(ar.text)")
            let progress = try await call(.GET, "/api/v1/contracts/\(contract)/progress")
            #expect(progress.json["collected"] as? String == "300.00" && progress.json["total"] as? String == "300.00", "\(progress.text)")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM approvals", as: Int64.self) == 0)

            // The guide knows what was done.
            let steps = try #require(try await call(.GET, "/api/v1/setup").json["items"] as? [[String: Any]])
            let done = Set(steps.filter { $0["done"] as? Bool == true }.compactMap { $0["step"] as? String })
            #expect(done == ["company", "warehouses", "products", "opening_stock", "customers"], "\(done)")
        }
    }
}
