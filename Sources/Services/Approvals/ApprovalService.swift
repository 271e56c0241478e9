import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence

/// One approval engine for every document type. A rule (document type, optionally a branch, an
/// amount threshold) names ordered steps; each step is a role, a named user or the submitter's
/// manager. Submitting a document snapshots who may act at each step; the current step's
/// people approve (the next step begins, or the document is approved), reject, or send back
/// to the submitter, always with the history kept and the next person told.
public enum ApprovalService {
    public enum DocType: String, Sendable, CaseIterable, Codable {
        case quote, contract
        case purchaseOrder = "purchase_order"
        case salesOrder = "sales_order"
        case expenseClaim = "expense_claim"

        /// What happens when no rule matches. A company decides what needs approval by its
        /// rules; without one, a contract, a purchase order or an expense claim needs none. A
        /// quote or a sales order is submitted only when priced under the floor: that goes to the
        /// submitter's manager (or the keepers of the rules) when the company has anyone else to
        /// ask, and needs no approval in a company where nobody else could give it.
        var defaultSteps: [Step] { self == .quote || self == .salesOrder ? [Step(kind: .manager, ref: nil)] : [] }
        var module: Module {
            switch self {
            case .quote: .quotes
            case .contract: .contracts
            case .purchaseOrder, .salesOrder: .orders
            case .expenseClaim: .expenses
            }
        }
        /// The document's page.
        public func link(_ id: Int64) -> String {
            switch self {
            case .quote: Paths.Contracts.quote(id)
            case .contract: Paths.Contracts.contract(id)
            case .purchaseOrder, .salesOrder: Paths.Inventory.order(id)
            case .expenseClaim: Paths.Expenses.claim(id)
            }
        }
    }

    public struct Step: Codable, Sendable, Equatable {
        /// `budget`: the keepers of the expense budgets (holders of expenses.approve), added by
        /// the engine for claims over budget; not offered in rules.
        public enum Kind: String, Codable, Sendable, CaseIterable { case role, user, manager, budget }
        public var kind: Kind
        public var ref: Int64?
        public init(kind: Kind, ref: Int64?) {
            self.kind = kind
            self.ref = ref
        }
    }

    public enum Decision: String, Sendable, CaseIterable { case approve, reject, `return` }

    // MARK: - Rules

    public struct RuleInput: Sendable {
        public var docType: String?
        public var branchId: Int64?
        public var minAmount: String?
        public var name: String?
        public var steps: [Step]?
        public var active: Bool?
        public init(
            docType: String? = nil, branchId: Int64? = nil, minAmount: String? = nil, name: String? = nil, steps: [Step]? = nil,
            active: Bool? = nil
        ) {
            self.docType = docType
            self.branchId = branchId
            self.minAmount = minAmount
            self.name = name
            self.steps = steps
            self.active = active
        }
    }

    public static func rules(_ ctx: ServiceContext) async throws -> [ApprovalRuleRow] {
        try ctx.require(.approvals, .view)
        return try await ApprovalQueries.rules(on: ctx.store)
    }

    public static func rule(_ id: Int64, _ ctx: ServiceContext) async throws -> ApprovalRuleRow {
        try ctx.require(.approvals, .view)
        guard let r = try await ApprovalQueries.rule(id, on: ctx.store) else {
            throw DomainError.notFound
        }
        return r
    }

    public static func steps(of rule: ApprovalRuleRow) -> [Step] {
        (try? JSONDecoder().decode([Step].self, from: Data(rule.steps.utf8))) ?? []
    }

