import DocumentsCore
import Kernel
import SQLKit

/// Reads of approval rules and rounds.
public enum ApprovalQueries {
    struct ID: Decodable { var id: Int64 }

    public static func rules(on store: Store) async throws -> [ApprovalRuleRow] {
        try await store.all("SELECT * FROM approval_rules ORDER BY doc_type, min_amount, id", as: ApprovalRuleRow.self)
    }

    public static func rule(_ id: Int64, on store: Store) async throws -> ApprovalRuleRow? {
        try await store.first("SELECT * FROM approval_rules WHERE id = \(bind: id)", as: ApprovalRuleRow.self)
    }

    /// The active rules of a document type that apply to an amount in a branch, the one that
    /// decides first: a branch's own rule before the company's, then the highest threshold.
    public static func rules(for docType: String, amount: Int64, branch: Int64, on store: Store) async throws -> [ApprovalRuleRow] {
        try await store.all(
            """
            SELECT * FROM approval_rules WHERE doc_type = \(bind: docType) AND active = \(bind: true) AND min_amount <= \(bind: amount)
            AND (branch_id IS NULL OR branch_id = \(bind: branch))
            ORDER BY CASE WHEN branch_id IS NULL THEN 1 ELSE 0 END, min_amount DESC, id
            """, as: ApprovalRuleRow.self)
    }

    /// Active internal users holding a role.
    public static func activeHolders(ofRole id: Int64, on store: Store) async throws -> [Int64] {
        try await store.all(
            """
            SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id
            WHERE ur.role_id = \(bind: id) AND u.active = \(bind: true) AND u.partner_id IS NULL ORDER BY u.id
            """, as: ID.self
        ).map(\.id)
    }

    /// Active users holding any of these roles, one person left out.
    public static func activeHolders(ofRoles roles: [Int64], except user: Int64, on store: Store) async throws -> [Int64] {
        guard !roles.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id
            WHERE ur.role_id IN (\(binds: roles.map { $0 as any Encodable & Sendable })) AND u.active = \(bind: true) AND u.id <> \(bind: user) ORDER BY u.id
            """, as: ID.self
        ).map(\.id)
    }

    public struct RolePermissions: Decodable, Sendable {
        public var id: Int64
        public var permissions: String
    }

    public static func rolePermissions(on store: Store) async throws -> [RolePermissions] {
        try await store.all("SELECT id, permissions FROM roles", as: RolePermissions.self)
    }

    public static func approval(_ id: Int64, on store: Store) async throws -> ApprovalRow? {
        try await store.first("SELECT * FROM approvals WHERE id = \(bind: id)", as: ApprovalRow.self)
    }

    /// A document's approval rounds, oldest first.
    public static func rounds(of docType: String, _ docId: Int64, on store: Store) async throws -> [ApprovalRow] {
        try await store.all(
            "SELECT * FROM approvals WHERE doc_type = \(bind: docType) AND doc_id = \(bind: docId) ORDER BY id", as: ApprovalRow.self)
    }

    /// A document's latest round.
    public static func latest(of docType: String, _ docId: Int64, on store: Store) async throws -> ApprovalRow? {
        try await store.first(
            "SELECT * FROM approvals WHERE doc_type = \(bind: docType) AND doc_id = \(bind: docId) ORDER BY id DESC LIMIT 1",
            as: ApprovalRow.self)
    }

    /// Who is assigned a step.
    public static func assignees(of id: Int64, step: Int64, on store: Store) async throws -> [Int64] {
        try await store.all(
            "SELECT user_id AS id FROM approval_assignees WHERE approval_id = \(bind: id) AND step_no = \(bind: step)", as: ID.self
        )
        .map(\.id)
    }

    /// Whether the user is assigned the round's step `step`.
    public static func isAssigned(_ user: Int64, to id: Int64, step: Int64, on store: Store) async throws -> Bool {
        try await store.first(
            "SELECT user_id AS id FROM approval_assignees WHERE approval_id = \(bind: id) AND step_no = \(bind: step) AND user_id = \(bind: user)",
            as: ID.self) != nil
    }

    /// Whether the user was ever assigned a step of the round.
    public static func isAssigned(_ user: Int64, to id: Int64, on store: Store) async throws -> Bool {
        try await store.first(
            "SELECT user_id AS id FROM approval_assignees WHERE approval_id = \(bind: id) AND user_id = \(bind: user) LIMIT 1", as: ID.self)
            != nil
    }

    public static func assignees(of id: Int64, on store: Store) async throws -> [ApprovalAssigneeRow] {
        try await store.all(
            "SELECT * FROM approval_assignees WHERE approval_id = \(bind: id) ORDER BY step_no, user_id", as: ApprovalAssigneeRow.self)
    }

    public static func actions(of id: Int64, on store: Store) async throws -> [ApprovalActionRow] {
        try await store.all("SELECT * FROM approval_actions WHERE approval_id = \(bind: id) ORDER BY id", as: ApprovalActionRow.self)
    }

    public enum Box: Sendable {
        /// Waiting for this person now.
        case todo(Int64)
        /// Submitted by this person.
        case submitted(Int64)
        /// Every round in scope.
        case all(RowScope)
    }

    /// A box of rounds, newest first, a page at a time.
    public static func list(_ box: Box, status: String?, before: Int64?, limit: Int, on store: Store) async throws -> [ApprovalRow] {
        var q: SQLQueryString = "SELECT a.* FROM approvals a WHERE "
        switch box {
        case let .todo(me):
            q +=
                "a.status IN (\(states: ApprovalFlow.open)) AND a.submitter_id <> \(bind: me) AND EXISTS (SELECT 1 FROM approval_assignees s WHERE s.approval_id = a.id AND s.step_no = a.step_no AND s.user_id = \(bind: me))"
        case let .submitted(me):
            q += "a.submitter_id = \(bind: me)"
        case let .all(scope):
            q += ScopeFilter.condition(scope, .init(branch: "a.branch_id", department: nil, owner: "a.submitter_id"))
        }
        if let status, !status.isEmpty { q += " AND a.status = \(bind: status)" }
        if let before { q += " AND a.id < \(bind: before)" }
        q += " ORDER BY a.id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: ApprovalRow.self)
    }

    /// How many open rounds wait for this person at their current step.
    public static func waiting(for me: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            """
            SELECT COUNT(*) AS n FROM approvals a JOIN approval_assignees s ON s.approval_id = a.id AND s.step_no = a.step_no
            WHERE a.status IN (\(states: ApprovalFlow.open)) AND s.user_id = \(bind: me) AND a.submitter_id <> \(bind: me)
            """, as: Int64.self) ?? 0
    }
}
