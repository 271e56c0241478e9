import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// /api/v1/exports: the exports that ran as jobs (a list asked for with `async=true`, or longer
/// than the server writes while one waits), their progress and their files.
enum ExportsAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("exports", use: list)
        authed.get("exports", ":id", use: show)
        authed.get("exports", ":id", "file", use: file)
    }

    /// A job's address for programs (a 202's `Location`).
    static func address(_ id: Int64) -> String { "/api/v1/exports/\(id)" }

    struct JobDTO: Encodable {
        var id: String
        var entity: String
        var fileName: String
        var format: String
        var filter: String
        var status: String
        var rows: Int64
        var error: String?
        var message: String?
        var createdAt: String?
        var finishedAt: String?
        init(_ j: ExportJobRow, _ t: Translator) {
            id = String(j.id); entity = j.entity; fileName = j.title + "." + j.format; format = j.format; filter = j.filter
            status = j.status; rows = j.rowCount; createdAt = ISOTime.string(j.createdAt); finishedAt = ISOTime.string(j.finishedAt)
            if let f = ExportService.failure(j) {
                error = f.code
                message = ExportsAPI.reason(f, t)
            }
        }
    }

    /// Why a job failed, in the reader's words.
    static func reason(_ f: (code: String, args: [String]), _ t: Translator) -> String {
        ConcordErrorMiddleware.message(DomainError(.invalid, code: f.code, args: f.args), t)
    }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await ExportService.list(limit: limit, cursor: cursor, req.services)
        let t = req.t
        return try ListBody(items: page.items.map { JobDTO($0, t) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func show(_ req: Request) async throws -> Response {
        try JobDTO(try await ExportService.find(try req.id(), req.services), req.t).jsonResponse()
    }

    /// A finished job's file (409 `export_not_ready` while it is written or when it failed).
    static func file(_ req: Request) async throws -> Response {
        Exports.response(try await ExportService.file(try req.id(), req.services))
    }
}
