import Foundation
import Kernel
import Paths
import Persistence
import Spreadsheets

/// The two files a list exports to.
public enum ExportFormat: String, Sendable, CaseIterable {
    case xlsx, csv

    public var contentType: String {
        switch self {
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: return "text/csv; charset=utf-8"
        }
    }
}

/// One column of an export: its header in the reader's language and the cell of each row.
public struct ExportColumn<Row>: Sendable {
    public var header: String
    public var cell: @Sendable (Row) -> SpreadsheetWriter.Cell
    public init(_ header: String, _ cell: @escaping @Sendable (Row) -> SpreadsheetWriter.Cell) {
        self.header = header
        self.cell = cell
    }

    /// Text, or an empty cell for nil.
    public static func text(_ header: String, _ value: @escaping @Sendable (Row) -> String?) -> ExportColumn {
        ExportColumn(header) { row in value(row).map(SpreadsheetWriter.Cell.text) ?? .empty }
    }

    /// An amount in fen, written as yuan with two decimals.
    public static func money(_ header: String, _ fen: @escaping @Sendable (Row) -> Int64?) -> ExportColumn {
        ExportColumn(header) { row in fen(row).map { .money(Money(fen: $0).description) } ?? .empty }
    }

    /// An instant (epoch milliseconds) as its day in China time.
    public static func day(_ header: String, _ millis: @escaping @Sendable (Row) -> Int64?) -> ExportColumn {
        ExportColumn(header) { row in millis(row).map { .date(CalendarDate.chinaDate($0)) } ?? .empty }
    }

    /// A calendar day already written `yyyy-MM-dd`.
    public static func date(_ header: String, _ text: @escaping @Sendable (Row) -> String?) -> ExportColumn {
        ExportColumn(header) { row in text(row).map { CalendarDate($0) != nil ? .date($0) : .text($0) } ?? .empty }
    }
}

/// A finished export, ready to send.
public struct ExportFile: Sendable {
    public var data: Data
    /// The file's name without extension, in the reader's language (`客户-2026-12-06`).
    public var baseName: String
    public var format: ExportFormat
    public var rows: Int
    public var fileName: String { baseName + "." + format.rawValue }
    public init(data: Data, baseName: String, format: ExportFormat, rows: Int) {
        self.data = data
        self.baseName = baseName
        self.format = format
        self.rows = rows
    }
}

/// What asking for an export answers: the file itself, or — for a list too long to write while
/// the asker waits — the job that is writing it.
public enum ExportResult: Sendable {
    case file(ExportFile)
    case job(ExportJobRow)
}

/// Exports a list as it is on screen: the same filters, the same scope (the rows the user may
/// view), every page of it. Needs the module's `export` permission and leaves an audit entry
/// naming the filters and the number of rows. A list longer than `inlineRows` (or one asked for
/// in the background) becomes a job: the request answers at once, the rest is read and the file
/// written after it, kept for `keepDays` days for its asker to fetch, who is told in the inbox.
public enum ExportService {
    /// Rows one export may hold; a larger list must be narrowed by its filters first.
    public static let rowLimit = 100_000
    /// Rows written while the asker waits; a longer list goes on as a job.
    public static let inlineRows = 10_000
    /// Exports one person may have running at once.
    public static let maxRunning: Int64 = 2
    /// A job still running after this long lost its server (a restart) and counts as failed.
    public static let staleMillis: Int64 = 30 * 60 * 1000
    /// How long a finished file is kept.
    public static let keepDays: Int64 = 7
    static let pageSize = 500

