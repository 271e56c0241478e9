import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

@Suite("Cross-region selling (窜货)")
struct CrossRegionTests {
    @Test func aBatchFoundOutsideItsBuyersRegionIsFlaggedNamedAndToldUntilClosed() async throws {
        try await TestApp.run { t in
            let f = try await CashFixture.make(t)
            let inv = f.inv
            let sys = t.system
            _ = try await PriceService.saveRegion(
                nil, .init(code: "NORTH", name: "华北", provinces: ["北京市", "天津市", "河北省"]), version: nil, sys)
            _ = try await PriceService.saveRegion(nil, .init(code: "EAST", name: "华东", provinces: ["上海市", "江苏省"]), version: nil, sys)
            try await RoleService.update(
                try await t.store.scalar("SELECT id FROM roles WHERE code = 'sales_all'", as: Int64.self)!,
                .init(
                    code: "sales_all", name: "销售",
                    permissions: CashFixture.salesPermissions + [
                        "contracts.approve", "approvals.view", "channel.view",
                        "channel.create", "channel.edit",
                    ],
                    dataScope: "all"), version: 1, sys)
            let sales = try await t.context(as: "sales")
            let buyer = try await CustomerService.create(.init(name: "北京经销商有限公司", level: "A", province: "北京市"), sales)
            try await inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [inv.receipt("LOT", "10", at: "200", batch: "FH-20261101")])
            _ = try await StockPosting.post(
                try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-05", partnerId: buyer.id,
                        lines: [
                            .init(
                                productId: inv.products["LOT"], quantity: "10", warehouseId: inv.w1, batch: "FH-20261101", unitPrice: "300")
                        ]), sys
                ).document.id, sys)
            // Who bought it.
            let sale = try #require(try await SightingService.trace(code: "FH-20261101", productId: nil, t.store))
            #expect(sale.buyer.id == buyer.id && sale.regionId != nil)
            // Found in Shanghai: outside 华北.
            let token = try await t.token("sales", password: TestApp.userPassword)
            let r = try await t.api(
                .POST, "/api/v1/sightings", token: token, json: #"{"code":"FH-20261101","province":"上海市","city":"上海市","place":"七浦路批发市场"}"#)
            #expect(r.status == .created, "\(r.text)")
            #expect(
                r.json["flagged"] as? Bool == true && r.json["status"] as? String == "open"
                    && r.json["buyerId"] as? String == String(buyer.id))
            #expect(r.json["sellerId"] as? String == String(f.users["sales"]!), "the buyer's salesperson is named")
            let told = try await NotificationService.list(unreadOnly: true, limit: 10, cursor: nil, sales).items
            #expect(told.contains { $0.kind == "notify.sighting" })
            // Found in Hebei: inside its region; an unknown code is recorded as such.
            let inside = try await SightingService.record(.init(code: "FH-20261101", province: "河北省"), sales)
            #expect(!inside.flagged && inside.status == "in_region")
            let unknown = try await SightingService.record(.init(code: "NOPE-1", province: "上海市"), sales)
            #expect(!unknown.flagged && unknown.status == "unknown" && unknown.buyerId == nil)
            let missing = await #expect(throws: DomainError.self) { try await SightingService.record(.init(code: "X1"), sales) }
            #expect(missing?.field == "province")
            // The open cases list holds only the flagged one; closing needs a resolution.
            let open = try await SightingService.list(openOnly: true, limit: 10, cursor: nil, sales).items
            #expect(open.map(\.code) == ["FH-20261101"])
            let id = open[0].id
            let bare = await #expect(throws: DomainError.self) { try await SightingService.close(id, resolution: " ", sales) }
            #expect(bare?.field == "resolution")
            _ = try await SightingService.close(id, resolution: "已约谈经销商，扣减本季返利", sales)
            #expect(try await SightingService.list(openOnly: true, limit: 10, cursor: nil, sales).items.isEmpty)
            // Someone without the channel permission is refused.
            let other = try await t.token("other", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/sightings", token: other).status == .forbidden)
            // The pages, in both languages.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/pricing/sightings", "/pricing/sightings?view=all", "/pricing/sightings/\(id)", "/pricing/sightings/\(unknown.id)",
                ] {
                    let page = try await b.get(path)
                    #expect(page.status == .ok, "\(path)")
                    #expect(!page.text.contains("⟦"), "\(path) in \(lang) is translated")
                }
            }
            _ = try await b.get("/lang/zh-CN")
            let form = try await b.get("/pricing/sightings")
            let posted = try await b.post(
                "/pricing/sightings", [("_csrf", Browser.csrf(form.text)), ("code", "FH-20261101"), ("province", "江苏省")])
            let shown = try await b.get(posted.headers.first(name: .location)!)
            #expect(shown.text.contains("发现窜货") && shown.text.contains("北京经销商有限公司"))
        }
    }
}
