import Kernel
import SQLKit

/// Writes to the customer master and the CRM's tables, inside the services' transactions.
public enum CRMWrites {
    /// The partner that stands for a branch in the other branches' books: customer and supplier,
    /// `nameKey` its name normalised for duplicate search.
    public static func insertInternalPartner(
        code: String, name: String, nameKey: String, branch: Int64, at now: Int64, on store: Store
    ) async throws -> PartnerRow {
        let row = try await store.first(
            """
            INSERT INTO partners (code, name, name_key, search_text, kind, is_customer, is_supplier, branch_id, active, version, created_at, updated_at, status,
                internal_branch_id)
            VALUES (\(bind: code), \(bind: name), \(bind: nameKey), \(bind: name), 'company', \(bind: true), \(bind: true), \(bind: branch),
                \(bind: true), 1, \(bind: now), \(bind: now), 'active', \(bind: branch))
            RETURNING *
            """, as: PartnerRow.self)
        guard let row else { throw DomainError.notFound }
        return row
    }

    /// The partner that stands for a branch, if it was made already.
    public static func internalPartner(ofBranch id: Int64, on store: Store) async throws -> PartnerRow? {
        try await store.first("SELECT * FROM partners WHERE internal_branch_id = \(bind: id)", as: PartnerRow.self)
    }
}