    public static func saveRule(_ id: Int64?, _ input: RuleInput, version: Int64?, _ ctx: ServiceContext) async throws -> ApprovalRuleRow {
        try ctx.require(.approvals, .approve)
        return try await ctx.write { ctx in
            guard let t = input.docType, DocType(rawValue: t) != nil else {
                throw DomainError.invalid("docType", code: input.docType == nil ? "required" : "invalid_choice", args: ["docType"])
            }
            let name = try Validate.required(input.name, "name", max: 60)
            let min = try Validate.money(input.minAmount, "minAmount") ?? .zero
            if let b = input.branchId, try await OrganisationQueries.branch(b, on: ctx.store) == nil {
                throw DomainError.invalid("branchId", code: "not_found")
            }
            // A rule for a branch is for those who reach it; a rule for every branch needs the whole company.
            try ctx.requireReach(.approvals, .approve, branch: input.branchId, field: "branchId")
            let steps = input.steps ?? []
            guard !steps.isEmpty else { throw DomainError.required("steps") }
            guard steps.count <= 10 else { throw DomainError.invalid("steps", code: "too_many", args: ["steps", "10"]) }
            for (i, s) in steps.enumerated() {
                switch s.kind {
                case .budget: throw DomainError.invalid("steps[\(i)].kind", code: "invalid_choice", args: ["steps[\(i)].kind"])
                case .manager: continue
                case .role:
                    guard let r = s.ref, try await OrganisationQueries.role(r, on: ctx.store) != nil else {
                        throw DomainError.invalid("steps[\(i)].ref", code: "not_found")
                    }
                case .user:
                    // A named approver is someone the rule's keeper reaches.
                    guard let u = s.ref else { throw DomainError.invalid("steps[\(i)].ref", code: "not_found") }
                    _ = try await ctx.person(u, for: .approvals, .approve, field: "steps[\(i)].ref")
                }
            }
            let json = String(
                decoding: try JSONEncoder().encode(steps.map { Step(kind: $0.kind, ref: $0.kind == .manager ? nil : $0.ref) }),
                as: UTF8.self)
            let now = ctx.nowMillis
            let rid: Int64
            if let id {
                let old = try await rule(id, ctx)
                try Validate.version(version, current: old.version)
                try ctx.requireReach(.approvals, .approve, branch: old.branchId, field: "branchId")
                try await ApprovalWrites.update(
                    rule: id,
                    ApprovalWrites.Rule(
                        docType: t, branchId: input.branchId, minAmount: min.fen, name: name, steps: json,
                        active: input.active ?? old.active),
                    at: now, on: ctx.store)
                rid = id
                try await ctx.audit(
                    "update", "approval_rule", id,
                    [
                        FieldChange("steps", old: old.steps, new: json),
                        FieldChange("minAmount", old: Money(fen: old.minAmount).description, new: min.description),
                    ])
            } else {
                rid = try await ApprovalWrites.insert(
                    ApprovalWrites.Rule(
                        docType: t, branchId: input.branchId, minAmount: min.fen, name: name, steps: json, active: input.active ?? true),
                    at: now, on: ctx.store)
                try await ctx.audit("create", "approval_rule", rid, [FieldChange("steps", old: nil, new: json)])
            }
            return try await rule(rid, ctx)
        }
    }

    // MARK: - Submitting

    /// Starts an approval for a document (inside the caller's transaction). Answers nil when no
    /// step applies: the document is approved as it stands.
    static func submit(
        _ type: DocType, docId: Int64, number: String, branchId: Int64, amount: Money, extraSteps: [Step] = [], _ ctx: ServiceContext
    ) async throws -> ApprovalRow? {
        if let open = try await current(type, docId, ctx.store), ApprovalFlow.open.contains(stored: open.status) {
            throw DomainError(.conflict, code: "approval_pending", args: [number])
        }
        let candidates = try await ApprovalQueries.rules(for: type.rawValue, amount: amount.fen, branch: branchId, on: ctx.store)
        let rule = candidates.first
        let defaults = rule == nil ? type.defaultSteps : []
        let steps = (rule.map(steps(of:)) ?? defaults) + extraSteps
        guard !steps.isEmpty else { return nil }
        // The system itself (imports, jobs) acts with authority: nothing to approve.
        guard let submitter = ctx.principal?.userId ?? ctx.actor.userId else { return nil }
        var resolved: [Resolved] = []
        for (i, s) in steps.enumerated() {
            let r = try await resolve(s, submitter: submitter, ctx.store)
            if r.users.isEmpty {
                // No rule, and nobody but the submitter in the company: nothing to ask anyone.
                if rule == nil && i < defaults.count { continue }
                throw try await nobodyFor(s, step: i + 1, rule: rule, ctx.store)
            }
            resolved.append(r)
        }
        guard !resolved.isEmpty else { return nil }
        let now = ctx.nowMillis
        let id = try await ApprovalWrites.open(
            docType: type.rawValue, docId: docId, number: number, branch: branchId, amount: amount.fen, rule: rule?.id,
            submitter: submitter,
            assignees: resolved.enumerated().map { (steps[$0.offset].kind.rawValue, $0.element.users) }, at: now, on: ctx.store)
        try await ApprovalWrites.record("submit", round: id, step: 0, by: submitter, comment: nil, at: now, on: ctx.store)
        // A step whose own approvers were the submitter, or nobody, says where it went instead.
        for (i, r) in resolved.enumerated() {
            guard let reason = r.escalation else { continue }
            try await ApprovalWrites.record(
                "escalate", round: id, step: Int64(i + 1), by: submitter, comment: reason.rawValue, at: now, on: ctx.store)
        }
        try await notify(id, step: 1, number: number, type: type, ctx)
        try await ctx.audit("submit", "approval", id, branch: branchId, [FieldChange("document", old: nil, new: number)])
        return try await find(id, ctx.store)
    }

