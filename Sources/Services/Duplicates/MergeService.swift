import Foundation
import Kernel
import Persistence

/// Merging two customers into one: the survivor keeps its id and code and takes, field by field,
/// the values chosen; every record that named the other (contacts, follow-ups, tasks,
/// opportunities, quotes, contracts, orders, stock documents, invoices, collections, open items,
/// expense claims, sightings, channel reports, portal users, pool history, the lead it came from,
/// related organisations) moves to the survivor; the other is deleted. One transaction, audited.
/// Undone within 30 days while nobody changed the survivor since and every moved record still
/// names it: both records come back as they were and the moved records go home.
public enum MergeService {
    public static let undoDays: Int64 = 30

    /// The fields a person chooses between; each is the survivor's value unless chosen otherwise
    /// (a field the survivor left empty takes the other's).
    public static let fields = [
        "name", "uscc", "phone", "email", "address", "industry", "level", "source", "status", "tags", "website", "creditLimit", "note",
        "owner", "region", "customFields",
    ]

    public struct Side: Sendable, Equatable {
        public var field: String
        public var survivor: String?
        public var merged: String?
        /// "survivor" or "merged": what the merge takes unless told otherwise.
        public var proposed: String
    }

    /// Two records side by side before a merge (customers, contacts or products).
    public struct Preview<Row: Sendable>: Sendable {
        public var survivor: Row
        public var merged: Row
        public var fields: [Side]
        /// How many records of each kind (`table.column`) move to the survivor.
        public var moves: [String: Int]
    }

    static func value(_ field: String, _ p: PartnerRow) -> String? {
        let v: String? =
            switch field {
            case "name": p.name
            case "uscc": p.uscc
            case "phone": p.phone
            case "email": p.email
            case "address":
                [ChineseAddress.join(province: p.province, city: p.city, district: p.district, street: p.street), p.address ?? ""]
                    .first { !$0.isEmpty }
            case "industry": p.industry
            case "level": p.level
            case "source": p.source
            case "status": p.status
            case "tags": p.tagList.joined(separator: "、")
            case "website": p.website
            case "creditLimit": p.creditLimit.map { Money(fen: $0).description }
            case "note": p.note
            case "owner": p.ownerId.map(String.init)
            case "region": p.regionId.map(String.init)
            case "customFields": p.customValues == "{}" ? nil : p.customValues
            default: nil
            }
        return (v?.isEmpty ?? true) ? nil : v
    }

    /// Takes one field of the merged record into the survivor.
    static func take(_ field: String, from m: PartnerRow, into s: inout PartnerRow) {
        switch field {
        case "name": s.name = m.name
        case "uscc": s.uscc = m.uscc
        case "phone": (s.phone, s.phoneDigits) = (m.phone, m.phoneDigits)
        case "email": s.email = m.email
        case "address":
            (s.address, s.province, s.city, s.district, s.street, s.latitude, s.longitude) = (
                m.address, m.province, m.city, m.district, m.street, m.latitude, m.longitude
            )
        case "industry": s.industry = m.industry
        case "level": s.level = m.level
        case "source": s.source = m.source
        case "status": s.status = m.status
        case "tags": s.tags = m.tags
        case "website": s.website = m.website
        case "creditLimit": s.creditLimit = m.creditLimit
        case "note": s.note = m.note
        case "owner":
            (s.ownerId, s.departmentId, s.poolId, s.assignedAt, s.previousOwnerId, s.releasedAt, s.branchId) = (
                m.ownerId, m.departmentId, m.poolId, m.assignedAt, m.previousOwnerId, m.releasedAt, m.branchId
            )
        case "region": s.regionId = m.regionId
        case "customFields": s.customValues = m.customValues
        default: break
        }
    }

    /// The two side by side, what each field would take, and what would move.
    public static func preview(survivor: Int64, merged: Int64, _ ctx: ServiceContext) async throws -> Preview<PartnerRow> {
        let (s, m) = try await pair(survivor, merged, ctx)
        let refs = try await MergeQueries.references(to: m.id, on: ctx.store)
        return Preview(survivor: s, merged: m, fields: sides(fields, s, m, value), moves: refs.mapValues(\.count))
    }

