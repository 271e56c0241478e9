import Foundation
import Kernel
import SQLKit

public struct ImportJobRow: Codable, Sendable, Equatable {
    public var id: Int64
    /// What is imported: `customers`.
    public var kind: String
    public var fileName: String
    /// The file's header row, as a JSON array of strings.
    public var header: String
    /// The target field of each column (JSON array, "" for a column left out).
    public var mapping: String
    /// create, update or upsert.
    public var mode: String
    /// The business key a row is matched by: code, uscc, phone, email or name.
    public var matchKey: String
    public var intoPool: Bool
    /// draft, queued, running, done.
    public var status: String
    public var total: Int64
    public var processed: Int64
    public var created: Int64
    public var updated: Int64
    public var refused: Int64
    public var leaseUntil: Int64?
    public var createdBy: Int64
    public var version: Int64
    public var createdAt: Int64
    public var startedAt: Int64?
    public var finishedAt: Int64?
}

public struct ImportRowRow: Codable, Sendable, Equatable {
    public var jobId: Int64
    /// The line in the file (the header is line 1).
    public var line: Int64
    /// JSON array of the row's cells.
    public var cells: String
    /// created, updated, refused; nil while not yet run.
    public var outcome: String?
    public var recordId: Int64?
    public var field: String?
    public var code: String?
    /// JSON array of the message's arguments.
    public var args: String?
    /// An updated record as it was before (JSON), to put back on a revert.
    public var before: String?
    /// The record's version the import left: a revert restores only what nobody changed since.
    public var afterVersion: Int64?
}

