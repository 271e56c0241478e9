import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing

@Suite("Price system: regions, price lists, floors, deviation")
struct PriceSystemTests {
    struct Setup {
        var f: CashFixture
        var north: Int64, east: Int64
        var beijingA: PartnerRow, beijingB: PartnerRow, shanghai: PartnerRow
    }

    static func setup(_ t: TestApp) async throws -> Setup {
        let f = try await CashFixture.make(t)
        let sys = t.system
        let north = try await PriceService.saveRegion(
            nil, .init(code: "NORTH", name: "华北", provinces: ["北京市", "天津市", "河北省"]), version: nil, sys
        ).id
        let east = try await PriceService.saveRegion(nil, .init(code: "EAST", name: "华东", provinces: ["上海市", "江苏省"]), version: nil, sys).id
        let ma = f.inv.products["MA"]!
        // General: 2.80 (floor 2.60); North: 3.20 (the product's floor 2.50); North level A: 3.00 (floor 2.90); an old and a future list that must not apply.
        _ = try await PriceService.saveList(
            nil, .init(code: "ALL", name: "全国价", validFrom: "2026-01-01", items: [.init(productId: ma, price: "2.8", floorPrice: "2.6")]),
            version: nil, sys)
        _ = try await PriceService.saveList(
            nil,
            .init(
                code: "N", name: "华北价", regionId: north, validFrom: "2026-06-01",
                items: [.init(productId: ma, price: "3.2")]), version: nil, sys)
        _ = try await PriceService.saveList(
            nil,
            .init(
                code: "NA", name: "华北A类", regionId: north, customerLevel: "A", validFrom: "2026-06-01",
                items: [.init(productId: ma, price: "3", floorPrice: "2.9")]), version: nil, sys)
        _ = try await PriceService.saveList(
            nil,
            .init(
                code: "OLD", name: "旧价", regionId: north, customerLevel: "A", validFrom: "2025-01-01", validTo: "2025-12-31",
                items: [.init(productId: ma, price: "1")]), version: nil, sys)
        _ = try await PriceService.saveList(
            nil,
            .init(
                code: "NEXT", name: "明年价", regionId: north, customerLevel: "A", validFrom: "2027-01-01",
                items: [.init(productId: ma, price: "9")]), version: nil, sys)
        let a = try await CustomerService.create(.init(name: "北京甲客户有限公司", level: "A", province: "北京市"), sys)
        let b = try await CustomerService.create(.init(name: "北京乙客户有限公司", level: "B", province: "北京市"), sys)
        let s = try await CustomerService.create(.init(name: "上海丙客户有限公司", level: "A", province: "上海市"), sys)
        return Setup(f: f, north: north, east: east, beijingA: a, beijingB: b, shanghai: s)
    }

