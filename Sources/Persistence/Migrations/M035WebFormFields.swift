import FluentKit

/// A lead's custom field may be asked on the public web form (网站留资): a flag per field, off
/// for every field there is, so internal fields stay private until someone chooses otherwise.
struct M035WebFormFields: AsyncMigration {
    var name: String { "035-web-form-fields" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(["ALTER TABLE custom_fields ADD COLUMN on_web_form BOOLEAN NOT NULL DEFAULT FALSE"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["ALTER TABLE custom_fields DROP COLUMN on_web_form"], on: database)
    }
}
