import FluentKit

/// The price system and cross-region control (DESIGN.md section 6): sales regions (sets of
/// provinces), each customer's region, price lists by region and customer level with validity
/// dates and floors, and sightings of batches or serials found outside the region they were
/// sold to (窜货). Prices BIGINT millionths.
struct M008CreatePriceSystem: AsyncMigration {
    var name: String { "008-create-price-system" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE regions (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    provinces TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "ALTER TABLE partners ADD COLUMN region_id BIGINT REFERENCES regions(id)",
                "CREATE INDEX partners_region ON partners(region_id)",
                """
                CREATE TABLE price_lists (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    region_id BIGINT REFERENCES regions(id),
                    customer_level TEXT,
                    valid_from TEXT NOT NULL,
                    valid_to TEXT,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    note TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE price_list_items (
                    id {pk},
                    list_id BIGINT NOT NULL REFERENCES price_lists(id),
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    unit TEXT NOT NULL,
                    price BIGINT NOT NULL,
                    floor_price BIGINT,
                    UNIQUE (list_id, product_id, unit)
                )
                """,
                "CREATE INDEX price_list_items_product ON price_list_items(product_id, list_id)",
                """
                CREATE TABLE sightings (
                    id {pk},
                    code TEXT NOT NULL,
                    product_id BIGINT REFERENCES products(id),
                    province TEXT NOT NULL,
                    city TEXT,
                    place TEXT,
                    region_id BIGINT REFERENCES regions(id),
                    buyer_id BIGINT REFERENCES partners(id),
                    buyer_region_id BIGINT REFERENCES regions(id),
                    seller_id BIGINT REFERENCES users(id),
                    document_id BIGINT REFERENCES stock_documents(id),
                    flagged BOOLEAN NOT NULL,
                    status TEXT NOT NULL,
                    resolution TEXT,
                    reported_by BIGINT REFERENCES users(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    created_at BIGINT NOT NULL,
                    closed_at BIGINT
                )
                """,
                "CREATE INDEX sightings_open ON sightings(flagged, status, id)",
                "CREATE INDEX stock_document_lines_batch ON stock_document_lines(batch)",
                // The list price a sales line was measured against when it was written (price deviation).
                "ALTER TABLE stock_document_lines ADD COLUMN list_price BIGINT",
                "ALTER TABLE stock_document_lines ADD COLUMN list_amount BIGINT",
                "ALTER TABLE stock_document_lines ADD COLUMN floor_price BIGINT",
                "ALTER TABLE order_lines ADD COLUMN list_price BIGINT",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE sightings", "DROP TABLE price_list_items", "DROP TABLE price_lists", "DROP INDEX partners_region",
                "DROP TABLE regions",
            ],
            on: database)
    }
}
