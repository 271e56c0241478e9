import FluentKit

/// Branches, departments, roles and users: the organisation every module hangs from.
struct M001CreateOrganisation: AsyncMigration {
    var name: String { "001-create-organisation" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE branches (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    parent_id BIGINT REFERENCES branches(id),
                    kind TEXT NOT NULL,
                    accounting TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX branches_parent ON branches(parent_id)",
                """
                CREATE TABLE departments (
                    id {pk},
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    parent_id BIGINT REFERENCES departments(id),
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX departments_branch ON departments(branch_id)",
                """
                CREATE TABLE roles (
                    id {pk},
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    permissions TEXT NOT NULL,
                    data_scope TEXT NOT NULL,
                    builtin BOOLEAN NOT NULL DEFAULT FALSE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE users (
                    id {pk},
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    email TEXT,
                    phone TEXT,
                    password_hash TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    department_id BIGINT REFERENCES departments(id),
                    manager_id BIGINT REFERENCES users(id),
                    locale TEXT,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    last_login_at BIGINT
                )
                """,
                "CREATE INDEX users_branch ON users(branch_id, id)",
                "CREATE INDEX users_department ON users(department_id, id)",
                """
                CREATE TABLE user_roles (
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    role_id BIGINT NOT NULL REFERENCES roles(id),
                    PRIMARY KEY (user_id, role_id)
                )
                """,
                """
                CREATE TABLE user_branch_grants (
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    PRIMARY KEY (user_id, branch_id)
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE user_branch_grants", "DROP TABLE user_roles", "DROP TABLE users",
                "DROP TABLE roles", "DROP TABLE departments", "DROP TABLE branches",
            ], on: database)
    }
}
