import Foundation
import Kernel
import Persistence

/// Leads as an import job (a list bought at a fair, the old CRM's lead pool): any size, mapped,
/// previewed, run in batches and revertible, where the quick import on the leads page takes a
/// pasted or small file at once. Each row is checked as `LeadImport.one` checks it: like a lead
/// typed by hand, and refused when a lead or customer already looks like it. A row may name its
/// owner; the others go by the assignment rules, else to the lead pool.
extension LeadImport: RowImportKind {
    static let fields = [
        "company", "contactName", "title", "phone", "email", "uscc", "source", "province", "city", "note", "owner", "campaign",
    ]
    static let keys = ["company"]
    static let modes = ["create"]
    static let module = Module.leads

    static func suggestedKey(_ mapping: [String]) -> String { "company" }

    static func check(_ s: ImportService.Settings) throws {
        if !s.mapping.contains("company") { throw DomainError.invalid("mapping", code: "csv_no_company_column") }
    }

    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws
        -> ImportService.Outcome
    {
        func refused(_ e: DomainError) -> ImportService.Outcome { .refused(r.line, e, name: v["company"]) }
        guard let company = v["company"] else { return refused(DomainError.required("company")) }
        if let e = run.repeated(PartnerService.nameKey(company), "company", line: r.line) { return refused(e) }
        let via = run.via(r), dryRun = run.dryRun
        do {
            let owner = try await CustomerImport.owner(v["owner"], ctx)
            if let o = owner { _ = try await ctx.person(o, for: .leads, .create, field: "owner") }
            let row =
                dryRun
                ? try await one(v, line: Int(r.line), owner: owner, dryRun: true, ctx)
                : try await ctx.store.savepoint {
                    try await one(v, line: Int(r.line), owner: owner, dryRun: false, ctx.through("import", via: via))
                }
            switch row.outcome {
            case "created", "would_create":
                var o = ImportService.Outcome(line: r.line, outcome: row.outcome, recordId: row.leadId, args: [], name: company)
                if let id = row.leadId { o.afterVersion = try await LeadQueries.lead(id, on: ctx.store)?.version }
                return o
            default:
                return ImportService.Outcome(
                    line: r.line, outcome: "refused", field: row.field, code: row.code, args: row.args, name: company)
            }
        } catch let e as DomainError where e.kind != .forbidden {
            return refused(e)
        }
    }

    /// Deletes a lead the import made, while nobody has worked it since.
    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await LeadQueries.lead(rid, on: tx.store) else { return false }
        try unchanged(r, version: current.version, name: current.company)
        try await LeadService.delete(rid, tx)
        return true
    }
}
