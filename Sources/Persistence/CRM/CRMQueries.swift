import Kernel
import SQLKit

/// The CRM's reads. Every list applies the caller's data scope and pages by keyset.
public enum CRMQueries {
    /// Customers are scoped by branch, department and owner.
    public static let customerColumns = ScopeFilter.Columns(branch: "branch_id", department: "department_id", owner: "owner_id")

    public struct CustomerFilter: Sendable {
        public var q: String?
        public var level: String?
        public var status: String?
        public var industry: String?
        public var source: String?
        public var tag: String?
        public var ownerId: Int64?
        public var poolId: Int64?
        /// Only customers in a pool (no owner).
        public var inPool: Bool?
        /// "name" (A to Z, the default) or "newest".
        public var sort: String?
        /// Custom fields by key and the value each must have.
        public var custom: [String: String]
        public init(
            q: String? = nil, level: String? = nil, status: String? = nil, industry: String? = nil, source: String? = nil,
            tag: String? = nil,
            ownerId: Int64? = nil, poolId: Int64? = nil, inPool: Bool? = nil, sort: String? = nil, custom: [String: String] = [:]
        ) {
            self.custom = custom
            self.q = q
            self.level = level
            self.status = status
            self.industry = industry
            self.source = source
            self.tag = tag
            self.ownerId = ownerId
            self.poolId = poolId
            self.inPool = inPool
            self.sort = sort
        }
    }

