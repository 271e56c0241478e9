import Kernel
import SQLKit

/// Leads, their assignment rules and the look-alikes a new lead is checked against.
public enum LeadQueries {
    static let columns = ScopeFilter.Columns(branch: "branch_id", department: "department_id", owner: "owner_id")

    public struct Filter: Sendable {
        public var text: String?
        public var status: String?
        public var owner: Int64?
        public var inPool: Bool?
        /// Custom fields by key and the value each must have.
        public var custom: [String: String] = [:]
        public init(text: String?, status: String?, owner: Int64?, inPool: Bool?, custom: [String: String] = [:]) {
            self.custom = custom
            self.text = text
            self.status = status
            self.owner = owner
            self.inPool = inPool
        }
    }

    /// Leads in scope, and those of the lead pool of `poolBranch`, newest first, a page at a time.
    public static func list(
        _ scope: RowScope, poolBranch: Int64?, _ f: Filter, cursor: Cursor?, limit: Int, on store: Store
    ) async throws
        -> [LeadRow]
    {
        var q: SQLQueryString = "SELECT * FROM leads WHERE ("
        q += ScopeFilter.condition(scope, columns)
        if let b = poolBranch { q += " OR (owner_id IS NULL AND branch_id = \(bind: b))" }
        q += ")"
        if let s = CRMQueries.searchCondition(f.text, contactPhones: false) { q += " AND " + s }
        if let s = f.status, !s.isEmpty { q += " AND status = \(bind: s)" }
        if let o = f.owner { q += " AND owner_id = \(bind: o)" }
        if let p = f.inPool { q += p ? " AND owner_id IS NULL" : " AND owner_id IS NOT NULL" }
        q += CustomValueSQL.condition(f.custom, column: "custom_values", dialect: store.dialect)
        q += try Cursor.condition(cursor, column: "id", descending: true)
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: LeadRow.self)
    }

    public static func lead(_ id: Int64, on store: Store) async throws -> LeadRow? {
        try await store.first("SELECT * FROM leads WHERE id = \(bind: id)", as: LeadRow.self)
    }

    /// A customer or lead that looks like the same company.
    public struct Similar: Decodable, Sendable {
        public var id: Int64
        public var name: String
        public var branchId: Int64
        public var departmentId: Int64?
        public var ownerId: Int64?
    }

    public enum Key: Sendable {
        case nameKey(String)
        case uscc(String)
        case phoneDigits(String)
        case email(String)

        var condition: SQLQueryString {
            switch self {
            case let .nameKey(k): "name_key = \(bind: k)"
            case let .uscc(u): "uscc = \(bind: u)"
            case let .phoneDigits(d): "phone_digits = \(bind: d)"
            case let .email(e): "LOWER(email) = \(bind: e)"
            }
        }
    }

    /// Up to five customers with the same key.
    public static func customers(with key: Key, on store: Store) async throws -> [Similar] {
        try await store.all(
            "SELECT id, name, branch_id, department_id, owner_id FROM partners WHERE " + key.condition + " LIMIT 5", as: Similar.self)
    }

    /// Up to five leads not yet converted with the same key.
    public static func leads(with key: Key, on store: Store) async throws -> [Similar] {
        try await store.all(
            "SELECT id, company AS name, branch_id, department_id, owner_id FROM leads WHERE status <> 'converted' AND " + key.condition
                + " LIMIT 5",
            as: Similar.self)
    }

    /// Customers the search index names for `needle` (of those, only the ones whose search text
    /// contains `containing`, when given).
    public static func customers(found needle: String, containing: String? = nil, limit: Int, on store: Store) async throws -> [Similar] {
        var q: SQLQueryString =
            "SELECT id, name, branch_id, department_id, owner_id FROM partners WHERE id IN (" + CustomerSearch.candidates(needle, store)
            + ")"
        if let containing { q += " AND search_text LIKE \(bind: "%" + containing + "%")" }
        q += " LIMIT \(literal: limit)"
        return try await store.all(q, as: Similar.self)
    }

    public static func rules(activeOnly: Bool = false, on store: Store) async throws -> [LeadRuleRow] {
        if activeOnly {
            return try await store.all("SELECT * FROM lead_rules WHERE active = \(bind: true) ORDER BY id", as: LeadRuleRow.self)
        }
        return try await store.all("SELECT * FROM lead_rules ORDER BY id", as: LeadRuleRow.self)
    }

    public static func rule(_ id: Int64, on store: Store) async throws -> LeadRuleRow? {
        try await store.first("SELECT * FROM lead_rules WHERE id = \(bind: id)", as: LeadRuleRow.self)
    }
}

public enum LeadWrites {
    /// A lead as validated.
    public struct Lead: Sendable {
        public var company: String
        public var nameKey: String
        public var searchText: String
        public var contactName: String?
        public var title: String?
        public var phone: String?
        public var email: String?
        public var uscc: String?
        public var source: String?
        public var province: String?
        public var city: String?
        public var note: String?
        public var campaignId: Int64?
        public init(
            company: String, nameKey: String, searchText: String, contactName: String?, title: String?, phone: String?, email: String?,
            uscc: String?, source: String?, province: String?, city: String?, note: String?, campaignId: Int64? = nil
        ) {
            self.campaignId = campaignId
            self.company = company
            self.nameKey = nameKey
            self.searchText = searchText
            self.contactName = contactName
            self.title = title
            self.phone = phone
            self.email = email
            self.uscc = uscc
            self.source = source
            self.province = province
            self.city = city
            self.note = note
        }
    }

