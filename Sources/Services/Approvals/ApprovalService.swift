import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import SQLKit

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

        /// What happens when no rule matches: quotes and contracts go to the submitter's
        /// manager, a purchase order needs no approval.
        var defaultSteps: [Step] { self == .purchaseOrder ? [] : [Step(kind: .manager, ref: nil)] }
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
        return try await ctx.store.all("SELECT * FROM approval_rules ORDER BY doc_type, min_amount, id", as: ApprovalRuleRow.self)
    }

    public static func rule(_ id: Int64, _ ctx: ServiceContext) async throws -> ApprovalRuleRow {
        try ctx.require(.approvals, .view)
        guard let r = try await ctx.store.first("SELECT * FROM approval_rules WHERE id = \(bind: id)", as: ApprovalRuleRow.self) else {
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
                    guard let r = s.ref, try await ctx.store.first("SELECT id FROM roles WHERE id = \(bind: r)", as: IDRow.self) != nil
                    else {
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
                try await ctx.store.run(
                    """
                    UPDATE approval_rules SET doc_type = \(bind: t), branch_id = \(bind: input.branchId), min_amount = \(bind: min.fen), name = \(bind: name),
                        steps = \(bind: json), active = \(bind: input.active ?? old.active), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)
                    """)
                rid = id
                try await ctx.audit(
                    "update", "approval_rule", id,
                    [
                        FieldChange("steps", old: old.steps, new: json),
                        FieldChange("minAmount", old: Money(fen: old.minAmount).description, new: min.description),
                    ])
            } else {
                rid = try await ctx.store.insertReturningID(
                    """
                    INSERT INTO approval_rules (doc_type, branch_id, min_amount, name, steps, active, version, created_at, updated_at)
                    VALUES (\(bind: t), \(bind: input.branchId), \(bind: min.fen), \(bind: name), \(bind: json), \(bind: input.active ?? true), 1, \(bind: now), \(bind: now))
                    """)
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
        let candidates = try await ctx.store.all(
            """
            SELECT * FROM approval_rules WHERE doc_type = \(bind: type.rawValue) AND active = \(bind: true) AND min_amount <= \(bind: amount.fen)
            AND (branch_id IS NULL OR branch_id = \(bind: branchId))
            ORDER BY CASE WHEN branch_id IS NULL THEN 1 ELSE 0 END, min_amount DESC, id
            """, as: ApprovalRuleRow.self)
        let rule = candidates.first
        let steps = (rule.map(steps(of:)) ?? type.defaultSteps) + extraSteps
        guard !steps.isEmpty else { return nil }
        // The system itself (imports, jobs) acts with authority: nothing to approve.
        guard let submitter = ctx.principal?.userId ?? ctx.actor.userId else { return nil }
        var resolved: [Resolved] = []
        for (i, s) in steps.enumerated() {
            let r = try await resolve(s, submitter: submitter, ctx.store)
            guard !r.users.isEmpty else { throw DomainError(.conflict, code: "approval_no_approver", field: nil, args: [String(i + 1)]) }
            resolved.append(r)
        }
        let now = ctx.nowMillis
        let id = try await ctx.store.insertReturningID(
            """
            INSERT INTO approvals (doc_type, doc_id, doc_number, branch_id, amount, rule_id, submitter_id, status, step_no, step_count, created_at)
            VALUES (\(bind: type.rawValue), \(bind: docId), \(bind: number), \(bind: branchId), \(bind: amount.fen), \(bind: rule?.id), \(bind: submitter),
                \(state: ApprovalFlow.State.pending), 1, \(bind: Int64(steps.count)), \(bind: now))
            """)
        for (i, r) in resolved.enumerated() {
            for u in Set(r.users).sorted() {
                try await ctx.store.run(
                    """
                    INSERT INTO approval_assignees (approval_id, step_no, user_id, step_kind)
                    VALUES (\(bind: id), \(bind: Int64(i + 1)), \(bind: u), \(bind: steps[i].kind.rawValue))
                    """)
            }
        }
        try await ctx.store.run(
            """
            INSERT INTO approval_actions (approval_id, step_no, user_id, action, comment, at) VALUES (\(bind: id), 0, \(bind: submitter), 'submit', NULL, \(bind: now))
            """)
        // A step whose own approvers were the submitter, or nobody, says where it went instead.
        for (i, r) in resolved.enumerated() {
            guard let reason = r.escalation else { continue }
            try await ctx.store.run(
                """
                INSERT INTO approval_actions (approval_id, step_no, user_id, action, comment, at)
                VALUES (\(bind: id), \(bind: Int64(i + 1)), \(bind: submitter), 'escalate', \(bind: reason.rawValue), \(bind: now))
                """)
        }
        try await notify(id, step: 1, number: number, type: type, ctx)
        try await ctx.audit("submit", "approval", id, branch: branchId, [FieldChange("document", old: nil, new: number)])
        return try await find(id, ctx.store)
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
            named = try await store.all(
                """
                SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id
                WHERE ur.role_id = \(bind: r) AND u.active = \(bind: true) AND u.partner_id IS NULL ORDER BY u.id
                """, as: IDRow.self
            ).map(\.id)
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
        let roles = try await store.all("SELECT id, permissions FROM roles", as: RolePerms.self)
            .filter { Permission.parseList($0.permissions).contains(permission) }.map(\.id)
        guard !roles.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id
            WHERE ur.role_id IN (\(binds: roles.map { $0 as any Encodable & Sendable })) AND u.active = \(bind: true) AND u.id <> \(bind: submitter) ORDER BY u.id
            """, as: IDRow.self
        ).map(\.id)
    }

    struct RolePerms: Decodable { var id: Int64; var permissions: String }

    static func notify(_ id: Int64, step: Int64, number: String, type: DocType, _ ctx: ServiceContext) async throws {
        let users = try await ctx.store.all(
            "SELECT user_id AS id FROM approval_assignees WHERE approval_id = \(bind: id) AND step_no = \(bind: step)", as: IDRow.self)
        try await NotificationService.send(
            users.map { .init(userId: $0.id, kind: "notify.approval.pending", args: [number], link: Paths.Approvals.approval(id)) },
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
            guard
                try await ctx.store.first(
                    """
                    SELECT approval_id FROM approval_assignees WHERE approval_id = \(bind: id) AND step_no = \(bind: a.stepNo) AND user_id = \(bind: me)
                    """, as: ApprovalIDRow.self) != nil
            else { throw DomainError(.forbidden, code: "not_current_approver", args: [a.docNumber]) }
            let text = try Validate.optional(comment, "comment", max: 1000)
            if decision != .approve, text == nil { throw DomainError.required("comment") }
            guard let type = DocType(rawValue: a.docType) else { throw DomainError.notFound }
            let now = ctx.nowMillis
            try await ctx.store.run(
                """
                INSERT INTO approval_actions (approval_id, step_no, user_id, action, comment, at)
                VALUES (\(bind: id), \(bind: a.stepNo), \(bind: me), \(bind: decision.rawValue), \(bind: text), \(bind: now))
                """)
            let status = try ApprovalFlow.target(
                ApprovalFlow.Command(rawValue: decision.rawValue)!, from: a.status, number: a.docNumber, pending: a.stepNo < a.stepCount
            ).rawValue
            if status == ApprovalFlow.State.pending.rawValue {
                try await ctx.store.run("UPDATE approvals SET step_no = step_no + 1 WHERE id = \(bind: id)")
                try await notify(id, step: a.stepNo + 1, number: a.docNumber, type: type, ctx)
            } else {
                try await ctx.store.run("UPDATE approvals SET status = \(bind: status), decided_at = \(bind: now) WHERE id = \(bind: id)")
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
        try await ctx.store.run("UPDATE approvals SET status = \(state: to), decided_at = \(bind: ctx.nowMillis) WHERE id = \(bind: a.id)")
        try await ctx.store.run(
            """
            INSERT INTO approval_actions (approval_id, step_no, user_id, action, comment, at)
            VALUES (\(bind: a.id), \(bind: a.stepNo), \(bind: who), 'withdraw', NULL, \(bind: ctx.nowMillis))
            """)
    }

    struct ApprovalIDRow: Decodable { var approvalId: Int64 }
    struct IDRow: Decodable { var id: Int64 }

    // MARK: - Reading

    static func find(_ id: Int64, _ store: Store) async throws -> ApprovalRow? {
        try await store.first("SELECT * FROM approvals WHERE id = \(bind: id)", as: ApprovalRow.self)
    }

    /// A document's latest approval, if it was ever submitted.
    public static func current(_ type: DocType, _ docId: Int64, _ store: Store) async throws -> ApprovalRow? {
        try await store.first(
            "SELECT * FROM approvals WHERE doc_type = \(bind: type.rawValue) AND doc_id = \(bind: docId) ORDER BY id DESC LIMIT 1",
            as: ApprovalRow.self)
    }

    /// An approval is visible to its submitter, to anyone it was ever assigned to, to holders
    /// of approvals.view whose scope reaches its branch, and to whoever may see the document it decides.
    public static func visible(_ id: Int64, _ ctx: ServiceContext) async throws -> ApprovalRow {
        // Approvals are the company's own business: a distributor's portal user has none.
        if ctx.principal?.partnerId != nil { throw DomainError.forbidden }
        guard let a = try await find(id, ctx.store) else { throw DomainError.notFound }
        guard let p = ctx.principal else { return a }
        if a.submitterId == p.userId { return a }
        if try await ctx.store.first(
            "SELECT approval_id FROM approval_assignees WHERE approval_id = \(bind: id) AND user_id = \(bind: p.userId) LIMIT 1",
            as: ApprovalIDRow.self) != nil
        {
            return a
        }
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
        let assignees = try await ctx.store.all(
            "SELECT * FROM approval_assignees WHERE approval_id = \(bind: a.id) ORDER BY step_no, user_id", as: ApprovalAssigneeRow.self)
        let actions = try await ctx.store.all(
            "SELECT * FROM approval_actions WHERE approval_id = \(bind: a.id) ORDER BY id", as: ApprovalActionRow.self)
        let me = ctx.principal?.userId
        let canAct =
            ApprovalFlow.open.contains(stored: a.status) && a.submitterId != me
            && assignees.contains { $0.stepNo == a.stepNo && $0.userId == me }
        return Details(approval: a, assignees: assignees, actions: actions, canAct: canAct)
    }

    /// Every approval round of one document, oldest first (the document's history).
    public static func history(_ type: DocType, docId: Int64, _ ctx: ServiceContext) async throws -> [Details] {
        let rows = try await ctx.store.all(
            "SELECT * FROM approvals WHERE doc_type = \(bind: type.rawValue) AND doc_id = \(bind: docId) ORDER BY id", as: ApprovalRow.self)
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
        var q: SQLQueryString = "SELECT a.* FROM approvals a WHERE "
        switch box {
        case .todo:
            q +=
                "a.status IN (\(states: ApprovalFlow.open)) AND a.submitter_id <> \(bind: me) AND EXISTS (SELECT 1 FROM approval_assignees s WHERE s.approval_id = a.id AND s.step_no = a.step_no AND s.user_id = \(bind: me))"
        case .submitted:
            q += "a.submitter_id = \(bind: me)"
        case .all:
            let scope = try ctx.require(.approvals, .view)
            q += ScopeFilter.condition(scope, .init(branch: "a.branch_id", department: nil, owner: "a.submitter_id"))
        }
        if let s = status, !s.isEmpty, box != .todo { q += " AND a.status = \(bind: s)" }
        if let c = cursor { q += " AND a.id < \(bind: c.id)" }
        q += " ORDER BY a.id DESC LIMIT \(literal: limit + 1)"
        let rows = try await ctx.store.all(q, as: ApprovalRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func pendingCount(_ ctx: ServiceContext) async throws -> Int64 {
        guard let me = ctx.principal?.userId else { return 0 }
        struct C: Decodable { var n: Int64 }
        return try await ctx.store.first(
            """
            SELECT COUNT(*) AS n FROM approvals a JOIN approval_assignees s ON s.approval_id = a.id AND s.step_no = a.step_no
            WHERE a.status IN (\(states: ApprovalFlow.open)) AND s.user_id = \(bind: me) AND a.submitter_id <> \(bind: me)
            """, as: C.self)?.n ?? 0
    }
}

/// Where an approval's outcome lands on its document: the document's module, through
/// `Workflows.crossings`.
enum ApprovalOutcome {
    static func apply(_ type: ApprovalService.DocType, docId: Int64, status: String, _ ctx: ServiceContext) async throws {
        try await ctx.crossings.approvalDecided((type.rawValue, docId, status), ctx)
    }
}