    @Test func theMostSpecificValidListSetsPriceAndFloor() async throws {
        try await TestApp.run { t in
            let s = try await Self.setup(t)
            let ma = s.f.inv.products["MA"]!
            let products = try await InventoryQueries.products(ids: [ma], on: t.store)
            func propose(_ p: PartnerRow, unit: String = "袋", factor: Int64 = 1_000_000) async throws -> PriceService.Proposal {
                try await PriceService.propose(for: p, date: "2026-11-20", [(ma, unit, factor)], products: products, t.store)[0]
            }
            #expect(
                try await propose(s.beijingA) == .init(price: try UnitPrice(parsing: "3"), floor: try UnitPrice(parsing: "2.9"), listId: 3))
            #expect(try await propose(s.beijingB).price == (try UnitPrice(parsing: "3.2")))
            #expect(try await propose(s.beijingB).floor == (try UnitPrice(parsing: "2.5")), "no floor on the item: the product's")
            #expect(try await propose(s.shanghai).price == (try UnitPrice(parsing: "2.8")))
            #expect(
                try await propose(s.beijingA, unit: "箱", factor: 24_000_000).price == (try UnitPrice(parsing: "72")), "a case is 24 bags")
            // A province belongs to one region; a list needs a known level.
            let clash = await #expect(throws: DomainError.self) {
                try await PriceService.saveRegion(nil, .init(code: "X", name: "重叠", provinces: ["河北省"]), version: nil, t.system)
            }
            #expect(clash?.code == "province_in_other_region" && clash?.field == "provinces")
            let badLevel = await #expect(throws: DomainError.self) {
                try await PriceService.saveList(
                    nil, .init(code: "Z", name: "Z", customerLevel: "Q", validFrom: "2026-01-01"), version: nil, t.system)
            }
            #expect(badLevel?.field == "customerLevel")
            // The customer's own region wins over its province.
            var moved = CustomerService.Input(name: s.beijingB.name, level: "B", province: "北京市")
            moved.regionId = s.east
            let b = try await CustomerService.update(s.beijingB.id, moved, version: s.beijingB.version, t.system)
            #expect(try await propose(b).price == (try UnitPrice(parsing: "2.8")))
            // A quote takes the list price and flags a line under the list's floor.
            let sales = try await t.context(as: "sales")
            let q = try await QuoteService.create(
                .init(
                    partnerId: s.beijingA.id, quoteDate: "2026-11-20", validUntil: "2026-12-31",
                    lines: [.init(productId: ma, quantity: "10"), .init(productId: ma, unit: "箱", quantity: "1", unitPrice: "69")]), sales)
            #expect(q.lines.map(\.unitPrice) == [3_000_000, 69_000_000])
            #expect(q.lines.map(\.isBelowFloor) == [false, true], "69.00 a case is under 2.90 × 24 = 69.60")
        }
    }

    @Test func anOrderUnderTheFloorWaitsForApprovalAndADeliveryUnderItIsRefused() async throws {
        try await TestApp.run { t in
            let s = try await Self.setup(t)
            let inv = s.f.inv
            try await inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [inv.receipt("MA", "500", at: "2")])
            let sales = try await t.context(as: "sales"), mgr = try await t.context(as: "mgr")
            let ma = inv.products["MA"]!
            // Without a price the order takes the list's; confirming it needs no approval.
            let plain = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: s.beijingA.id, orderDate: "2026-11-20",
                    lines: [.init(productId: ma, quantity: "10", warehouseId: inv.w1)]), sales)
            #expect(plain.lines[0].unitPrice == 3_000_000 && plain.lines[0].listPrice == 3_000_000)
            // At 2.70 (floor 2.90) it goes to the manager.
            let cheap = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: s.beijingA.id, orderDate: "2026-11-20",
                    lines: [.init(productId: ma, quantity: "100", unitPrice: "2.7", warehouseId: inv.w1)]), sales)
            #expect(try await OrderService.transition(cheap.order.id, kind: .sales, .confirm, sales).order.status == "pending")
            let a = try #require(try await ApprovalService.list(.todo, status: nil, limit: 5, cursor: nil, mgr).items.first)
            #expect(a.docType == "sales_order")
            _ = try await ApprovalService.decide(a.id, .approve, comment: "战略客户", mgr)
            #expect(try await OrderService.find(cheap.order.id, kind: .sales, sales).order.status == "confirmed")
            // Delivering the approved order at its price is fine; a direct delivery at that price is refused, nothing written.
            let ok = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-21", partnerId: s.beijingA.id,
                    lines: [
                        .init(productId: ma, quantity: "100", warehouseId: inv.w1, orderLineId: cheap.lines[0].id)
                    ]), sales)
            #expect(ok.lines[0].unitPrice == 2_700_000, "the order's price when none is typed")
            _ = try await StockPosting.post(ok.document.id, sales)
            let before = try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents", as: Int64.self)
            let refused = await #expect(throws: DomainError.self) {
                try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-21", partnerId: s.beijingA.id,
                        lines: [
                            .init(productId: ma, quantity: "5", warehouseId: inv.w1, unitPrice: "2.7")
                        ]), sales)
            }
            #expect(
                refused?.code == "price_below_floor" && refused?.field == "lines[0].unitPrice" && refused?.args == ["MA", "2.70", "2.90"])
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents", as: Int64.self) == before)
            // A gift (zero, with a reason) is not a price.
            let gift = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-21", partnerId: s.beijingA.id, reason: "客户答谢",
                    lines: [.init(productId: ma, quantity: "2", warehouseId: inv.w1, unitPrice: "0")]), sales)
            _ = try await StockPosting.post(gift.document.id, sales)
            // A direct delivery without a price takes the list's.
            let listed = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-22", partnerId: s.shanghai.id,
                    lines: [
                        .init(productId: ma, quantity: "10", warehouseId: inv.w1)
                    ]), sales)
            _ = try await StockPosting.post(listed.document.id, sales)
            // Deviation by region: North sold 100 at 2.70 against 3.00 and 2 free against 3.00; East 10 at 2.80 as listed.
            let rows = try await PriceService.deviation(from: "2026-11-01", to: "2026-11-30", by: .region, t.system)
            let north = try #require(rows.first { $0.key == s.north })
            #expect(north.listAmount == 30_600 && north.actualAmount == 27_000 && north.deviation == -3_600 && north.belowFloor == 2)
            let east = try #require(rows.first { $0.key == s.east })
            #expect(east.listAmount == 2_800 && east.deviation == 0 && east.belowFloor == 0)
        }
    }

    @Test func thePricePagesWorkInBothLanguages() async throws {
        try await TestApp.run { t in
            let s = try await Self.setup(t)
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            // A list made through the form; a product code that does not exist is named.
            var page = try await b.get("/pricing/price-lists/new")
            var r = try await b.post(
                "/pricing/price-lists",
                [
                    ("_csrf", Browser.csrf(page.text)), ("code", "WEB"), ("name", "网页价"), ("validFrom", "2026-11-01"),
                    ("active", "true"), ("items[0][product]", "NOPE"), ("items[0][price]", "3"),
                ])
            #expect(r.status == .unprocessableEntity && r.text.contains("WEB"), "what was typed is kept")
            r = try await b.post(
                "/pricing/price-lists",
                [
                    ("_csrf", Browser.csrf(page.text)), ("code", "WEB"), ("name", "网页价"), ("validFrom", "2026-11-01"),
                    ("regionId", String(s.east)), ("active", "true"), ("items[0][product]", "MA"), ("items[0][unit]", "箱"),
                    ("items[0][price]", "70"), ("items[0][floorPrice]", "66"),
                ])
            #expect(r.status == .seeOther)
            page = try await b.get(r.headers.first(name: .location)!)
            #expect(page.text.contains("70.00") && page.text.contains("华东"))
            page = try await b.get("/pricing/regions")
            r = try await b.post(
                "/pricing/regions",
                [("_csrf", Browser.csrf(page.text)), ("code", "SW"), ("name", "西南"), ("provinces", "四川省、重庆市"), ("active", "true")])
            #expect(r.status == .seeOther)
            r = try await b.post(
                "/pricing/regions",
                [("_csrf", Browser.csrf(page.text)), ("code", "SW2"), ("name", "西南二"), ("provinces", "四川省"), ("active", "true")])
            #expect(r.status == .unprocessableEntity && r.text.contains("四川省 已属于区域 西南"))
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/pricing/regions", "/pricing/regions/\(s.north)/edit", "/pricing/price-lists", "/pricing/price-lists/new",
                    "/pricing/price-lists/1",
                    "/pricing/price-lists/1/edit", "/pricing/deviation", "/pricing/deviation?groupBy=product",
                    "/pricing/deviation?groupBy=salesperson&from=2026-01-01&to=2026-12-31", "/crm/customers/\(s.beijingA.id)/edit",
                ] {
                    let r = try await b.get(path)
                    #expect(r.status == .ok, "\(path) in \(lang)")
                    let untranslated = r.text.components(separatedBy: "⟦").dropFirst().map { $0.prefix { $0 != "⟧" } }
                    #expect(untranslated.isEmpty, "\(path) in \(lang) has untranslated strings: \(untranslated)")
                }
            }
        }
    }
}