    /// The refusal when a step finds nobody: which rule, which step, what it names, and so who can
    /// mend it (a holder of `approvals.approve` edits the rule or gives the role a person).
    static func nobodyFor(_ s: Step, step: Int, rule: ApprovalRuleRow?, _ store: Store) async throws -> DomainError {
        guard let rule else { return DomainError(.conflict, code: "approval_no_approver", args: [String(step)]) }
        var named = ""
        if s.kind == .role, let r = s.ref { named = try await OrganisationQueries.role(r, on: store)?.name ?? "" }
        if s.kind == .user, let u = s.ref { named = try await OrganisationQueries.user(u, on: store)?.displayName ?? "" }
        return named.isEmpty
            ? DomainError(.conflict, code: "approval_rule_no_manager", args: [rule.name, String(step)])
            : DomainError(.conflict, code: "approval_rule_no_approver", args: [rule.name, String(step), named])
    }

    /// Why a step's approvers are not the ones it names.
    public enum Escalation: String, Sendable, CaseIterable {
        /// The step named only the submitter, who never approves their own document.
        case submitterExcluded = "submitter_excluded"
        /// Nobody the step names is active (or the submitter has no manager).
        case noApprover = "no_approver"
        /// The manager chain ended: the keepers of the approval rules stand in.
        case keepers
    }

    struct Resolved {
        var users: [Int64]
        var escalation: Escalation?
    }

    /// Who approves a step: the people it names, never the submitter. A step left empty goes to
    /// the next level up, the submitter's managers nearest first (inactive ones skipped); when
    /// the chain ends, the keepers of the approval rules.
    static func resolve(_ s: Step, submitter: Int64, _ store: Store) async throws -> Resolved {
        var named: [Int64]
        switch s.kind {
        case .user:
            if let u = s.ref, let user = try await OrganisationQueries.user(u, on: store), user.active, user.partnerId == nil {
                named = [u]
            } else {
                named = []
            }
        case .role:
            guard let r = s.ref else { named = []; break }
            named = try await ApprovalQueries.activeHolders(ofRole: r, on: store)
        case .budget:
            named = try await holders(of: Permission(.expenses, .approve), except: submitter, store)
        case .manager:
            named = []
        }
        let others = named.filter { $0 != submitter }
        if !others.isEmpty { return Resolved(users: others, escalation: nil) }
        let reason: Escalation? = s.kind == .manager ? nil : (named.isEmpty ? .noApprover : .submitterExcluded)
        if let up = try await manager(above: submitter, store) {
            return Resolved(users: [up.id], escalation: up.skipped ? (reason ?? .noApprover) : reason)
        }
        return Resolved(users: try await holders(of: Permission(.approvals, .approve), except: submitter, store), escalation: .keepers)
    }

    /// The submitter's nearest active internal manager, climbing past inactive ones and
    /// stopping at a circle; `skipped` when the direct manager could not take it.
    static func manager(above submitter: Int64, _ store: Store) async throws -> (id: Int64, skipped: Bool)? {
        var seen: Set<Int64> = [submitter]
        var next = try await OrganisationQueries.user(submitter, on: store)?.managerId
        var skipped = false
        while let m = next, seen.insert(m).inserted {
            guard let u = try await OrganisationQueries.user(m, on: store) else { break }
            if u.active, u.partnerId == nil { return (m, skipped) }
            skipped = true
            next = u.managerId
        }
        return nil
    }