    /// - Parameters:
    ///   - entity: the audit's entity (`customers`).
    ///   - title: the sheet's and file's name in the reader's language.
    ///   - filter: the list's query as the user gave it, for the audit.
    ///   - inlineRows: rows written before the export turns into a job.
    ///   - background: a job from the start, whatever the list's length.
    ///   - fetch: one page of the list from a cursor, scoped as the list is.
    public static func export<Row: Sendable>(
        _ module: Module, entity: String, title: String, format: ExportFormat, columns: [ExportColumn<Row>], filter: String,
        inlineRows: Int = inlineRows, background: Bool = false, _ ctx: ServiceContext,
        fetch: @escaping @Sendable (Cursor?, Int) async throws -> Page<Row>
    ) async throws -> ExportResult {
        try ctx.require(module, .export)
        let what = What(module: module, entity: entity, title: title, format: format, filter: filter)
        var reader = Reader(columns: columns, fetch: fetch, pageSize: max(1, min(pageSize, inlineRows)))
        // A job needs someone to hand the file to; the system itself always waits.
        let asker = ctx.actor.userId
        if !background || asker == nil {
            while !reader.done, asker == nil || reader.rows.count < inlineRows { try await reader.next() }
            if reader.done { return .file(try await write(what, reader, ctx)) }
        }
        guard let asker else { throw DomainError.forbidden }
        let id: Int64 = try await ctx.write { tx in
            // Two requests of one person at once take turns here (PostgreSQL; on SQLite writes
            // always do), so both cannot count one job running and start a third.
            try await tx.store.lock("users", [asker])
            let running = try await ExportQueries.running(createdBy: asker, since: tx.nowMillis - staleMillis, on: tx.store)
            guard running < maxRunning else { throw DomainError(.conflict, code: "export_busy", args: [String(maxRunning)]) }
            return try await ExportQueries.insert(
                module: module.rawValue, entity: entity, title: what.baseName(ctx), format: format.rawValue, filter: filter,
                createdBy: asker, at: tx.nowMillis, on: tx.store)
        }
        guard let job = try await ExportQueries.job(id, createdBy: asker, on: ctx.store) else { throw DomainError.notFound }
        let started = reader
        Task.detached { await finish(id, what, started, ctx) }
        return .job(job)
    }

    /// What is exported, as asked.
    struct What: Sendable {
        var module: Module
        var entity: String
        var title: String
        var format: ExportFormat
        var filter: String
        func baseName(_ ctx: ServiceContext) -> String { title + "-" + CalendarDate.today(ctx.clock).text }
    }

    /// The list read page by page into cells.
    struct Reader<Row: Sendable>: Sendable {
        var columns: [ExportColumn<Row>]
        var fetch: @Sendable (Cursor?, Int) async throws -> Page<Row>
        var pageSize: Int
        var rows: [[SpreadsheetWriter.Cell]] = []
        var cursor: Cursor?
        var done = false

        mutating func next() async throws {
            let page = try await fetch(cursor, pageSize)
            rows += page.items.map { row in columns.map { $0.cell(row) } }
            guard rows.count <= rowLimit else {
                throw DomainError(.invalid, code: "export_too_large", field: "q", args: [String(rowLimit)])
            }
            cursor = page.nextCursor.flatMap(Cursor.init(encoded:))
            done = cursor == nil
        }
    }

    /// The workbook or CSV of what was read.
    static func render<Row>(_ what: What, _ reader: Reader<Row>, _ ctx: ServiceContext) throws -> Data {
        let sheet = SpreadsheetWriter.Sheet(name: what.title, header: reader.columns.map(\.header), rows: reader.rows)
        switch what.format {
        case .xlsx: return try SpreadsheetWriter.xlsx([sheet], modified: ctx.now)
        case .csv: return SpreadsheetWriter.csv(sheet)
        }
    }

    /// A list read to its end while the asker waits: the file, audited.
    static func write<Row>(_ what: What, _ reader: Reader<Row>, _ ctx: ServiceContext) async throws -> ExportFile {
        let data = try render(what, reader, ctx)
        let count = reader.rows.count
        try await ctx.write { tx in try await audit(what, rows: count, job: nil, tx) }
        return ExportFile(data: data, baseName: what.baseName(ctx), format: what.format, rows: count)
    }

