import Foundation
import Kernel
import Persistence
import Services
import Spreadsheets
import Vapor
import Views

/// /api/v1/imports: a file in, its columns mapped, a preview, the run and its progress, the
/// refused rows as a workbook.
enum ImportsAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("imports", use: list)
        authed.on(.POST, "imports", body: .collect(maxSize: "64mb"), use: upload)
        authed.get("imports", ":id", use: show)
        authed.put("imports", ":id", use: configure)
        authed.get("imports", ":id", "preview", use: preview)
        authed.post("imports", ":id", "run", use: run)
        authed.post("imports", ":id", "revert", use: revert)
        authed.get("imports", ":id", "rows", use: rows)
        authed.get("imports", ":id", "errors", use: errors)
    }

    struct JobDTO: Encodable {
        var id: String
        var kind: String
        var fileName: String
        var header: [String]
        var mapping: [String]
        var fields: [String]
        var mode: String
        var matchKey: String
        var intoPool: Bool
        var status: String
        var total: Int64
        var processed: Int64
        var created: Int64
        var updated: Int64
        var refused: Int64
        var version: Int64
        var createdAt: String?
        var finishedAt: String?
        init(_ j: ImportJobRow, custom: [String] = []) {
            id = String(j.id); kind = j.kind; fileName = j.fileName; header = ImportService.header(j); mapping = ImportService.mapping(j)
            fields = ImportService.fields(j.kind) + custom; mode = j.mode; matchKey = j.matchKey; intoPool = j.intoPool
            status = j.status; total = j.total; processed = j.processed
            created = j.created; updated = j.updated; refused = j.refused; version = j.version; createdAt = ISOTime.string(j.createdAt)
            finishedAt = ISOTime.string(j.finishedAt)
        }
    }

    struct OutcomeDTO: Encodable {
        var line: Int64
        var outcome: String
        var recordId: String?
        var name: String?
        var field: String?
        var code: String?
        var message: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await ImportService.list(limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { JobDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }

    /// The body is the file; `?kind=customers&fileName=客户.xlsx`.
    static func upload(_ req: Request) async throws -> Response {
        try ImportService.requireAny(req.services)
        let kind = req.query[String.self, at: "kind"] ?? ""
        guard let body = req.body.data, body.readableBytes > 0 else { throw DomainError.required("file") }
        let job = try await ImportService.upload(
            kind: kind, fileName: req.query[String.self, at: "fileName"], file: Data(buffer: body), req.services)
        return try await dto(job, req).jsonResponse(status: .created)
    }

    static func show(_ req: Request) async throws -> Response {
        try await dto(try await ImportService.find(try req.id(), req.services), req).jsonResponse()
    }

    struct Body: Decodable {
        var mapping: [String]?
        var mode: String?
        var matchKey: String?
        var intoPool: Bool?
        var version: Int64?
    }

    static func configure(_ req: Request) async throws -> Response {
        try ImportService.requireAny(req.services)
        let id = try req.id()
        let job = try await ImportService.find(id, req.services)
        let b = try req.decodeJSON(Body.self)
        let s = ImportService.Settings(
            mapping: b.mapping ?? ImportService.mapping(job), mode: b.mode ?? job.mode, matchKey: b.matchKey ?? job.matchKey,
            intoPool: b.intoPool ?? job.intoPool)
        return try await dto(try await ImportService.configure(id, s, version: b.version, req.services), req).jsonResponse()
    }

    static func outcome(_ o: ImportService.Outcome, _ t: Translator) -> OutcomeDTO {
        OutcomeDTO(
            line: o.line, outcome: o.outcome, recordId: o.recordId.map(String.init), name: o.name, field: o.field, code: o.code,
            message: reason(o, t))
    }

    /// Why a row was refused, in the reader's words (nil for one that was not).
    static func reason(_ o: ImportService.Outcome, _ t: Translator) -> String? {
        o.code.map { ConcordErrorMiddleware.message(DomainError(.invalid, code: $0, field: o.field, args: o.args), t) }
    }

    static func preview(_ req: Request) async throws -> Response {
        let items = try await ImportService.preview(try req.id(), req.services)
        return try ListBody(items: items.map { outcome($0, req.t) }, nextCursor: nil).jsonResponse()
    }

    static func run(_ req: Request) async throws -> Response {
        try ImportService.requireAny(req.services)
        return try await dto(try await ImportService.start(try req.id(), req.services), req).jsonResponse(status: .accepted)
    }

    static func revert(_ req: Request) async throws -> Response {
        try ImportService.requireAny(req.services)
        return try await dto(try await ImportService.revert(try req.id(), req.services), req).jsonResponse()
    }

    /// The rows as run (`?outcome=refused` for the refused ones), in file order, paged by line.
    static func rows(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let wanted = CRMFilters.nonEmpty(req, "outcome")
        if let o = wanted, !["created", "updated", "refused"].contains(o) {
            throw DomainError(.badRequest, code: "wrong_type", field: "outcome", args: ["outcome"])
        }
        let page = try await ImportService.rows(try req.id(), outcome: wanted, limit: limit, cursor: cursor, req.services)
        let t = req.t
        return try ListBody(items: page.items.map { outcome($0, t) }, nextCursor: page.nextCursor).jsonResponse()
    }

    /// The refused rows as they were, with why, as .xlsx (or `?format=csv`).
    static func errors(_ req: Request) async throws -> Response {
        let id = try req.id()
        let format = try Exports.format(req)
        let t = req.t
        let sheet = try await ImportService.errors(
            id,
            reason: { o in
                guard let message = reason(o, t) else { return "" }
                return o.field.map { ConcordErrorMiddleware.fieldName($0, t) + "：" + message } ?? message
            }, reasonHeader: t("import.reason"), req.services)
        let data = format == .xlsx ? try SpreadsheetWriter.xlsx([sheet], modified: req.services.now) : SpreadsheetWriter.csv(sheet)
        return Exports.response(
            ExportFile(data: data, baseName: t("import.errors_file") + "-" + String(id), format: format, rows: sheet.rows.count))
    }

    /// A job as programs read it: the fields its columns may be mapped to include the custom ones.
    static func dto(_ j: ImportJobRow, _ req: Request) async throws -> JobDTO {
        JobDTO(j, custom: try await ImportService.customFields(j.kind, req.services).map(\.field))
    }
}
