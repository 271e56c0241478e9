import Foundation
import Kernel
import Persistence

/// Attachments of contracts (scans, drawings, spreadsheets) and of expense claims (receipts).
/// Kept as files under the data directory with a random name (the person's file name is only
/// data), at most 5 MB each, of a few document and image types whose first bytes must agree
/// with the name. Whoever may see the owner may download; whoever may edit it may add or remove.
public enum AttachmentService {
    public typealias Owner = Attachments.Owner

    public static func list(_ owner: Owner, _ id: Int64, _ store: Store) async throws -> [AttachmentRow] {
        try await Attachments.list(owner, id, on: store)
    }

    static func one(_ owner: Owner, _ id: Int64, _ aid: Int64, _ store: Store) async throws -> AttachmentRow? {
        try await Attachments.one(owner, id, aid, on: store)
    }

    public static let maxBytes = 5 * 1024 * 1024

    public static let types: [String: String] = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "txt": "text/plain",
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
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
        case "docx", "xlsx", "pptx": return starts([0x50, 0x4B, 0x03, 0x04])
        case "doc", "xls", "ppt": return starts([0xD0, 0xCF, 0x11, 0xE0])
        case "txt": return String(data: data, encoding: .utf8) != nil
        default: return false
        }
    }

    /// A file as received, refused unless its name, size and first bytes say it is one of `types`:
    /// its clean name, extension and content type.
    public static func checked(
        fileName: String?, data: Data, maxBytes: Int, field: String = "file"
    ) throws -> (name: String, ext: String, type: String) {
        let name = try Validate.required(fileName.map { ($0 as NSString).lastPathComponent }, field, max: 120)
        let ext = (name as NSString).pathExtension.lowercased()
        guard let type = types[ext] else {
            throw DomainError.invalid(field, code: "file_type_refused", args: [name, types.keys.sorted().joined(separator: ", ")])
        }
        guard !data.isEmpty else { throw DomainError.invalid(field, code: "file_empty", args: [name]) }
        guard data.count <= maxBytes else {
            throw DomainError(.tooLarge, code: "file_too_large", field: field, args: [name, "\(maxBytes / 1024 / 1024) MB"])
        }
        guard magicMatches(ext, data) else { throw DomainError.invalid(field, code: "file_content_mismatch", args: [name]) }
        return (name, ext, type)
    }

    public static func add(
        contract id: Int64, fileName: String?, data: Data, directory: String, _ ctx: ServiceContext
    ) async throws -> AttachmentRow {
        try await add(.contract, id, fileName: fileName, data: data, directory: directory, ctx)
    }

    public static func add(
        _ owner: Owner, _ id: Int64, fileName: String?, data: Data, directory: String, _ ctx: ServiceContext
    ) async throws -> AttachmentRow {
        let (name, ext, type) = try checked(fileName: fileName, data: data, maxBytes: maxBytes)
        return try await ctx.write { ctx in
            let branch = try await owner.check(id, .edit, ctx)
            let stored = ctx.tokens.token(24).filter { $0.isLetter || $0.isNumber } + "." + ext
            // The bytes are written in the same transaction as the row: both appear at the commit, or neither.
            let aid = try await Attachments.insert(
                owner, id, fileName: name, contentType: type, data: data, storedName: stored, by: ctx.principal?.userId, at: ctx.nowMillis,
                on: ctx.store)
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
        if let data = try await Attachments.contents(a.storedName, on: ctx.store) { return (a, data) }
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
            try await Attachments.delete(owner, a, on: ctx.store)
            try await ctx.audit("detach", owner.rawValue, id, branch: branch, [FieldChange("file", old: a.fileName, new: nil)])
            return a.storedName
        }
        // An older file on disk goes only once the row is gone for good.
        try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(stored))
    }
}

extension Attachments.Owner {
    /// Checks access to the owner for `action`; answers its branch for the audit.
    func check(_ id: Int64, _ action: Action, _ ctx: ServiceContext) async throws -> Int64 {
        try await ctx.crossings.attachmentOwnerBranch((rawValue, id, action), ctx)
    }
}
