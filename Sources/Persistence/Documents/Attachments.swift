import Foundation
import SQLKit

/// The files attached to contracts and expense claims: a row per file in the owner's table and
/// the bytes in `attachment_contents`, written and removed together.
public enum Attachments {
    public enum Owner: String, Sendable {
        case contract, claim
        var table: String { self == .contract ? "contract_attachments" : "claim_attachments" }
        var column: String { self == .contract ? "contract_id" : "claim_id" }

        var select: SQLQueryString {
            "SELECT id, \(ident: column) AS owner_id, file_name, content_type, size, stored_name, uploaded_by, created_at FROM \(ident: table)"
        }
    }

    public static func list(_ owner: Owner, _ id: Int64, on store: Store) async throws -> [AttachmentRow] {
        try await store.all(owner.select + " WHERE \(ident: owner.column) = \(bind: id) ORDER BY id", as: AttachmentRow.self)
    }

    public static func one(_ owner: Owner, _ id: Int64, _ aid: Int64, on store: Store) async throws -> AttachmentRow? {
        try await store.first(owner.select + " WHERE id = \(bind: aid) AND \(ident: owner.column) = \(bind: id)", as: AttachmentRow.self)
    }

    /// Keeps a file: its row and its bytes, in the caller's transaction. Answers the row's id.
    public static func insert(
        _ owner: Owner, _ id: Int64, fileName: String, contentType: String, data: Data, storedName: String, by user: Int64?, at now: Int64,
        on store: Store
    ) async throws -> Int64 {
        try await keep(storedName, data, on: store)
        var q: SQLQueryString =
            "INSERT INTO \(ident: owner.table) (\(ident: owner.column), file_name, content_type, size, stored_name, uploaded_by, created_at) "
        q +=
            "VALUES (\(bind: id), \(bind: fileName), \(bind: contentType), \(bind: Int64(data.count)), \(bind: storedName), \(bind: user), \(bind: now))"
        return try await store.insertReturningID(q)
    }

    /// Keeps a file's bytes under its stored name, in the caller's transaction (a marketing
    /// material's versions keep theirs here too).
    public static func keep(_ storedName: String, _ data: Data, on store: Store) async throws {
        try await store.run("INSERT INTO attachment_contents (stored_name, data) VALUES (\(bind: storedName), \(bind: data))")
    }

    /// The bytes kept in the database (nil for a file saved on disk before they moved there).
    public static func contents(_ storedName: String, on store: Store) async throws -> Data? {
        struct C: Decodable { var data: Data }
        return try await store.first("SELECT data FROM attachment_contents WHERE stored_name = \(bind: storedName)", as: C.self)?.data
    }

    public static func delete(_ owner: Owner, _ a: AttachmentRow, on store: Store) async throws {
        try await store.run("DELETE FROM \(ident: owner.table) WHERE id = \(bind: a.id)")
        try await store.run("DELETE FROM attachment_contents WHERE stored_name = \(bind: a.storedName)")
    }
}
