import FluentKit

/// Expense budgets and claims (费用预算与报销): categories, a budget per branch, department,
/// month and category, claims with lines, receipts attached as files, approved through the
/// approval engine. Money BIGINT fen.
struct M009CreateExpenses: AsyncMigration {
    var name: String { "009-create-expenses" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE expense_categories (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE
                )
                """,
                """
                CREATE TABLE expense_budgets (
                    id {pk},
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    month TEXT NOT NULL,
                    category_id BIGINT NOT NULL REFERENCES expense_categories(id),
                    amount BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE UNIQUE INDEX expense_budgets_key ON expense_budgets(branch_id, COALESCE(department_id, 0), month, category_id)",
                """
                CREATE TABLE expense_claims (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    owner_id BIGINT NOT NULL REFERENCES users(id),
                    claim_date TEXT NOT NULL,
                    title TEXT NOT NULL,
                    total BIGINT NOT NULL,
                    over_budget BOOLEAN NOT NULL DEFAULT FALSE,
                    partner_id BIGINT REFERENCES partners(id),
                    contract_id BIGINT REFERENCES contracts(id),
                    campaign TEXT,
                    note TEXT,
                    paid_at BIGINT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX expense_claims_owner ON expense_claims(owner_id, id)",
                "CREATE INDEX expense_claims_month ON expense_claims(branch_id, claim_date)",
                """
                CREATE TABLE expense_claim_lines (
                    id {pk},
                    claim_id BIGINT NOT NULL REFERENCES expense_claims(id),
                    line_no BIGINT NOT NULL,
                    category_id BIGINT NOT NULL REFERENCES expense_categories(id),
                    expense_date TEXT NOT NULL,
                    amount BIGINT NOT NULL,
                    description TEXT
                )
                """,
                "CREATE INDEX expense_claim_lines_claim ON expense_claim_lines(claim_id, line_no)",
                """
                CREATE TABLE claim_attachments (
                    id {pk},
                    claim_id BIGINT NOT NULL REFERENCES expense_claims(id),
                    file_name TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    size BIGINT NOT NULL,
                    stored_name TEXT NOT NULL UNIQUE,
                    uploaded_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX claim_attachments_claim ON claim_attachments(claim_id, id)",
                "INSERT INTO expense_categories (code, name, active) VALUES ('TRAVEL', '差旅费', TRUE), ('ENTERTAIN', '业务招待费', TRUE), ('TRANSPORT', '交通费', TRUE), "
                    + "('OFFICE', '办公费', TRUE), ('MARKETING', '市场推广费', TRUE), ('PHONE', '通讯费', TRUE), ('OTHER', '其他', TRUE)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE claim_attachments", "DROP TABLE expense_claim_lines", "DROP TABLE expense_claims", "DROP TABLE expense_budgets",
                "DROP TABLE expense_categories",
            ], on: database)
    }
}
