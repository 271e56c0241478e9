import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence

/// Sends: an audience frozen into recipients, then worked through by the server.
extension MessageService {
    public struct SendInput: Sendable, Equatable {
        public var templateId: Int64?
        /// An event's invitees (those invited or accepted unless `statuses` says otherwise).
        public var eventId: Int64?
        public var statuses: [String]?
        public var contactIds: [Int64]
        public var leadIds: [Int64]
        /// The contacts of a segment's customers, as it finds them now.
        public var segmentId: Int64?
        /// Record opens and clicks (e-mail only).
        public var tracking: Bool
        public init(
            templateId: Int64? = nil, eventId: Int64? = nil, statuses: [String]? = nil, contactIds: [Int64] = [], leadIds: [Int64] = [],
            segmentId: Int64? = nil, tracking: Bool = false
        ) {
            self.tracking = tracking
            self.segmentId = segmentId
            self.templateId = templateId
            self.eventId = eventId
            self.statuses = statuses
            self.contactIds = contactIds
            self.leadIds = leadIds
        }
    }

    /// A queued send and what queuing it found: recipients queued, skipped (opted out), and
    /// people left out for having no address.
    public struct Queued: Sendable, Equatable {
        public var send: MessageSendRow
        public var queued: Int
        public var skipped: Int
        public var noAddress: Int
    }