    /// A job's rest: the remaining pages read, the file kept with the job, the export audited and
    /// the asker told; or the job failed with the reason (a list grown past the limit, a
    /// database gone) and the asker told that.
    static func finish<Row>(_ id: Int64, _ what: What, _ started: Reader<Row>, _ ctx: ServiceContext) async {
        var reader = started
        reader.pageSize = pageSize
        let link = Paths.Exports.jobs()
        let asker = ctx.actor.userId ?? 0
        do {
            while !reader.done { try await reader.next() }
            let data = try render(what, reader, ctx)
            let count = reader.rows.count
            let name = what.baseName(ctx) + "." + what.format.rawValue
            try await ctx.write { tx in
                guard try await ExportQueries.finish(id, rows: Int64(count), data: data, at: tx.nowMillis, on: tx.store) else { return }
                try await audit(what, rows: count, job: id, tx)
                try await NotificationService.send(
                    [.init(userId: asker, kind: "notify.export.done", args: [name, String(count)], link: link)], tx.store, at: tx.nowMillis)
            }
        } catch {
            let e = error as? DomainError
            let code = e?.code ?? "export_failed"
            let args = String(decoding: (try? JSONEncoder().encode(e?.args ?? [])) ?? Data("[]".utf8), as: UTF8.self)
            _ = try? await ctx.write { tx in
                try await ExportQueries.fail(id, code: code, args: args, at: tx.nowMillis, on: tx.store)
                try await NotificationService.send(
                    [.init(userId: asker, kind: "notify.export.failed", args: [what.baseName(ctx)], link: link)], tx.store,
                    at: tx.nowMillis)
            }
        }
    }

    // MARK: - The asker's jobs

    /// One's own export jobs, newest first.
    public static func list(limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<ExportJobRow> {
        try requireStaff(ctx)
        var page = try await ExportQueries.jobs(createdBy: ctx.principal?.userId, limit: limit, cursor: cursor, on: ctx.store)
        page.items = page.items.map { seen($0, ctx) }
        return page
    }

    /// One of one's own export jobs; anyone else's is not found.
    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> ExportJobRow {
        try requireStaff(ctx)
        guard let job = try await ExportQueries.job(id, createdBy: ctx.principal?.userId, on: ctx.store) else { throw DomainError.notFound }
        return seen(job, ctx)
    }

    /// A finished job's file, for its asker while they still hold the module's `export` right.
    public static func file(_ id: Int64, _ ctx: ServiceContext) async throws -> ExportFile {
        let job = try await find(id, ctx)
        try ctx.require(Module(rawValue: job.module) ?? .audit, .export)
        guard job.status == "done", let format = ExportFormat(rawValue: job.format),
            let data = try await ExportQueries.file(id, on: ctx.store)
        else { throw DomainError(.conflict, code: "export_not_ready") }
        return ExportFile(data: data, baseName: job.title, format: format, rows: Int(job.rowCount))
    }

    /// The reason a failed job gives, as catalog code and arguments.
    public static func failure(_ job: ExportJobRow) -> (code: String, args: [String])? {
        guard job.status == "failed" else { return nil }
        let args = job.errorArgs.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return (job.errorCode ?? "export_failed", args)
    }

    /// Exports are the staff's: a portal account has none.
    static func requireStaff(_ ctx: ServiceContext) throws {
        guard ctx.principal?.partnerId == nil else { throw DomainError.forbidden }
    }

    /// A job its server left running (stopped mid-write) shows as failed.
    static func seen(_ job: ExportJobRow, _ ctx: ServiceContext) -> ExportJobRow {
        guard job.status == "running", job.createdAt < ctx.nowMillis - staleMillis else { return job }
        var j = job
        j.status = "failed"
        j.errorCode = "export_interrupted"
        return j
    }

    /// The nightly clean-up: files older than `keepDays` removed, jobs their server left running
    /// failed and their askers told (a job still writing then finds itself failed and keeps quiet).
    @discardableResult
    public static func purge(_ ctx: ServiceContext) async throws -> Int {
        let now = ctx.nowMillis
        return try await ctx.write { tx in
            let stale = try await ExportQueries.failStale(before: now - staleMillis, code: "export_interrupted", at: now, on: tx.store)
            try await NotificationService.send(
                stale.map {
                    // A job's title is the file's name as it started (the list and its day).
                    .init(userId: $0.createdBy, kind: "notify.export.failed", args: [$0.title], link: Paths.Exports.jobs())
                }, tx.store, at: now)
            return try await ExportQueries.purge(before: now - keepDays * 86_400_000, on: tx.store)
        }
    }

    static func audit(_ what: What, rows: Int, job: Int64?, _ tx: ServiceContext) async throws {
        try await tx.audit(
            "export", what.entity, nil,
            [
                FieldChange("format", old: nil, new: what.format.rawValue), FieldChange("rows", old: nil, new: String(rows)),
                FieldChange("filter", old: nil, new: what.filter.isEmpty ? nil : what.filter),
            ] + (job.map { [FieldChange("job", old: nil, new: String($0))] } ?? []))
    }
}
