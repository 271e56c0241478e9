import DocumentsCore
import Kernel
import SQLKit

public enum MarketingQueries {
    public static func campaign(_ id: Int64, on store: Store) async throws -> CampaignRow? {
        try await store.first("SELECT * FROM campaigns WHERE id = \(bind: id)", as: CampaignRow.self)
    }

    public static func campaign(code: String, on store: Store) async throws -> CampaignRow? {
        try await store.first("SELECT * FROM campaigns WHERE code = \(bind: code)", as: CampaignRow.self)
    }

    /// A campaign by its code, else by its name (the newest of that name).
    public static func campaign(named text: String, on store: Store) async throws -> CampaignRow? {
        if let c = try await campaign(code: text, on: store) { return c }
        return try await store.first(
            "SELECT * FROM campaigns WHERE name = \(bind: text) ORDER BY starts_on DESC, id DESC LIMIT 1", as: CampaignRow.self)
    }

    public struct Filter: Sendable {
        public var status: String?
        public var q: String?
        public var year: String?
        public init(status: String? = nil, q: String? = nil, year: String? = nil) {
            self.status = status
            self.q = q
            self.year = year
        }
    }

    /// Campaigns, latest start first, a page at a time (keyset on start date and id).
    public static func campaigns(
        _ f: Filter, limit: Int, after: (startsOn: String, id: Int64)?, on store: Store
    ) async throws
        -> [CampaignRow]
    {
        var q: SQLQueryString = "SELECT * FROM campaigns WHERE 1 = 1"
        if let s = f.status, !s.isEmpty { q += " AND status = \(bind: s)" }
        if let text = f.q, !text.isEmpty {
            let like = "%" + text + "%"
            q += " AND (name LIKE \(bind: like) OR code LIKE \(bind: like) OR channel LIKE \(bind: like))"
        }
        if let y = f.year, !y.isEmpty { q += " AND starts_on >= \(bind: y + "-01-01") AND starts_on <= \(bind: y + "-12-31")" }
        if let a = after { q += " AND (starts_on < \(bind: a.startsOn) OR (starts_on = \(bind: a.startsOn) AND id < \(bind: a.id)))" }
        q += " ORDER BY starts_on DESC, id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: CampaignRow.self)
    }

    /// Campaigns a lead or an opportunity may name (not cancelled), newest first.
    public static func pickable(limit: Int, on store: Store) async throws -> [CampaignRow] {
        try await store.all(
            """
            SELECT * FROM campaigns WHERE status IN (\(states: CampaignFlow.open)) ORDER BY starts_on DESC, id DESC LIMIT \(literal: limit)
            """, as: CampaignRow.self)
    }

    public static func costs(of campaign: Int64, on store: Store) async throws -> [CampaignCostRow] {
        try await store.all(
            "SELECT * FROM campaign_costs WHERE campaign_id = \(bind: campaign) ORDER BY cost_date, id", as: CampaignCostRow.self)
    }

    public static func cost(_ id: Int64, on store: Store) async throws -> CampaignCostRow? {
        try await store.first("SELECT * FROM campaign_costs WHERE id = \(bind: id)", as: CampaignCostRow.self)
    }

    public static func cost(ofClaim claim: Int64, on store: Store) async throws -> CampaignCostRow? {
        try await store.first("SELECT * FROM campaign_costs WHERE expense_claim_id = \(bind: claim)", as: CampaignCostRow.self)
    }

    /// What a campaign brought, counted from the records that carry it: leads (and how many were
    /// converted), new customers, opportunities (won, and their amount), contracts signed (in
    /// force or done, and their amount), the money collected against those contracts (payments in
    /// force: settled on their items, or held for them), and what it cost.
    public struct Performance: Decodable, Sendable, Equatable {
        public var leads: Int64
        public var leadsConverted: Int64
        public var customers: Int64
        public var opportunities: Int64
        public var opportunitiesWon: Int64
        public var wonAmount: Int64
        public var contracts: Int64
        public var contractAmount: Int64
        public var collected: Int64
        public var cost: Int64
    }

    static let signed: Set<ContractFlow.State> = ContractFlow.inForce.union([.terminated])

    public static func performance(of id: Int64, on store: Store) async throws -> Performance {
        let contracts: SQLQueryString =
            "SELECT id FROM contracts WHERE campaign_id = \(bind: id) AND status IN (\(states: signed))"
        var q: SQLQueryString = """
            SELECT (SELECT COUNT(*) FROM leads WHERE campaign_id = \(bind: id)) AS leads,
                (SELECT COUNT(*) FROM leads WHERE campaign_id = \(bind: id) AND status = 'converted') AS leads_converted,
                (SELECT COUNT(*) FROM partners WHERE campaign_id = \(bind: id)) AS customers,
                (SELECT COUNT(*) FROM opportunities WHERE campaign_id = \(bind: id)) AS opportunities,
                (SELECT COUNT(*) FROM opportunities WHERE campaign_id = \(bind: id) AND outcome = 'won') AS opportunities_won,
                (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM opportunities WHERE campaign_id = \(bind: id) AND outcome = 'won') AS won_amount,
                (SELECT COUNT(*) FROM contracts WHERE campaign_id = \(bind: id) AND status IN (\(states: signed))) AS contracts,
                (SELECT CAST(COALESCE(SUM(total_amount), 0) AS BIGINT) FROM contracts WHERE campaign_id = \(bind: id)
                    AND status IN (\(states: signed))) AS contract_amount,
                (SELECT CAST(COALESCE(SUM(s.amount), 0) AS BIGINT) FROM settlements s JOIN open_items i ON i.id = s.item_id
                    JOIN payments p ON p.id = s.payment_id WHERE p.status IN (\(states: PaymentFlow.open)) AND i.contract_id IN (
            """
        q += contracts
        q += """
            )) + (SELECT CAST(COALESCE(SUM(amount - applied), 0) AS BIGINT) FROM payments WHERE status IN (\(states: PaymentFlow.open))
                    AND contract_id IN (
            """
        q += contracts
        q += """
            )) AS collected,
                (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM campaign_costs WHERE campaign_id = \(bind: id)) AS cost
            """
        guard let p = try await store.first(q, as: Performance.self) else { throw StoreError.noRowReturned }
        return p
    }

    /// A campaign's leads, newest first.
    public static func leads(of campaign: Int64, limit: Int, on store: Store) async throws -> [LeadRow] {
        try await store.all(
            "SELECT * FROM leads WHERE campaign_id = \(bind: campaign) ORDER BY id DESC LIMIT \(literal: limit)", as: LeadRow.self)
    }

    /// What each campaign cost so far, for a list.
    public static func spent(_ ids: [Int64], on store: Store) async throws -> [Int64: Int64] {
        guard !ids.isEmpty else { return [:] }
        struct R: Decodable { var campaignId: Int64; var total: Int64 }
        let rows = try await store.all(
            """
            SELECT campaign_id, CAST(SUM(amount) AS BIGINT) AS total FROM campaign_costs
            WHERE campaign_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) GROUP BY campaign_id
            """, as: R.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.campaignId, $0.total) })
    }
}
