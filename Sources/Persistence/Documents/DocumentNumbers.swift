import Kernel
import SQLKit

/// Gapless document numbers per branch, type and year (`SO-2026-000123`). The counter is bumped
/// by one atomic upsert inside the document's own transaction: if the document is not saved the
/// number is not used, and two concurrent creations never get the same one.
public enum DocumentNumbers {
    public static func next(branchId: Int64, type: String, year: Int, on store: Store) async throws -> Int64 {
        guard
            let n = try await store.scalar(
                """
                INSERT INTO document_sequences (branch_id, doc_type, year, last_number)
                VALUES (\(bind: branchId), \(bind: type), \(bind: Int64(year)), 1)
                ON CONFLICT (branch_id, doc_type, year) DO UPDATE SET last_number = document_sequences.last_number + 1
                RETURNING last_number
                """, as: Int64.self)
        else { throw StoreError.noRowReturned }
        return n
    }

    public static func format(prefix: String, year: Int, number: Int64) -> String {
        let digits = String(number)
        return "\(prefix)-\(year)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }

    /// The setting a kind's numbering pattern is kept under (`numbering.SO`).
    public static func settingKey(_ prefix: String) -> String { "numbering." + prefix }

    /// The patterns set, by prefix, and the head office's id: read once, remembered until the setup changes.
    struct Setup: Sendable {
        var patterns: [String: String]
        var headOffice: Int64?
    }

    static func setup(_ store: Store) async throws -> Setup {
        try await store.remembered("numbering") {
            struct R: Decodable { var key: String; var value: String }
            let rows = try await store.all("SELECT key, value FROM settings WHERE key LIKE 'numbering.%'", as: R.self)
            let hq = try await store.scalar("SELECT id FROM branches WHERE parent_id IS NULL ORDER BY id LIMIT 1", as: Int64.self)
            return Setup(
                patterns: Dictionary(
                    rows.map { (String($0.key.dropFirst("numbering.".count)), $0.value) }, uniquingKeysWith: { a, _ in a }),
                headOffice: hq)
        }
    }

    /// The pattern a kind is numbered by (the standard one unless the settings name another).
    public static func pattern(_ prefix: String, on store: Store) async throws -> NumberPattern {
        guard let text = try await setup(store).patterns[prefix], let p = try? NumberPattern(text) else {
            return try NumberPattern(NumberPattern.standard)
        }
        return p
    }

    /// The next number of a document of kind `prefix`, of a branch, dated `date`, by the kind's
    /// pattern, in the caller's transaction. A number already in `table` (a pattern changed to
    /// one whose numbers meet older ones) is passed over: the counter moves on until one is free.
    public static func issue(
        prefix: String, branch: (id: Int64, code: String), date: String, table: String, on store: Store
    ) async throws -> String {
        let pattern = try await pattern(prefix, on: store)
        let day = CalendarDate(date) ?? CalendarDate(daysSince1970: 0)
        let headOffice = try await setup(store).headOffice == branch.id
        for _ in 0..<1000 {
            let n = try await next(
                branchId: pattern.perBranch ? branch.id : 0, type: prefix, year: Int(pattern.period(day)), on: store)
            let number = pattern.render(prefix: prefix, date: day, branchCode: branch.code, headOffice: headOffice, seq: n)
            let taken =
                try await store.scalar(
                    "SELECT COUNT(*) AS value FROM \(ident: table) WHERE number = \(bind: number)", as: Int64.self) ?? 0
            if taken == 0 { return number }
        }
        throw StoreError.noRowReturned
    }
}

public struct IdempotencyRow: Codable, Sendable {
    public var userId: Int64
    public var idemKey: String
    public var method: String
    public var path: String
    public var requestHash: String
    public var status: Int64
    public var body: String
    public var createdAt: Int64

    public init(
        userId: Int64, idemKey: String, method: String, path: String, requestHash: String, status: Int64, body: String, createdAt: Int64
    ) {
        self.userId = userId
        self.idemKey = idemKey
        self.method = method
        self.path = path
        self.requestHash = requestHash
        self.status = status
        self.body = body
        self.createdAt = createdAt
    }
}

/// Stored answers to API POSTs that carried an `Idempotency-Key`. A key is reserved before its
/// request runs (in_flight), marked in the same transaction as the request's work (committed),
/// and holds the answer once it is sent (done): a duplicate arriving meanwhile is told the first
/// is in flight, a later one gets the stored answer, and a crash between the work and the answer
/// can never run the work twice.
public enum IdempotencyStore {
    public enum Reservation: Sendable {
        /// This request holds the key: run it.
        case reserved
        /// Another request with this key is running.
        case inFlight
        /// The work of an earlier request committed, but its answer was never stored.
        case committed
        /// The answer to replay.
        case done(IdempotencyRow)
        /// The key was used for a different request.
        case mismatch
    }

    struct State: Decodable {
        var requestHash: String; var state: String; var reservedAt: Int64?; var status: Int64; var body: String
        var method: String; var path: String; var createdAt: Int64
    }

    /// An in-flight reservation older than this belongs to a request that died before its work
    /// committed (its transaction rolled back): the next request may take it over.
    public static let leaseMillis: Int64 = 5 * 60 * 1000

