import Kernel
import SQLKit

public enum MarketingWrites {
    /// A campaign as validated.
    public struct Campaign: Sendable {
        public var code: String
        public var name: String
        public var kind: String
        public var channel: String?
        public var ownerId: Int64?
        public var branchId: Int64
        public var startsOn: String
        public var endsOn: String?
        public var budget: Int64
        public var expectedLeads: Int64
        public var expectedRevenue: Int64
        public var description: String?
        public init(
            code: String, name: String, kind: String, channel: String?, ownerId: Int64?, branchId: Int64, startsOn: String,
            endsOn: String?, budget: Int64, expectedLeads: Int64, expectedRevenue: Int64, description: String?
        ) {
            self.code = code
            self.name = name
            self.kind = kind
            self.channel = channel
            self.ownerId = ownerId
            self.branchId = branchId
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.budget = budget
            self.expectedLeads = expectedLeads
            self.expectedRevenue = expectedRevenue
            self.description = description
        }
    }

    public static func insert(_ c: Campaign, status: String, at now: Int64, on store: Store) async throws -> CampaignRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO campaigns (code, name, kind, channel, status, owner_id, branch_id, starts_on, ends_on, budget, expected_leads,
                    expected_revenue, description, version, created_at, updated_at)
                VALUES (\(bind: c.code), \(bind: c.name), \(bind: c.kind), \(bind: c.channel), \(bind: status), \(bind: c.ownerId),
                    \(bind: c.branchId), \(bind: c.startsOn), \(bind: c.endsOn), \(bind: c.budget), \(bind: c.expectedLeads),
                    \(bind: c.expectedRevenue), \(bind: c.description), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: CampaignRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Answers the campaign as stored, or nil when it moved on since `version`.
    public static func update(_ id: Int64, _ c: Campaign, version: Int64, at now: Int64, on store: Store) async throws -> CampaignRow? {
        try await store.first(
            """
            UPDATE campaigns SET code = \(bind: c.code), name = \(bind: c.name), kind = \(bind: c.kind), channel = \(bind: c.channel),
                owner_id = \(bind: c.ownerId), branch_id = \(bind: c.branchId), starts_on = \(bind: c.startsOn), ends_on = \(bind: c.endsOn),
                budget = \(bind: c.budget), expected_leads = \(bind: c.expectedLeads), expected_revenue = \(bind: c.expectedRevenue),
                description = \(bind: c.description), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: CampaignRow.self)
    }

    public static func setStatus(
        _ id: Int64, _ status: String, version: Int64, at now: Int64, on store: Store
    ) async throws
        -> CampaignRow?
    {
        try await store.first(
            """
            UPDATE campaigns SET status = \(bind: status), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
            """, as: CampaignRow.self)
    }

    public struct Cost: Sendable {
        public var costDate: String
        public var channel: String?
        public var supplierId: Int64?
        public var expenseClaimId: Int64?
        public var amount: Int64
        public var note: String?
        public init(costDate: String, channel: String?, supplierId: Int64?, expenseClaimId: Int64?, amount: Int64, note: String?) {
            self.costDate = costDate
            self.channel = channel
            self.supplierId = supplierId
            self.expenseClaimId = expenseClaimId
            self.amount = amount
            self.note = note
        }
    }

    public static func insert(
        cost c: Cost, campaign: Int64, by user: Int64?, at now: Int64, on store: Store
    ) async throws
        -> CampaignCostRow
    {
        guard
            let row = try await store.first(
                """
                INSERT INTO campaign_costs (campaign_id, cost_date, channel, supplier_id, expense_claim_id, amount, note, created_by, created_at)
                VALUES (\(bind: campaign), \(bind: c.costDate), \(bind: c.channel), \(bind: c.supplierId), \(bind: c.expenseClaimId),
                    \(bind: c.amount), \(bind: c.note), \(bind: user), \(bind: now))
                RETURNING *
                """, as: CampaignCostRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func delete(cost id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM campaign_costs WHERE id = \(bind: id)")
    }

    /// An expense claim's campaign (the claim's own field, now a link).
    public static func setCampaign(ofClaim claim: Int64, _ campaign: Int64?, on store: Store) async throws {
        try await store.run("UPDATE expense_claims SET campaign_id = \(bind: campaign) WHERE id = \(bind: claim)")
    }
}
