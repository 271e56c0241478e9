import FluentKit

/// Duplicates and merges: a scan of the customers (a job, its pairs with score and reasons),
/// pairs people marked as not the same, and each merge with what it takes to undo it.
struct M021Duplicates: AsyncMigration {
    var name: String { "021-duplicates" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE duplicate_scans (
                    id {pk},
                    entity TEXT NOT NULL,
                    status TEXT NOT NULL,
                    scanned BIGINT NOT NULL DEFAULT 0,
                    pairs BIGINT NOT NULL DEFAULT 0,
                    clusters BIGINT NOT NULL DEFAULT 0,
                    lease_until BIGINT,
                    created_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    started_at BIGINT,
                    finished_at BIGINT
                )
                """,
                "CREATE INDEX duplicate_scans_status ON duplicate_scans(entity, status, id)",
                """
                CREATE TABLE duplicate_pairs (
                    scan_id BIGINT NOT NULL REFERENCES duplicate_scans(id),
                    seq BIGINT NOT NULL,
                    a_id BIGINT NOT NULL,
                    b_id BIGINT NOT NULL,
                    score BIGINT NOT NULL,
                    reasons TEXT NOT NULL,
                    cluster_id BIGINT NOT NULL,
                    PRIMARY KEY (scan_id, seq)
                )
                """,
                "CREATE INDEX duplicate_pairs_a ON duplicate_pairs(scan_id, a_id)",
                "CREATE INDEX duplicate_pairs_b ON duplicate_pairs(scan_id, b_id)",
                "CREATE INDEX duplicate_pairs_cluster ON duplicate_pairs(scan_id, cluster_id, seq)",
                """
                CREATE TABLE duplicate_dismissals (
                    entity TEXT NOT NULL,
                    a_id BIGINT NOT NULL,
                    b_id BIGINT NOT NULL,
                    created_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (entity, a_id, b_id)
                )
                """,
                """
                CREATE TABLE merges (
                    id {pk},
                    entity TEXT NOT NULL,
                    survivor_id BIGINT NOT NULL,
                    merged_id BIGINT NOT NULL,
                    merged_name TEXT NOT NULL,
                    survivor_before TEXT NOT NULL,
                    merged_row TEXT NOT NULL,
                    moved TEXT NOT NULL,
                    relations TEXT NOT NULL,
                    survivor_version BIGINT NOT NULL,
                    created_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    undone_at BIGINT,
                    undone_by BIGINT REFERENCES users(id)
                )
                """,
                "CREATE INDEX merges_survivor ON merges(entity, survivor_id, id)",
                "CREATE INDEX merges_created ON merges(entity, id)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            ["DROP TABLE merges", "DROP TABLE duplicate_dismissals", "DROP TABLE duplicate_pairs", "DROP TABLE duplicate_scans"],
            on: database)
    }
}
