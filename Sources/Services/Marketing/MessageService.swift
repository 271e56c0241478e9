import DocumentsCore
import Foundation
import Kernel
import Mustache
import Paths
import Persistence

/// Where a send's e-mail goes out: the company's SMTP server in production, a test's own server
/// in the tests (the same client, over a real socket).
public protocol MailTransport: Sendable {
    func send(_ messages: [MailMessage]) async throws -> [Result<Void, SMTPError>]
}

public struct SMTPTransport: MailTransport {
    public let settings: SMTPSettings
    public init(_ settings: SMTPSettings) { self.settings = settings }
    public func send(_ messages: [MailMessage]) async throws -> [Result<Void, SMTPError>] {
        try await SMTPClient.send(messages, with: settings)
    }
}

/// 群发: templates with merge fields, sends whose recipients are frozen when queued (one per
/// address), sent by the server in batches under a rate limit, retried with back-off on a
/// temporary refusal, never twice to one recipient; the marketing ones carry a one-click
/// unsubscribe (RFC 8058) and skip whoever opted out — per channel and purpose, never per list.
/// Reading needs `marketing.view`, the rest `marketing.edit`.
public enum MessageService {
    public enum Channel: String, Sendable, CaseIterable { case email, sms }
    public enum Purpose: String, Sendable, CaseIterable { case marketing, transactional }

    /// Messages a turn sends at most (with the worker's pause, the account's rate: 20 a second).
    public static let perTurn = 20
    /// Attempts before a temporary refusal counts as a failure; the waits double from a minute.
    public static let attempts: Int64 = 6

    // MARK: templates

    public struct TemplateInput: Sendable, Equatable, Codable {
        public var name: String?
        public var channel: String?
        public var purpose: String?
        public var subject: String?
        public var body: String?
        /// For SMS: the provider's approved template (模板 CODE / 模板 ID) the text goes out as.
        public var providerTemplate: String?
        public init(
            name: String? = nil, channel: String? = nil, purpose: String? = nil, subject: String? = nil, body: String? = nil,
            providerTemplate: String? = nil
        ) {
            self.providerTemplate = providerTemplate
            self.name = name
            self.channel = channel
            self.purpose = purpose
            self.subject = subject
            self.body = body
        }
    }

