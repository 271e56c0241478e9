import Foundation
import Kernel
import Persistence

/// One kind of import (customers, contacts, products, partners, opening stock): the fields its
/// columns can fill, the names other systems give them, the rights it needs, and how a batch of
/// rows is written (or, in a dry run, checked) and later undone. `ImportService` runs any kind
/// the same way: a job, batches, progress, the error workbook, the revert.
protocol ImportKind: SendableMetatype {
    /// The fields, in the order the mapping form offers them.
    static var fields: [String] { get }
    /// The business keys a row may be found again by.
    static var keys: [String] { get }
    /// create / update / upsert, or fewer where the others mean nothing (opening stock only adds).
    static var modes: [String] { get }
    /// Header names → field.
    static var columns: ImportColumns { get }
    /// The module whose rights the import needs.
    static var module: Module { get }
    /// The actions on it the import needs (creating, and for some kinds posting: `edit`).
    static var actions: [Action] { get }
    /// Whether new records may go to the pool instead of the importer.
    static var offersPool: Bool { get }
    /// The key a fresh mapping suggests.
    static func suggestedKey(_ mapping: [String]) -> String
    /// Refuses settings that cannot work for this kind (a column it cannot do without).
    static func check(_ s: ImportService.Settings) throws
    /// The values a row gives, cleansed, by field.
    static func values(_ cells: [String], mapping: [String]) -> [String: String]
    /// Writes a batch of rows (inside the batch's transaction), or in a dry run says what each
    /// would do; one outcome per row, in order.
    static func apply(_ rows: [ImportRowRow], _ run: inout ImportRun, _ ctx: ServiceContext) async throws -> [ImportService.Outcome]
    /// Undoes what the rows wrote (last first): answers how many records were deleted and how
    /// many restored; throws (409 naming the line) when something depends on them now.
    static func revert(_ rows: [ImportRowRow], _ tx: ServiceContext) async throws -> (deleted: Int, restored: Int)
}

extension ImportKind {
    static var modes: [String] { ImportService.modes }
    static var actions: [Action] { [.create] }
    static var offersPool: Bool { false }
    static func check(_ s: ImportService.Settings) throws {
        if s.mode != "update", !s.mapping.contains("name") { throw DomainError.invalid("mapping", code: "import_name_not_mapped") }
    }
}

/// What a run knows while it goes through the rows of one job.
struct ImportRun {
    let job: ImportJobRow
    let mapping: [String]
    /// Who new records belong to (nil: into `pool`).
    let owner: Int64?
    let pool: Int64?
    let dryRun: Bool
    /// Keys seen so far in this run: the same key twice is refused the second time, naming the first line.
    var seen: [String: Int64] = [:]

    func via(_ r: ImportRowRow) -> String { "import:\(job.id):\(r.line)" }

    mutating func repeated(_ key: String, _ field: String, line: Int64) -> DomainError? {
        if let earlier = seen[key] { return DomainError.invalid(field, code: "duplicate_in_file", args: [String(earlier)]) }
        seen[key] = line
        return nil
    }
}

/// A kind whose rows are records of their own: each row is written alone (in a savepoint, so a
/// refused row leaves nothing behind) and undone alone.
protocol RowImportKind: ImportKind {
    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws
        -> ImportService.Outcome
    /// Undoes one row; answers whether it deleted (else restored) the record.
    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool
}

