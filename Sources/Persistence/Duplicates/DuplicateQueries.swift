import Foundation
import Kernel
import SQLKit

public struct DuplicateScanRow: Codable, Sendable, Equatable {
    public var id: Int64
    /// What was scanned: `customer`.
    public var entity: String
    /// queued, running, done.
    public var status: String
    public var scanned: Int64
    public var pairs: Int64
    public var clusters: Int64
    public var leaseUntil: Int64?
    public var createdBy: Int64?
    public var createdAt: Int64
    public var startedAt: Int64?
    public var finishedAt: Int64?
}

/// Two records a scan found alike, with both as they are now (a pair whose record was merged or
/// deleted since is no longer listed).
public struct DuplicatePairRow: Codable, Sendable, Equatable {
    public var seq: Int64
    public var score: Int64
    /// What matched, comma-separated: name, pinyin, phone, contact_phone, email, address.
    public var reasons: String
    public var clusterId: Int64
    public var aId: Int64
    public var aName: String
    public var aCode: String
    public var aOwnerId: Int64?
    public var bId: Int64
    public var bName: String
    public var bCode: String
    public var bOwnerId: Int64?
}

/// What a scan reads of a customer: the fields that tell two records apart or alike.
public struct DuplicateCandidateRow: Codable, Sendable {
    public var id: Int64
    public var name: String
    public var phone: String?
    public var email: String?
    public var address: String?
    public var province: String?
    public var city: String?
    public var district: String?
    public var street: String?
}

public struct DuplicateContactRow: Codable, Sendable {
    public var id: Int64
    public var partnerId: Int64
    public var name: String
    public var mobile: String?
    public var phone: String?
    public var email: String?
}

public enum DuplicateQueries {
    static func customerColumns(_ t: String) -> ScopeFilter.Columns {
        ScopeFilter.Columns(branch: t + ".branch_id", department: t + ".department_id", owner: t + ".owner_id")
    }

    // MARK: scans

