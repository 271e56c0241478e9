import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// Mass e-mail that really goes out: a template sent to an event's invitees through a real SMTP
/// conversation (a server the test starts on loopback), each address once, the opted-out
/// skipped, a refused mailbox failed, one-click unsubscribe honoured by the next send.
@Suite("Marketing: sends, SMTP and opt-outs")
struct SendTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    /// A message as the server received it: its headers, and its text decoded.
    static func parse(_ data: String) -> (headers: [String: String], text: String) {
        let parts = data.components(separatedBy: "\r\n\r\n")
        var headers: [String: String] = [:]
        for line in parts[0].components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
        return (headers, Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    static func decodeWord(_ s: String) -> String {
        guard s.hasPrefix("=?UTF-8?B?"), s.hasSuffix("?=") else { return s }
        return Data(base64Encoded: String(s.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) } ?? s
    }

    @Test func anInvitationMailGoesOncePerAddressThroughSMTPAndHonoursOptOuts() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            let server = SMTPTestServer(refuse: ["nobody@jiahe.example.cn"])
            try await server.start()
            defer { Task { await server.stop() } }
            _ = try await SystemSettings.update(
                .init(
                    smtpHost: "127.0.0.1", smtpPort: server.port, smtpSecurity: "none", smtpUser: server.user,
                    smtpPassword: server.password,
                    mailFrom: "market@concord.example.cn", mailFromName: "康科德食品"), admin)
            // The password is kept but never answered back.
            let settings = try await t.api(.GET, "/api/v1/settings", token: token)
            #expect(settings.json["smtpPasswordSet"] as? Bool == true && !settings.text.contains(server.password))

            let campaign = try await CampaignService.create(
                .init(code: "SALON-M", name: "秋季沙龙", kind: "seminar", startsOn: "2026-11-01"), admin)
            _ = try await CampaignService.transition(campaign.id, .start, version: nil, admin)
            let event = try await EventService.create(
                .init(campaignId: campaign.id, name: "上海品鉴会", venue: "静安", startsAt: "2026-11-25T14:00"), admin)
            let c = try await CustomerService.create(.init(name: "上海嘉禾食品有限公司"), admin)
            let zhou = try await ContactService.create(
                .init(partnerId: c.id, name: "周经理", mobile: "13900001111", email: "Zhou@JiaHe.example.cn"), admin)
            let gone = try await ContactService.create(.init(partnerId: c.id, name: "错地址", email: "nobody@jiahe.example.cn"), admin)
            let quiet = try await ContactService.create(.init(partnerId: c.id, name: "不打扰", email: "quiet@jiahe.example.cn"), admin)
            let twin = try await ContactService.create(.init(partnerId: c.id, name: "周经理（重复）", email: "zhou@jiahe.example.cn"), admin)
            let noMail = try await LeadService.create(.init(company: "无邮箱商行", contactName: "吴先生", phone: "13700004444"), admin)
            let invited = try await EventService.invite(
                event.id, contacts: [zhou.id, gone.id, quiet.id, twin.id], leads: [noMail.id], admin)
            #expect(invited.created.count == 5)
            #expect(
                try await t.api(.POST, "/api/v1/opt-outs", token: token, json: #"{"address":"quiet@jiahe.example.cn"}"#).status == .created)

            // A template whose braces do not pair is refused on its field; a good one is kept.
            let bad = try await t.api(
                .POST, "/api/v1/message-templates", token: token, json: #"{"name":"坏模板","subject":"邀请","body":"{{#姓名}不成对"}"#)
            #expect(bad.status == .unprocessableEntity && Self.error(bad)["field"] as? String == "body")
            let made = try await t.api(
                .POST, "/api/v1/message-templates", token: token,
                json: #"{"name":"品鉴会邀请","subject":"诚邀您参加{{活动}}","body":"{{姓名}}，您好：\n请点击 {{报名链接}} 报名。\n{{发件单位}}"}"#)
            #expect(made.status == .created, "\(made.text)")
            let templateId = try #require(made.json["id"] as? String)
            // Preview with a real invitee: their own answer link.
            let zhouInvitation = try #require(invited.created.first { $0.contactId == zhou.id })
            let preview = try await t.api(
                .GET, "/api/v1/message-templates/\(templateId)/preview?invitationId=\(zhouInvitation.id)", token: token)
            #expect((preview.json["text"] as? String ?? "").contains("/marketing/rsvp/\(zhouInvitation.rsvpToken)"))

            // Someone without marketing rights may not send.
            let rep = try await t.token("rep1", password: TestApp.userPassword)
            #expect(
                try await t.api(.POST, "/api/v1/sends", token: rep, json: #"{"templateId":"\#(templateId)","eventId":"\#(event.id)"}"#)
                    .status == .forbidden)
            // Queued: one per address (the two 周经理 share one), the opted-out skipped, the lead without an e-mail left out.
            let queued = try await t.api(
                .POST, "/api/v1/sends", token: token, json: #"{"templateId":"\#(templateId)","eventId":"\#(event.id)"}"#)
            #expect(queued.status == .created)
            #expect(queued.json["queued"] as? Int == 2 && queued.json["skipped"] as? Int == 1 && queued.json["noAddress"] as? Int == 1)
            let sendId = try #require(Int64((queued.json["send"] as? [String: Any])?["id"] as? String ?? ""))

            // The server's turn: through SMTP, the refused mailbox fails for good, the other goes.
            let transport = SMTPTransport(try #require(try await SystemSettings.smtp(t.store)))
            let first = try await MessageService.runPending(t.system, transport: transport)
            #expect(first.sent == 1 && first.failed == 1)
            let mails = server.received
            #expect(mails.count == 1 && mails.first?.to == ["zhou@jiahe.example.cn"] && mails.first?.from == "market@concord.example.cn")
            let (headers, text) = Self.parse(mails.first?.data ?? "")
            #expect(Self.decodeWord(headers["Subject"] ?? "") == "诚邀您参加上海品鉴会")
            #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
            let unsubscribe = try #require(headers["List-Unsubscribe"]?.dropFirst().dropLast()).description
            #expect(text.hasPrefix("周经理，您好") && text.contains("/marketing/rsvp/\(zhouInvitation.rsvpToken)") && text.contains(unsubscribe))
            // Nothing is left waiting: done, and a later turn sends nothing twice.
            let second = try await MessageService.runPending(t.system, transport: transport)
            #expect(second.finished == 1 && second.sent == 0)
            _ = try await MessageService.runPending(t.system, transport: transport)
            #expect(server.received.count == 1)
            let shown = try await t.api(.GET, "/api/v1/sends/\(sendId)", token: token)
            #expect(shown.json["status"] as? String == "done")
            // The mailbox that does not exist bounced: no more marketing mail to it.
            let bounced = try await t.api(.GET, "/api/v1/sends/\(sendId)/recipients?status=bounced", token: token)
            let why = (bounced.json["items"] as? [[String: Any]])?.first?["error"] as? String ?? ""
            #expect(why.hasPrefix("550"))
            #expect(
                try await t.store.scalar(
                    "SELECT COUNT(*) AS n FROM opt_outs WHERE address = 'nobody@jiahe.example.cn' AND source = 'bounce'", as: Int64.self)
                    == 1)

            // The mail program's one-click unsubscribe: a POST with no session and no CSRF token.
            let path = String(unsubscribe.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
            let oneClick = try await t.send(.POST, path, form: [("List-Unsubscribe", "One-Click")])
            #expect(oneClick.status == .ok)
            #expect(
                try await t.store.scalar("SELECT COUNT(*) AS n FROM opt_outs WHERE address = 'zhou@jiahe.example.cn'", as: Int64.self) == 1)
            // The next send to the event skips him (and the bounced and the opted-out); a newcomer gets it.
            let fresh = try await ContactService.create(.init(partnerId: c.id, name: "新同事", email: "fresh@jiahe.example.cn"), admin)
            _ = try await EventService.invite(event.id, contacts: [fresh.id], leads: [], admin)
            let again = try await t.api(
                .POST, "/api/v1/sends", token: token, json: #"{"templateId":"\#(templateId)","eventId":"\#(event.id)"}"#)
            #expect(again.json["queued"] as? Int == 1 && again.json["skipped"] as? Int == 3)

            // A server that cannot be reached is a temporary refusal: the recipient waits and is tried again later.
            await server.stop()
            let waiting = try await MessageService.runPending(t.system, transport: transport)
            #expect(waiting.retrying == 1 && waiting.sent == 0)
            let againId = try #require(Int64((again.json["send"] as? [String: Any])?["id"] as? String ?? ""))
            let queuedAgain = try await MessageService.recipients(againId, status: "queued", limit: 5, cursor: nil, admin).items
            #expect(queuedAgain.count == 1 && (queuedAgain.first?.nextAttemptAt ?? 0) > t.system.nowMillis)
        }
    }

    /// The parts of a multipart/alternative message, by content type, decoded.
    static func parts(_ data: String) -> [String: String] {
        var out: [String: String] = [:]
        for chunk in data.components(separatedBy: "\r\n--") {
            let halves = chunk.components(separatedBy: "\r\n\r\n")
            guard halves.count >= 2, let type = halves[0].range(of: #"Content-Type: ([a-z/]+)"#, options: .regularExpression) else {
                continue
            }
            let name = String(halves[0][type].dropFirst("Content-Type: ".count))
            let body = halves[1].components(separatedBy: "\r\n").filter { !$0.hasPrefix("--") }.joined()
            if let d = Data(base64Encoded: body) { out[name] = String(decoding: d, as: UTF8.self) }
        }
        return out
    }

    @Test func aTrackedMailCountsOpensAndClicksThroughItsOwnLinksOnly() async throws {
        try await TestApp.run { t in
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            let server = SMTPTestServer(refuse: [])
            try await server.start()
            defer { Task { await server.stop() } }
            _ = try await SystemSettings.update(
                .init(
                    smtpHost: "127.0.0.1", smtpPort: server.port, smtpSecurity: "none", smtpUser: server.user,
                    smtpPassword: server.password, mailFrom: "market@concord.example.cn", mailFromName: "康科德食品"), admin)
            let c = try await CustomerService.create(.init(name: "杭州西湖食品有限公司"), admin)
            let lin = try await ContactService.create(.init(partnerId: c.id, name: "林经理", email: "lin@xihu.example.cn"), admin)
            let template = try await MessageService.createTemplate(
                .init(name: "新品目录", subject: "新品目录", body: "{{姓名}}，新品目录：https://shop.example.cn/catalog?from=mail&x=1 。"), admin)

            let queued = try await t.api(
                .POST, "/api/v1/sends", token: token, json: #"{"templateId":"\#(template.id)","contactIds":["\#(lin.id)"],"tracking":true}"#
            )
            #expect(queued.status == .created && (queued.json["send"] as? [String: Any])?["tracking"] as? Bool == true)
            let sendId = try #require(Int64((queued.json["send"] as? [String: Any])?["id"] as? String ?? ""))
            let transport = SMTPTransport(try #require(try await SystemSettings.smtp(t.store)))
            #expect(try await MessageService.runPending(t.system, transport: transport).sent == 1)

            // The message: its link goes through us, numbered; the HTML twin carries the picture.
            let mail = try #require(server.received.first?.data)
            #expect(mail.contains("multipart/alternative"))
            let parts = Self.parts(mail)
            let text = try #require(parts["text/plain"]), html = try #require(parts["text/html"])
            let r = try #require(try await MessageService.recipients(sendId, status: nil, limit: 5, cursor: nil, admin).items.first)
            #expect(text.contains("/marketing/t/\(r.token)/1") && !text.contains("shop.example.cn"))
            #expect(html.contains(#"/marketing/t/\#(r.token)/open" width="1""#) && html.contains("<a href="))

            // Nothing recorded until the reader acts; the picture counts an open; the link counts a click and goes on.
            #expect(r.openedAt == nil && r.clickedAt == nil)
            let pixel = try await t.send(.GET, "/marketing/t/\(r.token)/open")
            #expect(pixel.status == .ok && pixel.headers.contentType?.description == "image/gif")
            let click = try await t.send(.GET, "/marketing/t/\(r.token)/1")
            #expect(click.status == .seeOther && click.headers.first(name: .location) == "https://shop.example.cn/catalog?from=mail&x=1")
            _ = try await t.send(.GET, "/marketing/t/\(r.token)/1")
            // Only the send's own links: another number, or a secret nobody has, goes nowhere.
            #expect(try await t.send(.GET, "/marketing/t/\(r.token)/2").status == .notFound)
            #expect(try await t.send(.GET, "/marketing/t/not-a-real-secret-at-all/1").status == .notFound)

            let traced = try await t.api(.GET, "/api/v1/sends/\(sendId)/recipients", token: token)
            let item = try #require((traced.json["items"] as? [[String: Any]])?.first)
            #expect(item["openedAt"] as? String != nil && item["clickedAt"] as? String != nil && item["clicks"] as? Int == 2)
            let e = try await MessageService.engagement(sendId, admin)
            #expect(e.opened == 1 && e.clicked == 1 && e.bounced == 0)

            // Without tracking (the default) the mail is plain text with the link as written.
            _ = try await MessageService.queue(.init(templateId: template.id, contactIds: [lin.id]), baseUrl: "http://127.0.0.1", admin)
            // (The first turn closes the tracked send; the next sends this one.)
            for _ in 0..<2 { _ = try await MessageService.runPending(t.system, transport: transport) }
            #expect(server.received.count == 2)
            let plain = try #require(server.received.last?.data)
            #expect(!plain.contains("multipart") && Self.parse(plain).text.contains("https://shop.example.cn/catalog?from=mail&x=1"))
        }
    }
}
