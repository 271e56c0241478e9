import FluentKit

/// CRM (DESIGN.md section 7): the customer side of the partner master, contacts, related
/// organisations, custom fields, public pools and their moves, leads, opportunities and stages,
/// follow-ups, tasks, notifications and work reports. Times are BIGINT milliseconds, dates TEXT
/// 'YYYY-MM-DD', money BIGINT fen, coordinates BIGINT micro-degrees.
struct M005CreateCRM: AsyncMigration {
    var name: String { "005-create-crm" }

    func prepare(on database: any Database) async throws {
        let partnerColumns = [
            "industry TEXT", "level TEXT", "source TEXT", "status TEXT NOT NULL DEFAULT 'active'", "tags TEXT NOT NULL DEFAULT ''",
            "province TEXT", "city TEXT", "district TEXT", "street TEXT", "latitude BIGINT", "longitude BIGINT", "website TEXT",
            "credit_limit BIGINT",
            "department_id BIGINT REFERENCES departments(id)", "pool_exempt BOOLEAN NOT NULL DEFAULT FALSE",
            "assigned_at BIGINT", "previous_owner_id BIGINT REFERENCES users(id)", "released_at BIGINT", "last_activity_at BIGINT",
            "next_follow_up TEXT", "last_won_at BIGINT", "phone_digits TEXT", "custom_values TEXT NOT NULL DEFAULT '{}'", "note TEXT",
        ]
        try await DDL.run(
            partnerColumns.map { "ALTER TABLE partners ADD COLUMN \($0)" } + [
                "CREATE INDEX partners_owner ON partners(owner_id, id)",
                "CREATE INDEX partners_phone ON partners(phone_digits)",
                "CREATE INDEX partners_email ON partners(email)",
                "CREATE INDEX partners_name ON partners(name, id)",
                """
                CREATE TABLE contacts (
                    id {pk},
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    name TEXT NOT NULL,
                    title TEXT,
                    mobile TEXT,
                    phone TEXT,
                    email TEXT,
                    wechat TEXT,
                    birthday TEXT,
                    birthday_md TEXT,
                    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
                    note TEXT,
                    search_text TEXT NOT NULL,
                    phone_digits TEXT,
                    custom_values TEXT NOT NULL DEFAULT '{}',
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX contacts_partner ON contacts(partner_id, id)",
                "CREATE INDEX contacts_birthday ON contacts(birthday_md)",
                "CREATE INDEX contacts_phone ON contacts(phone_digits)",
                """
                CREATE TABLE customer_relations (
                    id {pk},
                    parent_id BIGINT NOT NULL REFERENCES partners(id),
                    child_id BIGINT NOT NULL UNIQUE REFERENCES partners(id),
                    kind TEXT NOT NULL,
                    note TEXT,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX customer_relations_parent ON customer_relations(parent_id)",
                """
                CREATE TABLE custom_fields (
                    id {pk},
                    entity TEXT NOT NULL,
                    field_key TEXT NOT NULL,
                    label TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    options TEXT NOT NULL DEFAULT '',
                    required BOOLEAN NOT NULL DEFAULT FALSE,
                    sort_order BIGINT NOT NULL DEFAULT 0,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (entity, field_key)
                )
                """,
                """
                CREATE TABLE pools (
                    id {pk},
                    name TEXT NOT NULL UNIQUE,
                    branch_id BIGINT REFERENCES branches(id),
                    claims_per_day BIGINT,
                    reclaim_after_days BIGINT,
                    max_held BIGINT,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "ALTER TABLE partners ADD COLUMN pool_id BIGINT REFERENCES pools(id)",
                "CREATE INDEX partners_pool ON partners(pool_id, id)",
                """
                CREATE TABLE pool_rules (
                    id {pk},
                    pool_id BIGINT NOT NULL REFERENCES pools(id),
                    level TEXT,
                    no_follow_up_days BIGINT,
                    no_deal_days BIGINT,
                    warn_days BIGINT NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX pool_rules_pool ON pool_rules(pool_id)",
                """
                CREATE TABLE pool_moves (
                    id {pk},
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    pool_id BIGINT REFERENCES pools(id),
                    action TEXT NOT NULL,
                    from_owner_id BIGINT REFERENCES users(id),
                    to_owner_id BIGINT REFERENCES users(id),
                    reason TEXT,
                    at BIGINT NOT NULL,
                    by_user_id BIGINT REFERENCES users(id)
                )
                """,
                "CREATE INDEX pool_moves_partner ON pool_moves(partner_id, at)",
                "CREATE INDEX pool_moves_claimer ON pool_moves(to_owner_id, action, at)",
                """
                CREATE TABLE stages (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    probability BIGINT NOT NULL,
                    sort_order BIGINT NOT NULL,
                    outcome TEXT NOT NULL DEFAULT 'open',
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE leads (
                    id {pk},
                    company TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    search_text TEXT NOT NULL,
                    contact_name TEXT,
                    title TEXT,
                    phone TEXT,
                    phone_digits TEXT,
                    email TEXT,
                    uscc TEXT,
                    source TEXT,
                    province TEXT,
                    city TEXT,
                    note TEXT,
                    status TEXT NOT NULL,
                    owner_id BIGINT REFERENCES users(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    converted_partner_id BIGINT REFERENCES partners(id),
                    converted_contact_id BIGINT REFERENCES contacts(id),
                    converted_opportunity_id BIGINT,
                    converted_at BIGINT,
                    last_activity_at BIGINT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX leads_owner ON leads(owner_id, id)",
                "CREATE INDEX leads_name_key ON leads(name_key)",
                "CREATE INDEX leads_phone ON leads(phone_digits)",
                """
                CREATE TABLE lead_rules (
                    id {pk},
                    name TEXT NOT NULL,
                    source TEXT,
                    user_ids TEXT NOT NULL,
                    next_index BIGINT NOT NULL DEFAULT 0,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE opportunities (
                    id {pk},
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    name TEXT NOT NULL,
                    amount BIGINT NOT NULL,
                    stage_id BIGINT NOT NULL REFERENCES stages(id),
                    expected_close TEXT,
                    outcome TEXT NOT NULL DEFAULT 'open',
                    lost_reason TEXT,
                    closed_at BIGINT,
                    lead_id BIGINT REFERENCES leads(id),
                    owner_id BIGINT REFERENCES users(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    note TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX opportunities_partner ON opportunities(partner_id)",
                "CREATE INDEX opportunities_owner ON opportunities(owner_id, id)",
                "CREATE INDEX opportunities_stage ON opportunities(stage_id, id)",
                """
                CREATE TABLE stage_moves (
                    id {pk},
                    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
                    from_stage_id BIGINT REFERENCES stages(id),
                    to_stage_id BIGINT NOT NULL REFERENCES stages(id),
                    at BIGINT NOT NULL,
                    by_user_id BIGINT REFERENCES users(id)
                )
                """,
                "CREATE INDEX stage_moves_opportunity ON stage_moves(opportunity_id, at)",
                "CREATE INDEX stage_moves_at ON stage_moves(at)",
                """
                CREATE TABLE activities (
                    id {pk},
                    partner_id BIGINT REFERENCES partners(id),
                    contact_id BIGINT REFERENCES contacts(id),
                    lead_id BIGINT REFERENCES leads(id),
                    opportunity_id BIGINT REFERENCES opportunities(id),
                    kind TEXT NOT NULL,
                    content TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    next_follow_up TEXT,
                    latitude BIGINT,
                    longitude BIGINT,
                    accuracy_m BIGINT,
                    owner_id BIGINT REFERENCES users(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX activities_partner ON activities(partner_id, occurred_at)",
                "CREATE INDEX activities_lead ON activities(lead_id, occurred_at)",
                "CREATE INDEX activities_owner ON activities(owner_id, occurred_at)",
                """
                CREATE TABLE tasks (
                    id {pk},
                    title TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    starts_at BIGINT NOT NULL,
                    ends_at BIGINT,
                    remind_at BIGINT,
                    reminded BOOLEAN NOT NULL DEFAULT FALSE,
                    partner_id BIGINT REFERENCES partners(id),
                    opportunity_id BIGINT REFERENCES opportunities(id),
                    note TEXT,
                    done_at BIGINT,
                    owner_id BIGINT NOT NULL REFERENCES users(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX tasks_owner ON tasks(owner_id, starts_at)",
                "CREATE INDEX tasks_remind ON tasks(reminded, remind_at)",
                """
                CREATE TABLE notifications (
                    id {pk},
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    kind TEXT NOT NULL,
                    args TEXT NOT NULL,
                    link TEXT,
                    dedupe_key TEXT,
                    created_at BIGINT NOT NULL,
                    read_at BIGINT,
                    UNIQUE (user_id, dedupe_key)
                )
                """,
                "CREATE INDEX notifications_user ON notifications(user_id, id)",
                """
                CREATE TABLE work_reports (
                    id {pk},
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    kind TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    period_end TEXT NOT NULL,
                    content TEXT NOT NULL,
                    plan TEXT,
                    stats TEXT NOT NULL,
                    comment TEXT,
                    commented_by BIGINT REFERENCES users(id),
                    commented_at BIGINT,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (user_id, kind, period_start)
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE work_reports", "DROP TABLE notifications", "DROP TABLE tasks", "DROP TABLE activities",
                "DROP TABLE stage_moves",
                "DROP TABLE opportunities", "DROP TABLE lead_rules", "DROP TABLE leads", "DROP TABLE stages", "DROP TABLE pool_moves",
                "DROP TABLE pool_rules", "DROP TABLE pools", "DROP TABLE custom_fields", "DROP TABLE customer_relations",
                "DROP TABLE contacts",
            ],
            on: database)
    }
}
