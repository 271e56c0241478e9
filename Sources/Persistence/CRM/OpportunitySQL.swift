import Kernel
import SQLKit

/// Opportunities, the stages of the funnel and the moves between them.
public enum OpportunityQueries {
    static let columns = ScopeFilter.Columns(branch: "branch_id", department: "department_id", owner: "owner_id")

    public static func stages(on store: Store) async throws -> [StageRow] {
        try await store.all("SELECT * FROM stages ORDER BY sort_order, id", as: StageRow.self)
    }

    public static func stage(_ id: Int64, on store: Store) async throws -> StageRow? {
        try await store.first("SELECT * FROM stages WHERE id = \(bind: id)", as: StageRow.self)
    }

    public static func stage(code: String, on store: Store) async throws -> StageRow? {
        try await store.first("SELECT * FROM stages WHERE code = \(bind: code)", as: StageRow.self)
    }

    /// How many opportunities stand at a stage.
    public static func opportunities(atStage id: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar("SELECT COUNT(*) AS n FROM opportunities WHERE stage_id = \(bind: id)", as: Int64.self) ?? 0
    }

    public struct Filter: Sendable {
        public var text: String?
        public var partner: Int64?
        public var stage: Int64?
        public var outcome: String?
        public var owner: Int64?
        /// Custom fields by key and the value each must have.
        public var custom: [String: String] = [:]
        public init(text: String?, partner: Int64?, stage: Int64?, outcome: String?, owner: Int64?, custom: [String: String] = [:]) {
            self.custom = custom
            self.text = text
            self.partner = partner
            self.stage = stage
            self.outcome = outcome
            self.owner = owner
        }
    }

    /// Opportunities in scope, newest first, a page at a time; `text` matches the name or the customer.
    public static func list(_ scope: RowScope, _ f: Filter, cursor: Cursor?, limit: Int, on store: Store) async throws -> [OpportunityRow] {
        var q: SQLQueryString = "SELECT * FROM opportunities WHERE "
        q += ScopeFilter.condition(scope, columns)
        if let t = f.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty {
            let like = "%" + Search.escapeLike(t.lowercased()) + "%"
            q +=
                " AND (LOWER(name) LIKE \(bind: like) ESCAPE '\\' OR partner_id IN (SELECT id FROM partners WHERE search_text LIKE \(bind: like) ESCAPE '\\'))"
        }
        if let p = f.partner { q += " AND partner_id = \(bind: p)" }
        if let s = f.stage { q += " AND stage_id = \(bind: s)" }
        if let o = f.outcome, !o.isEmpty { q += " AND outcome = \(bind: o)" }
        if let o = f.owner { q += " AND owner_id = \(bind: o)" }
        q += CustomValueSQL.condition(f.custom, column: "custom_values", dialect: store.dialect)
        q += try Cursor.condition(cursor, column: "id", descending: true)
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: OpportunityRow.self)
    }

    public static func opportunity(_ id: Int64, on store: Store) async throws -> OpportunityRow? {
        try await store.first("SELECT * FROM opportunities WHERE id = \(bind: id)", as: OpportunityRow.self)
    }

    public static func moves(ofOpportunity id: Int64, on store: Store) async throws -> [StageMoveRow] {
        try await store.all("SELECT * FROM stage_moves WHERE opportunity_id = \(bind: id) ORDER BY at, id", as: StageMoveRow.self)
    }

    /// Per stage: how many opportunities in scope stand there and their amount.
    public static func funnel(_ scope: RowScope, on store: Store) async throws -> [Int64: (count: Int64, amount: Int64)] {
        struct R: Decodable { var stageId: Int64; var n: Int64; var amount: Int64? }
        var q: SQLQueryString = "SELECT stage_id, COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM opportunities WHERE "
        q += ScopeFilter.condition(scope, columns)
        q += " GROUP BY stage_id"
        return Dictionary(uniqueKeysWithValues: try await store.all(q, as: R.self).map { ($0.stageId, ($0.n, $0.amount ?? 0)) })
    }

    /// An open opportunity in scope with its stage's probability.
    public struct Open: Decodable, Sendable {
        public var expectedClose: String?
        public var ownerId: Int64?
        public var amount: Int64
        public var probability: Int64
    }

    public static func open(_ scope: RowScope, on store: Store) async throws -> [Open] {
        var q: SQLQueryString = """
            SELECT o.expected_close, o.owner_id, o.amount, s.probability FROM opportunities o JOIN stages s ON s.id = o.stage_id
            WHERE o.outcome = 'open' AND
            """
        q += " "
        q += ScopeFilter.condition(scope, .init(branch: "o.branch_id", department: "o.department_id", owner: "o.owner_id"))
        return try await store.all(q, as: Open.self)
    }
}

