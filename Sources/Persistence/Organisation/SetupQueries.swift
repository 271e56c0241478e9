import SQLKit

/// What a new company has entered so far, for the setup guide: one query of counts.
public enum SetupQueries {
    public struct Counts: Decodable, Sendable, Equatable {
        public var branches: Int64
        public var warehouses: Int64
        public var categories: Int64
        public var products: Int64
        public var stockDocuments: Int64
        public var customers: Int64
        public var users: Int64
        public var approvalRules: Int64
    }

    public static func counts(on store: Store) async throws -> Counts {
        try await store.first(
            """
            SELECT (SELECT COUNT(*) FROM branches) AS branches, (SELECT COUNT(*) FROM warehouses) AS warehouses,
            (SELECT COUNT(*) FROM product_categories) AS categories,
            (SELECT COUNT(*) FROM products) AS products,
            (SELECT COUNT(*) FROM stock_documents WHERE status = 'posted') AS stock_documents,
            (SELECT COUNT(*) FROM partners WHERE is_customer) AS customers,
            (SELECT COUNT(*) FROM users WHERE partner_id IS NULL) AS users,
            (SELECT COUNT(*) FROM approval_rules) AS approval_rules
            """, as: Counts.self)!
    }
}