    public static func templates(limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<MessageTemplateRow> {
        try ctx.require(.marketing, .view)
        let rows = try await MessageQueries.templates(limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func template(_ id: Int64, _ ctx: ServiceContext) async throws -> MessageTemplateRow {
        try ctx.require(.marketing, .view)
        guard let t = try await MessageQueries.template(id, on: ctx.store) else { throw DomainError.notFound }
        return t
    }

    /// The merge fields: their English names and the Chinese ones people write.
    static let names: [(en: String, zh: String)] = [
        ("name", "姓名"), ("company", "公司"), ("event", "活动"), ("event_time", "时间"), ("venue", "地点"), ("rsvp_link", "报名链接"),
        ("unsubscribe_link", "退订链接"), ("campaign", "市场活动"), ("sender", "发件单位"),
    ]

    /// `{{姓名}}` as `{{name}}` (Mustache names are ASCII), with any of the tag's sigils and spaces.
    static func english(_ text: String) -> String {
        var out = text
        for (en, zh) in names where out.contains(zh) {
            guard let pattern = try? Regex("\\{\\{(\\{?[#^/&]?)\\s*" + zh + "\\s*(\\}?)\\}\\}") else { continue }
            out = out.replacing(pattern) { m in "{{" + String(m.output[1].substring ?? "") + en + String(m.output[2].substring ?? "") + "}}"
            }
        }
        return out
    }

    /// Text templates: what a merge field holds goes in as it is (no HTML escaping).
    static func compile(_ text: String, _ field: String) throws -> MustacheTemplate {
        do { return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + english(text)) } catch {
            throw DomainError.invalid(field, code: "template_syntax", args: [field])
        }
    }

    static func validate(_ input: TemplateInput) throws -> MessageWrites.Template {
        let channel = try Validate.oneOf(input.channel ?? Channel.email.rawValue, "channel", as: Channel.self)
        let purpose = try Validate.oneOf(input.purpose ?? Purpose.marketing.rawValue, "purpose", as: Purpose.self)
        let sms = channel == .sms
        let subject = sms ? nil : try Validate.required(input.subject, "subject", max: 200)
        let body = try Validate.required(input.body, "body", max: sms ? 500 : 20_000)
        if let subject { _ = try compile(subject, "subject") }
        _ = try compile(body, "body")
        let code = sms ? try Validate.code(input.providerTemplate, "providerTemplate", max: 64) : nil
        return .init(
            name: try Validate.required(input.name, "name", max: 100), channel: channel.rawValue, purpose: purpose.rawValue,
            subject: subject, body: body, providerTemplate: code)
    }

    public static func createTemplate(_ input: TemplateInput, _ ctx: ServiceContext) async throws -> MessageTemplateRow {
        try ctx.require(.marketing, .edit)
        let v = try validate(input)
        return try await ctx.write { ctx in
            let row = try await MessageWrites.insert(v, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit("create", "message_template", row.id, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func updateTemplate(
        _ id: Int64, _ input: TemplateInput, version: Int64?, _ ctx: ServiceContext
    ) async throws -> MessageTemplateRow {
        try ctx.require(.marketing, .edit)
        let v = try validate(input)
        return try await ctx.write { ctx in
            guard let old = try await MessageQueries.template(id, on: ctx.store) else { throw DomainError.notFound }
            try Validate.version(version, current: old.version)
            guard let row = try await MessageWrites.update(id, v, version: old.version, at: ctx.nowMillis, on: ctx.store) else {
                throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1)
            }
            try await ctx.audit("update", "message_template", id, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    static func snapshot(_ t: MessageTemplateRow) -> [String: String?] {
        [
            "name": t.name, "channel": t.channel, "purpose": t.purpose, "subject": t.subject, "body": t.body,
            "providerTemplate": t.providerTemplate,
        ]
    }

    // MARK: merging

    /// What the merge fields of one message hold, in English and Chinese names.
    static func fields(
        _ r: MessageWrites.Recipient, event: EventRow?, campaign: CampaignRow?, rsvp: String?, unsubscribe: String?, sender: String
    ) -> [String: Any] {
        let values: [String: String?] = [
            "name": r.name, "company": r.company, "event": event?.name, "event_time": event.map { CalendarDate.chinaDateTime($0.startsAt) },
            "venue": event?.venue, "rsvp_link": rsvp, "unsubscribe_link": unsubscribe, "campaign": campaign?.name, "sender": sender,
        ]
        return values.mapValues { $0 ?? "" }
    }

    /// The words an SMS ends with so its reader can stop them (the providers ask for it too).
    public static let smsOptOutLine = "拒收请回复R"

    /// Subject and text of one message; marketing text always ends with the way out.
    static func render(
        subject: String?, body: String, purpose: String, _ fields: [String: Any], unsubscribe: String?, channel: String = "email"
    ) throws -> (subject: String, text: String) {
        let s = try compile(subject ?? "", "subject").render(fields)
        var text = try compile(body, "body").render(fields)
        if purpose == Purpose.marketing.rawValue {
            if channel == Channel.sms.rawValue {
                if !text.contains(smsOptOutLine) { text += " " + smsOptOutLine }
            } else if let u = unsubscribe, !text.contains(u) {
                text += "\n\n——\n不想再收到这类邮件？点此退订 / Unsubscribe: " + u
            }
        }
        return (s, text)
    }

    /// The merge fields a text names, in the order it names them: an SMS template's parameters
    /// (Tencent's are numbered in this order, Aliyun's go by these names).
    static func fieldOrder(_ body: String) -> [String] {
        let text = english(body)
        var out: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "{}#^/& "))
            if names.contains(where: { $0.en == name }), !out.contains(name) { out.append(name) }
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// A mainland mobile number as the providers take it (11 digits from 1), or nil.
    static func mobile(_ text: String?) -> String? {
        var digits = (text ?? "").filter(\.isNumber).filter(\.isASCII)
        if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
        guard digits.count == 11, digits.hasPrefix("1") else { return nil }
        return digits
    }

    /// A template filled with a real recipient's data (a contact, a lead or an event's invitee), before sending.
    public static func preview(
        _ templateId: Int64, contact: Int64?, lead: Int64?, invitation: Int64?, baseUrl: String, _ ctx: ServiceContext
    ) async throws -> (subject: String, text: String) {
        let t = try await template(templateId, ctx)
        var (r, event, campaign, rsvp) = (
            MessageWrites.Recipient(address: "", name: "", company: nil, contactId: nil, leadId: nil, invitationId: nil), EventRow?.none,
            CampaignRow?.none, String?.none
        )
        if let id = invitation {
            let i = try await EventService.invitation(id, ctx)
            event = try await EventQueries.event(i.eventId, on: ctx.store)
            campaign = try await event.asyncMap { try await MarketingQueries.campaign($0.campaignId, on: ctx.store) } ?? nil
            r = .init(
                address: i.email ?? "", name: i.name, company: i.company, contactId: i.contactId, leadId: i.leadId, invitationId: i.id)
            rsvp = baseUrl + Paths.Marketing.rsvp(i.rsvpToken)
        } else if let id = contact {
            let c = try await ContactService.find(id, ctx)
            r = .init(
                address: c.email ?? "", name: c.name, company: try await InventoryQueries.partner(c.partnerId, on: ctx.store)?.name,
                contactId: c.id, leadId: nil, invitationId: nil)
        } else if let id = lead {
            let l = try await LeadService.find(id, ctx)
            r = .init(
                address: l.email ?? "", name: l.contactName ?? l.company, company: l.company, contactId: nil, leadId: l.id,
                invitationId: nil)
        }
        let unsubscribe = t.purpose == Purpose.marketing.rawValue ? baseUrl + Paths.Marketing.unsubscribe("preview") : nil
        return try render(
            subject: t.subject, body: t.body, purpose: t.purpose,
            fields(r, event: event, campaign: campaign, rsvp: rsvp, unsubscribe: unsubscribe, sender: try await sender(ctx.store)),
            unsubscribe: unsubscribe, channel: t.channel)
    }

    static func sender(_ store: Store) async throws -> String {
        try await Settings.get("company.name", on: store) ?? ""
    }
}
