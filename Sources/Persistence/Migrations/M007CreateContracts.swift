import FluentKit

/// Order to cash (DESIGN.md sections 4 and 6): the approval engine, quotes, contracts with their
/// attachments and payment plans, invoices, collections and payments, and the open items that
/// receivables and payables are read from. Money BIGINT fen (amounts include tax unless the
/// column says net), prices BIGINT millionths, rates BIGINT hundredths of a percent.
struct M007CreateContracts: AsyncMigration {
    var name: String { "007-create-contracts" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE approval_rules (
                    id {pk},
                    doc_type TEXT NOT NULL,
                    branch_id BIGINT REFERENCES branches(id),
                    min_amount BIGINT NOT NULL DEFAULT 0,
                    name TEXT NOT NULL,
                    steps TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE approvals (
                    id {pk},
                    doc_type TEXT NOT NULL,
                    doc_id BIGINT NOT NULL,
                    doc_number TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    amount BIGINT NOT NULL,
                    rule_id BIGINT REFERENCES approval_rules(id),
                    submitter_id BIGINT NOT NULL REFERENCES users(id),
                    status TEXT NOT NULL,
                    step_no BIGINT NOT NULL,
                    step_count BIGINT NOT NULL,
                    created_at BIGINT NOT NULL,
                    decided_at BIGINT
                )
                """,
                "CREATE INDEX approvals_doc ON approvals(doc_type, doc_id, id)",
                "CREATE INDEX approvals_status ON approvals(status, id)",
                """
                CREATE TABLE approval_assignees (
                    approval_id BIGINT NOT NULL REFERENCES approvals(id),
                    step_no BIGINT NOT NULL,
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    step_kind TEXT NOT NULL,
                    PRIMARY KEY (approval_id, step_no, user_id)
                )
                """,
                "CREATE INDEX approval_assignees_user ON approval_assignees(user_id, approval_id)",
                """
                CREATE TABLE approval_actions (
                    id {pk},
                    approval_id BIGINT NOT NULL REFERENCES approvals(id),
                    step_no BIGINT NOT NULL,
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    action TEXT NOT NULL,
                    comment TEXT,
                    at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX approval_actions_approval ON approval_actions(approval_id, id)",
                """
                CREATE TABLE quotes (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    opportunity_id BIGINT REFERENCES opportunities(id),
                    title TEXT NOT NULL,
                    quote_date TEXT NOT NULL,
                    valid_until TEXT NOT NULL,
                    net_amount BIGINT NOT NULL,
                    tax_amount BIGINT NOT NULL,
                    total_amount BIGINT NOT NULL,
                    below_floor BOOLEAN NOT NULL,
                    owner_id BIGINT REFERENCES users(id),
                    department_id BIGINT REFERENCES departments(id),
                    note TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX quotes_partner ON quotes(partner_id, id)",
                "CREATE INDEX quotes_opportunity ON quotes(opportunity_id)",
                """
                CREATE TABLE quote_lines (
                    id {pk},
                    quote_id BIGINT NOT NULL REFERENCES quotes(id),
                    line_no BIGINT NOT NULL,
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    unit TEXT NOT NULL,
                    factor BIGINT NOT NULL,
                    quantity BIGINT NOT NULL,
                    base_qty BIGINT NOT NULL,
                    list_price BIGINT NOT NULL,
                    discount BIGINT NOT NULL,
                    unit_price BIGINT NOT NULL,
                    floor_price BIGINT NOT NULL,
                    tax_rate BIGINT NOT NULL,
                    amount BIGINT NOT NULL,
                    tax_amount BIGINT NOT NULL
                )
                """,
                "CREATE INDEX quote_lines_quote ON quote_lines(quote_id, line_no)",
                """
                CREATE TABLE contracts (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    quote_id BIGINT REFERENCES quotes(id),
                    opportunity_id BIGINT REFERENCES opportunities(id),
                    renewal_of BIGINT REFERENCES contracts(id),
                    title TEXT NOT NULL,
                    sign_date TEXT NOT NULL,
                    start_date TEXT NOT NULL,
                    end_date TEXT NOT NULL,
                    renew_notice_days BIGINT NOT NULL,
                    net_amount BIGINT NOT NULL,
                    tax_amount BIGINT NOT NULL,
                    total_amount BIGINT NOT NULL,
                    owner_id BIGINT REFERENCES users(id),
                    department_id BIGINT REFERENCES departments(id),
                    end_reason TEXT,
                    note TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX contracts_partner ON contracts(partner_id, id)",
                "CREATE INDEX contracts_status ON contracts(kind, status, end_date)",
                """
                CREATE TABLE contract_lines (
                    id {pk},
                    contract_id BIGINT NOT NULL REFERENCES contracts(id),
                    line_no BIGINT NOT NULL,
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    unit TEXT NOT NULL,
                    factor BIGINT NOT NULL,
                    quantity BIGINT NOT NULL,
                    base_qty BIGINT NOT NULL,
                    unit_price BIGINT NOT NULL,
                    tax_rate BIGINT NOT NULL,
                    amount BIGINT NOT NULL,
                    tax_amount BIGINT NOT NULL,
                    invoiced_amount BIGINT NOT NULL DEFAULT 0,
                    advance_open BIGINT NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX contract_lines_contract ON contract_lines(contract_id, line_no)",
                """
                CREATE TABLE contract_attachments (
                    id {pk},
                    contract_id BIGINT NOT NULL REFERENCES contracts(id),
                    file_name TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    size BIGINT NOT NULL,
                    stored_name TEXT NOT NULL UNIQUE,
                    uploaded_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX contract_attachments_contract ON contract_attachments(contract_id, id)",
                """
                CREATE TABLE installments (
                    id {pk},
                    contract_id BIGINT NOT NULL REFERENCES contracts(id),
                    seq BIGINT NOT NULL,
                    due_date TEXT NOT NULL,
                    amount BIGINT NOT NULL,
                    settled BIGINT NOT NULL DEFAULT 0,
                    note TEXT,
                    UNIQUE (contract_id, seq)
                )
                """,
                "CREATE INDEX installments_due ON installments(due_date, id)",
                "ALTER TABLE orders ADD COLUMN contract_id BIGINT REFERENCES contracts(id)",
                "ALTER TABLE order_lines ADD COLUMN contract_line_id BIGINT REFERENCES contract_lines(id)",
                "CREATE INDEX orders_contract ON orders(contract_id)",
                "CREATE INDEX order_lines_contract_line ON order_lines(contract_line_id)",
                """
                CREATE TABLE invoices (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    side TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    invoice_no TEXT,
                    status TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    contract_id BIGINT REFERENCES contracts(id),
                    invoice_date TEXT NOT NULL,
                    net_amount BIGINT NOT NULL,
                    tax_amount BIGINT NOT NULL,
                    total_amount BIGINT NOT NULL,
                    owner_id BIGINT REFERENCES users(id),
                    note TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX invoices_partner ON invoices(side, partner_id, id)",
                "CREATE INDEX invoices_contract ON invoices(contract_id)",
                """
                CREATE TABLE invoice_lines (
                    id {pk},
                    invoice_id BIGINT NOT NULL REFERENCES invoices(id),
                    line_no BIGINT NOT NULL,
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    stock_line_id BIGINT REFERENCES stock_document_lines(id),
                    contract_line_id BIGINT REFERENCES contract_lines(id),
                    base_qty BIGINT NOT NULL,
                    tax_rate BIGINT NOT NULL,
                    amount BIGINT NOT NULL,
                    tax_amount BIGINT NOT NULL
                )
                """,
                "CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id, line_no)",
                "CREATE INDEX invoice_lines_stock_line ON invoice_lines(stock_line_id)",
                """
                CREATE TABLE payments (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    direction TEXT NOT NULL,
                    status TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    contract_id BIGINT REFERENCES contracts(id),
                    payment_date TEXT NOT NULL,
                    amount BIGINT NOT NULL,
                    applied BIGINT NOT NULL DEFAULT 0,
                    method TEXT NOT NULL,
                    reference TEXT,
                    owner_id BIGINT REFERENCES users(id),
                    note TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX payments_partner ON payments(direction, partner_id, id)",
                // Money received or paid and not yet applied: the credits beside the ageing report.
                "CREATE INDEX payments_credit ON payments(direction, partner_id, amount, applied, branch_id, owner_id) WHERE status = 'posted' AND amount > applied",
                """
                CREATE TABLE open_items (
                    id {pk},
                    side TEXT NOT NULL,
                    source TEXT NOT NULL,
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    contract_id BIGINT REFERENCES contracts(id),
                    doc_id BIGINT NOT NULL,
                    doc_number TEXT NOT NULL,
                    line_id BIGINT NOT NULL,
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    doc_date TEXT NOT NULL,
                    amount BIGINT NOT NULL,
                    invoiced BIGINT NOT NULL DEFAULT 0,
                    settled BIGINT NOT NULL DEFAULT 0,
                    residual BIGINT NOT NULL,
                    UNIQUE (source, line_id)
                )
                """,
                "CREATE INDEX open_items_partner ON open_items(side, partner_id, doc_date, id)",
                // What is open, partner by partner, covering the ageing report (which reads nothing else).
                "CREATE INDEX open_items_open ON open_items(side, partner_id, doc_date, residual, branch_id) WHERE residual <> 0",
                "CREATE INDEX open_items_doc ON open_items(source, doc_id)",
                """
                CREATE TABLE settlements (
                    id {pk},
                    payment_id BIGINT NOT NULL REFERENCES payments(id),
                    item_id BIGINT NOT NULL REFERENCES open_items(id),
                    amount BIGINT NOT NULL,
                    at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX settlements_payment ON settlements(payment_id)",
                """
                CREATE TABLE invoice_matches (
                    id {pk},
                    invoice_line_id BIGINT NOT NULL REFERENCES invoice_lines(id),
                    item_id BIGINT NOT NULL REFERENCES open_items(id),
                    amount BIGINT NOT NULL
                )
                """,
                "CREATE INDEX invoice_matches_line ON invoice_matches(invoice_line_id)",
                "CREATE INDEX settlements_item ON settlements(item_id)",
                """
                CREATE TABLE installment_allocations (
                    id {pk},
                    payment_id BIGINT NOT NULL REFERENCES payments(id),
                    installment_id BIGINT NOT NULL REFERENCES installments(id),
                    amount BIGINT NOT NULL
                )
                """,
                "CREATE INDEX installment_allocations_payment ON installment_allocations(payment_id)",
            ], on: database)
    }

    /// The two order columns stay: SQLite cannot drop a column that references another table.
    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE installment_allocations", "DROP TABLE invoice_matches", "DROP TABLE settlements", "DROP TABLE open_items",
                "DROP TABLE payments",
                "DROP TABLE invoice_lines", "DROP TABLE invoices", "DROP TABLE installments", "DROP TABLE contract_attachments",
                "DROP TABLE contract_lines", "DROP TABLE contracts",
                "DROP TABLE quote_lines", "DROP TABLE quotes", "DROP TABLE approval_actions", "DROP TABLE approval_assignees",
                "DROP TABLE approvals", "DROP TABLE approval_rules",
            ], on: database)
    }
}