    static func pair(_ survivor: Int64, _ merged: Int64, _ ctx: ServiceContext) async throws -> (PartnerRow, PartnerRow) {
        _ = try ctx.require(.customers, .delete)
        guard survivor != merged else { throw DomainError.invalid("mergedId", code: "merge_same_record") }
        let s = try await CustomerService.findForEdit(survivor, .edit, ctx)
        let m = try await CustomerService.findForEdit(merged, .delete, ctx)
        for p in [s, m] where p.internalBranchId != nil {
            throw DomainError(
                .conflict, code: "merge_internal_partner", field: p.id == survivor ? "survivorId" : "mergedId", args: [p.name])
        }
        return (s, m)
    }

    /// Merges `merged` into `survivor`. `choices` maps a field to "survivor" or "merged" (the
    /// rest as the preview proposes); the versions, when given, must still be current.
    public static func merge(
        survivor: Int64, merged: Int64, choices: [String: String], survivorVersion: Int64? = nil, mergedVersion: Int64? = nil,
        _ ctx: ServiceContext
    ) async throws -> MergeRow {
        try check(choices, fields: fields)
        return try await ctx.through("merge", via: "customer:\(merged)").write { tx in
            let (s, m) = try await pair(survivor, merged, tx)
            try Validate.version(survivorVersion, current: s.version)
            try Validate.version(mergedVersion, current: m.version)
            var refs = try await MergeQueries.references(to: m.id, on: tx.store)
            // Relations that would tie the survivor to itself, or give it a second parent, go.
            var removed: [CustomerRelationRow] = []
            let survivorParent = try await CRMQueries.parentRelation(of: s.id, on: tx.store)
            for r in try await CRMQueries.relations(of: m.id, on: tx.store) {
                let selfTie = r.parentId == s.id || r.childId == s.id
                let secondParent = r.childId == m.id && survivorParent != nil
                guard selfTie || secondParent else { continue }
                removed.append(r)
                for key in ["customer_relations.parent_id", "customer_relations.child_id"] {
                    refs[key]?.removeAll { $0 == r.id }
                    if refs[key]?.isEmpty == true { refs[key] = nil }
                }
                try await MergeQueries.deleteRelation(r.id, on: tx.store)
            }
            try await MergeQueries.move(refs, to: s.id, on: tx.store)
            if try await cycle(from: s.id, tx.store) {
                throw DomainError(.conflict, code: "merge_relation_cycle", field: "mergedId", args: [m.name])
            }
            // Out of the way first: the survivor may take the other's USCC.
            try await MergeQueries.delete(partner: m.id, on: tx.store)
            var next = chosen(fields, choices, s, m, value) { take($0, from: $1, into: &$2) }
            if next.name != s.name {
                next.nameKey = PartnerService.nameKey(next.name)
            }
            next.isSupplier = s.isSupplier || m.isSupplier
            next.lastActivityAt = [s.lastActivityAt, m.lastActivityAt].compactMap { $0 }.max()
            next.lastWonAt = [s.lastWonAt, m.lastWonAt].compactMap { $0 }.max()
            next.nextFollowUp = [s.nextFollowUp, m.nextFollowUp].compactMap { $0 }.min()
            guard try await MergeQueries.overwrite(partner: next, version: s.version, at: tx.nowMillis, on: tx.store) != nil else {
                throw DomainError.staleVersion(expected: Int(s.version), actual: Int(s.version) + 1)
            }
            try await CustomerSearch.refresh(s.id, tx.store)
            let after = try await CRMQueries.customer(s.id, on: tx.store)!
            let id = try await MergeQueries.insert(
                entity: "customer", survivor: s.id, merged: m.id, mergedName: m.name, survivorBefore: try CompactJSON.string(s),
                mergedRow: try CompactJSON.string(m), moved: try CompactJSON.string(refs), relations: try CompactJSON.string(removed),
                survivorVersion: after.version, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await tx.audit(
                "merge", "customer", s.id, branch: after.branchId,
                Audit.diff(CustomerService.snapshot(s), CustomerService.snapshot(after)) + [
                    FieldChange("merged", old: nil, new: "\(m.name) (\(m.code))"), FieldChange("mergeId", old: nil, new: String(id)),
                ])
            try await tx.audit(
                "merge_away", "customer", m.id, branch: m.branchId,
                Audit.diff(CustomerService.snapshot(m), [:]) + [FieldChange("survivor", old: nil, new: "\(after.name) (\(after.code))")])
            return try await MergeQueries.merge(id, on: tx.store)!
        }
    }

    /// Each field's two values and what the merge takes unless told otherwise: the survivor's, or
    /// the other's where the survivor's is empty.
    static func sides<R>(_ fields: [String], _ s: R, _ m: R, _ value: (String, R) -> String?) -> [Side] {
        fields.map { f in
            let sv = value(f, s), mv = value(f, m)
            return Side(field: f, survivor: sv, merged: mv, proposed: sv == nil && mv != nil ? "merged" : "survivor")
        }
    }

    /// The survivor with the fields chosen (or proposed) taken from the other.
    static func chosen<R>(
        _ fields: [String], _ choices: [String: String], _ s: R, _ m: R, _ value: (String, R) -> String?,
        _ take: (String, R, inout R) -> Void
    ) -> R {
        var next = s
        for side in sides(fields, s, m, value) where (choices[side.field] ?? side.proposed) == "merged" { take(side.field, m, &next) }
        return next
    }

    /// Each choice names a field of the merge and one of its two sides.
    static func check(_ choices: [String: String], fields: [String]) throws {
        for (f, c) in choices {
            guard fields.contains(f) else { throw DomainError.invalid("choices", code: "merge_unknown_field", args: [f]) }
            guard c == "survivor" || c == "merged" else { throw DomainError.invalid(f, code: "invalid_choice", args: [c]) }
        }
    }

    /// A merge may still be undone: not yet undone, within `undoDays`, no later merge into the
    /// survivor standing, the survivor (its name and version now) unchanged since, and every
    /// moved record still naming it. Answers the moved records, by `table.column`.
    static func undoable(
        _ mg: MergeRow, survivor: (name: String, version: Int64), _ tx: ServiceContext
    ) async throws -> [String: [Int64]] {
        guard mg.undoneAt == nil else { throw DomainError(.conflict, code: "merge_already_undone", field: "id") }
        guard tx.nowMillis - mg.createdAt <= undoDays * 86_400_000 else {
            throw DomainError(.conflict, code: "merge_undo_expired", field: "id", args: [String(undoDays)])
        }
        guard try await MergeQueries.laterMerges(than: mg.id, survivor: mg.survivorId, entity: mg.entity, on: tx.store) == 0 else {
            throw DomainError(.conflict, code: "merge_later_first", field: "id", args: [survivor.name])
        }
        guard survivor.version == mg.survivorVersion else {
            throw DomainError(.conflict, code: "merge_changed_since", field: "id", args: [survivor.name])
        }
        let refs = try JSONDecoder().decode([String: [Int64]].self, from: Data(mg.moved.utf8))
        guard try await MergeQueries.stillPointing(refs, at: mg.survivorId, on: tx.store) == refs.values.reduce(0, { $0 + $1.count })
        else {
            throw DomainError(.conflict, code: "merge_references_changed", field: "id", args: [survivor.name])
        }
        return refs
    }

    /// Whether walking up from `id` through parents comes back to it.
    static func cycle(from id: Int64, _ store: Store) async throws -> Bool {
        var at = id
        for _ in 0..<64 {
            guard let up = try await CRMQueries.parentRelation(of: at, on: store) else { return false }
            if up.parentId == id { return true }
            at = up.parentId
        }
        return true
    }

    /// Undoes a merge: the merged record comes back with its id, code and every field, the
    /// records moved go back to it, removed relations return, and the survivor gets its former
    /// values. Refused (409, naming why) after 30 days, when the survivor changed since, when a
    /// moved record was moved again or deleted, or while a later merge into the survivor stands.
    public static func undo(_ id: Int64, _ ctx: ServiceContext) async throws -> MergeRow {
        if let mg = try await MergeQueries.merge(id, on: ctx.store), mg.entity != "customer" {
            return mg.entity == "product" ? try await ProductMergeService.undo(mg, ctx) : try await ContactMergeService.undo(mg, ctx)
        }
        return try await ctx.through("merge", via: "undo:\(id)").write { tx in
            guard let mg = try await MergeQueries.merge(id, on: tx.store), mg.entity == "customer" else { throw DomainError.notFound }
            let survivor = try await CustomerService.findForEdit(mg.survivorId, .edit, tx)
            let before = try JSONDecoder().decode(PartnerRow.self, from: Data(mg.survivorBefore.utf8))
            let merged = try JSONDecoder().decode(PartnerRow.self, from: Data(mg.mergedRow.utf8))
            guard CustomerService.allows(merged, .delete, tx) else { throw DomainError.notFound }
            let refs = try await undoable(mg, survivor: (survivor.name, survivor.version), tx)
            guard
                let restored = try await MergeQueries.overwrite(partner: before, version: survivor.version, at: tx.nowMillis, on: tx.store)
            else { throw DomainError.staleVersion(expected: Int(survivor.version), actual: Int(survivor.version) + 1) }
            guard try await !MergeQueries.taken(code: merged.code, uscc: merged.uscc, except: merged.id, on: tx.store) else {
                throw DomainError(.conflict, code: "merge_code_taken", field: "id", args: [merged.code])
            }
            try await MergeQueries.restore(partner: merged, on: tx.store)
            try await MergeQueries.move(refs, to: merged.id, on: tx.store)
            for r in try JSONDecoder().decode([CustomerRelationRow].self, from: Data(mg.relations.utf8)) {
                try await MergeQueries.restore(relation: r, on: tx.store)
            }
            try await CustomerSearch.refresh(survivor.id, tx.store)
            try await CustomerSearch.refresh(merged.id, tx.store)
            guard try await MergeQueries.markUndone(mg.id, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store) else {
                throw DomainError(.conflict, code: "merge_already_undone", field: "id")
            }
            try await tx.audit(
                "unmerge", "customer", survivor.id, branch: restored.branchId,
                Audit.diff(CustomerService.snapshot(survivor), CustomerService.snapshot(restored)) + [
                    FieldChange("restored", old: nil, new: "\(merged.name) (\(merged.code))"),
                    FieldChange("mergeId", old: nil, new: String(mg.id)),
                ])
            return try await MergeQueries.merge(mg.id, on: tx.store)!
        }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> MergeRow {
        guard let mg = try await MergeQueries.merge(id, on: ctx.store) else { throw DomainError.notFound }
        if mg.entity == "product" {
            _ = try ctx.require(.products, .view)
            return mg
        }
        _ = try ctx.require(.customers, .view)
        if mg.entity == "contact" {
            if await ContactMergeService.sees(mg, ctx) { return mg }
            throw DomainError.notFound
        }
        // Seen by whoever sees the survivor, or (after an undo) the record that came back.
        if (try? await CustomerService.find(mg.survivorId, ctx)) != nil { return mg }
        if mg.undoneAt != nil, (try? await CustomerService.find(mg.mergedId, ctx)) != nil { return mg }
        throw DomainError.notFound
    }

    /// Merges newest first, those into survivors the reader may see.
    /// `entity`: customer (the default) or contact.
    public static func list(
        entity: DuplicateService.Entity = .customer, survivor: Int64? = nil, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<MergeRow> {
        _ = try ctx.require(entity.module, .view)
        let page = try await MergeQueries.merges(
            entity: entity.rawValue, survivor: survivor, limit: limit, cursor: cursor, on: ctx.store)
        if entity == .product { return page }
        if entity == .contact {
            var seen: [MergeRow] = []
            for mg in page.items where await ContactMergeService.sees(mg, ctx) { seen.append(mg) }
            return Page(items: seen, nextCursor: page.nextCursor)
        }
        let open = try await CustomerService.openable(page.items.flatMap { [$0.survivorId, $0.mergedId] }, ctx)
        return Page(items: page.items.filter { open.contains($0.survivorId) || open.contains($0.mergedId) }, nextCursor: page.nextCursor)
    }

    /// The two records as they were at the merge.
    public static func records(_ mg: MergeRow) throws -> (survivorBefore: PartnerRow, merged: PartnerRow) {
        (
            try JSONDecoder().decode(PartnerRow.self, from: Data(mg.survivorBefore.utf8)),
            try JSONDecoder().decode(PartnerRow.self, from: Data(mg.mergedRow.utf8))
        )
    }

    public static func moved(_ mg: MergeRow) -> [String: Int] {
        ((try? JSONDecoder().decode([String: [Int64]].self, from: Data(mg.moved.utf8))) ?? [:]).mapValues(\.count)
    }
}
