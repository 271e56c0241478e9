import Foundation
import Paths
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@Suite("进销存 pages")
struct InventoryPageTests {
    @Test func everyInventoryPageRendersInBothLanguages() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let d = try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("MA", "2", at: "48", unit: "箱")])
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let p = f.products["MA"]!
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/inventory/products", "/inventory/products?q=ksq", "/inventory/products/new", "/inventory/products/\(p)",
                    "/inventory/products/\(p)/edit",
                    "/inventory/warehouses", "/inventory/warehouses/new", "/inventory/warehouses/\(f.w1)/edit",
                    "/inventory/partners", "/inventory/partners/new", "/inventory/partners/\(f.customer)/edit",
                    "/inventory/documents", "/inventory/documents/\(d.document.id)", "/inventory/documents/\(d.document.id)/print",
                    "/inventory/documents/new?type=purchaseReceipt", "/inventory/documents/new?type=transfer",
                    "/inventory/documents/new?type=salesReturn",
                    "/inventory/reports/balances", "/inventory/reports/ledger?productId=\(p)",
                    "/inventory/reports/movement?from=2026-11-01&to=2026-11-30",
                    "/inventory/reports/movement?from=2026-11-01&to=2026-11-30&byWarehouse=true",
                    "/inventory/reports/alerts", "/inventory/reports/margins", "/inventory/periods", "/inventory/categories",
                    "/inventory/orders", "/inventory/orders?kind=purchase", "/inventory/orders/new?kind=sales",
                    "/inventory/orders/new?kind=purchase", "/",
                ] {
                    let r = try await b.get(path)
                    #expect(r.status == .ok, "\(path) in \(lang)")
                    let untranslated = r.text.components(separatedBy: "⟦").dropFirst().map { $0.prefix { $0 != "⟧" } }
                    #expect(untranslated.isEmpty, "\(path) in \(lang) has untranslated strings: \(untranslated)")
                }
            }
            _ = try await b.get("/lang/zh-CN")
            let print = try await b.get("/inventory/documents/\(d.document.id)/print")
            #expect(print.text.contains("玖拾陆元整"), "the total in Chinese capitals")
            let balances = try await b.get("/inventory/reports/balances")
            #expect(balances.text.contains("2 箱"), "stock shown in packs")
        }
    }

    @Test func everyFormWithLinesTakesAScannedBarcodeAndNamesAnUnknownOne() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            _ = try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("MA", "2", at: "48", unit: "箱")])
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            // Each form, its path, its own fields and the name of its line grid.
            let forms: [(form: String, post: String, fields: [(String, String)], grid: String, extra: [(String, String)])] = [
                (
                    "/contracts/quotes/new", "/contracts/quotes",
                    [("partnerId", String(f.customer)), ("title", "扫码报价"), ("quoteDate", "2026-11-03"), ("validUntil", "2026-12-03")],
                    "lines", [("quantity", "1"), ("unitPrice", "70")]
                ),
                (
                    "/inventory/orders/new?kind=sales", "/inventory/orders?kind=sales",
                    [("partnerId", String(f.customer)), ("orderDate", "2026-11-03")], "lines",
                    [("quantity", "1"), ("unitPrice", "72"), ("warehouseId", String(f.w1))]
                ),
                (
                    "/inventory/documents/new?type=salesDelivery", "/inventory/documents",
                    [("type", "salesDelivery"), ("postingDate", "2026-11-03"), ("partnerId", String(f.customer))], "lines",
                    [("quantity", "1"), ("unitPrice", "72"), ("warehouseId", String(f.w1))]
                ),
                (
                    "/pricing/price-lists/new", "/pricing/price-lists",
                    [("code", "P-SCAN"), ("name", "扫码价目表"), ("validFrom", "2026-11-01"), ("active", "true")], "items", [("price", "70")]
                ),
                (
                    "/branches/transfers", "/branches/transfers",
                    [("fromWarehouseId", String(f.w1)), ("toWarehouseId", String(f.w3)), ("date", "2026-11-03")], "lines",
                    [("quantity", "1")]
                ),
            ]
            for form in forms {
                for (typed, accepted) in [("690MA24", true), ("NO-SUCH-9", false)] {
                    let page = try await b.get(form.form)
                    #expect(page.status == .ok, "\(form.form)")
                    let line = [("\(form.grid)[0][product]", typed)] + form.extra.map { ("\(form.grid)[0][\($0.0)]", $0.1) }
                    let r = try await b.post(form.post, [("_csrf", Browser.csrf(page.text))] + form.fields + line)
                    if accepted {
                        #expect(r.status == .seeOther, "\(form.post) takes the case barcode: \(r.status) \(r.text.prefix(300))")
                    } else {
                        #expect(r.status == .unprocessableEntity, "\(form.post) refuses an unknown product")
                        #expect(r.text.contains("找不到编码或条码为“NO-SUCH-9”的商品"), "\(form.post) names what was typed")
                        #expect(r.text.contains(#"value="NO-SUCH-9""#), "\(form.post) keeps what was typed")
                    }
                }
            }
            // The scanned barcode named the case: the price list priced a case, the transfer sent one.
            let list = try await t.store.first(
                "SELECT i.unit FROM price_list_items i JOIN price_lists l ON l.id = i.list_id WHERE l.code = 'P-SCAN'",
                as: UnitRow.self)
            #expect(list?.unit == "箱")
        }
    }

    struct UnitRow: Decodable { var unit: String? }

    @Test func aPersonReceivesByBarcodeThenPostsAndIsToldWhatIsShort() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            var form = try await b.get("/inventory/documents/new?type=purchaseReceipt")
            // The product is scanned: its case barcode names product and unit.
            var r = try await b.post(
                "/inventory/documents",
                [
                    ("_csrf", Browser.csrf(form.text)), ("type", "purchaseReceipt"), ("postingDate", "2026-11-02"),
                    ("partnerId", String(f.supplier)), ("lines[0][product]", "690MA24"), ("lines[0][quantity]", "1"),
                    ("lines[0][warehouseId]", String(f.w1)), ("lines[0][unitCost]", "48"),
                ])
            #expect(r.status == .seeOther)
            let docPath = r.headers.first(name: .location)!
            var page = try await b.get(docPath)
            #expect(page.text.contains("单据已保存为草稿"))
            r = try await b.post(docPath + "/post", [("_csrf", Browser.csrf(page.text))])
            page = try await b.get(r.headers.first(name: .location)!)
            #expect(page.text.contains("已过账"))
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w1).qty.units == 24_000_000)

            // A delivery of 30 bags from 24: the draft saves, the post is refused and says what is short.
            form = try await b.get("/inventory/documents/new?type=salesDelivery")
            r = try await b.post(
                "/inventory/documents",
                [
                    ("_csrf", Browser.csrf(form.text)), ("type", "salesDelivery"), ("postingDate", "2026-11-03"),
                    ("partnerId", String(f.customer)), ("lines[0][product]", "MA"), ("lines[0][quantity]", "30"),
                    ("lines[0][warehouseId]", String(f.w1)), ("lines[0][unitPrice]", "3"),
                ])
            let delivery = r.headers.first(name: .location)!
            page = try await b.get(delivery)
            r = try await b.post(delivery + "/post", [("_csrf", Browser.csrf(page.text))])
            #expect(r.status == .conflict)
            #expect(r.text.contains("库存不足") && r.text.contains("北京一仓") && r.text.contains("还差 6"))

            // A unit the product does not have keeps the input and names the line.
            form = try await b.get("/inventory/documents/new?type=otherReceipt")
            r = try await b.post(
                "/inventory/documents",
                [
                    ("_csrf", Browser.csrf(form.text)), ("type", "otherReceipt"), ("postingDate", "2026-11-03"), ("reason", "期初"),
                    ("lines[0][product]", "MA"), ("lines[0][unit]", "桶"), ("lines[0][quantity]", "2"),
                    ("lines[0][warehouseId]", String(f.w1)), ("lines[0][unitCost]", "5"),
                ])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("没有单位“桶”"))
            #expect(r.text.contains(#"value="桶""#))

            // "Save and post" from the form: posted at once; refused as a whole when short.
            form = try await b.get("/inventory/documents/new?type=otherIssue")
            #expect(form.text.contains("保存并过账"))
            r = try await b.post(
                "/inventory/documents",
                [
                    ("_csrf", Browser.csrf(form.text)), ("type", "otherIssue"), ("postingDate", "2026-11-04"), ("reason", "样品"),
                    ("lines[0][product]", "MA"), ("lines[0][quantity]", "4"), ("lines[0][warehouseId]", String(f.w1)),
                    ("post", "1"),
                ])
            #expect(r.status == .seeOther)
            page = try await b.get(r.headers.first(name: .location)!)
            #expect(page.text.contains("单据已过账"))
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w1).qty.units == 20_000_000)
            r = try await b.post(
                "/inventory/documents",
                [
                    ("_csrf", Browser.csrf(form.text)), ("type", "otherIssue"), ("postingDate", "2026-11-04"), ("reason", "样品"),
                    ("lines[0][product]", "MA"), ("lines[0][quantity]", "21"), ("lines[0][warehouseId]", String(f.w1)),
                    ("post", "1"),
                ])
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("还差 1"))
        }
    }

    @Test func anOrderIsTakenConfirmedAndDeliveredFromThePage() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "5", at: "48", unit: "箱")])
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let form = try await b.get("/inventory/orders/new?kind=sales")
            var r = try await b.post(
                "/inventory/orders?kind=sales",
                [
                    ("_csrf", Browser.csrf(form.text)), ("partnerId", String(f.customer)), ("orderDate", "2026-11-02"),
                    ("lines[0][product]", "MA"), ("lines[0][unit]", "箱"), ("lines[0][quantity]", "2"),
                    ("lines[0][unitPrice]", "72"), ("lines[0][warehouseId]", String(f.w1)),
                ])
            #expect(r.status == .seeOther)
            let orderPath = String(r.headers.first(name: .location)!.split(separator: "?")[0])
            var page = try await b.get(orderPath)
            #expect(page.text.contains("壹佰肆拾肆元整"))
            r = try await b.post(orderPath + "/confirm", [("_csrf", Browser.csrf(page.text))])
            page = try await b.get(orderPath)
            #expect(page.text.contains("已审核"))
            // The product's availability speaks in the same words throughout: 5 on hand, 2 reserved, 3 free, all in cases.
            let product = try await b.get(Paths.Inventory.product(f.products["MA"]!))
            #expect(product.text.contains("5 箱") && product.text.contains("2 箱") && product.text.contains("3 箱"))
            r = try await b.post(orderPath + "/fulfil", [("_csrf", Browser.csrf(page.text))])
            let docPath = r.headers.first(name: .location)!
            page = try await b.get(docPath)
            r = try await b.post(docPath + "/post", [("_csrf", Browser.csrf(page.text))])
            page = try await b.get(orderPath)
            #expect(page.text.contains("已完成"), "every line delivered: the order is completed")
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w1).qty.units == 72_000_000)
        }
    }

    /// A report's filters keep each other: the warehouse filter keeps the product and the dates,
    /// the dates keep the warehouse (the ledger's warehouse filter answered 404 without its product).
    @Test func reportFiltersKeepTheRest() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "5", at: "48", unit: "箱")])
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let product = f.products["MA"]!
            let ledger = try await b.get(
                Paths.Inventory.ledger() + "?productId=\(product)&from=2026-11-01&to=2026-11-30&warehouseId=\(f.w1)")
            #expect(ledger.status == .ok)
            let forms: [String] = Array(ledger.text.components(separatedBy: "<form").dropFirst())
            let filterForm = try #require(forms.first { $0.contains("name=\"warehouseId\"") && $0.contains("<select") })
            #expect(filterForm.contains("name=\"productId\" value=\"\(product)\""), "the warehouse filter keeps the product")
            #expect(filterForm.contains("name=\"from\" value=\"2026-11-01\""), "and the dates")
            let dateForm = try #require(forms.first { $0.contains("type=\"date\"") })
            #expect(dateForm.contains("name=\"warehouseId\" value=\"\(f.w1)\""), "the dates keep the warehouse")
            let movement = try await b.get(Paths.Inventory.movement() + "?from=2026-11-01&to=2026-11-30&warehouseId=\(f.w1)")
            let movementForms: [String] = Array(movement.text.components(separatedBy: "<form").dropFirst())
            #expect(movementForms.contains { $0.contains("<select") && $0.contains("name=\"from\" value=\"2026-11-01\"") })
            #expect(movementForms.contains { $0.contains("type=\"date\"") && $0.contains("name=\"warehouseId\" value=\"\(f.w1)\"") })
        }
    }

    @Test func categoriesFormATreeWithoutCycles() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let drinks = try await t.api(.POST, "/api/v1/product-categories", token: token, json: #"{"code":"DRINK","name":"饮料"}"#)
            let id = drinks.json["id"] as? String ?? ""
            let soda = try await t.api(
                .POST, "/api/v1/product-categories", token: token, json: #"{"code":"SODA","name":"碳酸饮料","parentId":"\#(id)"}"#)
            #expect(soda.json["path"] as? String == "饮料 / 碳酸饮料")
            let sodaId = soda.json["id"] as? String ?? ""
            let cycle = try await t.api(
                .PUT, "/api/v1/product-categories/\(id)", token: token,
                json: #"{"code":"DRINK","name":"饮料","parentId":"\#(sodaId)","version":1}"#)
            #expect(cycle.status == .unprocessableEntity)
            let product = try await t.api(
                .POST, "/api/v1/products", token: token, json: #"{"code":"KL","name":"可乐","baseUnit":"罐","categoryId":"\#(sodaId)"}"#)
            #expect(product.json["categoryId"] as? String == sodaId)
            let filtered = try await t.api(.GET, "/api/v1/products?categoryId=\(sodaId)", token: token)
            #expect((filtered.json["items"] as? [Any])?.count == 1)
        }
    }

    @Test func withoutStockPermissionsThePagesAreRefused() async throws {
        try await TestApp.run { t in
            let f = try await OrgFixture.make(t)
            try await f.user(t, "rep", branch: f.hq, department: f.hqSales, role: "viewer_own")
            var b = Browser(t: t)
            _ = try await b.login("rep", TestApp.userPassword)
            for path in [
                "/inventory/documents", "/inventory/documents/new?type=purchaseReceipt", "/inventory/reports/balances",
                "/inventory/reports/movement",
                "/inventory/products", "/inventory/partners", "/inventory/orders", "/inventory/periods",
            ] {
                #expect(try await b.get(path).status == .forbidden, "\(path)")
            }
            let home = try await b.get("/")
            #expect(!home.text.contains("/inventory/"), "no links to what the role cannot open")
        }
    }
}
