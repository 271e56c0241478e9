import Foundation
import Kernel
import SQLKit

/// A segment's rule (客户分群规则): every condition it names must hold; those it leaves out do not
/// narrow. Amounts in fen, periods in days back from today.
public struct SegmentRule: Codable, Sendable, Equatable {
    public var levels: [String]?
    public var provinces: [String]?
    public var cities: [String]?
    public var industries: [String]?
    public var branchIds: [Int64]?
    public var ownerIds: [Int64]?
    /// Any of these tags.
    public var tags: [String]?
    /// What they bought: any of these products or categories, in the last `periodDays` days.
    public var productIds: [Int64]?
    public var categoryIds: [Int64]?
    public var periodDays: Int64?
    public var minAmount: Int64?
    public var minDeliveries: Int64?
    /// No delivery for at least this many days (or never one).
    public var inactiveDays: Int64?
    /// Receivables open of at least this much.
    public var minOwed: Int64?
    /// A contact whose birthday falls in this month.
    public var birthdayThisMonth: Bool?
    /// Customer custom fields (by key) and the value each must have.
    public var customFields: [String: String]?
    public init() {}

    /// Whether any condition on purchases is named (then deliveries are read).
    public var readsPurchases: Bool {
        productIds?.isEmpty == false || categoryIds?.isEmpty == false || minAmount != nil || minDeliveries != nil
    }
}

