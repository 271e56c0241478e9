import Foundation
import Kernel
import SQLKit

/// A customer as a cleansing list shows it.
public struct QualityRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var ownerId: Int64?
    public var phone: String?
    public var uscc: String?
    public var province: String?
    public var lastActivityAt: Int64?
}

/// The cleansing checks over customers (数据清洗): what is missing, what is wrong, what nobody
/// has touched for long. Each is a condition on `partners p`, counted and listed within a scope.
public enum QualityQueries {
    public enum Check: String, CaseIterable, Sendable {
        case missingPhone = "missing_phone"
        case missingRegion = "missing_region"
        case missingOwner = "missing_owner"
        case missingUSCC = "missing_uscc"
        case invalidUSCC = "invalid_uscc"
        case stale
    }

    static func condition(_ check: Check, staleBefore: Int64) -> SQLQueryString {
        switch check {
        case .missingPhone:
            """
            (p.phone IS NULL OR p.phone = '') AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = p.id
                AND ((c.mobile IS NOT NULL AND c.mobile <> '') OR (c.phone IS NOT NULL AND c.phone <> '')))
            """
        case .missingRegion: "(p.province IS NULL OR p.province = '')"
        case .missingOwner: "p.owner_id IS NULL AND p.pool_id IS NULL"
        case .missingUSCC: "p.kind = 'company' AND (p.uscc IS NULL OR p.uscc = '')"
        // A USCC is checked in code (its check character); the database names the candidates.
        case .invalidUSCC: "p.uscc IS NOT NULL AND p.uscc <> ''"
        case .stale:
            "p.owner_id IS NOT NULL AND COALESCE(p.last_activity_at, p.created_at) < \(bind: staleBefore)"
        }
    }

    public static let columns = ScopeFilter.Columns(branch: "p.branch_id", department: "p.department_id", owner: "p.owner_id")

    static func base(_ check: Check, scope: RowScope, staleBefore: Int64) -> SQLQueryString {
        "FROM partners p WHERE p.is_customer = \(bind: true) AND p.internal_branch_id IS NULL AND "
            + ScopeFilter.condition(scope, columns) + " AND " + condition(check, staleBefore: staleBefore)
    }

    public static func count(_ check: Check, scope: RowScope, staleBefore: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar("SELECT COUNT(*) AS n " + base(check, scope: scope, staleBefore: staleBefore), as: Int64.self) ?? 0
    }

    /// A page of the customers a check finds, by id.
    public static func rows(
        _ check: Check, scope: RowScope, staleBefore: Int64, after: Int64, limit: Int, on store: Store
    ) async throws -> [QualityRow] {
        try await store.all(
            "SELECT p.id, p.code, p.name, p.owner_id, p.phone, p.uscc, p.province, p.last_activity_at "
                + base(check, scope: scope, staleBefore: staleBefore) + " AND p.id > \(bind: after) ORDER BY p.id LIMIT \(literal: limit)",
            as: QualityRow.self)
    }
}