public enum ImportQueries {
    public static func insertJob(
        kind: String, fileName: String, header: String, mapping: String, mode: String, matchKey: String,
        rows: [(line: Int64, cells: String)],
        createdBy: Int64, at: Int64, on store: Store
    ) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO import_jobs (kind, file_name, header, mapping, mode, match_key, into_pool, status, total, created_by, version, created_at)
            VALUES (\(bind: kind), \(bind: fileName), \(bind: header), \(bind: mapping), \(bind: mode), \(bind: matchKey), FALSE, 'draft',
            \(bind: Int64(rows.count)), \(bind: createdBy), 1, \(bind: at))
            """)
        for chunk in rows.chunked(500) {
            var q: SQLQueryString = "INSERT INTO import_rows (job_id, line, cells) VALUES "
            for (i, r) in chunk.enumerated() {
                q += i == 0 ? "" : ", "
                q += "(\(bind: id), \(bind: r.line), \(bind: r.cells))"
            }
            try await store.run(q)
        }
        return id
    }

    public static func job(_ id: Int64, on store: Store) async throws -> ImportJobRow? {
        try await store.first("SELECT * FROM import_jobs WHERE id = \(bind: id)", as: ImportJobRow.self)
    }

    public static func jobs(createdBy: Int64?, limit: Int, cursor: Cursor?, on store: Store) async throws -> Page<ImportJobRow> {
        var q: SQLQueryString = "SELECT * FROM import_jobs WHERE 1 = 1"
        if let createdBy { q += " AND created_by = \(bind: createdBy)" }
        if let cursor { q += " AND id < \(bind: cursor.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        return Cursor.page(try await store.all(q, as: ImportJobRow.self), limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// Saves the choices of a draft; false when the version is stale or the job is no longer a draft.
    public static func configure(
        _ id: Int64, mapping: String, mode: String, matchKey: String, intoPool: Bool, version: Int64, on store: Store
    ) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            UPDATE import_jobs SET mapping = \(bind: mapping), mode = \(bind: mode), match_key = \(bind: matchKey),
            into_pool = \(bind: intoPool), version = version + 1
            WHERE id = \(bind: id) AND version = \(bind: version) AND status = 'draft' RETURNING id
            """, as: R.self) != nil
    }

    public static func queue(_ id: Int64, at: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            UPDATE import_jobs SET status = 'queued', started_at = \(bind: at), version = version + 1
            WHERE id = \(bind: id) AND status = 'draft' RETURNING id
            """, as: R.self) != nil
    }

    /// Takes the oldest queued or running job whose lease has run out (a server that stopped
    /// mid-run left one): this worker's until `leaseUntil`.
    public static func claim(now: Int64, leaseUntil: Int64, on store: Store) async throws -> ImportJobRow? {
        struct R: Decodable { var id: Int64 }
        guard
            let r = try await store.first(
                """
                UPDATE import_jobs SET status = 'running', lease_until = \(bind: leaseUntil)
                WHERE id = (
                    SELECT id FROM import_jobs WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < \(bind: now))
                    ORDER BY id LIMIT 1 \(unsafeRaw: store.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : "")
                ) RETURNING id
                """, as: R.self)
        else { return nil }
        return try await job(r.id, on: store)
    }

    /// Hands a job back after some batches, so that the next turn (of any server) takes it up
    /// at once rather than when the lease runs out.
    public static func release(_ id: Int64, on store: Store) async throws {
        try await store.run("UPDATE import_jobs SET lease_until = NULL WHERE id = \(bind: id) AND status = 'running'")
    }

    /// Ends a job that cannot go on (its owner has left): the rows not run stay so.
    public static func stop(_ id: Int64, at: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE import_jobs SET status = 'stopped', lease_until = NULL, finished_at = \(bind: at), version = version + 1 WHERE id = \(bind: id)"
        )
    }

    /// The next rows not yet run, in file order.
    public static func pendingRows(_ job: Int64, limit: Int, on store: Store) async throws -> [ImportRowRow] {
        try await store.all(
            "SELECT * FROM import_rows WHERE job_id = \(bind: job) AND outcome IS NULL ORDER BY line LIMIT \(literal: limit)",
            as: ImportRowRow.self)
    }

    public static func rows(_ job: Int64, outcome: String?, limit: Int, afterLine: Int64, on store: Store) async throws -> [ImportRowRow] {
        var q: SQLQueryString = "SELECT * FROM import_rows WHERE job_id = \(bind: job) AND line > \(bind: afterLine)"
        if let outcome { q += " AND outcome = \(bind: outcome)" }
        q += " ORDER BY line LIMIT \(literal: limit)"
        return try await store.all(q, as: ImportRowRow.self)
    }

    public static func record(
        _ job: Int64, line: Int64, outcome: String, recordId: Int64?, field: String?, code: String?, args: String?, before: String?,
        afterVersion: Int64?, on store: Store
    ) async throws {
        try await store.run(
            """
            UPDATE import_rows SET outcome = \(bind: outcome), record_id = \(bind: recordId), field = \(bind: field), code = \(bind: code),
            args = \(bind: args), before = \(bind: before), after_version = \(bind: afterVersion)
            WHERE job_id = \(bind: job) AND line = \(bind: line)
            """)
    }

    /// The rows that wrote something, last first (the order a revert undoes them in).
    public static func written(_ job: Int64, on store: Store) async throws -> [ImportRowRow] {
        try await store.all(
            "SELECT * FROM import_rows WHERE job_id = \(bind: job) AND outcome IN ('created', 'updated') ORDER BY line DESC",
            as: ImportRowRow.self)
    }

    public static func markReverted(_ id: Int64, at: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            UPDATE import_jobs SET status = 'reverted', finished_at = \(bind: at), version = version + 1
            WHERE id = \(bind: id) AND status = 'done' RETURNING id
            """, as: R.self) != nil
    }

    /// Adds a batch's counts; the job is done when every row has run.
    public static func progress(
        _ id: Int64, created: Int64, updated: Int64, refused: Int64, leaseUntil: Int64, at: Int64, on store: Store
    )
        async throws
    {
        try await store.run(
            """
            UPDATE import_jobs SET processed = processed + \(bind: created + updated + refused), created = created + \(bind: created),
            updated = updated + \(bind: updated), refused = refused + \(bind: refused), lease_until = \(bind: leaseUntil),
            status = CASE WHEN processed + \(bind: created + updated + refused) >= total THEN 'done' ELSE status END,
            finished_at = CASE WHEN processed + \(bind: created + updated + refused) >= total THEN \(bind: at) ELSE finished_at END,
            version = version + 1
            WHERE id = \(bind: id)
            """)
    }
}
