import Foundation
import Kernel
import Persistence
import Spreadsheets

/// Imports as jobs (数据迁移): a file becomes a draft job holding its rows and a suggested column
/// mapping; the person fixes the mapping, chooses create / update / both by a business key and
/// whether new customers go to the pool, looks at a preview of what each row would do, then
/// starts it. The server runs it in batches (a transaction each), so progress shows while it
/// runs and a restart goes on where it stopped; refused rows, with why, download as a workbook.
public enum ImportService {
    public static let kinds = [
        "customers", "contacts", "leads", "products", "partners", "opening_stock", "users", "price_lists", "open_items",
    ]
    public static let modes = ["create", "update", "upsert"]
    /// Rows one file may bring.
    public static let maxRows = 200_000
    /// Rows per transaction while running.
    public static let batchSize = 200
    /// Rows of a batch written under one savepoint (a failing row sends its group round again, row by
    /// row). Small: SQLite keeps the group's undo pages in one in-memory journal and, at the end of
    /// each statement, walks it from the start to drop that statement's own — 10 rows a group ran a
    /// 30,000-row import ~6% faster than 50, and 100 slower still.
    static let groupSize = 10

    public struct Settings: Sendable, Equatable {
        public var mapping: [String]
        public var mode: String
        public var matchKey: String
        public var intoPool: Bool
        public init(mapping: [String], mode: String, matchKey: String, intoPool: Bool) {
            self.mapping = mapping
            self.mode = mode
            self.matchKey = matchKey
            self.intoPool = intoPool
        }
    }

    /// What a row did (or, in a preview, would do).
    public struct Outcome: Sendable, Equatable {
        public init(
            line: Int64, outcome: String, recordId: Int64? = nil, field: String? = nil, code: String? = nil, args: [String], name: String?
        ) {
            self.line = line
            self.outcome = outcome
            self.recordId = recordId
            self.field = field
            self.code = code
            self.args = args
            self.name = name
        }
        /// A row refused, with why.
        static func refused(_ line: Int64, _ e: DomainError, name: String?) -> Outcome {
            Outcome(line: line, outcome: "refused", field: e.field, code: e.code, args: e.args, name: name)
        }

        public var line: Int64
        /// created, updated, refused; would_create, would_update in a preview.
        public var outcome: String
        public var recordId: Int64?
        /// An updated record as it was (JSON), and the version the import left it at.
        public var before: String?
        public var afterVersion: Int64?
        public var field: String?
        public var code: String?
        public var args: [String]
        public var name: String?
    }

    public static func fields(_ kind: String) -> [String] { registered(kind)?.fields ?? [] }

    /// The entity whose custom fields an import of `kind` may fill.
    static func customEntity(_ kind: String) -> CustomFieldService.Entity? {
        switch kind {
        case "customers": .customer
        case "contacts": .contact
        case "leads": .lead
        case "products": .product
        default: nil
        }
    }

    /// The company's own fields an import of `kind` may fill, as mapping fields (`custom.<key>`) with their labels.
    public static func customFields(_ kind: String, _ ctx: ServiceContext) async throws -> [(field: String, label: String)] {
        guard let entity = customEntity(kind) else { return [] }
        return try await CustomFieldService.active(entity, ctx).map { ("custom." + $0.fieldKey, $0.label) }
    }

    /// Every field an import of `kind` may fill: its own, then the custom ones.
    public static func allFields(_ kind: String, _ ctx: ServiceContext) async throws -> [String] {
        fields(kind) + (try await customFields(kind, ctx)).map(\.field)
    }

