import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// Segments: rules over customer facts and what they bought, counted now over the customers the
/// reader may see, and the list a send or an invitation freezes from them.
@Suite("Marketing: segments")
struct SegmentTests {
    @Test func aSegmentFindsCustomersByFactsAndPurchasesAndFeedsSendsAndInvitations() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            try await f.post(
                t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "1000", at: "2"), f.receipt("FIFO", "100", at: "2")])
            let jiangsu = try await CustomerService.create(
                .init(name: "南京金陵超市有限公司", level: "A", tags: ["重点"], province: "江苏省", city: "南京市"), admin)
            let zhejiang = try await CustomerService.create(.init(name: "杭州西溪便利店", level: "A", province: "浙江省", city: "杭州市"), admin)
            let quiet = try await CustomerService.create(.init(name: "苏州平江商行", level: "B", province: "江苏省", city: "苏州市"), admin)
            func deliver(_ customer: Int64, _ product: String, _ qty: String, price: String, on date: String) async throws {
                let d = try await StockDocumentService.create(
                    .init(type: "salesDelivery", postingDate: date, partnerId: customer, lines: [f.issue(product, qty, price: price)]),
                    admin)
                _ = try await StockPosting.post(d.document.id, admin)
            }
            // 南京 bought water twice (30 × 3 + 20 × 3 = 150.00), 杭州 biscuits once.
            try await deliver(jiangsu.id, "MA", "30", price: "3", on: "2026-11-10")
            try await deliver(jiangsu.id, "MA", "20", price: "3", on: "2026-11-15")
            try await deliver(zhejiang.id, "FIFO", "5", price: "3", on: "2026-11-12")
            let buyer = try await ContactService.create(
                .init(partnerId: jiangsu.id, name: "金经理", mobile: "13800001111", email: "jin@jinling.example.cn"), admin)
            _ = try await ContactService.create(
                .init(partnerId: zhejiang.id, name: "西溪店长", email: "xixi@example.cn", birthday: "1990-11-30"), admin)

            func count(_ i: SegmentService.Input) async throws -> [Int64] {
                try await SegmentService.preview(try await SegmentService.rule(i, admin), admin).first.map(\.id)
            }
            // What they bought: water for 100.00 or more, twice, in the last 30 days.
            #expect(
                try await count(.init(productIds: [f.products["MA"]!], periodDays: "30", minAmount: "100", minDeliveries: "2")) == [
                    jiangsu.id
                ])
            #expect(try await count(.init(productIds: [f.products["MA"]!], minAmount: "200")) == [])
            // Facts: level A in 江苏, any of the tags; nobody bought anything for 30 days: 平江 and the fixture's customer.
            #expect(try await count(.init(levels: ["A"], provinces: ["江苏省"])) == [jiangsu.id])
            #expect(try await count(.init(tags: ["重点", "不存在"])) == [jiangsu.id])
            #expect(Set(try await count(.init(inactiveDays: "30"))) == [quiet.id, f.customer])
            // A birthday this month (the clock says November).
            #expect(try await count(.init(birthdayThisMonth: true)) == [zhejiang.id])
            // A product nobody has is refused on its field.
            let bad = await #expect(throws: DomainError.self) { _ = try await SegmentService.rule(.init(productIds: [999_999]), admin) }
            #expect(bad?.field == "productIds")

            // Saved through the API; its page and the API count it now.
            let made = try await t.api(
                .POST, "/api/v1/segments", token: token,
                json: #"{"name":"江苏重点买水客户","provinces":["江苏省"],"productIds":["\#(f.products["MA"]!)"],"minAmount":"100"}"#)
            #expect(made.status == .created)
            let segmentId = try #require(Int64(made.json["id"] as? String ?? ""))
            let shown = try await t.api(.GET, "/api/v1/segments/\(segmentId)", token: token)
            #expect(shown.json["count"] as? Int == 1)
            let found = try await t.api(.GET, "/api/v1/segments/\(segmentId)/customers", token: token)
            #expect((found.json["items"] as? [[String: Any]])?.first?["name"] as? String == "南京金陵超市有限公司")
            let preview = try await t.api(.POST, "/api/v1/segments/preview", token: token, json: #"{"name":"x","levels":["A"]}"#)
            #expect(preview.json["count"] as? Int == 2)
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let page = try await b.get("/marketing/segments/\(segmentId)")
            #expect(page.status == .ok && page.text.contains("找到 1 个客户") && page.text.contains("南京金陵超市有限公司"))

            // A send to the segment freezes its contacts; an event invites them.
            let template = try await MessageService.createTemplate(.init(name: "新品", subject: "新品到货", body: "{{姓名}}，新品到货。"), admin)
            let q = try await MessageService.queue(
                .init(templateId: template.id, segmentId: segmentId), baseUrl: "https://crm.example.cn", admin)
            #expect(q.queued == 1)
            let recipients = try await MessageService.recipients(q.send.id, status: nil, limit: 10, cursor: nil, admin).items
            #expect(recipients.map(\.contactId) == [buyer.id] && recipients.first?.address == "jin@jinling.example.cn")
            #expect(
                try await MessageQueries.send(q.send.id, on: t.store)?.segmentId == segmentId, "the send records where its list came from")
            let campaign = try await CampaignService.create(
                .init(code: "SEG-1", name: "品鉴", kind: "seminar", startsOn: "2026-11-01"), admin)
            let event = try await EventService.create(.init(campaignId: campaign.id, name: "品鉴会", startsAt: "2026-11-28T14:00"), admin)
            let invited = try await EventService.invite(event.id, contacts: [], leads: [], segment: segmentId, admin)
            #expect(invited.created.map(\.contactId) == [buyer.id])
        }
    }

    @Test func aSegmentNarrowsByACustomersCustomFields() async throws {
        try await TestApp.run { t in
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            _ = try await CustomFieldService.create(
                .init(entity: "customer", key: "outlet", label: "渠道类型", kind: "choice", options: ["商超", "便利店"]), admin)
            _ = try await CustomFieldService.create(.init(entity: "customer", key: "stores", label: "门店数", kind: "number"), admin)
            let market = try await CustomerService.create(
                .init(name: "无锡大润发商贸有限公司", customFields: ["outlet": "商超", "stores": "12"]), admin)
            _ = try await CustomerService.create(.init(name: "无锡快客便利有限公司", customFields: ["outlet": "便利店", "stores": "12"]), admin)
            _ = try await CustomerService.create(.init(name: "无锡老街副食店"), admin)

            // A value as the field keeps it: "12.0" is the 12 stored.
            let rule = try await SegmentService.rule(.init(customFields: ["outlet": "商超", "stores": "12.0"]), admin)
            let found = try await SegmentService.preview(rule, admin)
            #expect(found.count == 1 && found.first.map(\.id) == [market.id])
            #expect(try await SegmentService.preview(SegmentService.rule(.init(customFields: ["stores": "12"]), admin), admin).count == 2)
            // An unknown field or a value not among the choices names the field.
            let unknown = await refusal { _ = try await SegmentService.rule(.init(customFields: ["nope": "x"]), admin) }
            #expect(unknown?.field == "customFields.nope")
            let wrong = await refusal { _ = try await SegmentService.rule(.init(customFields: ["outlet": "批发"]), admin) }
            #expect(wrong?.field == "customFields.outlet" && wrong?.code == "custom_not_choice")
            // Through the API, saved and read back.
            let saved = try await t.api(
                .POST, "/api/v1/segments", token: token, json: #"{"name":"商超客户","customFields":{"outlet":"商超"}}"#)
            #expect(
                saved.status == .created && (saved.json["rule"] as? [String: Any])?["customFields"] as? [String: String] == ["outlet": "商超"]
            )
            let shown = try await t.api(.GET, "/api/v1/segments/\(saved.json["id"] as? String ?? "")", token: token)
            #expect(shown.json["count"] as? Int == 1)
        }
    }
}