public enum OpportunityWrites {
    public static func insertStage(
        code: String, name: String, probability: Int64, sortOrder: Int64, outcome: String, active: Bool, at now: Int64, on store: Store
    ) async throws -> StageRow? {
        try await store.first(
            """
            INSERT INTO stages (code, name, probability, sort_order, outcome, active, version, created_at, updated_at)
            VALUES (\(bind: code), \(bind: name), \(bind: probability), \(bind: sortOrder), \(bind: outcome), \(bind: active), 1,
                    \(bind: now), \(bind: now)) RETURNING *
            """, as: StageRow.self)
    }

    public static func updateStage(
        _ id: Int64, code: String, name: String, probability: Int64, sortOrder: Int64, outcome: String, active: Bool, version: Int64,
        at now: Int64,
        on store: Store
    ) async throws -> StageRow? {
        try await store.first(
            """
            UPDATE stages SET code = \(bind: code), name = \(bind: name), probability = \(bind: probability), sort_order = \(bind: sortOrder),
                outcome = \(bind: outcome), active = \(bind: active), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
            """, as: StageRow.self)
    }

    public static func insert(
        partner: Int64, name: String, amount: Int64, stage: Int64, expectedClose: String?, lead: Int64?, owner: Int64?, branch: Int64,
        department: Int64?, note: String?, campaign: Int64? = nil, by user: Int64?, at now: Int64, on store: Store
    ) async throws -> OpportunityRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO opportunities (partner_id, name, amount, stage_id, expected_close, outcome, lead_id, owner_id, branch_id, department_id, note, version,
                    created_at, updated_at, campaign_id)
                VALUES (\(bind: partner), \(bind: name), \(bind: amount), \(bind: stage), \(bind: expectedClose), 'open', \(bind: lead),
                    \(bind: owner), \(bind: branch), \(bind: department), \(bind: note), 1, \(bind: now), \(bind: now),
                    COALESCE(\(bind: campaign), (SELECT campaign_id FROM leads WHERE id = \(bind: lead))))
                RETURNING *
                """, as: OpportunityRow.self)
        else { throw StoreError.noRowReturned }
        try await recordMove(row.id, from: nil, to: stage, by: user, at: now, on: store)
        return row
    }

    public static func update(
        opportunity id: Int64, name: String, amount: Int64, expectedClose: String?, note: String?, campaign: Int64? = nil, version: Int64,
        at now: Int64, on store: Store
    ) async throws -> OpportunityRow? {
        try await store.first(
            """
            UPDATE opportunities SET name = \(bind: name), amount = \(bind: amount), expected_close = \(bind: expectedClose), note = \(bind: note),
                campaign_id = COALESCE(\(bind: campaign), campaign_id), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
            """, as: OpportunityRow.self)
    }

    /// Moves an opportunity to a stage (closing it when the stage is won or lost), recording the move.
    public static func move(
        _ id: Int64, from: Int64, to stage: StageRow, lostReason: String?, version: Int64, by user: Int64?, at now: Int64, on store: Store
    ) async throws -> OpportunityRow? {
        guard
            let row = try await store.first(
                """
                UPDATE opportunities SET stage_id = \(bind: stage.id), outcome = \(bind: stage.outcome), lost_reason = \(bind: lostReason),
                    closed_at = \(bind: stage.outcome == "open" ? nil : now), version = version + 1, updated_at = \(bind: now)
                WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
                """, as: OpportunityRow.self)
        else { return nil }
        try await recordMove(id, from: from, to: stage.id, by: user, at: now, on: store)
        return row
    }

    static func recordMove(_ id: Int64, from: Int64?, to: Int64, by user: Int64?, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO stage_moves (opportunity_id, from_stage_id, to_stage_id, at, by_user_id)
            VALUES (\(bind: id), \(bind: from), \(bind: to), \(bind: now), \(bind: user))
            """)
    }

    /// A customer won a deal: it is active, and the pools' no-deal clock starts again.
    public static func won(partner id: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE partners SET last_won_at = \(bind: now), status = 'active', version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)"
        )
    }
}
