import FluentKit

/// Inter-branch trade (DESIGN.md sections 5 and 6): the transfer price rule per pair of
/// branches, each branch's internal partner (the counterparty of its 往来 with other branches),
/// and the transfers themselves: a sales delivery of the sender and a purchase receipt of the
/// receiver, linked line by line with the cost and the price they were made at.
struct M010CreateBranchTrade: AsyncMigration {
    var name: String { "010-create-branch-trade" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE transfer_prices (
                    id {pk},
                    from_branch_id BIGINT NOT NULL REFERENCES branches(id),
                    to_branch_id BIGINT NOT NULL REFERENCES branches(id),
                    method TEXT NOT NULL,
                    markup BIGINT NOT NULL DEFAULT 0,
                    price_list_id BIGINT REFERENCES price_lists(id),
                    updated_at BIGINT NOT NULL,
                    UNIQUE (from_branch_id, to_branch_id)
                )
                """,
                "ALTER TABLE partners ADD COLUMN internal_branch_id BIGINT REFERENCES branches(id)",
                // A receipt line's value when it is fixed elsewhere (the transfer price of an inter-branch receipt), not quantity × unit cost.
                "ALTER TABLE stock_document_lines ADD COLUMN fixed_value BIGINT",
                "CREATE INDEX partners_internal ON partners(internal_branch_id)",
                """
                CREATE TABLE branch_transfers (
                    id {pk},
                    number TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    from_branch_id BIGINT NOT NULL REFERENCES branches(id),
                    to_branch_id BIGINT NOT NULL REFERENCES branches(id),
                    from_warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
                    to_warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
                    sent_date TEXT NOT NULL,
                    received_date TEXT,
                    delivery_id BIGINT NOT NULL REFERENCES stock_documents(id),
                    receipt_id BIGINT NOT NULL REFERENCES stock_documents(id),
                    method TEXT NOT NULL,
                    markup BIGINT NOT NULL,
                    total_cost BIGINT NOT NULL,
                    total_amount BIGINT NOT NULL,
                    created_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    version BIGINT NOT NULL DEFAULT 1
                )
                """,
                "CREATE INDEX branch_transfers_status ON branch_transfers(status, id)",
                """
                CREATE TABLE branch_transfer_lines (
                    id {pk},
                    transfer_id BIGINT NOT NULL REFERENCES branch_transfers(id),
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    delivery_line_id BIGINT NOT NULL REFERENCES stock_document_lines(id),
                    receipt_line_id BIGINT NOT NULL REFERENCES stock_document_lines(id),
                    base_qty BIGINT NOT NULL,
                    cost BIGINT NOT NULL,
                    amount BIGINT NOT NULL
                )
                """,
                "CREATE INDEX branch_transfer_lines_delivery ON branch_transfer_lines(delivery_line_id)",
                "CREATE INDEX branch_transfer_lines_product ON branch_transfer_lines(product_id)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE branch_transfer_lines", "DROP TABLE branch_transfers", "DROP INDEX partners_internal",
                "DROP TABLE transfer_prices",
            ], on: database)
    }
}
