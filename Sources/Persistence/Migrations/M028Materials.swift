import FluentKit

/// 市场资料: brochures, price sheets, case studies and video links in folders, each with its
/// versions (the bytes beside the attachments' in `attachment_contents`), a status, who may see it
/// (a branch, roles), and the share links people send out (`/m/<secret>`) with every view they
/// brought and the lead a visitor left.
struct M028Materials: AsyncMigration {
    var name: String { "028-materials" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE material_folders (
                    id {pk},
                    name TEXT NOT NULL,
                    parent_id BIGINT REFERENCES material_folders(id),
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE materials (
                    id {pk},
                    folder_id BIGINT REFERENCES material_folders(id),
                    title TEXT NOT NULL,
                    description TEXT,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    expires_on TEXT,
                    branch_id BIGINT REFERENCES branches(id),
                    campaign_id BIGINT REFERENCES campaigns(id),
                    current_version BIGINT NOT NULL DEFAULT 0,
                    owner_id BIGINT REFERENCES users(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX materials_folder ON materials(folder_id, id)",
                """
                CREATE TABLE material_roles (
                    material_id BIGINT NOT NULL REFERENCES materials(id),
                    role_id BIGINT NOT NULL REFERENCES roles(id),
                    PRIMARY KEY (material_id, role_id)
                )
                """,
                """
                CREATE TABLE material_versions (
                    id {pk},
                    material_id BIGINT NOT NULL REFERENCES materials(id),
                    number BIGINT NOT NULL,
                    file_name TEXT,
                    content_type TEXT,
                    size BIGINT NOT NULL DEFAULT 0,
                    stored_name TEXT,
                    url TEXT,
                    note TEXT,
                    uploaded_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    UNIQUE (material_id, number)
                )
                """,
                """
                CREATE TABLE material_shares (
                    id {pk},
                    material_id BIGINT NOT NULL REFERENCES materials(id),
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    token TEXT NOT NULL UNIQUE,
                    expires_at BIGINT NOT NULL,
                    revoked_at BIGINT,
                    revoked_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX material_shares_material ON material_shares(material_id, user_id)",
                """
                CREATE TABLE material_views (
                    id {pk},
                    share_id BIGINT NOT NULL REFERENCES material_shares(id),
                    visitor TEXT NOT NULL,
                    viewed_at BIGINT NOT NULL,
                    name TEXT,
                    phone TEXT,
                    lead_id BIGINT REFERENCES leads(id)
                )
                """,
                "CREATE INDEX material_views_share ON material_views(share_id, viewed_at)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE material_views", "DROP TABLE material_shares", "DROP TABLE material_versions", "DROP TABLE material_roles",
                "DROP TABLE materials", "DROP TABLE material_folders",
            ], on: database)
    }
}