    public static func queueScan(entity: String, by user: Int64?, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO duplicate_scans (entity, status, created_by, created_at)
            VALUES (\(bind: entity), 'queued', \(bind: user), \(bind: now))
            """)
    }

    public static func scan(_ id: Int64, on store: Store) async throws -> DuplicateScanRow? {
        try await store.first("SELECT * FROM duplicate_scans WHERE id = \(bind: id)", as: DuplicateScanRow.self)
    }

    /// The newest scan of `entity` that has finished.
    public static func latestScan(entity: String, on store: Store) async throws -> DuplicateScanRow? {
        try await store.first(
            "SELECT * FROM duplicate_scans WHERE entity = \(bind: entity) AND status = 'done' ORDER BY id DESC LIMIT 1",
            as: DuplicateScanRow.self)
    }

    /// A scan waiting or running (queued, or running under a lease).
    public static func pendingScan(entity: String, on store: Store) async throws -> DuplicateScanRow? {
        try await store.first(
            "SELECT * FROM duplicate_scans WHERE entity = \(bind: entity) AND status IN ('queued', 'running') ORDER BY id DESC LIMIT 1",
            as: DuplicateScanRow.self)
    }

    /// Takes the oldest queued scan, or one whose server stopped mid-run (its lease ran out).
    public static func claimScan(now: Int64, leaseUntil: Int64, on store: Store) async throws -> DuplicateScanRow? {
        struct R: Decodable { var id: Int64 }
        guard
            let r = try await store.first(
                """
                UPDATE duplicate_scans SET status = 'running', lease_until = \(bind: leaseUntil), started_at = \(bind: now)
                WHERE id = (
                    SELECT id FROM duplicate_scans WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < \(bind: now))
                    ORDER BY id LIMIT 1 \(unsafeRaw: store.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : "")
                ) RETURNING id
                """, as: R.self)
        else { return nil }
        return try await scan(r.id, on: store)
    }

    /// Customers in id order, a page at a time.
    public static func customers(after id: Int64, limit: Int, on store: Store) async throws -> [DuplicateCandidateRow] {
        try await store.all(
            """
            SELECT id, name, phone, email, address, province, city, district, street FROM partners
            WHERE is_customer = \(bind: true) AND internal_branch_id IS NULL AND id > \(bind: id) ORDER BY id LIMIT \(literal: limit)
            """, as: DuplicateCandidateRow.self)
    }

    /// Contacts of customers in id order, a page at a time.
    public static func contacts(after id: Int64, limit: Int, on store: Store) async throws -> [DuplicateContactRow] {
        try await store.all(
            """
            SELECT c.id, c.partner_id, c.name, c.mobile, c.phone, c.email FROM contacts c
            WHERE c.id > \(bind: id) ORDER BY c.id LIMIT \(literal: limit)
            """, as: DuplicateContactRow.self)
    }

    /// One found pair, a before b.
    public struct ProductCandidate: Codable, Sendable {
        public var id: Int64
        public var name: String
        public var spec: String?
    }

    public static func products(after id: Int64, limit: Int, on store: Store) async throws -> [ProductCandidate] {
        try await store.all(
            "SELECT id, name, spec FROM products WHERE id > \(bind: id) ORDER BY id LIMIT \(literal: limit)", as: ProductCandidate.self)
    }

    public struct NewPair: Sendable {
        public var a: Int64
        public var b: Int64
        public var score: Int64
        public var reasons: String
        public var cluster: Int64
        public init(a: Int64, b: Int64, score: Int64, reasons: String, cluster: Int64) {
            self.a = a
            self.b = b
            self.score = score
            self.reasons = reasons
            self.cluster = cluster
        }
    }

    /// Stores a scan's pairs in the order given (best first) and marks it done.
    public static func finishScan(
        _ id: Int64, scanned: Int64, pairs: [NewPair], clusters: Int64, at now: Int64, on store: Store
    ) async throws {
        try await store.run("DELETE FROM duplicate_pairs WHERE scan_id = \(bind: id)")
        for start in stride(from: 0, to: pairs.count, by: 400) {
            var q: SQLQueryString = "INSERT INTO duplicate_pairs (scan_id, seq, a_id, b_id, score, reasons, cluster_id) VALUES "
            for i in start..<min(start + 400, pairs.count) {
                let p = pairs[i]
                q += i == start ? "" : ", "
                q +=
                    "(\(bind: id), \(bind: Int64(i + 1)), \(bind: p.a), \(bind: p.b), \(bind: p.score), \(bind: p.reasons), \(bind: p.cluster))"
            }
            try await store.run(q)
        }
        try await store.run(
            """
            UPDATE duplicate_scans SET status = 'done', scanned = \(bind: scanned), pairs = \(bind: Int64(pairs.count)),
            clusters = \(bind: clusters), lease_until = NULL, finished_at = \(bind: now) WHERE id = \(bind: id)
            """)
    }

    /// The pairs of a scan that the reader sees both sides of (scope on both), not dismissed, the
    /// records still there; best first. `customer` narrows to the pairs one customer is in.
    public static func pairs(
        scan: Int64, scope: RowScope, cluster: Int64?, customer: Int64?, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<DuplicatePairRow> {
        var q: SQLQueryString = """
            SELECT d.seq, d.score, d.reasons, d.cluster_id, a.id AS a_id, a.name AS a_name, a.code AS a_code, a.owner_id AS a_owner_id,
                b.id AS b_id, b.name AS b_name, b.code AS b_code, b.owner_id AS b_owner_id
            FROM duplicate_pairs d JOIN partners a ON a.id = d.a_id JOIN partners b ON b.id = d.b_id
            WHERE d.scan_id = \(bind: scan)
            AND NOT EXISTS (SELECT 1 FROM duplicate_dismissals x WHERE x.entity = 'customer' AND x.a_id = d.a_id AND x.b_id = d.b_id)
            """
        q += " AND " + ScopeFilter.condition(scope, customerColumns("a")) + " AND " + ScopeFilter.condition(scope, customerColumns("b"))
        if let customer { q += " AND (d.a_id = \(bind: customer) OR d.b_id = \(bind: customer))" }
        return try await page(q, cluster: cluster, limit: limit, cursor: cursor, on: store)
    }

    /// A review list's page, in the scan's order, of the pairs `q` selects (`d` the pairs).
    static func page(
        _ query: SQLQueryString, cluster: Int64?, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<DuplicatePairRow> {
        var q = query
        if let cluster { q += " AND d.cluster_id = \(bind: cluster)" }
        if let cursor {
            guard case .int = cursor.key else { throw DomainError(.badRequest, code: "invalid_cursor", field: "cursor") }
            q += " AND d.seq > \(bind: cursor.id)"
        }
        q += " ORDER BY d.seq LIMIT \(literal: limit + 1)"
        let rows = try await store.all(q, as: DuplicatePairRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.seq), id: $0.seq) }
    }

    /// The pairs of a contacts scan the reader sees both customers of: a side's `code` is its
    /// customer's name, its owner the customer's owner. `customer`: pairs with a contact of it.
    public static func contactPairs(
        scan: Int64, scope: RowScope, cluster: Int64?, customer: Int64?, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<DuplicatePairRow> {
        var q: SQLQueryString = """
            SELECT d.seq, d.score, d.reasons, d.cluster_id, a.id AS a_id, a.name AS a_name, pa.name AS a_code, pa.owner_id AS a_owner_id,
                b.id AS b_id, b.name AS b_name, pb.name AS b_code, pb.owner_id AS b_owner_id
            FROM duplicate_pairs d JOIN contacts a ON a.id = d.a_id JOIN contacts b ON b.id = d.b_id
            JOIN partners pa ON pa.id = a.partner_id JOIN partners pb ON pb.id = b.partner_id
            WHERE d.scan_id = \(bind: scan)
            AND NOT EXISTS (SELECT 1 FROM duplicate_dismissals x WHERE x.entity = 'contact' AND x.a_id = d.a_id AND x.b_id = d.b_id)
            """
        q += " AND " + ScopeFilter.condition(scope, customerColumns("pa")) + " AND " + ScopeFilter.condition(scope, customerColumns("pb"))
        if let customer { q += " AND (a.partner_id = \(bind: customer) OR b.partner_id = \(bind: customer))" }
        return try await page(q, cluster: cluster, limit: limit, cursor: cursor, on: store)
    }

    /// The pairs of a products scan (products have no row scope): a side's `code` is the product's code.
    public static func productPairs(
        scan: Int64, cluster: Int64?, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<DuplicatePairRow> {
        let q: SQLQueryString = """
            SELECT d.seq, d.score, d.reasons, d.cluster_id, a.id AS a_id, a.name AS a_name, a.code AS a_code, NULL AS a_owner_id,
                b.id AS b_id, b.name AS b_name, b.code AS b_code, NULL AS b_owner_id
            FROM duplicate_pairs d JOIN products a ON a.id = d.a_id JOIN products b ON b.id = d.b_id
            WHERE d.scan_id = \(bind: scan)
            AND NOT EXISTS (SELECT 1 FROM duplicate_dismissals x WHERE x.entity = 'product' AND x.a_id = d.a_id AND x.b_id = d.b_id)
            """
        return try await page(q, cluster: cluster, limit: limit, cursor: cursor, on: store)
    }

    public static func dismiss(entity: String, a: Int64, b: Int64, by user: Int64?, at now: Int64, on store: Store) async throws {
        let (lo, hi) = (min(a, b), max(a, b))
        guard
            try await store.scalar(
                "SELECT COUNT(*) AS n FROM duplicate_dismissals WHERE entity = \(bind: entity) AND a_id = \(bind: lo) AND b_id = \(bind: hi)",
                as: Int64.self) == 0
        else { return }
        try await store.run(
            """
            INSERT INTO duplicate_dismissals (entity, a_id, b_id, created_by, created_at)
            VALUES (\(bind: entity), \(bind: lo), \(bind: hi), \(bind: user), \(bind: now))
            """)
    }
}
