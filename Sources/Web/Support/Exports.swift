import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// A list's row with the names it points to (owners, customers), looked up once per page.
struct Named<Row: Sendable>: Sendable {
    var row: Row
    var users: [Int64: String]
    var partners: [Int64: String]
    func user(_ id: Int64?) -> String? { id.flatMap { users[$0] } }
    func partner(_ id: Int64?) -> String? { id.flatMap { partners[$0] } }
}

/// What every list's export shares: the format asked for, the filters to record, the file sent
/// back and the two links a list page shows.
enum Exports {
    /// `format=xlsx` (the default) or `format=csv`.
    static func format(_ req: Request) throws -> ExportFormat {
        guard let text = req.query[String.self, at: "format"] else { return .xlsx }
        guard let f = ExportFormat(rawValue: text) else {
            throw DomainError(.badRequest, code: "wrong_type", field: "format", args: ["format"])
        }
        return f
    }

    /// The request's query without paging and format: the filters the audit records.
    static func filters(_ req: Request) -> String {
        guard let items = URLComponents(string: req.url.string)?.queryItems else { return "" }
        return items.filter { !["format", "cursor", "limit", "async"].contains($0.name) && !($0.value ?? "").isEmpty }
            .map { $0.name + "=" + ($0.value ?? "") }.joined(separator: "&")
    }

    /// The export as a download.
    static func response(_ file: ExportFile) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.format.contentType)
        // RFC 6266: an ASCII name for old clients, the real one (Chinese) in filename*.
        let encoded =
            file.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-."))) ?? "export"
        headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"export.\(file.format.rawValue)\"; filename*=UTF-8''" + encoded)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }

    /// "导出 Excel" and "导出 CSV" for a list page, carrying the page's filters, for those who may export.
    /// `fixed`: what the page always shows whatever its query says (the board: open opportunities).
    static func actions(_ req: Request, _ module: Module, _ path: PagePath, fixed: [URLQueryItem] = []) -> [PageAction] {
        guard req.state.principal?.can(module, .export) == true else { return [] }
        let names = Set(["format", "cursor"] + fixed.map(\.name))
        let kept = (URLComponents(string: req.url.string)?.queryItems?.filter { !names.contains($0.name) } ?? []) + fixed
        return ExportFormat.allCases.map { f in
            var c = URLComponents()
            c.path = path()
            c.queryItems = kept + [URLQueryItem(name: "format", value: f.rawValue)]
            return PageAction(label: req.t("export." + f.rawValue), href: c.string ?? path())
        }
    }

    /// Runs an export with the request's format and filters and answers the file; a list longer
    /// than the server's inline limit, or one asked for with `async=true`, answers its job instead
    /// (a program: 202 and the job, `Location` its address; a page: to the exports list).
    static func send<Row: Sendable>(
        _ req: Request, _ module: Module, entity: String, title: String, columns: [ExportColumn<Row>],
        fetch: @escaping @Sendable (Cursor?, Int) async throws -> Page<Row>
    ) async throws -> Response {
        let result = try await ExportService.export(
            module, entity: entity, title: title, format: try format(req), columns: columns, filter: filters(req),
            inlineRows: req.concord.exportInlineRows, background: try InventoryAPI.boolQuery(req, "async") ?? false, req.services,
            fetch: fetch)
        switch result {
        case .file(let file): return response(file)
        case .job(let job):
            guard req.isAPI else { return PageShell.redirect(req, to: Paths.Exports.jobs(), flash: "export.queued") }
            let r = try ExportsAPI.JobDTO(job, req.t).jsonResponse(status: .accepted)
            r.headers.replaceOrAdd(name: .location, value: ExportsAPI.address(job.id))
            return r
        }
    }

    /// Runs an export of a list whose rows name users (owners) and partners (customers): one
    /// lookup of each per page.
    static func run<Row: Sendable>(
        _ req: Request, _ module: Module, entity: String, title: String, columns: [ExportColumn<Named<Row>>],
        users: @escaping @Sendable (Row) -> [Int64?] = { _ in [] }, partners: @escaping @Sendable (Row) -> [Int64?] = { _ in [] },
        fetch: @escaping @Sendable (Cursor?, Int) async throws -> Page<Row>
    ) async throws -> Response {
        try await send(req, module, entity: entity, title: title, columns: columns) { cursor, limit in
            let page = try await fetch(cursor, limit)
            let people = try await PageShell.names(.users, page.items.flatMap(users).compactMap { $0 }, req)
            let firms = try await PageShell.names(.partners, page.items.flatMap(partners).compactMap { $0 }, req)
            return Page(items: page.items.map { Named(row: $0, users: people, partners: firms) }, nextCursor: page.nextCursor)
        }
    }
}
