import DocumentsCore
import Kernel
import SQLKit

/// Events, their invitations and what they brought.
public enum EventQueries {
    public static func event(_ id: Int64, on store: Store) async throws -> EventRow? {
        try await store.first("SELECT * FROM campaign_events WHERE id = \(bind: id)", as: EventRow.self)
    }

    /// Events, the latest first (of one campaign when named), a page at a time (keyset on start and id).
    public static func events(
        campaign: Int64?, limit: Int, after: (startsAt: Int64, id: Int64)?, on store: Store
    ) async throws -> [EventRow] {
        var q: SQLQueryString = "SELECT * FROM campaign_events WHERE 1 = 1"
        if let c = campaign { q += " AND campaign_id = \(bind: c)" }
        if let a = after { q += " AND (starts_at < \(bind: a.startsAt) OR (starts_at = \(bind: a.startsAt) AND id < \(bind: a.id)))" }
        q += " ORDER BY starts_at DESC, id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: EventRow.self)
    }

    public static func invitation(_ id: Int64, on store: Store) async throws -> InvitationRow? {
        try await store.first("SELECT * FROM event_invitations WHERE id = \(bind: id)", as: InvitationRow.self)
    }

    public static func invitation(token: String, on store: Store) async throws -> InvitationRow? {
        try await store.first("SELECT * FROM event_invitations WHERE rsvp_token = \(bind: token)", as: InvitationRow.self)
    }

    public static func invitation(ticket: String, on store: Store) async throws -> InvitationRow? {
        try await store.first("SELECT * FROM event_invitations WHERE ticket = \(bind: ticket)", as: InvitationRow.self)
    }

    /// Contacts and leads of `event` already invited, so that nobody is invited twice.
    public static func invited(event: Int64, on store: Store) async throws -> (contacts: Set<Int64>, leads: Set<Int64>) {
        struct R: Decodable { var contactId: Int64?; var leadId: Int64? }
        let rows = try await store.all(
            "SELECT contact_id, lead_id FROM event_invitations WHERE event_id = \(bind: event)", as: R.self)
        return (Set(rows.compactMap(\.contactId)), Set(rows.compactMap(\.leadId)))
    }

    /// An event's invitations, by name; those matching `q` (name, company, phone, ticket) when given.
    public static func invitations(
        event: Int64, status: String?, q: String?, limit: Int, after: Int64?, on store: Store
    ) async throws -> [InvitationRow] {
        var sql: SQLQueryString = "SELECT * FROM event_invitations WHERE event_id = \(bind: event)"
        if let s = status, !s.isEmpty { sql += " AND status = \(bind: s)" }
        if let text = q?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let like = "%" + text + "%"
            sql +=
                " AND (name LIKE \(bind: like) OR company LIKE \(bind: like) OR phone LIKE \(bind: like) OR ticket = \(bind: text.uppercased()))"
        }
        if let a = after { sql += " AND id > \(bind: a)" }
        sql += " ORDER BY id LIMIT \(literal: limit)"
        return try await store.all(sql, as: InvitationRow.self)
    }

    /// The door's figures: how many were invited, accepted, declined, checked in, and came as walk-ins.
    public struct Counts: Decodable, Sendable, Equatable {
        public var invited: Int64
        public var accepted: Int64
        public var declined: Int64
        public var checkedIn: Int64
        public var walkIns: Int64
        public init(invited: Int64 = 0, accepted: Int64 = 0, declined: Int64 = 0, checkedIn: Int64 = 0, walkIns: Int64 = 0) {
            self.invited = invited
            self.accepted = accepted
            self.declined = declined
            self.checkedIn = checkedIn
            self.walkIns = walkIns
        }
    }

    public static func counts(event: Int64, on store: Store) async throws -> Counts {
        let rows = try await store.all(
            """
            SELECT CAST(COALESCE(SUM(CASE WHEN walk_in THEN 0 ELSE 1 END), 0) AS BIGINT) AS invited,
                CAST(COALESCE(SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END), 0) AS BIGINT) AS accepted,
                CAST(COALESCE(SUM(CASE WHEN status = 'declined' THEN 1 ELSE 0 END), 0) AS BIGINT) AS declined,
                CAST(COALESCE(SUM(CASE WHEN status = 'checked_in' THEN 1 ELSE 0 END), 0) AS BIGINT) AS checked_in,
                CAST(COALESCE(SUM(CASE WHEN walk_in THEN 1 ELSE 0 END), 0) AS BIGINT) AS walk_ins
            FROM event_invitations WHERE event_id = \(bind: event)
            """, as: Counts.self)
        return rows.first ?? Counts()
    }

    /// What the event brought within a window after it (`from` … `to`, dates; `fromMillis` …
    /// `toMillis` the same window in time): among the customers of those who came (a contact's
    /// customer, or what a lead who came was converted to), the opportunities opened, the
    /// contracts signed and their amount, and the money received; the walk-ins' leads.
    public struct Outcome: Decodable, Sendable, Equatable {
        public var leads: Int64
        public var opportunities: Int64
        public var contracts: Int64
        public var contractAmount: Int64
        public var collected: Int64
    }

    public static func outcome(
        event: Int64, from: String, to: String, fromMillis: Int64, toMillis: Int64, on store: Store
    ) async throws -> Outcome {
        let came: SQLQueryString = """
            SELECT i.partner_id FROM event_invitations i WHERE i.event_id = \(bind: event) AND i.status = 'checked_in'
                AND i.partner_id IS NOT NULL
            UNION SELECT l.converted_partner_id FROM event_invitations i JOIN leads l ON l.id = i.lead_id
                WHERE i.event_id = \(bind: event) AND i.status = 'checked_in' AND l.converted_partner_id IS NOT NULL
            """
        var q: SQLQueryString = """
            SELECT (SELECT COUNT(*) FROM event_invitations WHERE event_id = \(bind: event) AND walk_in AND lead_id IS NOT NULL) AS leads,
                (SELECT COUNT(*) FROM opportunities WHERE created_at >= \(bind: fromMillis) AND created_at < \(bind: toMillis)
                    AND partner_id IN (
            """
        q += came
        q += """
            )) AS opportunities,
                (SELECT COUNT(*) FROM contracts WHERE sign_date >= \(bind: from) AND sign_date < \(bind: to)
                    AND status IN (\(states: MarketingQueries.signed)) AND partner_id IN (
            """
        q += came
        q += """
            )) AS contracts,
                (SELECT CAST(COALESCE(SUM(total_amount), 0) AS BIGINT) FROM contracts WHERE sign_date >= \(bind: from)
                    AND sign_date < \(bind: to) AND status IN (\(states: MarketingQueries.signed)) AND partner_id IN (
            """
        q += came
        q += """
            )) AS contract_amount,
                (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM payments WHERE direction = 'in'
                    AND status IN (\(states: PaymentFlow.open)) AND payment_date >= \(bind: from) AND payment_date < \(bind: to)
                    AND partner_id IN (
            """
        q += came
        q += ")) AS collected"
        guard let o = try await store.first(q, as: Outcome.self) else { throw StoreError.noRowReturned }
        return o
    }
}

extension EventQueries {
    /// Those who came to any event of a campaign (walk-ins too).
    public static func attendees(campaign: Int64, on store: Store) async throws -> Int64 {
        struct R: Decodable { var n: Int64 }
        return try await store.first(
            """
            SELECT COUNT(*) AS n FROM event_invitations i JOIN campaign_events e ON e.id = i.event_id
            WHERE e.campaign_id = \(bind: campaign) AND i.status = 'checked_in'
            """, as: R.self)?.n ?? 0
    }
}