    public static func keys(_ kind: String) -> [String] { registered(kind)?.keys ?? [] }
    /// Every business key of every kind, once each.
    public static var allKeys: [String] { kinds.flatMap(keys).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
    public static func modes(_ kind: String) -> [String] { registered(kind)?.modes ?? modes }
    /// Whether an import of `kind` may put new records into the pool.
    public static func offersPool(_ kind: String) -> Bool { registered(kind)?.offersPool ?? false }

    /// The module whose rights an import of `kind` needs.
    public static func module(_ kind: String) -> Module { registered(kind)?.module ?? .customers }

    /// Anyone who may import something (create what one of the kinds creates) reaches the imports.
    public static func requireAny(_ ctx: ServiceContext) throws {
        guard let p = ctx.principal else { return }
        guard kinds.contains(where: { allowed($0, p) }) else { throw DomainError.forbidden }
    }

    @discardableResult
    static func requireImport(_ kind: String, _ ctx: ServiceContext) throws -> any ImportKind.Type {
        let k = try self.kind(kind)
        for a in k.actions { try ctx.require(k.module, a) }
        return k
    }

    /// A file read into a draft job, with the mapping its header suggests.
    public static func upload(kind: String, fileName: String?, file: Data, _ ctx: ServiceContext) async throws -> ImportJobRow {
        let k = try requireImport(kind, ctx)
        let table: [[String]]
        do {
            table = try Spreadsheet.read(file, limits: .init(rows: maxRows + 1)).first?.rows ?? []
        } catch {
            throw DomainError.invalid("file", code: error.code, args: error.args)
        }
        guard let header = table.first, header.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw DomainError.required("file")
        }
        var kept: [(line: Int64, cells: String)] = []
        for (i, cells) in table.dropFirst().enumerated() where cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            kept.append((Int64(i + 2), try CompactJSON.string(cells)))
        }
        let rows = kept
        guard !rows.isEmpty else { throw DomainError.invalid("file", code: "import_no_rows") }
        let name = try Validate.optional(fileName, "fileName", max: 200) ?? "import"
        var mapping = k.columns.suggest(header)
        // A column headed with a custom field's label (or key) fills that field.
        let custom = try await customFields(kind, ctx)
        for (i, h) in header.enumerated() where i < mapping.count && mapping[i].isEmpty {
            let name = h.trimmingCharacters(in: .whitespaces)
            if let f = custom.first(where: { $0.label == name || $0.field == "custom." + name }), !mapping.contains(f.field) {
                mapping[i] = f.field
            }
        }
        let key = k.suggestedKey(mapping), suggested = mapping
        return try await ctx.write { tx in
            let id = try await ImportQueries.insertJob(
                kind: kind, fileName: name, header: try CompactJSON.string(header), mapping: try CompactJSON.string(suggested),
                mode: "create",
                matchKey: key, rows: rows, createdBy: tx.actor.userId ?? 0, at: tx.nowMillis, on: tx.store)
            try await tx.audit(
                "upload", "import", id, [FieldChange("file", old: nil, new: name), FieldChange("rows", old: nil, new: String(rows.count))])
            return try await ImportQueries.job(id, on: tx.store)!
        }
    }

    /// One's own import (an administrator, any).
    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> ImportJobRow {
        try requireAny(ctx)
        guard let job = try await ImportQueries.job(id, on: ctx.store) else { throw DomainError.notFound }
        try requireImport(job.kind, ctx)
        if let p = ctx.principal, job.createdBy != p.userId, !p.can(.users, .edit) { throw DomainError.notFound }
        return job
    }

    public static func list(limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<ImportJobRow> {
        try requireAny(ctx)
        let mine = ctx.principal.flatMap { $0.can(.users, .edit) ? nil : $0.userId }
        return try await ImportQueries.jobs(createdBy: mine, limit: limit, cursor: cursor, on: ctx.store)
    }

    public static func header(_ job: ImportJobRow) -> [String] { decode(job.header) }

    /// A stored row's outcome ("pending" while not run).
    static func outcome(_ r: ImportRowRow) -> Outcome {
        Outcome(
            line: r.line, outcome: r.outcome ?? "pending", recordId: r.recordId, field: r.field, code: r.code,
            args: r.args.map(decode) ?? [], name: nil)
    }

    /// The rows as run, in file order (only those with `outcome`, if named), paged by line.
    public static func rows(_ id: Int64, outcome: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<Outcome>
    {
        _ = try await find(id, ctx)
        let rows = try await ImportQueries.rows(id, outcome: outcome, limit: limit + 1, afterLine: cursor?.id ?? 0, on: ctx.store)
        let page = Cursor.page(rows, limit: limit) { Cursor(key: .int($0.line), id: $0.line) }
        return Page(items: page.items.map { Self.outcome($0) }, nextCursor: page.nextCursor)
    }
    public static func mapping(_ job: ImportJobRow) -> [String] { decode(job.mapping) }

    /// A JSON array of strings as stored.
    public static func decode(_ json: String) -> [String] { (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? [] }

    /// Saves the mapping and choices of a draft.
    public static func configure(_ id: Int64, _ s: Settings, version: Int64?, _ ctx: ServiceContext) async throws -> ImportJobRow {
        let job = try await find(id, ctx)
        let header = header(job)
        guard s.mapping.count == header.count else {
            throw DomainError.invalid("mapping", code: "import_mapping_length", args: [String(header.count)])
        }
        let fields = Set(try await allFields(job.kind, ctx))
        var seen: Set<String> = []
        for f in s.mapping where !f.isEmpty {
            guard fields.contains(f) else { throw DomainError.invalid("mapping", code: "import_unknown_field", args: [f]) }
            guard seen.insert(f).inserted else { throw DomainError.invalid("mapping", code: "import_field_twice", args: [f]) }
        }
        let k = try kind(job.kind)
        guard k.modes.contains(s.mode) else { throw DomainError.invalid("mode", code: "wrong_type", args: ["mode"]) }
        guard k.keys.contains(s.matchKey) else { throw DomainError.invalid("matchKey", code: "wrong_type", args: ["matchKey"]) }
        guard s.mapping.contains(s.matchKey) else {
            throw DomainError.invalid("matchKey", code: "import_key_not_mapped", args: [s.matchKey])
        }
        try k.check(s)
        if s.mode != "update" { try ctx.require(module(job.kind), .create) }
        if s.mode != "create" { try ctx.require(module(job.kind), .edit) }
        guard let version else { throw DomainError.required("version") }
        return try await ctx.write { tx in
            guard
                try await ImportQueries.configure(
                    id, mapping: try CompactJSON.string(s.mapping), mode: s.mode, matchKey: s.matchKey,
                    intoPool: s.intoPool && k.offersPool,
                    version: version,
                    on: tx.store)
            else { throw DomainError(.conflict, code: "stale_version", field: "version") }
            return try await ImportQueries.job(id, on: tx.store)!
        }
    }

    /// What the first rows would do, written nowhere.
    public static func preview(_ id: Int64, rows count: Int = 20, _ ctx: ServiceContext) async throws -> [Outcome] {
        let job = try await find(id, ctx)
        let rows = try await ImportQueries.rows(id, outcome: nil, limit: count, afterLine: 0, on: ctx.store)
        var run = ImportRun(job: job, mapping: mapping(job), owner: owner(job), pool: try await pool(job, ctx), dryRun: true)
        return try await kind(job.kind).apply(rows, &run, ctx)
    }

    /// Starts a draft: the server runs it from here.
    public static func start(_ id: Int64, _ ctx: ServiceContext) async throws -> ImportJobRow {
        let job = try await find(id, ctx)
        _ = try await configure(
            id, .init(mapping: mapping(job), mode: job.mode, matchKey: job.matchKey, intoPool: job.intoPool), version: job.version, ctx)
        return try await ctx.write { tx in
            guard try await ImportQueries.queue(id, at: tx.nowMillis, on: tx.store) else {
                throw DomainError(.conflict, code: "import_not_draft", field: "status")
            }
            try await tx.audit("start", "import", id, [FieldChange("mode", old: nil, new: job.mode)])
            return try await ImportQueries.job(id, on: tx.store)!
        }
    }

    static let leaseMillis: Int64 = 120_000

    /// Runs up to `batches` batches of the oldest job waiting (or left running by a server that
    /// stopped), as the person who started it. Answers the job it worked on.
    @discardableResult
    public static func runPending(batches: Int = 5, _ system: ServiceContext) async throws -> ImportJobRow? {
        let now = system.nowMillis
        guard
            let job = try await system.write({ tx in
                try await ImportQueries.claim(now: now, leaseUntil: now + leaseMillis, on: tx.store)
            })
        else { return nil }
        // Run as the person who started it, with their rights and scope; one who has left since
        // (or lost the right) stops it.
        guard let user = try await OrganisationQueries.user(job.createdBy, on: system.store), user.active,
            case let ctx = try await system.acting(as: user, requestId: "import-\(job.id)"),
            ctx.principal.map({ allowed(job.kind, $0) }) == true
        else {
            try await system.write { tx in try await ImportQueries.stop(job.id, at: tx.nowMillis, on: tx.store) }
            return try await ImportQueries.job(job.id, on: system.store)
        }
        let k = try kind(job.kind)
        var run = ImportRun(job: job, mapping: mapping(job), owner: owner(job), pool: try await pool(job, ctx), dryRun: false)
        for _ in 0..<batches {
            let rows = try await ImportQueries.pendingRows(job.id, limit: batchSize, on: ctx.store)
            if rows.isEmpty { break }
            let before = run
            run = try await ctx.write { tx in
                var created: Int64 = 0, updated: Int64 = 0, refused: Int64 = 0
                // The batch's rows are written (or refused) together; a row's outcome is kept with it.
                var batchRun = before
                let outcomes = try await k.apply(rows, &batchRun, tx)
                for (r, o) in zip(rows, outcomes) {
                    switch o.outcome {
                    case "created": created += 1
                    case "updated": updated += 1
                    default: refused += 1
                    }
                    try await ImportQueries.record(
                        job.id, line: r.line, outcome: o.outcome, recordId: o.recordId, field: o.field, code: o.code,
                        args: o.args.isEmpty ? nil : try CompactJSON.string(o.args), before: o.before, afterVersion: o.afterVersion,
                        on: tx.store)
                }
                try await ImportQueries.progress(
                    job.id, created: created, updated: updated, refused: refused, leaseUntil: tx.nowMillis + leaseMillis, at: tx.nowMillis,
                    on: tx.store)
                return batchRun
            }
        }
        try await system.write { tx in try await ImportQueries.release(job.id, on: tx.store) }
        return try await ImportQueries.job(job.id, on: system.store)
    }

    /// New customers belong to the person importing, unless they go to the pool.
    static func owner(_ job: ImportJobRow) -> Int64? { job.intoPool ? nil : job.createdBy }

    /// The pool new customers go to when asked: the importer's branch's, else the company's.
    static func pool(_ job: ImportJobRow, _ ctx: ServiceContext) async throws -> Int64? {
        guard job.intoPool else { return nil }
        let pools = try await PoolQueries.pools(activeOnly: true, on: ctx.store)
        let branch = ctx.principal?.branchId
        return (pools.first { $0.branchId == branch } ?? pools.first { $0.branchId == nil })?.id
    }

    /// Undoes a finished import, all of it or nothing: the customers it created are deleted and
    /// those it updated get their former values back, as long as nothing depends on them and nobody
    /// changed them since (else 409 naming the row). Needs the rights to delete and edit them.
    public static func revert(_ id: Int64, _ ctx: ServiceContext) async throws -> ImportJobRow {
        let job = try await find(id, ctx)
        guard job.status == "done" else { throw DomainError(.conflict, code: "import_not_done", field: "status") }
        let k = try kind(job.kind)
        return try await ctx.write { tx in
            let (deleted, restored) = try await k.revert(try await ImportQueries.written(id, on: tx.store), tx)
            guard try await ImportQueries.markReverted(id, at: tx.nowMillis, on: tx.store) else {
                throw DomainError(.conflict, code: "import_not_done", field: "status")
            }
            try await tx.audit(
                "revert", "import", id,
                [FieldChange("deleted", old: nil, new: String(deleted)), FieldChange("restored", old: nil, new: String(restored))])
            return try await ImportQueries.job(id, on: tx.store)!
        }
    }

    /// The refused rows as they were in the file, with the reason in the reader's words (`reason`
    /// gives it for a row), ready to fix and import again.
    public static func errors(
        _ id: Int64, reason: (Outcome) -> String, reasonHeader: String, _ ctx: ServiceContext
    ) async throws
        -> SpreadsheetWriter.Sheet
    {
        let job = try await find(id, ctx)
        var rows: [[SpreadsheetWriter.Cell]] = []
        var after: Int64 = 0
        while true {
            let page = try await ImportQueries.rows(id, outcome: "refused", limit: 1000, afterLine: after, on: ctx.store)
            guard let last = page.last else { break }
            for r in page {
                rows.append(
                    [.number(String(r.line)), .text(reason(Self.outcome(r)))] + decode(r.cells).map { SpreadsheetWriter.Cell.text($0) })
            }
            after = last.line
        }
        return SpreadsheetWriter.Sheet(name: job.fileName, header: ["#", reasonHeader] + header(job), rows: rows)
    }
}
