import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// Messages the calendar sends: on a contact's birthday, before an event to those who accepted,
/// after a quote still unanswered — once per occasion, however often the day's run comes round.
@Suite("Marketing: automatic messages")
struct TriggerTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func birthdaysEventsAndQuotesEachGetTheirMessageOnce() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            // The test's clock reads 2026-11-18 19:06 in China.
            let born = try await ContactService.create(
                .init(partnerId: f.customer, name: "寿星", email: "shou@example.cn", birthday: "1980-11-18", isPrimary: true), admin)
            _ = try await ContactService.create(
                .init(partnerId: f.customer, name: "无邮箱", mobile: "13900000001", birthday: "1985-11-18"), admin)
            _ = try await ContactService.create(
                .init(partnerId: f.customer, name: "明天", email: "tomorrow@example.cn", birthday: "1990-11-19"), admin)
            let greeting = try await MessageService.createTemplate(.init(name: "生日祝福", subject: "生日快乐", body: "{{姓名}}，生日快乐！"), admin)
            let reminder = try await MessageService.createTemplate(
                .init(name: "活动提醒", purpose: "transactional", subject: "{{活动}}就在后天", body: "{{姓名}}，{{时间}} 见。"), admin)
            let followUp = try await MessageService.createTemplate(.init(name: "报价跟进", subject: "报价可有疑问？", body: "{{姓名}}，您好。"), admin)

            // Set up through the API; a birthday has no days, a reminder no more than 60.
            let bad = try await t.api(
                .POST, "/api/v1/message-triggers", token: token, json: #"{"kind":"birthday","templateId":"\#(greeting.id)","days":5}"#)
            #expect(bad.status == .unprocessableEntity && Self.error(bad)["field"] as? String == "days")
            let far = try await t.api(
                .POST, "/api/v1/message-triggers", token: token,
                json: #"{"kind":"event_reminder","templateId":"\#(reminder.id)","days":61}"#)
            #expect(far.status == .unprocessableEntity && Self.error(far)["field"] as? String == "days")
            for (kind, template, days) in [
                ("birthday", greeting.id, 0), ("event_reminder", reminder.id, 2), ("quote_followup", followUp.id, 3),
            ] {
                let r = try await t.api(
                    .POST, "/api/v1/message-triggers", token: token,
                    json: #"{"kind":"\#(kind)","templateId":"\#(template)","days":\#(days)}"#)
                #expect(r.status == .created)
            }
            let role = try await RoleService.create(
                .init(code: "clerk", name: "文员", permissions: ["users.view"], dataScope: "own"), t.system)
            let hq = try #require(try await OrganisationQueries.headOffice(on: t.store)).id
            _ = try await UserService.create(
                .init(username: "clerk", displayName: "文员", password: TestApp.userPassword, branchId: hq, roleIds: [role.id]), t.system)
            let rep = try await t.token("clerk", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/message-triggers", token: rep).status == .forbidden)

            // An event the day after tomorrow: one accepted, one only invited. Another in a week.
            let campaign = try await CampaignService.create(
                .init(code: "SALON", name: "沙龙", kind: "seminar", startsOn: "2026-11-01"), admin)
            _ = try await CampaignService.transition(campaign.id, .start, version: nil, admin)
            let event = try await EventService.create(.init(campaignId: campaign.id, name: "品鉴会", startsAt: "2026-11-20T14:00"), admin)
            _ = try await EventService.create(.init(campaignId: campaign.id, name: "下周品鉴会", startsAt: "2026-11-25T14:00"), admin)
            let other = try await CustomerService.create(.init(name: "南京玄武商贸有限公司"), admin)
            let guest = try await ContactService.create(.init(partnerId: other.id, name: "来宾", email: "guest@example.cn"), admin)
            let maybe = try await ContactService.create(.init(partnerId: other.id, name: "未定", email: "maybe@example.cn"), admin)
            let invited = try await EventService.invite(event.id, contacts: [guest.id, maybe.id], leads: [], admin).created
            _ = try await EventService.answer(try #require(invited.first { $0.contactId == guest.id }).id, .accept, admin)

            // A quote sent three days ago and still unanswered; one sent today.
            for date in ["2026-11-15", "2026-11-18"] {
                let q = try await QuoteService.create(
                    .init(
                        partnerId: f.customer, quoteDate: date, validUntil: "2026-12-31",
                        lines: [.init(productId: f.products["MA"], quantity: "10", unitPrice: "3")]), admin)
                _ = try await QuoteService.transition(q.quote.id, .submit, admin)
                #expect(try await QuoteService.transition(q.quote.id, .send, admin).quote.status == "sent")
            }

            // The day's run: three sends, each to whom it is for.
            #expect(try await TriggerService.runDue(t.system) == 3)
            let sends = try await MessageService.sends(event: nil, limit: 10, cursor: nil, admin).items
            #expect(sends.count == 3 && sends.allSatisfy { $0.triggerId != nil })
            func addresses(_ template: Int64) async throws -> [String] {
                let s = try #require(sends.first { $0.templateId == template })
                return try await MessageService.recipients(s.id, status: nil, limit: 10, cursor: nil, admin).items.map(\.address)
            }
            #expect(try await addresses(greeting.id) == ["shou@example.cn"])
            #expect(try await addresses(reminder.id) == ["guest@example.cn"])
            #expect(try await addresses(followUp.id) == ["shou@example.cn"], "the customer's primary contact")
            #expect(sends.first { $0.templateId == reminder.id }?.eventId == event.id)
            #expect(born.isPrimary)

            // Run again the same day (another server, a restart): nothing more. Even with the day's mark lost, no occasion twice.
            #expect(try await TriggerService.runDue(t.system) == 0)
            try await t.store.write { tx in try await tx.run("UPDATE message_triggers SET last_run = NULL") }
            #expect(try await TriggerService.runDue(t.system) == 0)
            #expect(try await MessageService.sends(event: nil, limit: 10, cursor: nil, admin).items.count == 3)

            // The trigger's page and API say what it sent.
            let list = try await t.api(.GET, "/api/v1/message-triggers", token: token)
            let birthday = try #require((list.json["items"] as? [[String: Any]])?.first { $0["kind"] as? String == "birthday" })
            let one = try await t.api(.GET, "/api/v1/message-triggers/\(birthday["id"] as? String ?? "")", token: token)
            #expect((one.json["firings"] as? [[String: Any]])?.first?["occasion"] as? String == "birthday:2026-11-18")
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let page = try await b.get("/marketing/triggers/\(birthday["id"] as? String ?? "")")
            #expect(page.status == .ok && page.text.contains("birthday:2026-11-18") && page.text.contains("/marketing/sends/"))
            let all = try await b.get("/marketing/triggers")
            #expect(all.status == .ok && all.text.contains("活动前 2 天提醒") && all.text.contains("报价后 3 天跟进"))
        }
    }
}
