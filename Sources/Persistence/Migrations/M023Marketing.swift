import FluentKit

/// Marketing (市场活动): campaigns with their budget and cost lines, and the campaign that
/// brought each lead, customer, opportunity, quote and contract — set at capture and carried
/// through conversion, so a campaign's return is counted in money actually collected.
struct M023Marketing: AsyncMigration {
    var name: String { "023-marketing" }

    static let attributed = ["leads", "partners", "opportunities", "quotes", "contracts", "expense_claims"]

    func prepare(on database: any Database) async throws {
        // Those who capture leads name the campaign that brought them; those who lead the sales
        // people run campaigns. `*` already means every permission.
        func has(_ p: String) -> String { "(' ' || permissions || ' ') LIKE '% \(p) %'" }
        let grants = [
            "UPDATE roles SET permissions = permissions || ' marketing.view' WHERE permissions <> '*' AND \(has("leads.create"))"
                + " AND NOT \(has("marketing.view"))",
            "UPDATE roles SET permissions = permissions || ' marketing.create marketing.edit marketing.export' WHERE permissions <> '*'"
                + " AND \(has("leads.approve")) AND NOT \(has("marketing.edit"))",
        ]
        try await DDL.run(
            [
                """
                CREATE TABLE campaigns (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    channel TEXT,
                    status TEXT NOT NULL,
                    owner_id BIGINT REFERENCES users(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    starts_on TEXT NOT NULL,
                    ends_on TEXT,
                    budget BIGINT NOT NULL DEFAULT 0,
                    expected_leads BIGINT NOT NULL DEFAULT 0,
                    expected_revenue BIGINT NOT NULL DEFAULT 0,
                    description TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX campaigns_status ON campaigns(status, starts_on)",
                """
                CREATE TABLE campaign_costs (
                    id {pk},
                    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                    cost_date TEXT NOT NULL,
                    channel TEXT,
                    supplier_id BIGINT REFERENCES partners(id),
                    expense_claim_id BIGINT REFERENCES expense_claims(id) UNIQUE,
                    amount BIGINT NOT NULL,
                    note TEXT,
                    created_by BIGINT,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX campaign_costs_campaign ON campaign_costs(campaign_id, cost_date)",
            ]
                + Self.attributed.flatMap { table in
                    [
                        "ALTER TABLE \(table) ADD COLUMN campaign_id BIGINT REFERENCES campaigns(id)",
                        "CREATE INDEX \(table)_campaign ON \(table)(campaign_id) WHERE campaign_id IS NOT NULL",
                    ]
                } + grants, on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            Self.attributed.flatMap { ["DROP INDEX \($0)_campaign", "ALTER TABLE \($0) DROP COLUMN campaign_id"] }
                + ["DROP TABLE campaign_costs", "DROP TABLE campaigns"]
                + ["marketing.view", "marketing.create", "marketing.edit", "marketing.export"].map {
                    "UPDATE roles SET permissions = TRIM(REPLACE(' ' || permissions || ' ', ' \($0) ', ' '))"
                }, on: database)
    }
}
