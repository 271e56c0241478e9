import Foundation
import Kernel
import Persistence

/// Contract attachments: scanned contracts, drawings, spreadsheets. Kept as files under the data
/// directory with a random name (the person's file name is only data), at most 5 MB each, of a
/// few document and image types whose first bytes must agree with the name.
public enum AttachmentService {
    public static let maxBytes = 5 * 1024 * 1024

    static let types: [String: String] = [
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

    public static func add(contract id: Int64, fileName: String?, data: Data, directory: String, _ ctx: ServiceContext) async throws -> AttachmentRow {
        let name = try Validate.required(fileName.map { ($0 as NSString).lastPathComponent }, "file", max: 120)
        let ext = (name as NSString).pathExtension.lowercased()
        guard let type = types[ext] else { throw DomainError.invalid("file", code: "file_type_refused", args: [name, types.keys.sorted().joined(separator: ", ")]) }
        guard !data.isEmpty else { throw DomainError.invalid("file", code: "file_empty", args: [name]) }
        guard data.count <= maxBytes else { throw DomainError(.tooLarge, code: "file_too_large", field: "file", args: [name, "5 MB"]) }
        guard magicMatches(ext, data) else { throw DomainError.invalid("file", code: "file_content_mismatch", args: [name]) }
        return try await ctx.write { ctx in
            let c = try await ContractService.row(id, ctx, action: .edit)
            let stored = ctx.tokens.token(24).filter { $0.isLetter || $0.isNumber } + "." + ext
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = (directory as NSString).appendingPathComponent(stored)
            guard FileManager.default.createFile(atPath: path, contents: data) else { throw DomainError(.conflict, code: "file_not_saved", args: [name]) }
            do {
                let aid = try await ctx.store.insertReturningID("""
                    INSERT INTO contract_attachments (contract_id, file_name, content_type, size, stored_name, uploaded_by, created_at)
                    VALUES (\(bind: id), \(bind: name), \(bind: type), \(bind: Int64(data.count)), \(bind: stored), \(bind: ctx.principal?.userId), \(bind: ctx.nowMillis))
                    """)
                try await ctx.audit("attach", "contract", id, branch: c.branchId, [FieldChange("file", old: nil, new: name)])
                return try await ctx.store.first("SELECT * FROM contract_attachments WHERE id = \(bind: aid)", as: AttachmentRow.self)!
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
        }
    }

    /// The file, for someone who may see the contract.
    public static func read(contract id: Int64, attachment aid: Int64, directory: String, _ ctx: ServiceContext) async throws -> (AttachmentRow, Data) {
        _ = try await ContractService.row(id, ctx)
        guard let a = try await ctx.store.first("SELECT * FROM contract_attachments WHERE id = \(bind: aid) AND contract_id = \(bind: id)", as: AttachmentRow.self),
              let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(a.storedName)) else { throw DomainError.notFound }
        return (a, data)
    }

    public static func delete(contract id: Int64, attachment aid: Int64, directory: String, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            let c = try await ContractService.row(id, ctx, action: .edit)
            guard let a = try await ctx.store.first("SELECT * FROM contract_attachments WHERE id = \(bind: aid) AND contract_id = \(bind: id)", as: AttachmentRow.self) else {
                throw DomainError.notFound
            }
            try await ctx.store.run("DELETE FROM contract_attachments WHERE id = \(bind: aid)")
            try await ctx.audit("detach", "contract", id, branch: c.branchId, [FieldChange("file", old: a.fileName, new: nil)])
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(a.storedName))
        }
    }
}