    /// Active users whose roles grant a permission, the submitter excepted.
    static func holders(of permission: Permission, except submitter: Int64, _ store: Store) async throws -> [Int64] {
        let roles = try await ApprovalQueries.rolePermissions(on: store)
            .filter { Permission.parseList($0.permissions).contains(permission) }.map(\.id)
        return try await ApprovalQueries.activeHolders(ofRoles: roles, except: submitter, on: store)
    }

    static func notify(_ id: Int64, step: Int64, number: String, type: DocType, _ ctx: ServiceContext) async throws {
        let users = try await ApprovalQueries.assignees(of: id, step: step, on: ctx.store)
        try await NotificationService.send(
            users.map { .init(userId: $0, kind: "notify.approval.pending", args: [number], link: Paths.Approvals.approval(id)) },
            ctx.store, at: ctx.nowMillis)
    }

    // MARK: - Acting

    /// The current approver decides. Anyone else: 403 (404 when they cannot see it at all).
    public static func decide(_ id: Int64, _ decision: Decision, comment: String?, _ ctx: ServiceContext) async throws -> ApprovalRow {
        guard let me = ctx.principal?.userId, ctx.principal?.partnerId == nil else { throw DomainError.forbidden }
        return try await ctx.write { ctx in
            _ = try await visible(id, ctx)
            // Two approvers of one step decide in turn: the second finds the step already taken.
            try await ctx.store.lock("approvals", [id])
            let a = try await visible(id, ctx)
            try ApprovalFlow.require(
                ApprovalFlow.Command(rawValue: decision.rawValue)!, from: a.status, NoFacts(), number: a.docNumber, args: [])
            guard a.submitterId != me else { throw DomainError(.forbidden, code: "own_approval", args: [a.docNumber]) }
            guard try await ApprovalQueries.isAssigned(me, to: id, step: a.stepNo, on: ctx.store) else {
                throw DomainError(.forbidden, code: "not_current_approver", args: [a.docNumber])
            }
            let text = try Validate.optional(comment, "comment", max: 1000)
            if decision != .approve, text == nil { throw DomainError.required("comment") }
            guard let type = DocType(rawValue: a.docType) else { throw DomainError.notFound }
            let now = ctx.nowMillis
            try await ApprovalWrites.record(decision.rawValue, round: id, step: a.stepNo, by: me, comment: text, at: now, on: ctx.store)
            let to = try ApprovalFlow.target(
                ApprovalFlow.Command(rawValue: decision.rawValue)!, from: a.status, number: a.docNumber, pending: a.stepNo < a.stepCount)
            let status = to.rawValue
            if status == ApprovalFlow.State.pending.rawValue {
                try await ApprovalWrites.advance(round: id, on: ctx.store)
                try await notify(id, step: a.stepNo + 1, number: a.docNumber, type: type, ctx)
            } else {
                try await ApprovalWrites.close(round: id, to, at: now, on: ctx.store)
                try await ApprovalOutcome.apply(type, docId: a.docId, status: status, ctx)
                try await NotificationService.send(
                    [
                        .init(
                            userId: a.submitterId, kind: "notify.approval." + status, args: [a.docNumber, text ?? ""],
                            link: type.link(a.docId))
                    ], ctx.store, at: now)
            }
            try await ctx.audit(
                decision.rawValue, "approval", id, branch: a.branchId,
                [
                    FieldChange(
                        "step", old: String(a.stepNo), new: status == ApprovalFlow.State.pending.rawValue ? String(a.stepNo + 1) : status)
                ]
                    + (text.map { [FieldChange("comment", old: nil, new: $0)] } ?? []))
            return try await find(id, ctx.store)!
        }
    }

    /// Withdraws a pending approval (the submitter, when the document goes back to draft).
    static func withdraw(_ type: DocType, docId: Int64, _ ctx: ServiceContext) async throws {
        guard let open = try await current(type, docId, ctx.store), ApprovalFlow.open.contains(stored: open.status) else { return }
        try await ctx.store.lock("approvals", [open.id])
        guard let a = try await find(open.id, ctx.store), let to = try? ApprovalFlow.next(.withdraw, from: a.status) else { return }
        let who = ctx.principal?.userId ?? ctx.actor.userId ?? a.submitterId
        try await ApprovalWrites.close(round: a.id, to, at: ctx.nowMillis, on: ctx.store)
        try await ApprovalWrites.record("withdraw", round: a.id, step: a.stepNo, by: who, comment: nil, at: ctx.nowMillis, on: ctx.store)
    }