    public static func reserve(
        userId: Int64, key: String, method: String, path: String, hash: String, now: Int64, on store: Store
    ) async throws -> Reservation {
        try await store.write { store in
            struct K: Decodable { var userId: Int64 }
            if try await store.first(
                """
                INSERT INTO idempotency_keys (user_id, idem_key, method, path, request_hash, status, body, created_at, state, reserved_at)
                VALUES (\(bind: userId), \(bind: key), \(bind: method), \(bind: path), \(bind: hash), 0, '', \(bind: now), 'in_flight', \(bind: now))
                ON CONFLICT (user_id, idem_key) DO NOTHING RETURNING user_id
                """, as: K.self) != nil
            {
                return .reserved
            }
            guard
                let row = try await store.first(
                    """
                    SELECT request_hash, state, reserved_at, status, body, method, path, created_at FROM idempotency_keys
                    WHERE user_id = \(bind: userId) AND idem_key = \(bind: key)
                    """ + store.forUpdate, as: State.self)
            else { return .inFlight }
            guard row.requestHash == hash else { return .mismatch }
            switch row.state {
            case "done":
                return .done(
                    IdempotencyRow(
                        userId: userId, idemKey: key, method: row.method, path: row.path, requestHash: hash, status: row.status,
                        body: row.body, createdAt: row.createdAt))
            case "committed":
                return .committed
            default:
                guard let at = row.reservedAt, at < now - leaseMillis else { return .inFlight }
                try await store.run(
                    """
                    UPDATE idempotency_keys SET reserved_at = \(bind: now) WHERE user_id = \(bind: userId) AND idem_key = \(bind: key) AND state = 'in_flight'
                    """)
                return .reserved
            }
        }
    }

    /// Inside the request's own write transaction: its work is done when this commits.
    public static func markCommitted(userId: Int64, key: String, on store: Store) async throws {
        try await store.run(
            """
            UPDATE idempotency_keys SET state = 'committed' WHERE user_id = \(bind: userId) AND idem_key = \(bind: key) AND state = 'in_flight'
            """)
    }

    /// Stores the answer sent.
    public static func finish(userId: Int64, key: String, status: Int64, body: String, on store: Store) async throws {
        try await store.write { store in
            try await store.run(
                """
                UPDATE idempotency_keys SET state = 'done', status = \(bind: status), body = \(bind: body)
                WHERE user_id = \(bind: userId) AND idem_key = \(bind: key)
                """)
        }
    }

    /// Frees a key whose request ended without committing anything (refused, or failed).
    public static func release(userId: Int64, key: String, on store: Store) async throws {
        try await store.write { store in
            try await store.run(
                "DELETE FROM idempotency_keys WHERE user_id = \(bind: userId) AND idem_key = \(bind: key) AND state = 'in_flight'")
        }
    }

    public static func purge(olderThan ms: Int64, on store: Store) async throws {
        try await store.write { store in
            try await store.run("DELETE FROM idempotency_keys WHERE created_at < \(bind: ms)")
        }
    }
}

public enum Settings {
    /// The company-wide switches, by the key they are stored under (the settings page changes them).
    public enum Key {
        public static let allowNegativeStock = "stock.allow_negative"
        public static let costingPerWarehouse = "stock.costing_per_warehouse"
        public static let overBudget = "expense.over_budget"
        public static let webhooksAllowPrivate = "webhooks.allow_private"
        /// The secret in the address of the public web-to-lead form; absent: the form is off.
        public static let webFormKey = "crm.web_form_key"
        /// The secret in the address the SMS provider posts replies to; set with the provider.
        public static let smsReplyKey = "sms.reply_key"
    }

    public static func get(_ key: String, on store: Store) async throws -> String? {
        struct R: Decodable { var value: String }
        return try await store.first("SELECT value FROM settings WHERE key = \(bind: key)", as: R.self)?.value
    }

    /// Several settings in one query; missing keys are absent from the answer.
    public static func get(_ keys: [String], on store: Store) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        struct R: Decodable { var key: String; var value: String }
        let rows = try await store.all(
            "SELECT key, value FROM settings WHERE key IN (\(binds: keys.map { $0 as any Encodable & Sendable }))", as: R.self)
        return Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public static func set(_ key: String, _ value: String, on store: Store) async throws {
        store.setupChanged()
        try await store.run(
            """
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
    }

    public static func remove(_ keys: [String], on store: Store) async throws {
        guard !keys.isEmpty else { return }
        store.setupChanged()
        try await store.run("DELETE FROM settings WHERE key IN (\(binds: keys.map { $0 as any Encodable & Sendable }))")
    }

    /// Sets `key` to `value` only when its current value sorts before `before` (or it is absent),
    /// in one statement: of two servers trying at once, one wins. `force` sets it regardless.
    public static func claim(_ key: String, _ value: String, ifBefore before: [String], force: Bool, on store: Store) async throws -> Bool {
        struct K: Decodable { var key: String }
        store.setupChanged()
        var condition: SQLQueryString = "\(bind: force)"
        for b in before { condition = "settings.value < \(bind: b) OR " + condition }
        let won = try await store.first(
            """
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            WHERE \(condition)
            RETURNING key
            """, as: K.self)
        return won != nil
    }
}
