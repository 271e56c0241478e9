import Kernel
import Persistence

/// Related organisations (关联单位): parent and subsidiary links between customers, forming a
/// tree (a customer has at most one parent; no customer is its own ancestor).
public enum CustomerRelationService {
    public enum Kind: String, Sendable, CaseIterable { case subsidiary, branch, affiliate }

    public struct Input: Sendable, Codable, Equatable {
        public var parentId: Int64?
        public var childId: Int64?
        public var kind: String?
        public var note: String?
        public init(parentId: Int64? = nil, childId: Int64? = nil, kind: String? = nil, note: String? = nil) {
            self.parentId = parentId
            self.childId = childId
            self.kind = kind
            self.note = note
        }
    }

    public struct Group: Sendable {
        public var root: Int64
        public var links: [CustomerRelationRow]
        /// Names of the customers in the group the user may see; others show as hidden.
        public var names: [Int64: String]
    }

    /// The whole group a customer belongs to.
    public static func group(of partnerId: Int64, _ ctx: ServiceContext) async throws -> Group {
        _ = try await CustomerService.find(partnerId, ctx)
        let (root, links) = try await CRMQueries.group(of: partnerId, on: ctx.store)
        var names: [Int64: String] = [:]
        for id in Set([root] + links.flatMap { [$0.parentId, $0.childId] }) {
            if let c = try? await CustomerService.find(id, ctx) { names[id] = c.name }
        }
        return Group(root: root, links: links, names: names)
    }

    /// One member of a group as the roll-up shows it.
    public struct Member: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var code: String
        public var depth: Int
        /// How it hangs under its parent (subsidiary, branch, affiliate), and the link's id; nil for the top.
        public var kind: String?
        public var relationId: Int64?
        public var figures: CRMQueries.GroupFigures
    }

    public struct Rollup: Sendable {
        public var members: [Member]
        /// Members beyond the reader's reach: neither named nor counted.
        public var hidden: Int
        public var total: CRMQueries.GroupFigures
        /// Which figures the reader may see: contracts (`contracts.view`), invoices and receivables (`cash.view`).
        public var showsContracts: Bool
        public var showsCash: Bool
    }

    /// The group a customer belongs to, top down, with each visible member's sales contracts in
    /// force, invoices and receivables (each within the reader's scope) and the group's totals.
    public static func rollup(of partnerId: Int64, _ ctx: ServiceContext) async throws -> Rollup {
        _ = try await CustomerService.find(partnerId, ctx)
        let (root, links) = try await CRMQueries.group(of: partnerId, on: ctx.store)
        var children: [Int64: [CustomerRelationRow]] = [:]
        for l in links { children[l.parentId, default: []].append(l) }
        var order: [(id: Int64, depth: Int, link: CustomerRelationRow?)] = []
        func walk(_ id: Int64, _ depth: Int, _ link: CustomerRelationRow?) {
            guard order.count < 500, !order.contains(where: { $0.id == id }) else { return }
            order.append((id, depth, link))
            for l in children[id] ?? [] { walk(l.childId, depth + 1, l) }
        }
        walk(root, 0, nil)
        var visible: [(Int64, Int, CustomerRelationRow?, PartnerRow)] = []
        for o in order { if let c = try? await CustomerService.find(o.id, ctx) { visible.append((o.id, o.depth, o.link, c)) } }
        let p = ctx.principal
        let contracts = p == nil ? RowScope.all : p?.rowScope(.contracts, .view)
        let cash = p == nil ? RowScope.all : p?.rowScope(.cash, .view)
        let figures = try await CRMQueries.groupFigures(ids: visible.map(\.0), contracts: contracts, cash: cash, on: ctx.store)
        var total = CRMQueries.GroupFigures()
        let members = visible.map { id, depth, link, c in
            let f = figures[id] ?? .init()
            total.contracts += f.contracts
            total.contractAmount += f.contractAmount
            total.invoiced += f.invoiced
            total.receivable += f.receivable
            return Member(id: id, name: c.name, code: c.code, depth: depth, kind: link?.kind, relationId: link?.id, figures: f)
        }
        return Rollup(
            members: members, hidden: order.count - visible.count, total: total, showsContracts: contracts != nil, showsCash: cash != nil)
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> CustomerRelationRow {
        try ctx.require(.customers, .edit)
        guard let parentId = input.parentId else { throw DomainError.required("parentId") }
        guard let childId = input.childId else { throw DomainError.required("childId") }
        let kind = try Validate.oneOf(input.kind ?? Kind.subsidiary.rawValue, "kind", as: Kind.self)
        let note = try Validate.optional(input.note, "note", max: 200)
        guard parentId != childId else { throw DomainError.invalid("childId", code: "relation_self") }
        return try await ctx.write { ctx in
            let child: PartnerRow, parent: PartnerRow
            do { child = try await CustomerService.findForEdit(childId, .edit, ctx) } catch let e as DomainError where e.kind == .notFound {
                throw DomainError.invalid("childId", code: "not_found")
            }
            do { parent = try await CustomerService.find(parentId, ctx) } catch let e as DomainError where e.kind == .notFound {
                throw DomainError.invalid("parentId", code: "not_found")
            }
            if let existing = try await CRMQueries.parentRelation(of: childId, on: ctx.store) {
                let parentName = (try? await CustomerService.find(existing.parentId, ctx))?.name ?? "—"
                throw DomainError(.conflict, code: "relation_has_parent", field: "childId", args: [child.name, parentName])
            }
            // Walking up from the parent must not meet the child.
            var cursor = parentId
            var steps = 0
            while let up = try await CRMQueries.parentRelation(of: cursor, on: ctx.store), steps < 1000 {
                if up.parentId == childId {
                    throw DomainError.invalid("parentId", code: "relation_cycle", args: [parent.name, child.name])
                }
                cursor = up.parentId
                steps += 1
            }
            let row = try await CRMWrites.insertRelation(
                parent: parentId, child: childId, kind: kind.rawValue, note: note, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit(
                "create", "customer_relation", row.id, branch: child.branchId,
                [
                    FieldChange("parent", old: nil, new: parent.name), FieldChange("child", old: nil, new: child.name),
                    FieldChange("kind", old: nil, new: kind.rawValue),
                ])
            return row
        }
    }

    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        try ctx.require(.customers, .edit)
        try await ctx.write { ctx in
            guard let r = try await CRMQueries.relation(id, on: ctx.store) else { throw DomainError.notFound }
            let child = try await CustomerService.findForEdit(r.childId, .edit, ctx)
            try await CRMWrites.deleteRelation(id, on: ctx.store)
            try await ctx.audit(
                "delete", "customer_relation", id, branch: child.branchId,
                [
                    FieldChange("parent", old: String(r.parentId), new: nil), FieldChange("child", old: child.name, new: nil),
                ])
        }
    }
}