    public static func insert(
        _ v: Lead, status: String, owner: Int64?, department: Int64?, branch: Int64, at now: Int64, on store: Store
    ) async throws -> LeadRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO leads (company, name_key, search_text, contact_name, title, phone, phone_digits, email, uscc, source, province, city, note, status,
                    owner_id, branch_id, department_id, campaign_id, version, created_at, updated_at)
                VALUES (\(bind: v.company), \(bind: v.nameKey), \(bind: v.searchText), \(bind: v.contactName), \(bind: v.title), \(bind: v.phone),
                    \(bind: CustomerSearch.digits(v.phone)), \(bind: v.email), \(bind: v.uscc), \(bind: v.source), \(bind: v.province), \(bind: v.city),
                    \(bind: v.note), \(bind: status), \(bind: owner), \(bind: branch),
                    \(bind: department), \(bind: v.campaignId), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: LeadRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func update(lead id: Int64, _ v: Lead, version: Int64, at now: Int64, on store: Store) async throws -> LeadRow? {
        try await store.first(
            """
            UPDATE leads SET company = \(bind: v.company), name_key = \(bind: v.nameKey), search_text = \(bind: v.searchText),
                contact_name = \(bind: v.contactName), title = \(bind: v.title), phone = \(bind: v.phone), phone_digits = \(bind: CustomerSearch.digits(v.phone)),
                email = \(bind: v.email), uscc = \(bind: v.uscc), source = \(bind: v.source), province = \(bind: v.province), city = \(bind: v.city),
                note = \(bind: v.note), campaign_id = COALESCE(\(bind: v.campaignId), campaign_id), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: LeadRow.self)
    }

    /// Takes a rule's turn and moves it on, in one statement (two leads at once get two people);
    /// answers the turn taken.
    public static func takeTurn(ofRule id: Int64, on store: Store) async throws -> Int64? {
        try await store.scalar(
            "UPDATE lead_rules SET next_index = next_index + 1 WHERE id = \(bind: id) RETURNING next_index - 1 AS taken", as: Int64.self)
    }

    public static func assign(
        lead id: Int64, to user: Int64, department: Int64?, version: Int64, at now: Int64, on store: Store
    ) async throws
        -> LeadRow?
    {
        try await store.first(
            """
            UPDATE leads SET owner_id = \(bind: user), department_id = \(bind: department),
                status = CASE WHEN status = 'new' THEN 'assigned' ELSE status END, version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: LeadRow.self)
    }

    public static func disqualify(lead id: Int64, at now: Int64, on store: Store) async throws -> LeadRow? {
        try await store.first(
            "UPDATE leads SET status = 'disqualified', version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id) RETURNING *",
            as: LeadRow.self)
    }

    /// Deletes a lead; `inUse` when a follow-up or a task still names it.
    public static func delete(lead id: Int64, inUse: @autoclosure () -> any Error, on store: Store) async throws {
        try await store.delete("DELETE FROM leads WHERE id = \(bind: id)", inUse: inUse())
    }

    /// A converted lead's follow-ups belong to its customer.
    public static func moveFollowUps(ofLead id: Int64, toCustomer customer: Int64, on store: Store) async throws {
        try await store.run("UPDATE activities SET partner_id = \(bind: customer) WHERE lead_id = \(bind: id) AND partner_id IS NULL")
    }

    public static func converted(
        lead id: Int64, customer: Int64, contact: Int64?, opportunity: Int64?, version: Int64, at now: Int64, on store: Store
    ) async throws -> LeadRow? {
        try await store.first(
            """
            UPDATE leads SET status = 'converted', converted_partner_id = \(bind: customer), converted_contact_id = \(bind: contact),
                converted_opportunity_id = \(bind: opportunity), converted_at = \(bind: now), version = version + 1,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: LeadRow.self)
    }

    public static func insertRule(
        name: String, source: String?, users: String, active: Bool, at now: Int64, on store: Store
    ) async throws
        -> LeadRuleRow?
    {
        try await store.first(
            """
            INSERT INTO lead_rules (name, source, user_ids, next_index, active, version, created_at, updated_at)
            VALUES (\(bind: name), \(bind: source), \(bind: users), 0, \(bind: active), 1, \(bind: now), \(bind: now)) RETURNING *
            """, as: LeadRuleRow.self)
    }

    public static func updateRule(
        _ id: Int64, name: String, source: String?, users: String, active: Bool, version: Int64, at now: Int64, on store: Store
    ) async throws -> LeadRuleRow? {
        try await store.first(
            """
            UPDATE lead_rules SET name = \(bind: name), source = \(bind: source), user_ids = \(bind: users), active = \(bind: active),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
            """, as: LeadRuleRow.self)
    }
}
