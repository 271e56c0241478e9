import Foundation
import Kernel
import Persistence

/// Merging two contacts into one (the same person typed twice, or under two customers): the
/// survivor keeps its id and takes, field by field, the values chosen — its customer among them;
/// the follow-ups, event invitations, messages sent and the lead it came from move to it; the
/// other is deleted. One transaction, audited; undone within 30 days while nobody changed the
/// survivor and every moved record still names it, both contacts coming back as they were.
public enum ContactMergeService {
    public static let fields = ["name", "title", "mobile", "phone", "email", "wechat", "birthday", "note", "customFields", "customer"]

    static func value(_ field: String, _ c: ContactRow) -> String? {
        let v: String? =
            switch field {
            case "name": c.name
            case "title": c.title
            case "mobile": c.mobile
            case "phone": c.phone
            case "email": c.email
            case "wechat": c.wechat
            case "birthday": c.birthday
            case "note": c.note
            case "customFields": c.customValues == "{}" ? nil : c.customValues
            case "customer": String(c.partnerId)
            default: nil
            }
        return (v?.isEmpty ?? true) ? nil : v
    }

    static func take(_ field: String, from m: ContactRow, into s: inout ContactRow) {
        switch field {
        case "name": s.name = m.name
        case "title": s.title = m.title
        case "mobile": s.mobile = m.mobile
        case "phone": s.phone = m.phone
        case "email": s.email = m.email
        case "wechat": s.wechat = m.wechat
        case "birthday": (s.birthday, s.birthdayMd) = (m.birthday, m.birthdayMd)
        case "note": s.note = m.note
        case "customFields": s.customValues = m.customValues
        case "customer": s.partnerId = m.partnerId
        default: break
        }
    }

    /// The two contacts and their customers, each reached for editing; 404 for one out of reach.
    static func pair(
        _ survivor: Int64, _ merged: Int64, _ ctx: ServiceContext
    ) async throws -> (s: ContactRow, m: ContactRow, sp: PartnerRow, mp: PartnerRow) {
        _ = try ctx.require(.customers, .edit)
        guard survivor != merged else { throw DomainError.invalid("mergedId", code: "merge_same_record") }
        guard let s = try await CRMQueries.contact(survivor, on: ctx.store) else { throw DomainError.notFound }
        guard let m = try await CRMQueries.contact(merged, on: ctx.store) else { throw DomainError.notFound }
        let sp = try await CustomerService.findForEdit(s.partnerId, .edit, ctx)
        let mp = try await CustomerService.findForEdit(m.partnerId, .edit, ctx)
        return (s, m, sp, mp)
    }

    /// The two side by side, what each field would take, and what would move.
    public static func preview(survivor: Int64, merged: Int64, _ ctx: ServiceContext) async throws -> MergeService.Preview<ContactRow> {
        let (s, m, _, _) = try await pair(survivor, merged, ctx)
        let refs = try await MergeQueries.references(to: m.id, in: MergeQueries.contactReferences, on: ctx.store)
        return .init(survivor: s, merged: m, fields: MergeService.sides(fields, s, m, value), moves: refs.mapValues(\.count))
    }