    // MARK: - Reading

    static func find(_ id: Int64, _ store: Store) async throws -> ApprovalRow? {
        try await ApprovalQueries.approval(id, on: store)
    }

    /// A document's latest approval, if it was ever submitted.
    public static func current(_ type: DocType, _ docId: Int64, _ store: Store) async throws -> ApprovalRow? {
        try await ApprovalQueries.latest(of: type.rawValue, docId, on: store)
    }

    /// An approval is visible to its submitter, to anyone it was ever assigned to, to holders
    /// of approvals.view whose scope reaches its branch, and to whoever may see the document it decides.
    public static func visible(_ id: Int64, _ ctx: ServiceContext) async throws -> ApprovalRow {
        // Approvals are the company's own business: a distributor's portal user has none.
        if ctx.principal?.partnerId != nil { throw DomainError.forbidden }
        guard let a = try await find(id, ctx.store) else { throw DomainError.notFound }
        guard let p = ctx.principal else { return a }
        if a.submitterId == p.userId { return a }
        if try await ApprovalQueries.isAssigned(p.userId, to: id, on: ctx.store) { return a }
        if let s = p.rowScope(.approvals, .view), s.contains(branch: a.branchId, department: nil, owner: nil) { return a }
        if let type = DocType(rawValue: a.docType), try await documentVisible(type, a.docId, ctx) { return a }
        throw DomainError.notFound
    }

    static func documentVisible(_ type: DocType, _ docId: Int64, _ ctx: ServiceContext) async throws -> Bool {
        try await ctx.crossings.approvalDocumentVisible((type.rawValue, docId), ctx)
    }

    public struct Details: Sendable {
        public var approval: ApprovalRow
        public var assignees: [ApprovalAssigneeRow]
        public var actions: [ApprovalActionRow]
        /// Whether the reader may act now.
        public var canAct: Bool
    }

    public static func details(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let a = try await visible(id, ctx)
        return try await details(of: a, ctx)
    }

    static func details(of a: ApprovalRow, _ ctx: ServiceContext) async throws -> Details {
        let assignees = try await ApprovalQueries.assignees(of: a.id, on: ctx.store)
        let actions = try await ApprovalQueries.actions(of: a.id, on: ctx.store)
        let me = ctx.principal?.userId
        let canAct =
            ApprovalFlow.open.contains(stored: a.status) && a.submitterId != me
            && assignees.contains { $0.stepNo == a.stepNo && $0.userId == me }
        return Details(approval: a, assignees: assignees, actions: actions, canAct: canAct)
    }

    /// Every approval round of one document, oldest first (the document's history).
    public static func history(_ type: DocType, docId: Int64, _ ctx: ServiceContext) async throws -> [Details] {
        let rows = try await ApprovalQueries.rounds(of: type.rawValue, docId, on: ctx.store)
        var out: [Details] = []
        for r in rows { out.append(try await details(of: r, ctx)) }
        return out
    }

    public enum Box: String, Sendable, CaseIterable { case todo, submitted, all }

    /// todo: waiting for me now; submitted: mine; all: every approval in my approvals.view scope.
    public static func list(
        _ box: Box, status: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<ApprovalRow> {
        guard let me = ctx.principal?.userId, ctx.principal?.partnerId == nil else { throw DomainError.forbidden }
        let which: ApprovalQueries.Box
        switch box {
        case .todo: which = .todo(me)
        case .submitted: which = .submitted(me)
        case .all: which = .all(try ctx.require(.approvals, .view))
        }
        let rows = try await ApprovalQueries.list(
            which, status: box == .todo ? nil : status, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func pendingCount(_ ctx: ServiceContext) async throws -> Int64 {
        guard let me = ctx.principal?.userId else { return 0 }
        return try await ApprovalQueries.waiting(for: me, on: ctx.store)
    }
}

/// Where an approval's outcome lands on its document: the document's module, through
/// `Workflows.crossings`.
enum ApprovalOutcome {
    static func apply(_ type: ApprovalService.DocType, docId: Int64, status: String, _ ctx: ServiceContext) async throws {
        try await ctx.crossings.approvalDecided((type.rawValue, docId, status), ctx)
    }
}
