import DocumentsCore
import Kernel
import SQLKit

/// Writes of approval rules and rounds, inside the services' transactions.
public enum ApprovalWrites {
    /// A rule as validated; `steps` is its JSON.
    public struct Rule: Sendable {
        public var docType: String
        public var branchId: Int64?
        public var minAmount: Int64
        public var name: String
        public var steps: String
        public var active: Bool
        public init(docType: String, branchId: Int64?, minAmount: Int64, name: String, steps: String, active: Bool) {
            self.docType = docType
            self.branchId = branchId
            self.minAmount = minAmount
            self.name = name
            self.steps = steps
            self.active = active
        }
    }

    public static func insert(_ r: Rule, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO approval_rules (doc_type, branch_id, min_amount, name, steps, active, version, created_at, updated_at)
            VALUES (\(bind: r.docType), \(bind: r.branchId), \(bind: r.minAmount), \(bind: r.name), \(bind: r.steps), \(bind: r.active), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func update(rule id: Int64, _ r: Rule, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE approval_rules SET doc_type = \(bind: r.docType), branch_id = \(bind: r.branchId), min_amount = \(bind: r.minAmount), name = \(bind: r.name),
                steps = \(bind: r.steps), active = \(bind: r.active), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
    }

    /// Opens a round at its first step, with who is assigned each step (`assignees[i]`: step i + 1,
    /// with the step's kind).
    public static func open(
        docType: String, docId: Int64, number: String, branch: Int64, amount: Int64, rule: Int64?, submitter: Int64,
        assignees: [(kind: String, users: [Int64])], at now: Int64, on store: Store
    ) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO approvals (doc_type, doc_id, doc_number, branch_id, amount, rule_id, submitter_id, status, step_no, step_count, created_at)
            VALUES (\(bind: docType), \(bind: docId), \(bind: number), \(bind: branch), \(bind: amount), \(bind: rule), \(bind: submitter),
                \(state: ApprovalFlow.State.pending), 1, \(bind: Int64(assignees.count)), \(bind: now))
            """)
        for (i, step) in assignees.enumerated() {
            for u in Set(step.users).sorted() {
                try await store.run(
                    """
                    INSERT INTO approval_assignees (approval_id, step_no, user_id, step_kind)
                    VALUES (\(bind: id), \(bind: Int64(i + 1)), \(bind: u), \(bind: step.kind))
                    """)
            }
        }
        return id
    }

    /// One line of a round's history: `submit`, `escalate`, `approve`, `reject`, `return`, `withdraw`.
    public static func record(
        _ action: String, round id: Int64, step: Int64, by user: Int64, comment: String?, at now: Int64, on store: Store
    )
        async throws
    {
        try await store.run(
            """
            INSERT INTO approval_actions (approval_id, step_no, user_id, action, comment, at)
            VALUES (\(bind: id), \(bind: step), \(bind: user), \(bind: action), \(bind: comment), \(bind: now))
            """)
    }

    public static func advance(round id: Int64, on store: Store) async throws {
        try await store.run("UPDATE approvals SET step_no = step_no + 1 WHERE id = \(bind: id)")
    }

    /// The round ends in `status` (the flow decides it).
    public static func close(round id: Int64, _ status: ApprovalFlow.State, at now: Int64, on store: Store) async throws {
        try await store.run("UPDATE approvals SET status = \(state: status), decided_at = \(bind: now) WHERE id = \(bind: id)")
    }
}