    /// What a search text matches: any part of the name, its pinyin or initials, the code, a
    /// phone of the customer or of its contacts (by digits), an e-mail.
    public static func searchCondition(_ raw: String?, alias: String? = nil, contactPhones: Bool = true) -> SQLQueryString? {
        guard let text = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return nil }
        func col(_ name: String) -> SQLQueryString { alias.map { "\(ident: $0).\(ident: name)" } ?? "\(ident: name)" }
        let like = "%" + Search.escapeLike(Pinyin.halfWidth(text)) + "%"
        var parts: [SQLQueryString] = ["\(col("search_text")) LIKE \(bind: like) ESCAPE '\\'"]
        let digits = text.filter { $0.isASCII && $0.isNumber }
        if digits.count >= 4, digits.count == text.filter({ $0 != "-" && $0 != " " && $0 != "+" }).count {
            let dlike = "%" + digits + "%"
            parts.append("\(col("phone_digits")) LIKE \(bind: dlike)")
            if contactPhones { parts.append("\(col("id")) IN (SELECT partner_id FROM contacts WHERE phone_digits LIKE \(bind: dlike))") }
        }
        if text.contains("@") {
            parts.append("LOWER(\(col("email"))) = \(bind: text)")
        }
        return "(" + parts.joined(separator: " OR ") + ")"
    }

    /// A search condition and whether it narrows the list to few rows (then they are sorted
    /// rather than found by walking the whole list in order).
    public struct SearchMatch: Sendable {
        public var sql: SQLQueryString
        public var narrow: Bool
        public init(sql: SQLQueryString, narrow: Bool) {
            self.sql = sql
            self.narrow = narrow
        }
    }

    /// `search` is the condition the search text became (Services.CustomerSearch), if any.
    public static func customers(
        scope: RowScope, filter: CustomerFilter, search: SearchMatch? = nil, limit: Int, cursor: Cursor?,
        on store: Store
    ) async throws -> Page<PartnerRow> {
        var q: SQLQueryString = "SELECT * FROM partners WHERE is_customer = \(bind: true) AND "
        q += ScopeFilter.condition(scope, customerColumns)
        if let s = search { q += " AND " + s.sql } else if let s = searchCondition(filter.q) { q += " AND " + s }
        // SQLite: `+name` keeps the planner from walking the name index for a narrowed list.
        let sortNarrow = search?.narrow == true && store.dialect == .sqlite
        if let v = filter.level, !v.isEmpty { q += " AND level = \(bind: v)" }
        if let v = filter.status, !v.isEmpty { q += " AND status = \(bind: v)" }
        if let v = filter.industry, !v.isEmpty { q += " AND industry = \(bind: v)" }
        if let v = filter.source, !v.isEmpty { q += " AND source = \(bind: v)" }
        if let v = filter.tag, !v.isEmpty { q += " AND tags LIKE \(bind: "%," + Search.escapeLike(v) + ",%") ESCAPE '\\'" }
        if let v = filter.ownerId { q += " AND owner_id = \(bind: v)" }
        if let v = filter.poolId { q += " AND pool_id = \(bind: v)" }
        if let v = filter.inPool { q += v ? " AND owner_id IS NULL" : " AND owner_id IS NOT NULL" }
        q += CustomValueSQL.condition(filter.custom, column: "custom_values", dialect: store.dialect)
        if filter.sort == "newest" {
            q += try Cursor.condition(cursor, column: "id", descending: true)
            q += sortNarrow ? " ORDER BY +id DESC LIMIT \(literal: limit + 1)" : " ORDER BY id DESC LIMIT \(literal: limit + 1)"
            let rows = try await store.all(q, as: PartnerRow.self)
            return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
        }
        q += try Cursor.condition(cursor, column: "name", descending: false)
        q +=
            sortNarrow
            ? " ORDER BY +name, +id LIMIT \(literal: limit + 1)" : Cursor.orderBy(column: "name", descending: false, limit: limit)
        let rows = try await store.all(q, as: PartnerRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .text($0.name), id: $0.id) }
    }

    public static func customer(_ id: Int64, on store: Store) async throws -> PartnerRow? {
        try await store.first("SELECT * FROM partners WHERE id = \(bind: id) AND is_customer = \(bind: true)", as: PartnerRow.self)
    }

    // MARK: Contacts

    public static func contacts(of partnerId: Int64, on store: Store) async throws -> [ContactRow] {
        try await store.all(
            "SELECT * FROM contacts WHERE partner_id = \(bind: partnerId) ORDER BY is_primary DESC, name, id", as: ContactRow.self)
    }

    public static func contact(_ id: Int64, on store: Store) async throws -> ContactRow? {
        try await store.first("SELECT * FROM contacts WHERE id = \(bind: id)", as: ContactRow.self)
    }

    /// Contacts whose mobile (else phone) has these digits, oldest first.
    public static func contacts(phoneDigits d: String, on store: Store) async throws -> [ContactRow] {
        try await store.all(
            "SELECT * FROM contacts WHERE phone_digits = \(bind: d) OR phone_digits LIKE \(bind: d + " %") ORDER BY id LIMIT 2",
            as: ContactRow.self)
    }

    /// Contacts with this e-mail address (any case), oldest first.
    public static func contacts(email: String, on store: Store) async throws -> [ContactRow] {
        try await store.all(
            "SELECT * FROM contacts WHERE LOWER(email) = \(bind: email.lowercased()) ORDER BY id LIMIT 2", as: ContactRow.self)
    }

    /// Contacts of customers in scope, searched by name, pinyin, phone or e-mail.
    public static func contacts(
        scope: RowScope, q: String?, partnerId: Int64?, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<ContactRow> {
        var sql: SQLQueryString = "SELECT c.* FROM contacts c JOIN partners p ON p.id = c.partner_id WHERE "
        sql += ScopeFilter.condition(scope, .init(branch: "p.branch_id", department: "p.department_id", owner: "p.owner_id"))
        if let s = searchCondition(q, alias: "c", contactPhones: false) { sql += " AND " + s }
        if let p = partnerId { sql += " AND c.partner_id = \(bind: p)" }
        if let cursor { sql += " AND c.id > \(bind: cursor.id)" }
        sql += " ORDER BY c.id LIMIT \(literal: limit + 1)"
        let rows = try await store.all(sql, as: ContactRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public struct BirthdayRow: Codable, Sendable, Equatable {
        public var contactId: Int64
        public var name: String
        public var birthday: String
        public var birthdayMd: String
        public var partnerId: Int64
        public var partnerName: String
        public var ownerId: Int64?
    }

    /// Contacts whose birthday (month and day) falls on one of these days, of customers in scope.
    public static func birthdays(scope: RowScope, monthDays: [String], on store: Store) async throws -> [BirthdayRow] {
        guard !monthDays.isEmpty else { return [] }
        var sql: SQLQueryString = """
            SELECT c.id AS contact_id, c.name, c.birthday, c.birthday_md, p.id AS partner_id, p.name AS partner_name, p.owner_id
            FROM contacts c JOIN partners p ON p.id = c.partner_id
            WHERE c.birthday_md IN (\(binds: monthDays.map { $0 as any Encodable & Sendable })) AND
            """
        sql += " "
        sql += ScopeFilter.condition(scope, .init(branch: "p.branch_id", department: "p.department_id", owner: "p.owner_id"))
        sql += " ORDER BY c.birthday_md, c.name LIMIT 200"
        return try await store.all(sql, as: BirthdayRow.self)
    }

    // MARK: Custom fields

    public static func customFields(entity: String?, activeOnly: Bool, on store: Store) async throws -> [CustomFieldRow] {
        var sql: SQLQueryString = "SELECT * FROM custom_fields WHERE 1 = 1"
        if let entity { sql += " AND entity = \(bind: entity)" }
        if activeOnly { sql += " AND active = \(bind: true)" }
        sql += " ORDER BY entity, sort_order, id"
        return try await store.all(sql, as: CustomFieldRow.self)
    }

    public static func customField(_ id: Int64, on store: Store) async throws -> CustomFieldRow? {
        try await store.first("SELECT * FROM custom_fields WHERE id = \(bind: id)", as: CustomFieldRow.self)
    }

    // MARK: Related organisations

    public static func relations(of partnerId: Int64, on store: Store) async throws -> [CustomerRelationRow] {
        try await store.all(
            """
            SELECT * FROM customer_relations WHERE parent_id = \(bind: partnerId) OR child_id = \(bind: partnerId) ORDER BY id
            """, as: CustomerRelationRow.self)
    }

    public static func relation(_ id: Int64, on store: Store) async throws -> CustomerRelationRow? {
        try await store.first("SELECT * FROM customer_relations WHERE id = \(bind: id)", as: CustomerRelationRow.self)
    }

    public static func parentRelation(of child: Int64, on store: Store) async throws -> CustomerRelationRow? {
        try await store.first("SELECT * FROM customer_relations WHERE child_id = \(bind: child)", as: CustomerRelationRow.self)
    }

    /// The whole group a customer belongs to: from its top parent down, as (relation, depth).
    public static func group(of partnerId: Int64, on store: Store) async throws -> (root: Int64, links: [CustomerRelationRow]) {
        var root = partnerId
        var seen: Set<Int64> = [root]
        while let up = try await parentRelation(of: root, on: store), !seen.contains(up.parentId) {
            root = up.parentId
            seen.insert(root)
        }
        var links: [CustomerRelationRow] = []
        var frontier = [root]
        var visited: Set<Int64> = [root]
        while !frontier.isEmpty, links.count < 500 {
            let rows = try await store.all(
                """
                SELECT * FROM customer_relations WHERE parent_id IN (\(binds: frontier.map { $0 as any Encodable & Sendable })) ORDER BY id
                """, as: CustomerRelationRow.self)
            frontier = rows.map(\.childId).filter { visited.insert($0).inserted }
            links += rows
        }
        return (root, links)
    }

    // MARK: Activities

    public static let activityColumns = ScopeFilter.Columns(branch: "branch_id", department: "department_id", owner: "owner_id")

    /// A customer's timeline, newest first.
    public static func activities(partnerId: Int64, limit: Int, cursor: Cursor?, on store: Store) async throws -> Page<ActivityRow> {
        var sql: SQLQueryString = "SELECT * FROM activities WHERE partner_id = \(bind: partnerId)"
        sql += try Cursor.condition(cursor, column: "occurred_at", descending: true)
        sql += Cursor.orderBy(column: "occurred_at", descending: true, limit: limit)
        let rows = try await store.all(sql, as: ActivityRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.occurredAt), id: $0.id) }
    }

    public struct ActivityFilter: Sendable {
        public var partnerId: Int64?
        public var leadId: Int64?
        public var ownerId: Int64?
        public var kind: String?
        public var from: Int64?
        public var to: Int64?
        public init(
            partnerId: Int64? = nil, leadId: Int64? = nil, ownerId: Int64? = nil, kind: String? = nil, from: Int64? = nil, to: Int64? = nil
        ) {
            self.partnerId = partnerId
            self.leadId = leadId
            self.ownerId = ownerId
            self.kind = kind
            self.from = from
            self.to = to
        }
    }

    /// Follow-ups in the caller's scope, newest first.
    public static func activities(
        scope: RowScope, filter: ActivityFilter, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<ActivityRow> {
        var sql: SQLQueryString = "SELECT * FROM activities WHERE "
        sql += ScopeFilter.condition(scope, activityColumns)
        if let v = filter.partnerId { sql += " AND partner_id = \(bind: v)" }
        if let v = filter.leadId { sql += " AND lead_id = \(bind: v)" }
        if let v = filter.ownerId { sql += " AND owner_id = \(bind: v)" }
        if let v = filter.kind, !v.isEmpty { sql += " AND kind = \(bind: v)" }
        if let v = filter.from { sql += " AND occurred_at >= \(bind: v)" }
        if let v = filter.to { sql += " AND occurred_at < \(bind: v)" }
        sql += try Cursor.condition(cursor, column: "occurred_at", descending: true)
        sql += Cursor.orderBy(column: "occurred_at", descending: true, limit: limit)
        let rows = try await store.all(sql, as: ActivityRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.occurredAt), id: $0.id) }
    }

    public static func activity(_ id: Int64, on store: Store) async throws -> ActivityRow? {
        try await store.first("SELECT * FROM activities WHERE id = \(bind: id)", as: ActivityRow.self)
    }

    /// Active partners a person may name: in their customers scope or in their partners scope
    /// (both nil: every partner, for the system itself).
    public static func pickable(
        customers: RowScope?, partners: RowScope?, everyone: Bool, customer: Bool?, supplier: Bool?, limit: Int, on store: Store
    ) async throws -> [PartnerRow] {
        var reach: [SQLQueryString] = []
        if let s = customers {
            reach.append(ScopeFilter.condition(s, .init(branch: "branch_id", department: "department_id", owner: "owner_id")))
        }
        if let s = partners { reach.append(ScopeFilter.condition(s, .init(branch: "branch_id", department: nil, owner: "owner_id"))) }
        if everyone { reach.append("1 = 1") }
        guard !reach.isEmpty else { return [] }
        var q: SQLQueryString = "SELECT * FROM partners WHERE active = \(bind: true) AND (" + reach.joined(separator: " OR ") + ")"
        if let customer { q += " AND is_customer = \(bind: customer)" }
        if let supplier { q += " AND is_supplier = \(bind: supplier)" }
        q += " ORDER BY code LIMIT \(literal: limit)"
        return try await store.all(q, as: PartnerRow.self)
    }

    public static func partner(uscc: String, on store: Store) async throws -> PartnerRow? {
        try await store.first("SELECT * FROM partners WHERE uscc = \(bind: uscc)", as: PartnerRow.self)
    }

    public static func partner(nameKey: String, on store: Store) async throws -> PartnerRow? {
        try await store.first("SELECT * FROM partners WHERE name_key = \(bind: nameKey)", as: PartnerRow.self)
    }

    /// How many partners share a name key (more than one only in data written before names were kept apart).
    public static func partnerCount(nameKey: String, on store: Store) async throws -> Int64 {
        try await store.scalar("SELECT COUNT(*) AS n FROM partners WHERE name_key = \(bind: nameKey)", as: Int64.self) ?? 0
    }

    /// The partner that stands for a branch, if it was made already.
    public static func internalPartner(ofBranch id: Int64, on store: Store) async throws -> PartnerRow? {
        try await store.first("SELECT * FROM partners WHERE internal_branch_id = \(bind: id)", as: PartnerRow.self)
    }

    /// Customers with this phone number (its digits), oldest first.
    public static func customers(phoneDigits: String, on store: Store) async throws -> [PartnerRow] {
        guard !phoneDigits.isEmpty else { return [] }
        return try await store.all(
            "SELECT * FROM partners WHERE is_customer = TRUE AND phone_digits = \(bind: phoneDigits) ORDER BY id LIMIT 2",
            as: PartnerRow.self)
    }

    /// Customers with this e-mail address (any case), oldest first.
    public static func customers(email: String, on store: Store) async throws -> [PartnerRow] {
        try await store.all(
            "SELECT * FROM partners WHERE is_customer = TRUE AND LOWER(email) = \(bind: email.lowercased()) ORDER BY id LIMIT 2",
            as: PartnerRow.self)
    }

    public static func partner(code: String, on store: Store) async throws -> PartnerRow? {
        try await store.first("SELECT * FROM partners WHERE code = \(bind: code)", as: PartnerRow.self)
    }
}
