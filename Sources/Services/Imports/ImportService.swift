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
    public static let kinds = ["customers", "contacts", "products"]
    public static let modes = ["create", "update", "upsert"]
    /// Rows one file may bring.
    public static let maxRows = 200_000
    /// Rows per transaction while running.
    public static let batchSize = 200

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

    public static func fields(_ kind: String) -> [String] {
        kind == "contacts" ? ContactImport.fields : kind == "products" ? ProductImport.fields : CustomerImport.fields
    }
    public static func keys(_ kind: String) -> [String] {
        kind == "contacts" ? ContactImport.keys : kind == "products" ? ProductImport.keys : CustomerImport.keys
    }

    /// The module whose rights an import of `kind` needs: products for products, else customers.
    public static func module(_ kind: String) -> Module { kind == "products" ? .products : .customers }

    /// Anyone who may import something (create customers or products) reaches the imports.
    public static func requireAny(_ ctx: ServiceContext) throws {
        guard let p = ctx.principal else { return }
        guard p.can(.customers, .create) || p.can(.products, .create) else { throw DomainError.forbidden }
    }

    static func requireImport(_ kind: String, _ ctx: ServiceContext) throws {
        guard kinds.contains(kind) else { throw DomainError.invalid("kind", code: "wrong_type", args: ["kind"]) }
        try ctx.require(module(kind), .create)
    }

    /// A file read into a draft job, with the mapping its header suggests.
    public static func upload(kind: String, fileName: String?, file: Data, _ ctx: ServiceContext) async throws -> ImportJobRow {
        try requireImport(kind, ctx)
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
        let mapping =
            kind == "contacts"
            ? ContactImport.columns.suggest(header)
            : kind == "products" ? ProductImport.columns.suggest(header) : CustomerImport.columns.suggest(header)
        let key =
            kind == "contacts"
            ? (mapping.contains("mobile") || !mapping.contains("email") ? "mobile" : "email")
            : kind == "products"
                ? (mapping.contains("code") || !mapping.contains("barcode") ? "code" : "barcode")
                : mapping.contains("code") ? "code" : (mapping.contains("uscc") ? "uscc" : "name")
        return try await ctx.write { tx in
            let id = try await ImportQueries.insertJob(
                kind: kind, fileName: name, header: try CompactJSON.string(header), mapping: try CompactJSON.string(mapping),
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
        let fields = Set(fields(job.kind))
        var seen: Set<String> = []
        for f in s.mapping where !f.isEmpty {
            guard fields.contains(f) else { throw DomainError.invalid("mapping", code: "import_unknown_field", args: [f]) }
            guard seen.insert(f).inserted else { throw DomainError.invalid("mapping", code: "import_field_twice", args: [f]) }
        }
        guard modes.contains(s.mode) else { throw DomainError.invalid("mode", code: "wrong_type", args: ["mode"]) }
        guard keys(job.kind).contains(s.matchKey) else { throw DomainError.invalid("matchKey", code: "wrong_type", args: ["matchKey"]) }
        guard s.mapping.contains(s.matchKey) else {
            throw DomainError.invalid("matchKey", code: "import_key_not_mapped", args: [s.matchKey])
        }
        if s.mode != "update", !s.mapping.contains("name") {
            throw DomainError.invalid("mapping", code: "import_name_not_mapped")
        }
        if job.kind == "contacts", s.mode != "update", !s.mapping.contains("customer") {
            throw DomainError.invalid("mapping", code: "import_customer_not_mapped")
        }
        if job.kind == "products", s.mode != "update", !s.mapping.contains("code") || !s.mapping.contains("baseUnit") {
            throw DomainError.invalid("mapping", code: "import_product_columns")
        }
        if s.mode != "update" { try ctx.require(module(job.kind), .create) }
        if s.mode != "create" { try ctx.require(module(job.kind), .edit) }
        guard let version else { throw DomainError.required("version") }
        return try await ctx.write { tx in
            guard
                try await ImportQueries.configure(
                    id, mapping: try CompactJSON.string(s.mapping), mode: s.mode, matchKey: s.matchKey, intoPool: s.intoPool,
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
        let user = try await owner(job, ctx)
        let pool = try await pool(job, ctx)
        let mapping = mapping(job)
        var out: [Outcome] = []
        var seen: [String: Int64] = [:]
        for r in rows {
            out.append(try await apply(r, job, mapping: mapping, owner: user, pool: pool, seen: &seen, dryRun: true, ctx))
        }
        return out
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
            ctx.principal?.can(module(job.kind), .create) == true
        else {
            try await system.write { tx in try await ImportQueries.stop(job.id, at: tx.nowMillis, on: tx.store) }
            return try await ImportQueries.job(job.id, on: system.store)
        }
        let owner = try await owner(job, ctx)
        let pool = try await pool(job, ctx)
        let mapping = mapping(job)
        for _ in 0..<batches {
            let rows = try await ImportQueries.pendingRows(job.id, limit: batchSize, on: ctx.store)
            if rows.isEmpty { break }
            try await ctx.write { tx in
                var created: Int64 = 0, updated: Int64 = 0, refused: Int64 = 0
                // Within the file: the same key twice is refused the second time.
                var seen: [String: Int64] = [:]
                for r in rows {
                    let o = try await apply(r, job, mapping: mapping, owner: owner, pool: pool, seen: &seen, dryRun: false, tx)
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
            }
        }
        try await system.write { tx in try await ImportQueries.release(job.id, on: tx.store) }
        return try await ImportQueries.job(job.id, on: system.store)
    }

    /// Within a file the same key twice is refused the second time, naming the first line.
    static func repeated(_ key: String, _ field: String, line: Int64, _ seen: inout [String: Int64]) -> DomainError? {
        if let earlier = seen[key] { return DomainError.invalid(field, code: "duplicate_in_file", args: [String(earlier)]) }
        seen[key] = line
        return nil
    }

    /// New customers belong to the person importing, unless they go to the pool.
    static func owner(_ job: ImportJobRow, _ ctx: ServiceContext) async throws -> Int64? { job.intoPool ? nil : job.createdBy }

    /// The pool new customers go to when asked: the importer's branch's, else the company's.
    static func pool(_ job: ImportJobRow, _ ctx: ServiceContext) async throws -> Int64? {
        guard job.intoPool else { return nil }
        let pools = try await PoolQueries.pools(activeOnly: true, on: ctx.store)
        let branch = ctx.principal?.branchId
        return (pools.first { $0.branchId == branch } ?? pools.first { $0.branchId == nil })?.id
    }

    static func apply(
        _ r: ImportRowRow, _ job: ImportJobRow, mapping: [String], owner: Int64?, pool: Int64?, seen: inout [String: Int64],
        dryRun: Bool, _ ctx: ServiceContext
    ) async throws -> Outcome {
        if job.kind == "contacts" { return try await applyContact(r, job, mapping: mapping, seen: &seen, dryRun: dryRun, ctx) }
        if job.kind == "products" { return try await applyProduct(r, job, mapping: mapping, seen: &seen, dryRun: dryRun, ctx) }
        let v = CustomerImport.values(decode(r.cells), mapping: mapping)
        let via = "import:\(job.id):\(r.line)"
        func refused(_ e: DomainError) -> Outcome { .refused(r.line, e, name: v["name"]) }
        guard let keyValue = v[job.matchKey] else {
            return refused(DomainError.invalid(job.matchKey, code: "import_key_missing", args: [job.matchKey]))
        }
        let normal = job.matchKey == "name" ? PartnerService.nameKey(keyValue) : keyValue.lowercased()
        if let e = repeated(normal, job.matchKey, line: r.line, &seen) { return refused(e) }
        let existing = try await CustomerImport.existing(v, key: job.matchKey, ctx)
        if existing == nil, job.mode == "update" {
            return refused(DomainError.invalid(job.matchKey, code: "import_not_found", args: [keyValue]))
        }
        if let c = existing, job.mode == "create" {
            return refused(DomainError(.conflict, code: "import_exists", field: job.matchKey, args: [c.name, c.code]))
        }
        do {
            if let c = existing {
                let input = CustomerImport.input(v, over: c, owner: nil, intoPool: nil)
                if dryRun {
                    _ = try await CustomerService.validate(input, old: c, ctx)
                    return Outcome(line: r.line, outcome: "would_update", recordId: c.id, args: [], name: c.name)
                }
                let row = try await ctx.store.savepoint {
                    try await CustomerService.update(c.id, input, version: c.version, ctx.through("import", via: via))
                }
                var o = Outcome(line: r.line, outcome: "updated", recordId: row.id, args: [], name: row.name)
                o.before = try CompactJSON.string(c)
                o.afterVersion = row.version
                return o
            }
            var input = CustomerImport.input(v, over: nil, owner: owner, intoPool: pool)
            // The owner the row names (the importer's colleague, within their reach), unless into the pool.
            if pool == nil, let named = try await CustomerImport.owner(v["owner"], ctx) { input.ownerId = named }
            let since = try CustomerImport.createdAt(v["createdAt"], today: CalendarDate.today(ctx.clock))
            if dryRun {
                // As the run will: the owner is someone the importer reaches.
                if let o = input.ownerId { _ = try await ctx.person(o, for: .customers, .create, field: "ownerId") }
                _ = try await CustomerService.validate(input, old: nil, ctx)
                return Outcome(line: r.line, outcome: "would_create", args: [], name: v["name"])
            }
            let row = try await ctx.store.savepoint {
                let made = try await CustomerService.create(input, ctx.through("import", via: via))
                if let since { try await CRMWrites.backdate(partner: made.id, createdAt: since, on: ctx.store) }
                return made
            }
            var o = Outcome(line: r.line, outcome: "created", recordId: row.id, args: [], name: row.name)
            o.afterVersion = row.version
            return o
        } catch let e as DomainError where e.kind != .forbidden {
            return refused(e)
        }
    }

    /// Undoes a finished import, all of it or nothing: the customers it created are deleted and
    /// those it updated get their former values back, as long as nothing depends on them and nobody
    /// changed them since (else 409 naming the row). Needs the rights to delete and edit them.
    public static func revert(_ id: Int64, _ ctx: ServiceContext) async throws -> ImportJobRow {
        let job = try await find(id, ctx)
        guard job.status == "done" else { throw DomainError(.conflict, code: "import_not_done", field: "status") }
        return try await ctx.write { tx in
            var deleted = 0, restored = 0
            for r in try await ImportQueries.written(id, on: tx.store) {
                if job.kind == "contacts" {
                    if try await revertContact(r, tx) { deleted += 1 } else { restored += 1 }
                    continue
                }
                if job.kind == "products" {
                    if try await revertProduct(r, tx) { deleted += 1 } else { restored += 1 }
                    continue
                }
                guard let rid = r.recordId, let current = try await CRMQueries.customer(rid, on: tx.store) else { continue }
                guard current.version == r.afterVersion else {
                    throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(r.line), current.name])
                }
                if r.outcome == "created" {
                    try await CustomerService.delete(rid, tx)
                    deleted += 1
                } else if let before = r.before, let old = try? JSONDecoder().decode(PartnerRow.self, from: Data(before.utf8)) {
                    _ = try await CustomerService.update(
                        rid, CustomerImport.input([:], over: old, owner: nil, intoPool: nil), version: current.version, tx)
                    restored += 1
                }
            }
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

    /// One row of a contacts import: its customer found, the contact found again by the key,
    /// created or updated as the job says.
    static func applyContact(
        _ r: ImportRowRow, _ job: ImportJobRow, mapping: [String], seen: inout [String: Int64], dryRun: Bool, _ ctx: ServiceContext
    ) async throws -> Outcome {
        let v = ContactImport.values(decode(r.cells), mapping: mapping)
        let via = "import:\(job.id):\(r.line)"
        func refused(_ e: DomainError) -> Outcome { .refused(r.line, e, name: v["name"]) }
        guard let keyValue = v[job.matchKey] else {
            if job.mode == "update" { return refused(DomainError.invalid(job.matchKey, code: "import_key_missing", args: [job.matchKey])) }
            return try await createContact(v, r, via: via, dryRun: dryRun, refused, ctx)
        }
        let normal = job.matchKey == "mobile" ? (CustomerService.digits(keyValue) ?? keyValue) : keyValue.lowercased()
        if let e = repeated(normal, job.matchKey, line: r.line, &seen) { return refused(e) }
        let existing = try await ContactImport.existing(v, key: job.matchKey, ctx)
        if existing == nil, job.mode == "update" {
            return refused(DomainError.invalid(job.matchKey, code: "import_not_found", args: [keyValue]))
        }
        if let c = existing, job.mode == "create" {
            return refused(DomainError(.conflict, code: "import_exists", field: job.matchKey, args: [c.name, keyValue]))
        }
        guard let c = existing else { return try await createContact(v, r, via: via, dryRun: dryRun, refused, ctx) }
        do {
            // A row naming another customer moves the contact there.
            var partner: Int64?
            if let named = v["customer"] {
                guard let p = try await ContactImport.customer(named, ctx) else {
                    return refused(DomainError.invalid("customer", code: "import_customer_not_found", args: [named]))
                }
                partner = p.id
            }
            let input = ContactImport.input(v, over: c, partner: partner)
            if dryRun {
                _ = try await ContactService.validate(input, existing: c.customValues, ctx.store)
                return Outcome(line: r.line, outcome: "would_update", recordId: c.id, args: [], name: c.name)
            }
            let row = try await ctx.store.savepoint {
                try await ContactService.update(c.id, input, version: c.version, ctx.through("import", via: via))
            }
            var o = Outcome(line: r.line, outcome: "updated", recordId: row.id, args: [], name: row.name)
            o.before = try CompactJSON.string(c)
            o.afterVersion = row.version
            return o
        } catch let e as DomainError where e.kind != .forbidden {
            return refused(e)
        }
    }

    static func createContact(
        _ v: [String: String], _ r: ImportRowRow, via: String, dryRun: Bool, _ refused: (DomainError) -> Outcome, _ ctx: ServiceContext
    ) async throws -> Outcome {
        guard let named = v["customer"] else { return refused(DomainError.required("customer")) }
        guard let p = try await ContactImport.customer(named, ctx) else {
            return refused(DomainError.invalid("customer", code: "import_customer_not_found", args: [named]))
        }
        let input = ContactImport.input(v, over: nil, partner: p.id)
        do {
            if dryRun {
                _ = try await ContactService.validate(input, existing: nil, ctx.store)
                return Outcome(line: r.line, outcome: "would_create", args: [], name: v["name"])
            }
            let row = try await ctx.store.savepoint { try await ContactService.create(input, ctx.through("import", via: via)) }
            var o = Outcome(line: r.line, outcome: "created", recordId: row.id, args: [], name: row.name)
            o.afterVersion = row.version
            return o
        } catch let e as DomainError where e.kind != .forbidden {
            return refused(e)
        }
    }

    /// Undoes one row of a contacts import; answers whether it deleted (else restored) a contact.
    static func revertContact(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await CRMQueries.contact(rid, on: tx.store) else { return false }
        guard current.version == r.afterVersion else {
            throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(r.line), current.name])
        }
        if r.outcome == "created" {
            try await ContactService.delete(rid, tx)
            return true
        }
        if let before = r.before, let old = try? JSONDecoder().decode(ContactRow.self, from: Data(before.utf8)) {
            _ = try await ContactService.update(
                rid, ContactImport.input([:], over: old, partner: old.partnerId), version: current.version, tx)
        }
        return false
    }

    /// One row of a products import: found again by code or barcode, created or updated.
    static func applyProduct(
        _ r: ImportRowRow, _ job: ImportJobRow, mapping: [String], seen: inout [String: Int64], dryRun: Bool, _ ctx: ServiceContext
    ) async throws -> Outcome {
        let v = ProductImport.values(decode(r.cells), mapping: mapping)
        let via = "import:\(job.id):\(r.line)"
        func refused(_ e: DomainError) -> Outcome { .refused(r.line, e, name: v["name"]) }
        guard let keyValue = v[job.matchKey] else {
            return refused(DomainError.invalid(job.matchKey, code: "import_key_missing", args: [job.matchKey]))
        }
        if let e = repeated(keyValue, job.matchKey, line: r.line, &seen) { return refused(e) }
        var category: Int64?
        if let named = v["category"] {
            guard let c = try await ProductImport.category(named, ctx.store) else {
                return refused(DomainError.invalid("category", code: "import_category_not_found", args: [named]))
            }
            category = c
        }
        var units: [ProductService.UnitInput]?
        if let text = v["units"] {
            guard let u = ProductImport.units(text) else {
                return refused(DomainError.invalid("units", code: "import_units_format", args: [text]))
            }
            units = u
        }
        let existing = try await ProductImport.existing(v, key: job.matchKey, ctx.store)
        if existing == nil, job.mode == "update" {
            return refused(DomainError.invalid(job.matchKey, code: "import_not_found", args: [keyValue]))
        }
        do {
            if let id = existing {
                let d = try await ProductService.find(id, ctx)
                if job.mode == "create" {
                    return refused(
                        DomainError(.conflict, code: "import_exists", field: job.matchKey, args: [d.product.name, d.product.code]))
                }
                let before = ProductImport.Before(product: d.product, units: d.units)
                let input = ProductImport.input(v, over: before, category: category, units: units)
                if dryRun {
                    _ = try await ProductService.validate(input, id: id, ctx)
                    return Outcome(line: r.line, outcome: "would_update", recordId: id, args: [], name: d.product.name)
                }
                let row = try await ctx.store.savepoint {
                    try await ProductService.update(id, input, version: d.product.version, ctx.through("import", via: via))
                }
                var o = Outcome(line: r.line, outcome: "updated", recordId: id, args: [], name: row.product.name)
                o.before = try CompactJSON.string(before)
                o.afterVersion = row.product.version
                return o
            }
            let input = ProductImport.input(v, over: nil, category: category, units: units)
            if dryRun {
                _ = try await ProductService.validate(input, id: nil, ctx)
                return Outcome(line: r.line, outcome: "would_create", args: [], name: v["name"])
            }
            let row = try await ctx.store.savepoint { try await ProductService.create(input, ctx.through("import", via: via)) }
            var o = Outcome(line: r.line, outcome: "created", recordId: row.product.id, args: [], name: row.product.name)
            o.afterVersion = row.product.version
            return o
        } catch let e as DomainError where e.kind != .forbidden {
            return refused(e)
        }
    }

    /// Undoes one row of a products import; answers whether it deleted (else restored) a product.
    static func revertProduct(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await InventoryQueries.product(rid, on: tx.store) else { return false }
        guard current.version == r.afterVersion else {
            throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(r.line), current.name])
        }
        if r.outcome == "created" {
            try await ProductService.delete(rid, tx)
            return true
        }
        if let text = r.before, let before = try? JSONDecoder().decode(ProductImport.Before.self, from: Data(text.utf8)) {
            _ = try await ProductService.update(
                rid, ProductImport.input([:], over: before, category: nil, units: nil), version: current.version, tx)
        }
        return false
    }
}
