import DocumentsCore
import InventoryCore
import Kernel
import SQLKit

/// Sales as the management reports read them: posted deliveries and customer returns (not their
/// reversals) by branch and day, with the VAT inside (none on sales between branches) and the
/// cost of the goods. The head-office dashboard and the branch results both add these up.
public enum SalesQueries {
    public struct Day: Decodable, Sendable, Equatable {
        public var branchId: Int64
        public var day: String
        public var docType: String
        public var isInternal: Int64
        public var amount: Int64
        public var tax: Int64
        public var cost: Int64

        /// -1 for returns.
        public var sign: Int64 { docType == StockDocumentType.salesReturn.rawValue ? -1 : 1 }
        public var betweenBranches: Bool { isInternal == 1 }
    }

    /// The sales the reports count: posted deliveries and customer returns, not reversals, in the dates.
    static func counted(from: String, to: String) -> SQLQueryString {
        """
         d.doc_type IN (\(bind: StockDocumentType.salesDelivery.rawValue), \(bind: StockDocumentType.salesReturn.rawValue))
        AND d.status = \(state: StockDocumentFlow.State.posted) AND d.reversal_of IS NULL AND d.posting_date >= \(bind: from) AND d.posting_date <= \(bind: to)
        """
    }

    public static func days(from: String, to: String, on store: Store) async throws -> [Day] {
        var sql: SQLQueryString = """
            SELECT d.branch_id, d.posting_date AS day, d.doc_type, CASE WHEN p.internal_branch_id IS NULL THEN 0 ELSE 1 END AS is_internal,
                CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS amount, CAST(COALESCE(SUM(CASE WHEN p.internal_branch_id IS NULL THEN
            """
        sql += VATSQL.included(amount: "l.amount", rate: "pr.tax_rate")
        sql += """
             ELSE 0 END), 0) AS BIGINT) AS tax, CAST(COALESCE(SUM(l.cost_value), 0) AS BIGINT) AS cost
            FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id JOIN partners p ON p.id = d.partner_id
            JOIN products pr ON pr.id = l.product_id WHERE
            """
        sql += counted(from: from, to: to)
        sql += """
             GROUP BY d.branch_id, d.posting_date, d.doc_type, CASE WHEN p.internal_branch_id IS NULL THEN 0 ELSE 1 END
            ORDER BY d.branch_id, d.posting_date, d.doc_type
            """
        return try await store.all(sql, as: Day.self)
    }

    public struct Document: Decodable, Sendable, Equatable {
        public var id: Int64
        public var number: String
        public var postingDate: String
        public var docType: String
        public var partner: String
        public var amount: Int64
        public var cost: Int64
    }

    /// The documents behind a branch's sales figure (only those to other branches when asked).
    public static func documents(
        branches: [Int64], from: String, to: String, betweenBranchesOnly: Bool, on store: Store
    ) async throws
        -> [Document]
    {
        guard !branches.isEmpty else { return [] }
        var sql: SQLQueryString = """
            SELECT d.id, d.number, d.posting_date, d.doc_type, p.name AS partner, CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS amount,
                CAST(COALESCE(SUM(l.cost_value), 0) AS BIGINT) AS cost
            FROM stock_documents d JOIN stock_document_lines l ON l.document_id = d.id JOIN partners p ON p.id = d.partner_id
            WHERE d.branch_id IN (\(binds: branches.map { $0 as any Encodable & Sendable })) AND
            """
        sql += counted(from: from, to: to)
        if betweenBranchesOnly { sql += " AND p.internal_branch_id IS NOT NULL" }
        sql += " GROUP BY d.id, d.number, d.posting_date, d.doc_type, p.name ORDER BY d.posting_date, d.id"
        return try await store.all(sql, as: Document.self)
    }
}