extension RowImportKind {
    /// Rows written under one savepoint per group of `ImportService.groupSize`; when a row of a
    /// group fails after writing, the group is undone and run again row by row, each in a
    /// savepoint of its own, so the refused row leaves nothing and the others stand.
    static func apply(_ rows: [ImportRowRow], _ run: inout ImportRun, _ ctx: ServiceContext) async throws -> [ImportService.Outcome] {
        var out: [ImportService.Outcome] = []
        out.reserveCapacity(rows.count)
        func one(_ r: ImportRowRow, _ run: inout ImportRun) async throws -> ImportService.Outcome {
            try await apply(r, values(ImportService.decode(r.cells), mapping: run.mapping), &run, ctx)
        }
        guard !run.dryRun else {
            for r in rows { out.append(try await one(r, &run)) }
            return out
        }
        var start = 0
        while start < rows.count {
            let group = rows[start..<min(start + ImportService.groupSize, rows.count)]
            var groupRun = run, done: [ImportService.Outcome] = []
            do {
                try await ctx.store.rows {
                    for r in group { done.append(try await one(r, &groupRun)) }
                }
                run = groupRun
                out += done
            } catch is Store.RowFailed {
                for r in group { out.append(try await one(r, &run)) }
            }
            start = group.endIndex
        }
        return out
    }

    static func revert(_ rows: [ImportRowRow], _ tx: ServiceContext) async throws -> (deleted: Int, restored: Int) {
        var deleted = 0, restored = 0
        for r in rows {
            if try await revert(r, tx) { deleted += 1 } else { restored += 1 }
        }
        return (deleted, restored)
    }

    /// The common run of one row found again by a key: refused without the key, refused when the
    /// mode and what was found disagree, else `update` or `create`; a domain refusal becomes the
    /// row's outcome (rights are not a row's fault: they stop the run).
    static func row<Found>(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, key normal: (String) -> String,
        find: () async throws -> Found?, name: (Found) -> (String, String),
        update: (Found) async throws -> ImportService.Outcome, create: () async throws -> ImportService.Outcome,
        createWithoutKey: Bool = false
    ) async throws -> ImportService.Outcome {
        let job = run.job
        func refused(_ e: DomainError) -> ImportService.Outcome { .refused(r.line, e, name: v["name"]) }
        guard let keyValue = v[job.matchKey] else {
            if createWithoutKey, job.mode != "update" {
                do { return try await create() } catch let e as DomainError where e.kind != .forbidden { return refused(e) }
            }
            return refused(DomainError.invalid(job.matchKey, code: "import_key_missing", args: [job.matchKey]))
        }
        if let e = run.repeated(normal(keyValue), job.matchKey, line: r.line) { return refused(e) }
        do {
            let existing = try await find()
            if existing == nil, job.mode == "update" {
                return refused(DomainError.invalid(job.matchKey, code: "import_not_found", args: [keyValue]))
            }
            if let found = existing {
                if job.mode == "create" {
                    let (n, c) = name(found)
                    return refused(DomainError(.conflict, code: "import_exists", field: job.matchKey, args: [n, c]))
                }
                return try await update(found)
            }
            return try await create()
        } catch let e as DomainError where e.kind != .forbidden {
            return refused(e)
        }
    }

    /// A record written: its outcome, and what a revert needs (the record as it was, the version left).
    static func written(
        _ r: ImportRowRow, _ outcome: String, id: Int64, name: String, version: Int64, before: (any Encodable)? = nil
    ) throws -> ImportService.Outcome {
        var o = ImportService.Outcome(line: r.line, outcome: outcome, recordId: id, args: [], name: name)
        o.before = try before.map { try CompactJSON.string($0) }
        o.afterVersion = version
        return o
    }

    /// The revert's guard: the record is as the import left it.
    static func unchanged(_ r: ImportRowRow, version: Int64, name: String) throws {
        guard version == r.afterVersion else {
            throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(r.line), name])
        }
    }
}

extension ImportService {
    /// The kind a job names (`kinds` lists them).
    static func registered(_ name: String) -> (any ImportKind.Type)? {
        switch name {
        case "customers": CustomerImport.self
        case "contacts": ContactImport.self
        case "leads": LeadImport.self
        case "products": ProductImport.self
        case "partners": PartnerImport.self
        case "opening_stock": OpeningStockImport.self
        case "users": UserImport.self
        case "price_lists": PriceListImport.self
        case "open_items": OpeningBalanceImport.self
        default: nil
        }
    }