public struct SegmentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var description: String?
    /// The rule as JSON (`SegmentRule`).
    public var rule: String
    public var ownerId: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public enum SegmentQueries {
    public static func segment(_ id: Int64, on store: Store) async throws -> SegmentRow? {
        try await store.first("SELECT * FROM segments WHERE id = \(bind: id)", as: SegmentRow.self)
    }

    public static func segments(limit: Int, after: Int64?, on store: Store) async throws -> [SegmentRow] {
        var q: SQLQueryString = "SELECT * FROM segments WHERE 1 = 1"
        if let a = after { q += " AND id < \(bind: a)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: SegmentRow.self)
    }

    static func list<T: Encodable & Sendable>(_ values: [T]) -> SQLQueryString { "\(binds: values.map { $0 as any Encodable & Sendable })" }

    /// The condition on `partners p` a rule becomes, within what `scope` reaches. `today` is the
    /// company's date (China time) the periods count back from.
    public static func condition(_ r: SegmentRule, scope: RowScope, today: CalendarDate, dialect: Dialect) -> SQLQueryString {
        var q: SQLQueryString = "p.is_customer = \(bind: true) AND p.active = \(bind: true) AND "
        q += ScopeFilter.condition(scope, .init(branch: "p.branch_id", department: "p.department_id", owner: "p.owner_id"))
        if let v = r.levels, !v.isEmpty { q += " AND p.level IN (\(list(v)))" }
        if let v = r.provinces, !v.isEmpty { q += " AND p.province IN (\(list(v)))" }
        if let v = r.cities, !v.isEmpty { q += " AND p.city IN (\(list(v)))" }
        if let v = r.industries, !v.isEmpty { q += " AND p.industry IN (\(list(v)))" }
        if let v = r.branchIds, !v.isEmpty { q += " AND p.branch_id IN (\(list(v)))" }
        if let v = r.ownerIds, !v.isEmpty { q += " AND p.owner_id IN (\(list(v)))" }
        if let v = r.tags, !v.isEmpty {
            q += " AND ("
            for (i, tag) in v.enumerated() {
                if i > 0 { q += " OR " }
                q += "p.tags LIKE \(bind: "%," + Search.escapeLike(tag) + ",%") ESCAPE '\\'"
            }
            q += ")"
        }
        if r.readsPurchases {
            let from = today.adding(days: -(r.periodDays ?? 365)).text
            q += """
                 AND p.id IN (SELECT d.partner_id FROM stock_documents d JOIN stock_document_lines l ON l.document_id = d.id
                """
            if r.categoryIds?.isEmpty == false { q += " JOIN products pr ON pr.id = l.product_id" }
            q +=
                " WHERE d.doc_type = 'salesDelivery' AND d.status = 'posted' AND d.partner_id IS NOT NULL AND d.posting_date >= \(bind: from)"
            if let v = r.productIds, !v.isEmpty { q += " AND l.product_id IN (\(list(v)))" }
            if let v = r.categoryIds, !v.isEmpty { q += " AND pr.category_id IN (\(list(v)))" }
            q += " GROUP BY d.partner_id HAVING COUNT(DISTINCT d.id) >= \(bind: max(r.minDeliveries ?? 1, 1))"
            if let m = r.minAmount { q += " AND SUM(COALESCE(l.amount, 0)) >= \(bind: m)" }
            q += ")"
        }
        if let days = r.inactiveDays {
            let cutoff = today.adding(days: -days).text
            q += """
                 AND NOT EXISTS (SELECT 1 FROM stock_documents d WHERE d.partner_id = p.id AND d.doc_type = 'salesDelivery'
                    AND d.status = 'posted' AND d.posting_date > \(bind: cutoff))
                """
        }
        if let m = r.minOwed {
            q +=
                " AND p.id IN (SELECT partner_id FROM open_items WHERE side = 'ar' GROUP BY partner_id HAVING SUM(amount - settled) >= \(bind: m))"
        }
        q += CustomValueSQL.condition(r.customFields ?? [:], column: "p.custom_values", dialect: dialect)
        if r.birthdayThisMonth == true {
            let month = today.parts.month
            q +=
                " AND EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = p.id AND c.birthday_md LIKE \(bind: (month < 10 ? "0" : "") + String(month) + "-%"))"
        }
        return q
    }

    public static func count(_ r: SegmentRule, scope: RowScope, today: CalendarDate, on store: Store) async throws -> Int64 {
        struct R: Decodable { var n: Int64 }
        var q: SQLQueryString = "SELECT COUNT(*) AS n FROM partners p WHERE "
        q += condition(r, scope: scope, today: today, dialect: store.dialect)
        return try await store.first(q, as: R.self)?.n ?? 0
    }

    /// The customers a rule finds, by id, a page at a time.
    public static func customers(
        _ r: SegmentRule, scope: RowScope, today: CalendarDate, limit: Int, after: Int64?, on store: Store
    ) async throws -> [PartnerRow] {
        var q: SQLQueryString = "SELECT p.* FROM partners p WHERE "
        q += condition(r, scope: scope, today: today, dialect: store.dialect)
        if let a = after { q += " AND p.id > \(bind: a)" }
        q += " ORDER BY p.id LIMIT \(literal: limit)"
        return try await store.all(q, as: PartnerRow.self)
    }

    /// The contacts of the customers a rule finds (those born this month when the rule asks for
    /// birthdays), with their customer's name, a page at a time.
    public struct Contact: Decodable, Sendable {
        public var id: Int64
        public var partnerId: Int64
        public var name: String
        public var email: String?
        public var mobile: String?
        public var phone: String?
        public var partnerName: String
    }

    public static func contacts(
        _ r: SegmentRule, scope: RowScope, today: CalendarDate, limit: Int, after: Int64?, on store: Store
    ) async throws -> [Contact] {
        var q: SQLQueryString = """
            SELECT c.id, c.partner_id, c.name, c.email, c.mobile, c.phone, p.name AS partner_name FROM contacts c
            JOIN partners p ON p.id = c.partner_id WHERE
            """
        q += " "
        q += condition(r, scope: scope, today: today, dialect: store.dialect)
        if r.birthdayThisMonth == true {
            let month = today.parts.month
            q += " AND c.birthday_md LIKE \(bind: (month < 10 ? "0" : "") + String(month) + "-%")"
        }
        if let a = after { q += " AND c.id > \(bind: a)" }
        q += " ORDER BY c.id LIMIT \(literal: limit)"
        return try await store.all(q, as: Contact.self)
    }
}

public enum SegmentWrites {
    public static func insert(
        name: String, description: String?, rule: String, owner: Int64?, at now: Int64, on store: Store
    ) async throws -> SegmentRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO segments (name, description, rule, owner_id, version, created_at, updated_at)
                VALUES (\(bind: name), \(bind: description), \(bind: rule), \(bind: owner), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: SegmentRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func update(
        _ id: Int64, name: String, description: String?, rule: String, version: Int64, at now: Int64, on store: Store
    ) async throws -> SegmentRow? {
        try await store.first(
            """
            UPDATE segments SET name = \(bind: name), description = \(bind: description), rule = \(bind: rule), version = version + 1,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: SegmentRow.self)
    }

    public static func setSegment(ofSend send: Int64, _ segment: Int64, on store: Store) async throws {
        try await store.run("UPDATE message_sends SET segment_id = \(bind: segment) WHERE id = \(bind: send)")
    }
}
