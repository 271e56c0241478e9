import FluentKit

/// 进销存: products and their units, warehouses, partners, orders, stock documents, and the
/// costed stock ledger with its balances, costing states and checkpoints.
/// Quantities are BIGINT millionths of the base unit, money BIGINT fen, prices BIGINT
/// millionths of a yuan, dates TEXT 'YYYY-MM-DD'.
struct M004CreateInventory: AsyncMigration {
    var name: String { "004-create-inventory" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE product_categories (
                    id {pk},
                    parent_id BIGINT REFERENCES product_categories(id),
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE products (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    spec TEXT,
                    search_text TEXT NOT NULL,
                    category_id BIGINT REFERENCES product_categories(id),
                    base_unit TEXT NOT NULL,
                    costing_method TEXT NOT NULL,
                    tracking TEXT NOT NULL,
                    tax_rate BIGINT NOT NULL,
                    purchase_price BIGINT NOT NULL,
                    sale_price BIGINT NOT NULL,
                    floor_price BIGINT NOT NULL,
                    standard_cost BIGINT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE product_units (
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    name TEXT NOT NULL,
                    factor BIGINT NOT NULL,
                    barcode TEXT UNIQUE,
                    PRIMARY KEY (product_id, name)
                )
                """,
                """
                CREATE TABLE warehouses (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    kind TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE stock_levels (
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
                    safety_qty BIGINT NOT NULL,
                    max_qty BIGINT,
                    PRIMARY KEY (product_id, warehouse_id)
                )
                """,
                """
                CREATE TABLE partners (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    search_text TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    is_customer BOOLEAN NOT NULL,
                    is_supplier BOOLEAN NOT NULL,
                    uscc TEXT UNIQUE,
                    phone TEXT,
                    email TEXT,
                    address TEXT,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    owner_id BIGINT REFERENCES users(id),
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX partners_name_key ON partners(name_key)",
                """
                CREATE TABLE orders (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    order_date TEXT NOT NULL,
                    expected_date TEXT,
                    owner_id BIGINT REFERENCES users(id),
                    note TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX orders_kind_status ON orders(kind, status, id)",
                """
                CREATE TABLE order_lines (
                    id {pk},
                    order_id BIGINT NOT NULL REFERENCES orders(id),
                    line_no BIGINT NOT NULL,
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    unit TEXT NOT NULL,
                    factor BIGINT NOT NULL,
                    quantity BIGINT NOT NULL,
                    base_qty BIGINT NOT NULL,
                    unit_price BIGINT NOT NULL,
                    warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
                    done_qty BIGINT NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX order_lines_order ON order_lines(order_id, line_no)",
                "CREATE INDEX order_lines_product ON order_lines(product_id, warehouse_id)",
                """
                CREATE TABLE stock_documents (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    doc_type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    partner_id BIGINT REFERENCES partners(id),
                    posting_date TEXT NOT NULL,
                    reason TEXT,
                    note TEXT,
                    order_id BIGINT REFERENCES orders(id),
                    reversal_of BIGINT REFERENCES stock_documents(id),
                    owner_id BIGINT REFERENCES users(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    posted_at BIGINT,
                    cancelled_at BIGINT
                )
                """,
                "CREATE INDEX stock_documents_list ON stock_documents(doc_type, id)",
                "CREATE INDEX stock_documents_date ON stock_documents(posting_date, id)",
                """
                CREATE TABLE stock_document_lines (
                    id {pk},
                    document_id BIGINT NOT NULL REFERENCES stock_documents(id),
                    line_no BIGINT NOT NULL,
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    unit TEXT NOT NULL,
                    factor BIGINT NOT NULL,
                    quantity BIGINT NOT NULL,
                    base_qty BIGINT NOT NULL,
                    warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
                    to_warehouse_id BIGINT REFERENCES warehouses(id),
                    batch TEXT,
                    unit_cost BIGINT,
                    unit_price BIGINT,
                    return_of_line_id BIGINT REFERENCES stock_document_lines(id),
                    order_line_id BIGINT REFERENCES order_lines(id),
                    book_qty BIGINT,
                    cost_value BIGINT,
                    amount BIGINT
                )
                """,
                "CREATE INDEX stock_document_lines_document ON stock_document_lines(document_id, line_no)",
                "CREATE INDEX stock_document_lines_return ON stock_document_lines(return_of_line_id)",
                """
                CREATE TABLE stock_entries (
                    id {pk},
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
                    scope_key TEXT NOT NULL,
                    batch TEXT NOT NULL,
                    posting_date TEXT NOT NULL,
                    document_id BIGINT NOT NULL REFERENCES stock_documents(id),
                    line_id BIGINT NOT NULL REFERENCES stock_document_lines(id),
                    kind TEXT NOT NULL,
                    qty BIGINT NOT NULL,
                    value BIGINT NOT NULL,
                    settles_line_id BIGINT REFERENCES stock_document_lines(id),
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX stock_entries_costing ON stock_entries(product_id, scope_key, posting_date, id)",
                "CREATE INDEX stock_entries_period ON stock_entries(posting_date, product_id, warehouse_id)",
                "CREATE INDEX stock_entries_line ON stock_entries(line_id)",
                "CREATE INDEX stock_entries_settles ON stock_entries(settles_line_id)",
                """
                CREATE TABLE stock_balances (
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
                    batch TEXT NOT NULL,
                    qty BIGINT NOT NULL,
                    value BIGINT NOT NULL,
                    PRIMARY KEY (product_id, warehouse_id, batch)
                )
                """,
                """
                CREATE TABLE costing_states (
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    scope_key TEXT NOT NULL,
                    state TEXT NOT NULL,
                    last_date TEXT NOT NULL,
                    last_entry_id BIGINT NOT NULL,
                    since_checkpoint BIGINT NOT NULL,
                    PRIMARY KEY (product_id, scope_key)
                )
                """,
                """
                CREATE TABLE costing_checkpoints (
                    product_id BIGINT NOT NULL,
                    scope_key TEXT NOT NULL,
                    posting_date TEXT NOT NULL,
                    entry_id BIGINT NOT NULL,
                    state TEXT NOT NULL,
                    PRIMARY KEY (product_id, scope_key, posting_date, entry_id)
                )
                """,
                """
                CREATE TABLE period_closes (
                    entity_id BIGINT NOT NULL REFERENCES branches(id),
                    closed_through TEXT NOT NULL,
                    closed_at BIGINT NOT NULL,
                    closed_by BIGINT REFERENCES users(id),
                    PRIMARY KEY (entity_id, closed_through)
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE period_closes", "DROP TABLE costing_checkpoints", "DROP TABLE costing_states", "DROP TABLE stock_balances",
                "DROP TABLE stock_entries", "DROP TABLE stock_document_lines", "DROP TABLE stock_documents", "DROP TABLE order_lines",
                "DROP TABLE orders", "DROP TABLE partners", "DROP TABLE stock_levels", "DROP TABLE warehouses", "DROP TABLE product_units",
                "DROP TABLE products", "DROP TABLE product_categories",
            ], on: database)
    }
}