    static func kind(_ name: String) throws -> any ImportKind.Type {
        guard let k = registered(name) else { throw DomainError.invalid("kind", code: "wrong_type", args: ["kind"]) }
        return k
    }

    /// Whether `p` holds every right an import of `kind` needs.
    public static func allowed(_ kind: String, _ p: Principal) -> Bool {
        guard let k = registered(kind) else { return false }
        return k.actions.allSatisfy { p.can(k.module, $0) }
    }

    /// 2019-03-05, 2019/3/5, 2019.03.05 or 2019年3月5日 (a time after it is dropped); nil for anything else.
    static func day(_ text: String) -> CalendarDate? {
        let raw = text.trimmingCharacters(in: .whitespaces)
        let day = raw.split(separator: " ").first.map(String.init) ?? raw
        let parts = day.split(whereSeparator: { "-/.年月日".contains($0) }).map(String.init)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CalendarDate(String(format: "%04d-%02d-%02d", y, m, d))
    }
}

/// What the kinds share in reading a row's cells.
enum ImportCells {
    /// A money cell as old systems write it: ¥ / ￥ signs and thousands separators dropped.
    static func money(_ v: String) -> String {
        v.replacingOccurrences(of: "¥", with: "").replacingOccurrences(of: "￥", with: "").replacingOccurrences(of: ",", with: "")
    }

    /// The product a cell names by its code or a unit's barcode; a unit's barcode names the unit
    /// too (a case's barcode: cases), unless the row names one.
    static func product(_ text: String, unit: String?, _ store: Store) async throws -> (product: ProductRow, unit: String?) {
        if let found = try await InventoryQueries.product(code: text, on: store) { return (found, unit) }
        if let scanned = try await InventoryQueries.unit(barcode: text, on: store),
            let found = try await InventoryQueries.product(scanned.productId, on: store)
        {
            return (found, unit ?? scanned.name)
        }
        throw DomainError.invalid("product", code: "import_product_not_found", args: [text])
    }

    /// `lines[3].batch` → (3, "batch"): which element of a document's list a refusal names, and
    /// the row's field ("product" for the element itself or its product).
    static func element(_ field: String?, of list: String) -> (Int, String)? {
        guard let f = field, f.hasPrefix(list + "["), let close = f.firstIndex(of: "]"),
            let i = Int(f[f.index(f.startIndex, offsetBy: list.count + 1)..<close])
        else { return nil }
        let rest = f[f.index(after: close)...].drop { $0 == "." }
        return (i, rest.isEmpty || rest == "productId" ? "product" : String(rest))
    }
}

extension ImportService {
    /// Writes rows that make one record together (a document's lines, a list's items): when the
    /// record refuses an element (`element` says which, and the row's field), that row is refused
    /// and the others are written again without it; a refusal naming no element refuses them all,
    /// its field named as the file names it (`field`). Answers the rows written and what `write`
    /// answered; nil when none was.
    static func together<R, T>(
        _ ready: [R], index: (R) -> Int, rows: [ImportRowRow], names: [String?], into out: inout [Outcome?],
        element: (String?) -> (Int, String)?, field: (String?) -> String? = { $0 }, write: ([R]) async throws -> T
    ) async throws -> (written: [R], answer: T)? {
        var ready = ready
        func refuse(_ x: R, _ e: DomainError) { out[index(x)] = .refused(rows[index(x)].line, e, name: names[index(x)]) }
        while !ready.isEmpty {
            do {
                return (ready, try await write(ready))
            } catch let e as DomainError where e.kind != .forbidden {
                var own = e
                guard let (at, f) = element(e.field), at < ready.count else {
                    own.field = field(e.field)
                    for x in ready { refuse(x, own) }
                    return nil
                }
                own.field = f
                refuse(ready.remove(at: at), own)
            }
        }
        return nil
    }
}
