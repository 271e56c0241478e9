import SQLKit

/// Gapless document numbers per branch, type and year (`SO-2026-000123`). The counter is bumped
/// by one atomic upsert inside the document's own transaction: if the document is not saved the
/// number is not used, and two concurrent creations never get the same one.
public enum DocumentNumbers {
    public static func next(branchId: Int64, type: String, year: Int, on store: Store) async throws -> Int64 {
        guard let n = try await store.scalar("""
            INSERT INTO document_sequences (branch_id, doc_type, year, last_number)
            VALUES (\(bind: branchId), \(bind: type), \(bind: Int64(year)), 1)
            ON CONFLICT (branch_id, doc_type, year) DO UPDATE SET last_number = document_sequences.last_number + 1
            RETURNING last_number
            """, as: Int64.self) else { throw StoreError.noRowReturned }
        return n
    }

    public static func format(prefix: String, year: Int, number: Int64) -> String {
        let digits = String(number)
        return "\(prefix)-\(year)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
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

    public init(userId: Int64, idemKey: String, method: String, path: String, requestHash: String, status: Int64, body: String, createdAt: Int64) {
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

/// Stored answers to API POSTs that carried an `Idempotency-Key`.
public enum IdempotencyStore {
    public static func find(userId: Int64, key: String, on store: Store) async throws -> IdempotencyRow? {
        try await store.first("SELECT * FROM idempotency_keys WHERE user_id = \(bind: userId) AND idem_key = \(bind: key)", as: IdempotencyRow.self)
    }

    /// Saves the answer; if another request with the same key won the race, keeps the first.
    public static func save(_ row: IdempotencyRow, on store: Store) async throws {
        try await store.run("""
            INSERT INTO idempotency_keys (user_id, idem_key, method, path, request_hash, status, body, created_at)
            VALUES (\(bind: row.userId), \(bind: row.idemKey), \(bind: row.method), \(bind: row.path), \(bind: row.requestHash),
                    \(bind: row.status), \(bind: row.body), \(bind: row.createdAt))
            ON CONFLICT (user_id, idem_key) DO NOTHING
            """)
    }

    public static func purge(olderThan ms: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM idempotency_keys WHERE created_at < \(bind: ms)")
    }
}

public enum Settings {
    public static func get(_ key: String, on store: Store) async throws -> String? {
        struct R: Decodable { var value: String }
        return try await store.first("SELECT value FROM settings WHERE key = \(bind: key)", as: R.self)?.value
    }

    /// Several settings in one query; missing keys are absent from the answer.
    public static func get(_ keys: [String], on store: Store) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        struct R: Decodable { var key: String; var value: String }
        let rows = try await store.all("SELECT key, value FROM settings WHERE key IN (\(binds: keys.map { $0 as any Encodable & Sendable }))", as: R.self)
        return Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public static func set(_ key: String, _ value: String, on store: Store) async throws {
        try await store.run("""
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
    }
}
