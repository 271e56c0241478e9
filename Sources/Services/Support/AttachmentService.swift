import Foundation
import Kernel
import Persistence
import SQLKit

/// Attachments of contracts (scans, drawings, spreadsheets) and of expense claims (receipts).
/// Kept as files under the data directory with a random name (the person's file name is only
/// data), at most 5 MB each, of a few document and image types whose first bytes must agree
/// with the name. Whoever may see the owner may download; whoever may edit it may add or remove.
public enum AttachmentService {
    public enum Owner: String, Sendable {
        case contract, claim
        var table: String { self == .contract ? "contract_attachments" : "claim_attachments" }
        var column: String { self == .contract ? "contract_id" : "claim_id" }

        /// Checks access to the owner for `action`; answers its branch for the audit.
        func check(_ id: Int64, _ action: Action, _ ctx: ServiceContext) async throws -> Int64 {
            try await ctx.crossings.attachmentOwnerBranch((rawValue, id, action), ctx)
        }
    }

    static func select(_ owner: Owner) -> SQLQueryString {
        "SELECT id, \(ident: owner.column) AS owner_id, file_name, content_type, size, stored_name, uploaded_by, created_at FROM \(ident: owner.table)"
    }

    public static func list(_ owner: Owner, _ id: Int64, _ store: Store) async throws -> [AttachmentRow] {
        try await store.all(select(owner) + " WHERE \(ident: owner.column) = \(bind: id) ORDER BY id", as: AttachmentRow.self)
    }

    static func one(_ owner: Owner, _ id: Int64, _ aid: Int64, _ store: Store) async throws -> AttachmentRow? {
        try await store.first(select(owner) + " WHERE id = \(bind: aid) AND \(ident: owner.column) = \(bind: id)", as: AttachmentRow.self)
    }

    public static let maxBytes = 5 * 1024 * 1024

    public static let types: [String: String] = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "txt": "text/plain",
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]

    /// The content type a file of this name is stored and served as, or nil when refused.
    public static func contentType(forName name: String) -> String? {
        types[(name as NSString).pathExtension.lowercased()]
    }

    static func magicMatches(_ ext: String, _ data: Data) -> Bool {
        let b = [UInt8](data.prefix(8))
        func starts(_ m: [UInt8]) -> Bool { b.count >= m.count && Array(b.prefix(m.count)) == m }
        switch ext {
        case "pdf": return starts([0x25, 0x50, 0x44, 0x46])
        case "png": return starts([0x89, 0x50, 0x4E, 0x47])
        case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF])
        case "docx", "xlsx": return starts([0x50, 0x4B, 0x03, 0x04])
        case "doc", "xls": return starts([0xD0, 0xCF, 0x11, 0xE0])
        case "txt": return String(data: data, encoding: .utf8) != nil
        default: return false
        }
    }

    public static func add(
        contract id: Int64, fileName: String?, data: Data, directory: String, _ ctx: ServiceContext
    ) async throws -> AttachmentRow {
        try await add(.contract, id, fileName: fileName, data: data, directory: directory, ctx)
    }

    public static func add(
        _ owner: Owner, _ id: Int64, fileName: String?, data: Data, directory: String, _ ctx: ServiceContext
    ) async throws -> AttachmentRow {
        let name = try Validate.required(fileName.map { ($0 as NSString).lastPathComponent }, "file", max: 120)
        let ext = (name as NSString).pathExtension.lowercased()
        guard let type = types[ext] else {
            throw DomainError.invalid("file", code: "file_type_refused", args: [name, types.keys.sorted().joined(separator: ", ")])
        }
        guard !data.isEmpty else { throw DomainError.invalid("file", code: "file_empty", args: [name]) }
        guard data.count <= maxBytes else { throw DomainError(.tooLarge, code: "file_too_large", field: "file", args: [name, "5 MB"]) }
        guard magicMatches(ext, data) else { throw DomainError.invalid("file", code: "file_content_mismatch", args: [name]) }
        return try await ctx.write { ctx in
            let branch = try await owner.check(id, .edit, ctx)
            let stored = ctx.tokens.token(24).filter { $0.isLetter || $0.isNumber } + "." + ext
            // The bytes are written in the same transaction as the row: both appear at the commit, or neither.
            try await ctx.store.run("INSERT INTO attachment_contents (stored_name, data) VALUES (\(bind: stored), \(bind: data))")
            var q: SQLQueryString =
                "INSERT INTO \(ident: owner.table) (\(ident: owner.column), file_name, content_type, size, stored_name, uploaded_by, created_at) "
            q +=
                "VALUES (\(bind: id), \(bind: name), \(bind: type), \(bind: Int64(data.count)), \(bind: stored), \(bind: ctx.principal?.userId), \(bind: ctx.nowMillis))"
            let aid = try await ctx.store.insertReturningID(q)
            try await ctx.audit("attach", owner.rawValue, id, branch: branch, [FieldChange("file", old: nil, new: name)])
            return try await one(owner, id, aid, ctx.store)!
        }
    }

    /// The file, for someone who may see the contract.
    public static func read(
        contract id: Int64, attachment aid: Int64, directory: String, _ ctx: ServiceContext
    ) async throws -> (AttachmentRow, Data) {
        try await read(.contract, id, attachment: aid, directory: directory, ctx)
    }

    public static func read(
        _ owner: Owner, _ id: Int64, attachment aid: Int64, directory: String, _ ctx: ServiceContext
    ) async throws -> (AttachmentRow, Data) {
        _ = try await owner.check(id, .view, ctx)
        guard let a = try await one(owner, id, aid, ctx.store) else { throw DomainError.notFound }
        struct C: Decodable { var data: Data }
        if let c = try await ctx.store.first("SELECT data FROM attachment_contents WHERE stored_name = \(bind: a.storedName)", as: C.self) {
            return (a, c.data)
        }
        // Saved before attachments moved into the database.
        guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(a.storedName)) else {
            throw DomainError.notFound
        }
        return (a, data)
    }

    public static func delete(contract id: Int64, attachment aid: Int64, directory: String, _ ctx: ServiceContext) async throws {
        try await delete(.contract, id, attachment: aid, directory: directory, ctx)
    }

    public static func delete(_ owner: Owner, _ id: Int64, attachment aid: Int64, directory: String, _ ctx: ServiceContext) async throws {
        let stored: String = try await ctx.write { ctx in
            let branch = try await owner.check(id, .edit, ctx)
            guard let a = try await one(owner, id, aid, ctx.store) else { throw DomainError.notFound }
            try await ctx.store.run("DELETE FROM \(ident: owner.table) WHERE id = \(bind: aid)")
            try await ctx.store.run("DELETE FROM attachment_contents WHERE stored_name = \(bind: a.storedName)")
            try await ctx.audit("detach", owner.rawValue, id, branch: branch, [FieldChange("file", old: a.fileName, new: nil)])
            return a.storedName
        }
        // An older file on disk goes only once the row is gone for good.
        try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(stored))
    }
}
