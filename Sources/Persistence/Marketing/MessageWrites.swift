import Kernel
import SQLKit

public enum MessageWrites {
    public struct Template: Sendable {
        public var name: String
        public var channel: String
        public var purpose: String
        public var subject: String?
        public var body: String
        public var providerTemplate: String?
        public init(name: String, channel: String, purpose: String, subject: String?, body: String, providerTemplate: String?) {
            self.name = name
            self.channel = channel
            self.purpose = purpose
            self.subject = subject
            self.body = body
            self.providerTemplate = providerTemplate
        }
    }

    public static func insert(_ t: Template, at now: Int64, on store: Store) async throws -> MessageTemplateRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO message_templates (name, channel, purpose, subject, body, provider_template, version, created_at, updated_at)
                VALUES (\(bind: t.name), \(bind: t.channel), \(bind: t.purpose), \(bind: t.subject), \(bind: t.body),
                    \(bind: t.providerTemplate), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: MessageTemplateRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func update(
        _ id: Int64, _ t: Template, version: Int64, at now: Int64, on store: Store
    ) async throws -> MessageTemplateRow? {
        try await store.first(
            """
            UPDATE message_templates SET name = \(bind: t.name), channel = \(bind: t.channel), purpose = \(bind: t.purpose),
                subject = \(bind: t.subject), body = \(bind: t.body), provider_template = \(bind: t.providerTemplate), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: MessageTemplateRow.self)
    }

    public struct Send: Sendable {
        public var templateId: Int64
        public var campaignId: Int64?
        public var eventId: Int64?
        public var channel: String
        public var purpose: String
        public var subject: String?
        public var body: String
        public var providerTemplate: String?
        public var baseUrl: String
        public var branchId: Int64
        public var tracking: Bool
        public init(
            templateId: Int64, campaignId: Int64?, eventId: Int64?, channel: String, purpose: String, subject: String?, body: String,
            providerTemplate: String?, baseUrl: String, branchId: Int64, tracking: Bool = false
        ) {
            self.tracking = tracking
            self.providerTemplate = providerTemplate
            self.templateId = templateId
            self.campaignId = campaignId
            self.eventId = eventId
            self.channel = channel
            self.purpose = purpose
            self.subject = subject
            self.body = body
            self.baseUrl = baseUrl
            self.branchId = branchId
        }
    }

    public static func insert(_ s: Send, status: String, by user: Int64?, at now: Int64, on store: Store) async throws -> MessageSendRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO message_sends (template_id, campaign_id, event_id, channel, purpose, status, subject, body, provider_template,
                    base_url, branch_id, created_by, version, created_at, updated_at, tracking)
                VALUES (\(bind: s.templateId), \(bind: s.campaignId), \(bind: s.eventId), \(bind: s.channel), \(bind: s.purpose),
                    \(bind: status), \(bind: s.subject), \(bind: s.body), \(bind: s.providerTemplate), \(bind: s.baseUrl), \(bind: s.branchId),
                    \(bind: user), 1, \(bind: now), \(bind: now), \(bind: s.tracking))
                RETURNING *
                """, as: MessageSendRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func setStatus(
        _ id: Int64, _ status: String, version: Int64, at now: Int64, on store: Store
    ) async throws -> MessageSendRow? {
        try await store.first(
            """
            UPDATE message_sends SET status = \(bind: status), version = version + 1, updated_at = \(bind: now),
                finished_at = CASE WHEN \(bind: status) IN ('done', 'cancelled') THEN \(bind: now) ELSE finished_at END
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: MessageSendRow.self)
    }

    public struct Recipient: Sendable {
        public var address: String
        public var name: String
        public var company: String?
        public var contactId: Int64?
        public var leadId: Int64?
        public var invitationId: Int64?
        public init(address: String, name: String, company: String?, contactId: Int64?, leadId: Int64?, invitationId: Int64?) {
            self.address = address
            self.name = name
            self.company = company
            self.contactId = contactId
            self.leadId = leadId
            self.invitationId = invitationId
        }
    }

    /// Queues recipients in bulk (one statement per 200); each keeps its status and unsubscribe secret.
    public static func insert(
        recipients: [(Recipient, status: String, token: String)], send: Int64, on store: Store
    ) async throws {
        for chunk in recipients.chunked(200) {
            var q: SQLQueryString =
                "INSERT INTO message_recipients (send_id, address, name, company, contact_id, lead_id, invitation_id, token, status) VALUES "
            for (i, r) in chunk.enumerated() {
                if i > 0 { q += ", " }
                q += """
                    (\(bind: send), \(bind: r.0.address), \(bind: r.0.name), \(bind: r.0.company), \(bind: r.0.contactId),
                        \(bind: r.0.leadId), \(bind: r.0.invitationId), \(bind: r.token), \(bind: r.status))
                    """
            }
            try await store.run(q)
        }
    }

    /// Claims recipients for sending: only those still queued (a second server claims none of them).
    public static func claim(_ ids: [Int64], at now: Int64, on store: Store) async throws -> [MessageRecipientRow] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            UPDATE message_recipients SET status = 'sending', claimed_at = \(bind: now), attempts = attempts + 1
            WHERE id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND status = 'queued'
            RETURNING *
            """, as: MessageRecipientRow.self)
    }

    /// Recipients put off until `until` without an attempt (a daily cap reached).
    public static func putOff(_ ids: [Int64], until: Int64, reason: String, on store: Store) async throws {
        guard !ids.isEmpty else { return }
        try await store.run(
            """
            UPDATE message_recipients SET next_attempt_at = \(bind: until), error = \(bind: reason)
            WHERE id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND status = 'queued'
            """)
    }

    /// What became of one recipient: sent, failed for good, or queued again after a wait.
    public static func settle(
        _ id: Int64, status: String, error: String?, sentAt: Int64?, nextAttemptAt: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            UPDATE message_recipients SET status = \(bind: status), error = \(bind: error), sent_at = \(bind: sentAt),
                next_attempt_at = \(bind: nextAttemptAt)
            WHERE id = \(bind: id) AND status = 'sending'
            """)
    }

    /// Recipients a stopped server left half-sent: whether their message went is not known, so
    /// they are marked so and never sent again (a second message is worse than a missing one).
    public static func abandon(claimedBefore: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE message_recipients SET status = 'unknown', error = 'interrupted'
            WHERE status = 'sending' AND claimed_at < \(bind: claimedBefore)
            """)
    }

    /// Records an opt-out once (a second asks nothing new).
    public static func optOut(
        channel: String, address: String, purpose: String, source: String, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            INSERT INTO opt_outs (channel, address, purpose, source, created_at)
            VALUES (\(bind: channel), \(bind: address), \(bind: purpose), \(bind: source), \(bind: now))
            ON CONFLICT (channel, address, purpose) DO NOTHING
            """)
    }

    public static func unsubscribed(recipient id: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE message_recipients SET unsubscribed_at = COALESCE(unsubscribed_at, \(bind: now)) WHERE id = \(bind: id)")
    }

    public static func delete(optOut id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM opt_outs WHERE id = \(bind: id)")
    }

    /// Numbers a tracked send's links (1, 2, …), in the order given.
    public static func insert(links: [String], send: Int64, on store: Store) async throws {
        for (i, url) in links.enumerated() {
            try await store.run(
                "INSERT INTO message_links (send_id, n, url) VALUES (\(bind: send), \(bind: Int64(i + 1)), \(bind: url))")
        }
    }

    /// A recipient opened the message (the first time counts).
    public static func opened(recipient id: Int64, at now: Int64, on store: Store) async throws {
        try await store.run("UPDATE message_recipients SET opened_at = COALESCE(opened_at, \(bind: now)) WHERE id = \(bind: id)")
    }

    /// A recipient followed a link: counted, the first kept (and the message counts as opened).
    public static func clicked(recipient id: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE message_recipients SET clicked_at = COALESCE(clicked_at, \(bind: now)), opened_at = COALESCE(opened_at, \(bind: now)),
                clicks = clicks + 1
            WHERE id = \(bind: id)
            """)
    }
}
