import Foundation
import Kernel
import SQLKit

/// One export run as a job; the file itself is read apart (`ExportQueries.file`).
public struct ExportJobRow: Codable, Sendable, Equatable {
    public var id: Int64
    /// The module whose `export` right the file needs, checked again when it is fetched.
    public var module: String
    /// The audit's entity (`customers`).
    public var entity: String
    /// The file's name without extension, in the asker's language (`客户-2026-12-07`).
    public var title: String
    /// xlsx or csv.
    public var format: String
    /// The list's query as the user gave it.
    public var filter: String
    /// running, done or failed.
    public var status: String
    public var rowCount: Int64
    /// Why it failed: a catalog code and its arguments (JSON array).
    public var errorCode: String?
    public var errorArgs: String?
    public var createdBy: Int64
    public var createdAt: Int64
    public var finishedAt: Int64?
}

public enum ExportQueries {
    static let columns: SQLQueryString =
        "id, module, entity, title, format, filter, status, row_count, error_code, error_args, created_by, created_at, finished_at"

    public static func insert(
        module: String, entity: String, title: String, format: String, filter: String, createdBy: Int64, at: Int64, on store: Store
    ) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO export_jobs (module, entity, title, format, filter, status, created_by, created_at)
            VALUES (\(bind: module), \(bind: entity), \(bind: title), \(bind: format), \(bind: filter), 'running', \(bind: createdBy),
            \(bind: at))
            """)
    }

    /// A job of that person's (nobody else's exports are theirs to see).
    public static func job(_ id: Int64, createdBy: Int64?, on store: Store) async throws -> ExportJobRow? {
        var q: SQLQueryString = "SELECT \(columns) FROM export_jobs WHERE id = \(bind: id)"
        if let createdBy { q += " AND created_by = \(bind: createdBy)" }
        return try await store.first(q, as: ExportJobRow.self)
    }

    public static func jobs(createdBy: Int64?, limit: Int, cursor: Cursor?, on store: Store) async throws -> Page<ExportJobRow> {
        var q: SQLQueryString = "SELECT \(columns) FROM export_jobs WHERE 1 = 1"
        if let createdBy { q += " AND created_by = \(bind: createdBy)" }
        if let cursor { q += " AND id < \(bind: cursor.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        return Cursor.page(try await store.all(q, as: ExportJobRow.self), limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// How many of that person's exports are being written now (started after `since`).
    public static func running(createdBy: Int64, since: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            """
            SELECT COUNT(*) FROM export_jobs WHERE created_by = \(bind: createdBy) AND status = 'running'
            AND created_at > \(bind: since)
            """, as: Int64.self) ?? 0
    }

    /// The finished file; false when the job was not running (already finished or removed).
    public static func finish(_ id: Int64, rows: Int64, data: Data, at: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            UPDATE export_jobs SET status = 'done', row_count = \(bind: rows), data = \(bind: data), finished_at = \(bind: at)
            WHERE id = \(bind: id) AND status = 'running' RETURNING id
            """, as: R.self) != nil
    }

    public static func fail(_ id: Int64, code: String, args: String, at: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE export_jobs SET status = 'failed', error_code = \(bind: code), error_args = \(bind: args), finished_at = \(bind: at)
            WHERE id = \(bind: id) AND status = 'running'
            """)
    }

    /// A job failed by the clean-up: whose it was and what it exported.
    public struct Stale: Decodable, Sendable {
        public var id: Int64
        public var title: String
        public var createdBy: Int64
    }

    /// Jobs still running though started before `before` (their server stopped while writing, or
    /// the list took longer than any should) failed; answers them.
    public static func failStale(before: Int64, code: String, at: Int64, on store: Store) async throws -> [Stale] {
        try await store.all(
            """
            UPDATE export_jobs SET status = 'failed', error_code = \(bind: code), error_args = '[]', finished_at = \(bind: at)
            WHERE status = 'running' AND created_at < \(bind: before)
            RETURNING id, title, created_by
            """, as: Stale.self)
    }

    public static func file(_ id: Int64, on store: Store) async throws -> Data? {
        struct R: Decodable { var data: Data? }
        return try await store.first("SELECT data FROM export_jobs WHERE id = \(bind: id) AND status = 'done'", as: R.self)?.data
    }

    /// Removes jobs (and their files) started before `before`; answers how many.
    @discardableResult
    public static func purge(before: Int64, on store: Store) async throws -> Int {
        struct R: Decodable { var id: Int64 }
        return try await store.all("DELETE FROM export_jobs WHERE created_at < \(bind: before) RETURNING id", as: R.self).count
    }
}