    public static func sends(event: Int64?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<MessageSendRow> {
        try ctx.require(.marketing, .view)
        let rows = try await MessageQueries.sends(event: event, limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func send(_ id: Int64, _ ctx: ServiceContext) async throws -> (MessageSendRow, [String: Int64]) {
        try ctx.require(.marketing, .view)
        guard let s = try await MessageQueries.send(id, on: ctx.store) else { throw DomainError.notFound }
        return (s, try await MessageQueries.progress(of: id, on: ctx.store))
    }

    public static func recipients(
        _ sendId: Int64, status: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<MessageRecipientRow> {
        _ = try await send(sendId, ctx)
        let rows = try await MessageQueries.recipients(of: sendId, status: status, limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    static func address(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespaces).lowercased(), !t.isEmpty, (try? Validate.email(t)) != nil else {
            return nil
        }
        return t
    }

    /// Queues a send: the template's words are frozen, each person once by address; the opted-out
    /// are kept as skipped, for the record. `baseUrl` is where the links in the messages point.
    public static func queue(_ input: SendInput, baseUrl: String, _ ctx: ServiceContext) async throws -> Queued {
        try ctx.require(.marketing, .edit)
        guard let templateId = input.templateId else { throw DomainError.required("templateId") }
        guard input.eventId != nil || !input.contactIds.isEmpty || !input.leadIds.isEmpty || input.segmentId != nil else {
            throw DomainError.required("eventId")
        }
        let statuses = try (input.statuses ?? [InvitationFlow.State.invited.rawValue, InvitationFlow.State.accepted.rawValue]).map {
            guard InvitationFlow.allStored.contains($0) else {
                throw DomainError.invalid("statuses", code: "wrong_type", args: ["statuses"])
            }
            return $0
        }
        let contactIds = input.contactIds.isEmpty ? [] : try Validate.picked(input.contactIds, "contactIds", max: 5000)
        let leadIds = input.leadIds.isEmpty ? [] : try Validate.picked(input.leadIds, "leadIds", max: 5000)
        return try await ctx.write { ctx in
            guard let t = try await MessageQueries.template(templateId, on: ctx.store) else {
                throw DomainError.invalid("templateId", code: "not_found")
            }
            // The address a person is reached at on the template's channel: e-mail, or a mobile number.
            let sms = t.channel == Channel.sms.rawValue
            func reach(email: String?, phone: String?) -> String? { sms ? mobile(phone) : address(email) }
            var people: [MessageWrites.Recipient?] = []
            var campaign: CampaignRow?
            var event: EventRow?
            if let id = input.eventId {
                guard let e = try await EventQueries.event(id, on: ctx.store) else {
                    throw DomainError.invalid("eventId", code: "not_found")
                }
                campaign = try await EventService.campaign(forEventsOf: e.campaignId, ctx)
                event = e
                var after: Int64?
                while true {
                    let page = try await EventQueries.invitations(
                        event: e.id, status: nil, q: nil, limit: 1000, after: after, on: ctx.store)
                    for i in page where statuses.contains(i.status) && !i.walkIn {
                        people.append(
                            reach(email: i.email, phone: i.phone).map {
                                .init(
                                    address: $0, name: i.name, company: i.company, contactId: i.contactId, leadId: i.leadId,
                                    invitationId: i.id)
                            })
                    }
                    guard page.count == 1000 else { break }
                    after = page.last?.id
                }
            }
            for id in contactIds {
                let c: ContactRow
                do { c = try await ContactService.find(id, ctx) } catch let x as DomainError where x.kind == .notFound {
                    throw DomainError.invalid("contactIds", code: "not_found", args: [String(id)])
                }
                let company = try await InventoryQueries.partner(c.partnerId, on: ctx.store)?.name
                people.append(
                    reach(email: c.email, phone: c.mobile ?? c.phone).map {
                        .init(address: $0, name: c.name, company: company, contactId: c.id, leadId: nil, invitationId: nil)
                    })
            }
            for id in leadIds {
                let l: LeadRow
                do { l = try await LeadService.find(id, ctx) } catch let x as DomainError where x.kind == .notFound {
                    throw DomainError.invalid("leadIds", code: "not_found", args: [String(id)])
                }
                people.append(
                    reach(email: l.email, phone: l.phone).map {
                        .init(
                            address: $0, name: l.contactName ?? l.company, company: l.company, contactId: nil, leadId: l.id,
                            invitationId: nil)
                    })
            }
            if let id = input.segmentId {
                for c in try await SegmentService.contacts(id, ctx) {
                    people.append(
                        reach(email: c.email, phone: c.mobile ?? c.phone).map {
                            .init(address: $0, name: c.name, company: c.partnerName, contactId: c.id, leadId: nil, invitationId: nil)
                        })
                }
            }
            var seen = Set<String>()
            let unique = people.compactMap { $0 }.filter { seen.insert($0.address).inserted }
            let out =
                t.purpose == Purpose.marketing.rawValue
                ? try await MessageQueries.optedOut(unique.map(\.address), channel: t.channel, purpose: t.purpose, on: ctx.store) : []
            let branch = campaign?.branchId ?? ctx.principal?.branchId ?? 1
            let send = try await MessageWrites.insert(
                .init(
                    templateId: t.id, campaignId: campaign?.id, eventId: event?.id, channel: t.channel, purpose: t.purpose,
                    subject: t.subject,
                    body: t.body, providerTemplate: t.providerTemplate, baseUrl: baseUrl, branchId: branch, tracking: input.tracking && !sms
                ),
                status: SendFlow.State.sending.rawValue, by: ctx.principal?.userId, at: ctx.nowMillis, on: ctx.store)
            if send.tracking { try await MessageWrites.insert(links: links(in: t.body), send: send.id, on: ctx.store) }
            try await MessageWrites.insert(
                recipients: unique.map { ($0, out.contains($0.address) ? "skipped" : "queued", ctx.tokens.token(24)) }, send: send.id,
                on: ctx.store)
            if let id = input.segmentId { try await SegmentWrites.setSegment(ofSend: send.id, id, on: ctx.store) }
            let skipped = unique.filter { out.contains($0.address) }.count
            try await ctx.audit(
                "queue", "message_send", send.id, branch: branch,
                [FieldChange("template", old: nil, new: t.name), FieldChange("recipients", old: nil, new: String(unique.count - skipped))])
            return Queued(
                send: send, queued: unique.count - skipped, skipped: skipped, noAddress: people.count - people.compactMap { $0 }.count)
        }
    }

    /// pause, resume or cancel.
    public static func transition(_ id: Int64, _ command: SendFlow.Command, _ ctx: ServiceContext) async throws -> MessageSendRow {
        let scope = try ctx.require(.marketing, .edit)
        return try await ctx.write { ctx in
            guard let s = try await MessageQueries.send(id, on: ctx.store),
                scope.contains(branch: s.branchId, department: nil, owner: s.createdBy)
            else { throw DomainError.notFound }
            let to = try SendFlow.target(command, from: s.status, number: "#\(s.id)")
            guard let row = try await MessageWrites.setStatus(id, to.rawValue, version: s.version, at: ctx.nowMillis, on: ctx.store) else {
                throw DomainError.staleVersion(expected: Int(s.version), actual: Int(s.version) + 1)
            }
            try await ctx.audit(
                command.rawValue, "message_send", id, branch: s.branchId, [FieldChange("status", old: s.status, new: row.status)])
            return row
        }
    }

    // MARK: the server's turn

    /// What a turn did.
    public struct Turn: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
        public var retrying = 0
        public var finished = 0
    }

    /// Marketing texts go out in the daytime only (China time), and a number gets at most this many a day.
    public static let smsHours: Range<Int64> = 8..<21
    public static let smsPerNumberPerDay: Int64 = 3

    /// One turn of the sender: up to `perTurn` messages of the oldest send in progress (e-mail over
    /// one SMTP connection, texts one by one to the provider). A temporary refusal (4xx, the
    /// server unreachable, the provider throttling) waits and tries again, doubling from a
    /// minute, `attempts` times; a permanent one fails that recipient. Each recipient is claimed
    /// before it is sent and settled after: one the server stopped on is marked `unknown`, never
    /// sent again. Marketing texts wait for the daytime and for the next day past a number's cap.
    public static func runPending(
        _ system: ServiceContext, transport: (any MailTransport)?, sms: (any SMSProvider)? = nil
    ) async throws -> Turn {
        var turn = Turn()
        let now = system.nowMillis
        try await system.write { tx in try await MessageWrites.abandon(claimedBefore: now - 10 * 60_000, on: tx.store) }
        guard let send = try await MessageQueries.sending(limit: 1, on: system.store).first else { return turn }
        var due = try await MessageQueries.due(of: send.id, now: now, limit: perTurn, on: system.store)
        if due.isEmpty {
            if try await !MessageQueries.waiting(of: send.id, on: system.store) {
                try await system.write { tx in
                    _ = try await MessageWrites.setStatus(
                        send.id, SendFlow.State.done.rawValue, version: send.version, at: now, on: tx.store)
                    try await tx.audit(
                        "finish", "message_send", send.id, branch: send.branchId, [FieldChange("status", old: send.status, new: "done")])
                }
                turn.finished = 1
            }
            return turn
        }
        let isSMS = send.channel == Channel.sms.rawValue, marketing = send.purpose == Purpose.marketing.rawValue
        if isSMS ? sms == nil : transport == nil { return turn }
        if isSMS, marketing {
            let day = CalendarDate(chinaDayOf: now)
            let hour = CalendarDate.chinaMillisOfDay(now) / 3_600_000
            guard smsHours.contains(hour) else { return turn }
            let counts = try await MessageQueries.sent(
                to: due.map(\.address), channel: send.channel, purpose: send.purpose, since: day.chinaStartMillis, on: system.store)
            let capped = due.filter { (counts[$0.address] ?? 0) >= smsPerNumberPerDay }
            if !capped.isEmpty {
                let tomorrow = day.adding(days: 1).chinaStartMillis + smsHours.lowerBound * 3_600_000
                try await system.write { tx in
                    try await MessageWrites.putOff(capped.map(\.id), until: tomorrow, reason: "daily_cap", on: tx.store)
                }
                due.removeAll { (counts[$0.address] ?? 0) >= smsPerNumberPerDay }
            }
        }
        // Opted out since it was queued: skipped now.
        let out =
            marketing
            ? try await MessageQueries.optedOut(due.map(\.address), channel: send.channel, purpose: send.purpose, on: system.store) : []
        let dueNow = due
        let claimed = try await system.write { tx in
            for r in dueNow where out.contains(r.address) {
                _ = try await MessageWrites.claim([r.id], at: now, on: tx.store)
                try await MessageWrites.settle(r.id, status: "skipped", error: "opted_out", sentAt: nil, nextAttemptAt: 0, on: tx.store)
            }
            return try await MessageWrites.claim(dueNow.filter { !out.contains($0.address) }.map(\.id), at: now, on: tx.store)
        }
        guard !claimed.isEmpty else { return turn }
        let event = try await send.eventId.asyncMap { try await EventQueries.event($0, on: system.store) } ?? nil
        let campaign = try await send.campaignId.asyncMap { try await MarketingQueries.campaign($0, on: system.store) } ?? nil
        let sender = try await sender(system.store)
        let tracked = send.tracking && !isSMS ? try await MessageQueries.links(of: send.id, on: system.store) : nil
        var rendered: [(MessageRecipientRow, [String: Any], (subject: String, text: String, html: String?), String?)] = []
        var broken: [(MessageRecipientRow, String)] = []
        for r in claimed {
            let rsvp = try await r.invitationId.asyncMap { try await EventQueries.invitation($0, on: system.store) }.flatMap { $0 }.map {
                send.baseUrl + Paths.Marketing.rsvp($0.rsvpToken)
            }
            let unsubscribe = marketing && !isSMS ? send.baseUrl + Paths.Marketing.unsubscribe(r.token) : nil
            let person = MessageWrites.Recipient(
                address: r.address, name: r.name, company: r.company, contactId: r.contactId, leadId: r.leadId, invitationId: r.invitationId
            )
            let f = fields(person, event: event, campaign: campaign, rsvp: rsvp, unsubscribe: unsubscribe, sender: sender)
            do {
                let m = try render(
                    subject: send.subject, body: send.body, purpose: send.purpose, f, unsubscribe: unsubscribe, channel: send.channel)
                if let links = tracked {
                    let (text, html) = Self.tracked(m.text, links: links, base: send.baseUrl, token: r.token)
                    rendered.append((r, f, (m.subject, text, html), unsubscribe))
                } else {
                    rendered.append((r, f, (m.subject, m.text, nil), unsubscribe))
                }
            } catch {
                broken.append((r, "template"))
            }
        }
        var results: [Result<Void, SMTPError>] = []
        if isSMS, let sms {
            let order = fieldOrder(send.body)
            for (r, f, m, _) in rendered {
                let message = SMSMessage(
                    phone: r.address, template: send.providerTemplate ?? "", params: order.map { ($0, f[$0] as? String ?? "") },
                    text: m.text)
                do {
                    _ = try await sms.send(message)
                    results.append(.success(()))
                } catch let e as SMSError {
                    results.append(.failure(SMTPError(code: e.temporary ? 421 : 550, text: e.description)))
                } catch {
                    results.append(.failure(SMTPError(code: 421, text: String(describing: error).prefix(200).description)))
                }
            }
        } else if let transport {
            let host = URL(string: send.baseUrl)?.host ?? "concord.localdomain"
            let messages = rendered.map { r, _, m, unsubscribe in
                MailMessage(
                    to: r.address, toName: r.name, subject: m.subject, text: m.text, html: m.html, unsubscribe: unsubscribe,
                    messageId: "<send\(send.id).\(r.id)@\(host)>", date: system.clock.now())
            }
            do { results = try await transport.send(messages) } catch let e as SMTPError {
                results = Array(repeating: .failure(e), count: messages.count)
            } catch {
                // The server could not be reached: a temporary refusal for everyone of the turn.
                results = Array(
                    repeating: .failure(SMTPError(code: 421, text: String(describing: error).prefix(200).description)),
                    count: messages.count)
            }
        }
        let (failedNow, settled) = (broken, Array(zip(rendered.map(\.0), results)))
        return try await system.write { tx in
            var t = Turn()
            for (r, why) in failedNow {
                try await MessageWrites.settle(r.id, status: "failed", error: why, sentAt: nil, nextAttemptAt: 0, on: tx.store)
                t.failed += 1
            }
            for (r, result) in settled {
                switch result {
                case .success:
                    try await MessageWrites.settle(r.id, status: "sent", error: nil, sentAt: now, nextAttemptAt: 0, on: tx.store)
                    t.sent += 1
                case .failure(let e) where e.temporary && r.attempts < attempts:
                    let wait = Int64(60_000) << min(r.attempts - 1, 10)
                    try await MessageWrites.settle(
                        r.id, status: "queued", error: e.description, sentAt: nil, nextAttemptAt: now + wait, on: tx.store)
                    t.retrying += 1
                case .failure(let e) where !isSMS && isBounce(e):
                    // The mailbox does not exist: bounced, and no more marketing mail to it (its
                    // transactional mail still goes: an order's notice is not ours to drop).
                    try await MessageWrites.settle(
                        r.id, status: "bounced", error: e.description, sentAt: nil, nextAttemptAt: 0, on: tx.store)
                    try await MessageWrites.optOut(
                        channel: Channel.email.rawValue, address: r.address, purpose: Purpose.marketing.rawValue, source: "bounce",
                        at: tx.nowMillis, on: tx.store)
                    t.failed += 1
                case .failure(let e):
                    try await MessageWrites.settle(
                        r.id, status: "failed", error: e.description, sentAt: nil, nextAttemptAt: 0, on: tx.store)
                    t.failed += 1
                }
            }
            return t
        }
    }

    /// An incoming text (a reply a provider passes on, at the address the settings give it): "R",
    /// "TD", "T" or "退订" opts the number out of marketing texts. Answers whether it did.
    public static func smsReply(key: String, phone: String?, text: String?, _ system: ServiceContext) async throws -> Bool {
        guard let expected = try await Settings.get(Settings.Key.smsReplyKey, on: system.store), !key.isEmpty,
            Array(expected.utf8).count == Array(key.utf8).count,
            zip(expected.utf8, key.utf8).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0
        else { throw DomainError.notFound }
        let word = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard ["R", "TD", "T", "N", "退订", "拒收"].contains(word), let number = mobile(phone) else { return false }
        try await system.through("sms_reply").write { tx in
            try await MessageWrites.optOut(
                channel: Channel.sms.rawValue, address: number, purpose: Purpose.marketing.rawValue, source: "reply", at: tx.nowMillis,
                on: tx.store)
            try await tx.audit("opt_out", "opt_out", nil, [FieldChange("address", old: nil, new: number)])
        }
        return true
    }

    // MARK: opting out

    /// The recipient behind an unsubscribe link, with its send; nil for a link that is not one.
    public static func unsubscribeTarget(token: String, _ ctx: ServiceContext) async throws -> (MessageRecipientRow, MessageSendRow)? {
        let store = ctx.store
        guard token.count >= 16, let r = try await MessageQueries.recipient(token: token, on: store),
            let s = try await MessageQueries.send(r.sendId, on: store)
        else { return nil }
        return (r, s)
    }

    /// The recipient's own opt-out (the link, or the mail program's one-click POST), as the system.
    public static func unsubscribe(token: String, oneClick: Bool, _ system: ServiceContext) async throws -> MessageRecipientRow {
        guard let (r, s) = try await unsubscribeTarget(token: token, system) else { throw DomainError.notFound }
        let ctx = system.through("unsubscribe", via: "send:\(s.id)")
        try await ctx.write { tx in
            try await MessageWrites.optOut(
                channel: s.channel, address: r.address, purpose: Purpose.marketing.rawValue, source: oneClick ? "one_click" : "link",
                at: tx.nowMillis, on: tx.store)
            try await MessageWrites.unsubscribed(recipient: r.id, at: tx.nowMillis, on: tx.store)
            try await tx.audit("unsubscribe", "message_send", s.id, branch: s.branchId, [FieldChange("address", old: nil, new: r.address)])
        }
        return r
    }

    public static func optOuts(channel: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<OptOutRow> {
        try ctx.require(.marketing, .view)
        let rows = try await MessageQueries.optOuts(channel: channel, limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// An opt-out staff record (asked on the phone, by letter).
    public static func addOptOut(channel: String?, address: String?, _ ctx: ServiceContext) async throws -> OptOutRow {
        try ctx.require(.marketing, .edit)
        let c = try Validate.oneOf(channel ?? Channel.email.rawValue, "channel", as: Channel.self)
        guard let a = MessageService.address(address) else {
            throw DomainError.invalid("address", code: "invalid_email", args: ["address"])
        }
        return try await ctx.write { tx in
            try await MessageWrites.optOut(
                channel: c.rawValue, address: a, purpose: Purpose.marketing.rawValue, source: ctx.actor.channel == "api" ? "api" : "staff",
                at: tx.nowMillis, on: tx.store)
            try await tx.audit("opt_out", "opt_out", nil, [FieldChange("address", old: nil, new: a)])
            guard
                let row = try await MessageQueries.optOut(
                    channel: c.rawValue, address: a, purpose: Purpose.marketing.rawValue, on: tx.store)
            else { throw StoreError.noRowReturned }
            return row
        }
    }

    /// Takes an opt-out back, when the person asks to hear from the company again.
    public static func removeOptOut(_ id: Int64, _ ctx: ServiceContext) async throws {
        try ctx.require(.marketing, .edit)
        try await ctx.write { tx in
            guard let o = try await MessageQueries.optOut(id, on: tx.store) else { throw DomainError.notFound }
            try await MessageWrites.delete(optOut: id, on: tx.store)
            try await tx.audit("remove_opt_out", "opt_out", id, [FieldChange("address", old: o.address, new: nil)])
        }
    }
}
