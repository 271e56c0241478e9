import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// An event of a campaign from invitation to what it brought: contacts and leads invited, their
/// own answers on a page that needs no sign-in, a ticket whose QR code carries its code, the
/// check-in at the door (refusals in red, undo), a walk-in who becomes the campaign's lead, and
/// the figures afterwards.
@Suite("Marketing: events, invitations and the check-in board")
struct EventTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func anEventInvitesTakesAnswersChecksInAndCountsWhatItBrought() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            let campaign = try await CampaignService.create(
                .init(code: "SALON-11", name: "秋季客户沙龙", kind: "seminar", startsOn: "2026-11-01"), admin)
            _ = try await CampaignService.transition(campaign.id, .start, version: nil, admin)

            // Planned through the API; an end before the start is refused on its field, nothing written.
            let bad = try await t.api(
                .POST, "/api/v1/events", token: token,
                json: #"{"campaignId":"\#(campaign.id)","name":"上海沙龙","startsAt":"2026-11-20T14:00","endsAt":"2026-11-20T13:00"}"#)
            #expect(bad.status == .unprocessableEntity && Self.error(bad)["field"] as? String == "endsAt")
            let made = try await t.api(
                .POST, "/api/v1/events", token: token,
                json:
                    #"{"campaignId":"\#(campaign.id)","name":"上海沙龙","venue":"静安香格里拉 3 楼","startsAt":"2026-11-20T14:00","endsAt":"2026-11-20T17:30","capacity":2}"#
            )
            #expect(made.status == .created)
            let eventId = try #require(Int64(made.json["id"] as? String ?? ""))
            #expect(try await EventService.list(campaign: campaign.id, limit: 10, cursor: nil, admin).items.map(\.id) == [eventId])

            // Two contacts of customers and a lead invited; naming one again skips it; an id nobody has refuses the whole run.
            let c1 = try await CustomerService.create(.init(name: "上海嘉禾食品有限公司"), admin)
            let k1 = try await ContactService.create(.init(partnerId: c1.id, name: "周经理", mobile: "13900001111"), admin)
            let c2 = try await CustomerService.create(.init(name: "苏州东吴商贸有限公司"), admin)
            let k2 = try await ContactService.create(.init(partnerId: c2.id, name: "吴总", mobile: "13900002222"), admin)
            let lead = try await LeadService.create(.init(company: "杭州新味餐饮", contactName: "钱女士", phone: "13700003333"), admin)
            let nobody = try await t.api(
                .POST, "/api/v1/invitations", token: token,
                json: #"{"eventId":"\#(eventId)","contactIds":["\#(k1.id)","999999"]}"#)
            #expect(nobody.status == .unprocessableEntity && Self.error(nobody)["field"] as? String == "contactIds")
            #expect(try await EventService.counts(eventId, admin).invited == 0, "nothing half-written")
            let invited = try await t.api(
                .POST, "/api/v1/invitations", token: token,
                json: #"{"eventId":"\#(eventId)","contactIds":["\#(k1.id)","\#(k2.id)"],"leadIds":["\#(lead.id)"]}"#)
            #expect(invited.status == .created)
            let items = try #require(invited.json["items"] as? [[String: Any]])
            #expect(items.count == 3 && items.allSatisfy { $0["status"] as? String == "invited" })
            let again = try await t.api(
                .POST, "/api/v1/invitations", token: token, json: #"{"eventId":"\#(eventId)","contactIds":["\#(k1.id)"]}"#)
            #expect(again.status == .created && again.json["skipped"] as? Int == 1 && (again.json["items"] as? [Any])?.isEmpty == true)
            // Someone without marketing rights may not invite.
            let rep = try await t.token("rep1", password: TestApp.userPassword)
            #expect(
                try await t.api(.POST, "/api/v1/invitations", token: rep, json: #"{"eventId":"\#(eventId)","contactIds":["\#(k1.id)"]}"#)
                    .status == .forbidden)

            // 周经理 answers on the link, signed in nowhere: the ticket shows as a QR code of its code.
            let zhou = try #require(items.first { $0["contactId"] as? String == String(k1.id) })
            let link = try #require(zhou["rsvpPath"] as? String), ticket = try #require(zhou["ticket"] as? String)
            var guest = Browser(t: t)
            let rsvp = try await guest.get(link)
            #expect(rsvp.status == .ok && rsvp.text.contains("上海沙龙") && rsvp.text.contains("周经理") && !rsvp.text.contains(ticket))
            let yes = try await guest.post(link, [("_csrf", Browser.csrf(rsvp.text)), ("answer", "accept")])
            #expect(yes.status == .ok && yes.text.contains(ticket))
            #expect(yes.text.contains(try QRCode(ticket).svg(title: "“上海沙龙”入场二维码")))
            #expect(try await guest.get("/marketing/rsvp/not-a-real-secret-at-all").status == .notFound)
            // The lead's answer taken on the phone; the second contact finds the seats taken (capacity 2).
            let leadInvitation = try #require(items.first { $0["leadId"] as? String == String(lead.id) })
            let byPhone = try await t.api(
                .POST, "/api/v1/invitations/\(leadInvitation["id"] as? String ?? "")/transitions", token: token,
                json: #"{"action":"accept"}"#)
            #expect(byPhone.status == .ok && byPhone.json["status"] as? String == "accepted")
            let wu = try #require(items.first { $0["contactId"] as? String == String(k2.id) })
            let full = try await t.api(
                .POST, "/api/v1/invitations/\(wu["id"] as? String ?? "")/transitions", token: token, json: #"{"action":"accept"}"#)
            #expect(full.status == .conflict && Self.error(full)["code"] as? String == "event_full")

            // At the door: the code as typed (small letters, a dash) checks in; twice is refused with the time; an unknown code names the field.
            let typed = String(ticket.prefix(5)).lowercased() + "-" + String(ticket.dropFirst(5))
            let first = try await t.api(.POST, "/api/v1/checkins", token: token, json: #"{"eventId":"\#(eventId)","code":"\#(typed)"}"#)
            #expect(first.status == .created && first.json["status"] as? String == "checked_in")
            let twice = try await t.api(.POST, "/api/v1/checkins", token: token, json: #"{"eventId":"\#(eventId)","code":"\#(ticket)"}"#)
            #expect(twice.status == .conflict && Self.error(twice)["code"] as? String == "already_checked_in")
            let unknown = try await t.api(.POST, "/api/v1/checkins", token: token, json: #"{"eventId":"\#(eventId)","code":"ZZZZZZZZZZ"}"#)
            #expect(unknown.status == .unprocessableEntity && Self.error(unknown)["field"] as? String == "code")
            // A scan by mistake is undone; the ticket of this event shown at another is refused there.
            let undone = try await t.api(.DELETE, "/api/v1/checkins/\(zhou["id"] as? String ?? "")", token: token)
            #expect(undone.status == .ok && undone.json["status"] as? String == "accepted")
            let other = try await EventService.create(
                .init(campaignId: campaign.id, name: "苏州沙龙", startsAt: "2026-11-27T14:00"), admin)
            let wrong = try await t.api(.POST, "/api/v1/checkins", token: token, json: #"{"eventId":"\#(other.id)","code":"\#(ticket)"}"#)
            #expect(wrong.status == .conflict && Self.error(wrong)["code"] as? String == "wrong_event")

            // The board, on a phone: the code checks in (green, with undo), a wrong one answers in red; a walk-in becomes a lead.
            var door = Browser(t: t)
            _ = try await door.login("admin", TestApp.adminPassword)
            let board = try await door.get("/marketing/events/\(eventId)/board")
            #expect(board.status == .ok && board.text.contains(#"name="code""#))
            let csrf = Browser.csrf(board.text)
            let scanned = try await door.post("/marketing/events/\(eventId)/board/check-in", [("_csrf", csrf), ("code", ticket)])
            #expect(scanned.status == .seeOther)
            let green = try await door.get(scanned.headers.first(name: .location) ?? "")
            #expect(green.text.contains("board-answer ok") && green.text.contains("周经理") && green.text.contains("/board/undo/"))
            let red = try await door.post("/marketing/events/\(eventId)/board/check-in", [("_csrf", csrf), ("code", ticket)])
            #expect(red.status == .conflict && red.text.contains("board-answer refused"))
            let found = try await door.get("/marketing/events/\(eventId)/board?q=1370000")
            #expect(found.text.contains("钱女士") && found.text.contains("check-in?invitation="))
            let walked = try await door.post(
                "/marketing/events/\(eventId)/board/walk-in",
                [("_csrf", csrf), ("name", "孙先生"), ("company", "无锡太湖贸易"), ("phone", "13600004444")])
            #expect(walked.status == .seeOther)
            let walkLead = try #require(try await t.store.first("SELECT * FROM leads WHERE company = '无锡太湖贸易'", as: LeadRow.self))
            #expect(walkLead.campaignId == campaign.id)
            let noPhone = try await door.post("/marketing/events/\(eventId)/board/walk-in", [("_csrf", csrf), ("name", "无名氏")])
            #expect(noPhone.status == .unprocessableEntity && noPhone.text.contains("walk-phone"))
            let counts = try await door.get("/marketing/events/\(eventId)/board/counts")
            #expect(counts.json["checkedIn"] as? Int == 2 && counts.json["walkIns"] as? Int == 1 && counts.json["accepted"] as? Int == 2)

            // After the event: show-up, no-shows, and what the customers of those who came did within the window.
            t.clock.advance(seconds: 3 * 86_400)
            _ = try await OpportunityService.create(
                .init(partnerId: c1.id, name: "年度团餐", amount: "80000", expectedClose: "2026-12-31"), admin)
            _ = try await OpportunityService.create(
                .init(partnerId: c2.id, name: "没来的客户", amount: "10000", expectedClose: "2026-12-31"), admin)
            _ = try await CampaignService.addCost(campaign.id, .init(costDate: "2026-11-20", channel: "场地", amount: "1000"), admin)
            let shown = try await t.api(.GET, "/api/v1/events/\(eventId)", token: token)
            let n = try #require(shown.json["counts"] as? [String: Any]), o = try #require(shown.json["outcome"] as? [String: Any])
            #expect(n["invited"] as? Int == 3 && n["checkedIn"] as? Int == 2 && n["walkIns"] as? Int == 1 && n["noShows"] as? Int == 1)
            #expect(n["showUpRate"] as? String == "50.0", "周经理 came, the lead did not")
            #expect(o["opportunities"] as? Int == 1 && o["walkInLeads"] as? Int == 1 && o["costPerAttendee"] as? String == "500.00")
            // Answers are over once the event is; every step is in the log.
            let late = try await guest.get(link)
            #expect(!late.text.contains(#"name="answer""#))
            #expect(
                try await t.store.scalar(
                    "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'event_invitation' AND action = 'check_in'", as: Int64.self) == 2)
            _ = try await door.login("admin", TestApp.adminPassword)
            let page = try await door.get("/marketing/events/\(eventId)")
            #expect(page.status == .ok && page.text.contains("50.0%") && page.text.contains("500.00"))
        }
    }
}