    /// Merges `merged` into `survivor`; `choices` maps a field to "survivor" or "merged".
    public static func merge(
        survivor: Int64, merged: Int64, choices: [String: String], survivorVersion: Int64? = nil, mergedVersion: Int64? = nil,
        _ ctx: ServiceContext
    ) async throws -> MergeRow {
        try MergeService.check(choices, fields: fields)
        return try await ctx.through("merge", via: "contact:\(merged)").write { tx in
            let (s, m, sp, mp) = try await pair(survivor, merged, tx)
            try Validate.version(survivorVersion, current: s.version)
            try Validate.version(mergedVersion, current: m.version)
            // One invitation per person and event: two would become one person's two.
            if let event = try await MergeQueries.sharedInvitation(s.id, m.id, on: tx.store) {
                throw DomainError(.conflict, code: "merge_shared_invitation", field: "mergedId", args: [event])
            }
            let refs = try await MergeQueries.references(to: m.id, in: MergeQueries.contactReferences, on: tx.store)
            try await MergeQueries.move(refs, to: s.id, on: tx.store)
            try await MergeQueries.delete(contact: m.id, on: tx.store)
            var next = MergeService.chosen(fields, choices, s, m, value) { take($0, from: $1, into: &$2) }
            next.searchText = ContactService.searchText(name: next.name, email: next.email)
            next.phoneDigits = ContactService.phoneDigits(mobile: next.mobile, phone: next.phone)
            // The primary contact of the customer it ends with, if either was.
            next.isPrimary = (next.partnerId == s.partnerId && s.isPrimary) || (next.partnerId == m.partnerId && m.isPrimary)
            guard let after = try await MergeQueries.overwrite(contact: next, version: s.version, at: tx.nowMillis, on: tx.store) else {
                throw DomainError.staleVersion(expected: Int(s.version), actual: Int(s.version) + 1)
            }
            for p in Set([s.partnerId, m.partnerId]) { try await CustomerSearch.refresh(p, tx.store) }
            let id = try await MergeQueries.insert(
                entity: "contact", survivor: s.id, merged: m.id, mergedName: m.name, survivorBefore: try CompactJSON.string(s),
                mergedRow: try CompactJSON.string(m), moved: try CompactJSON.string(refs), relations: "[]",
                survivorVersion: after.version, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await tx.audit(
                "merge", "contact", s.id, branch: sp.branchId,
                Audit.diff(ContactService.snapshot(s), ContactService.snapshot(after)) + [
                    FieldChange("merged", old: nil, new: m.name), FieldChange("mergeId", old: nil, new: String(id)),
                ])
            try await tx.audit(
                "merge_away", "contact", m.id, branch: mp.branchId,
                Audit.diff(ContactService.snapshot(m), [:]) + [FieldChange("survivor", old: nil, new: after.name)])
            return try await MergeQueries.merge(id, on: tx.store)!
        }
    }

    /// Undoes a contact merge: the merged contact comes back with its id and every field, the
    /// records moved go back to it and the survivor gets its former values. Refused (409, naming
    /// why) after 30 days, when the survivor changed since, when a moved record was moved again or
    /// deleted, or while a later merge into the survivor stands.
    public static func undo(_ mg: MergeRow, _ ctx: ServiceContext) async throws -> MergeRow {
        try await ctx.through("merge", via: "undo:\(mg.id)").write { tx in
            var before = try JSONDecoder().decode(ContactRow.self, from: Data(mg.survivorBefore.utf8))
            var merged = try JSONDecoder().decode(ContactRow.self, from: Data(mg.mergedRow.utf8))
            guard let survivor = try await CRMQueries.contact(mg.survivorId, on: tx.store) else {
                throw DomainError(.conflict, code: "merge_changed_since", field: "id", args: [before.name])
            }
            // Both go back to the customers they had, which must still be there (a customer merged
            // away since took its contacts along) and within the person's reach.
            for p in [before.partnerId, merged.partnerId] where try await CRMQueries.customer(p, on: tx.store) == nil {
                throw DomainError(.conflict, code: "merge_references_changed", field: "id", args: [survivor.name])
            }
            _ = try await CustomerService.findForEdit(survivor.partnerId, .edit, tx)
            _ = try await CustomerService.findForEdit(before.partnerId, .edit, tx)
            let home = try await CustomerService.findForEdit(merged.partnerId, .edit, tx)
            let refs = try await MergeService.undoable(mg, survivor: (survivor.name, survivor.version), tx)
            // One primary per customer: one made primary since keeps it.
            let others = try await CRMQueries.contacts(of: before.partnerId, on: tx.store).filter { $0.id != before.id }
            if before.isPrimary, others.contains(where: \.isPrimary) { before.isPrimary = false }
            guard
                let restored = try await MergeQueries.overwrite(contact: before, version: survivor.version, at: tx.nowMillis, on: tx.store)
            else { throw DomainError.staleVersion(expected: Int(survivor.version), actual: Int(survivor.version) + 1) }
            // Its customer may have a primary contact again since: one primary per customer.
            if merged.isPrimary, try await CRMQueries.contacts(of: merged.partnerId, on: tx.store).contains(where: \.isPrimary) {
                merged.isPrimary = false
            }
            try await MergeQueries.restore(contact: merged, on: tx.store)
            try await MergeQueries.move(refs, to: merged.id, on: tx.store)
            for p in Set([survivor.partnerId, restored.partnerId, merged.partnerId]) { try await CustomerSearch.refresh(p, tx.store) }
            guard try await MergeQueries.markUndone(mg.id, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store) else {
                throw DomainError(.conflict, code: "merge_already_undone", field: "id")
            }
            try await tx.audit(
                "unmerge", "contact", survivor.id, branch: home.branchId,
                Audit.diff(ContactService.snapshot(survivor), ContactService.snapshot(restored)) + [
                    FieldChange("restored", old: nil, new: merged.name), FieldChange("mergeId", old: nil, new: String(mg.id)),
                ])
            return try await MergeQueries.merge(mg.id, on: tx.store)!
        }
    }

    /// Whether the reader sees the merge: its survivor, or (after an undo) the contact that came back.
    static func sees(_ mg: MergeRow, _ ctx: ServiceContext) async -> Bool {
        if (try? await ContactService.find(mg.survivorId, ctx)) != nil { return true }
        guard mg.undoneAt != nil else { return false }
        return (try? await ContactService.find(mg.mergedId, ctx)) != nil
    }

    /// The two contacts as they were at the merge.
    public static func records(_ mg: MergeRow) throws -> (survivorBefore: ContactRow, merged: ContactRow) {
        (
            try JSONDecoder().decode(ContactRow.self, from: Data(mg.survivorBefore.utf8)),
            try JSONDecoder().decode(ContactRow.self, from: Data(mg.mergedRow.utf8))
        )
    }
}
