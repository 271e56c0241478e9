import DocumentsCore
import Kernel
import SQLKit

/// What a distributor sees of its own business, and head office's view of the channel.
public enum PortalQueries {
    /// Portal accounts (users tied to a customer) in scope.
    public static func users(_ scope: RowScope, on store: Store) async throws -> [UserRow] {
        try await store.all(
            """
            SELECT * FROM users WHERE partner_id IS NOT NULL AND \(ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: nil)))
            ORDER BY id
            """, as: UserRow.self)
    }

    /// The distributor's latest 200 sales orders.
    public static func orders(ofPartner id: Int64, on store: Store) async throws -> [OrderRow] {
        try await store.all(
            "SELECT * FROM orders WHERE partner_id = \(bind: id) AND kind = 'sales' ORDER BY id DESC LIMIT 200", as: OrderRow.self)
    }

    /// The distributor's latest 200 posted deliveries and returns (reversals left out).
    public static func deliveries(ofPartner id: Int64, on store: Store) async throws -> [StockDocumentRow] {
        try await store.all(
            """
            SELECT * FROM stock_documents WHERE partner_id = \(bind: id) AND doc_type IN ('salesDelivery', 'salesReturn') AND status = \(state: StockDocumentFlow.State.posted) AND reversal_of IS NULL
            ORDER BY posting_date DESC, id DESC LIMIT 200
            """, as: StockDocumentRow.self)
    }

    /// One charge or credit of a statement of account: a document's amount on a day.
    public struct Charge: Decodable, Sendable {
        public var docDate: String
        public var docNumber: String
        public var source: String
        public var amount: Int64
    }

    /// What deliveries and returns (not yet invoiced) and the documents brought over from the old
    /// books (source opening) charged the customer up to `to`, per document.
    public static func deliveryCharges(ofPartner id: Int64, upTo to: String, on store: Store) async throws -> [Charge] {
        try await store.all(
            """
            SELECT doc_date, doc_number, source, CAST(SUM(amount) AS BIGINT) AS amount FROM open_items
            WHERE side = 'ar' AND partner_id = \(bind: id) AND source IN ('stock', 'opening') AND doc_date <= \(bind: to)
            GROUP BY doc_date, doc_number, source
            """, as: Charge.self)
    }

    /// What invoices charged up to `to` beyond the deliveries they bill, per invoice.
    public static func invoiceCharges(ofPartner id: Int64, upTo to: String, on store: Store) async throws -> [Charge] {
        try await store.all(
            """
            SELECT i.doc_date, i.doc_number, i.source, CAST(SUM(i.amount - COALESCE((SELECT SUM(m.amount) FROM invoice_matches m JOIN invoice_lines l ON l.id = m.invoice_line_id
                WHERE l.id = i.line_id), 0)) AS BIGINT) AS amount
            FROM open_items i WHERE i.side = 'ar' AND i.partner_id = \(bind: id) AND i.source = 'invoice' AND i.doc_date <= \(bind: to) GROUP BY i.doc_date, i.doc_number, i.source
            """, as: Charge.self)
    }

    public struct Collected: Decodable, Sendable {
        public var paymentDate: String
        public var number: String
        public var amount: Int64
    }

    /// The customer's collections in force up to `to`.
    public static func collections(ofPartner id: Int64, upTo to: String, on store: Store) async throws -> [Collected] {
        try await store.all(
            """
            SELECT payment_date, number, amount FROM payments WHERE direction = 'in' AND status IN (\(states: PaymentFlow.open)) AND partner_id = \(bind: id) AND payment_date <= \(bind: to)
            """, as: Collected.self)
    }

    /// What the customer owes now, all documents together.
    public static func owed(byPartner id: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            "SELECT CAST(COALESCE(SUM(residual), 0) AS BIGINT) AS n FROM open_items WHERE side = 'ar' AND partner_id = \(bind: id)",
            as: Int64.self)
            ?? 0
    }

    /// The distributor's stock reports of one week (`week` nil: the latest 500 lines of all weeks).
    public static func reports(ofPartner id: Int64, week: String? = nil, on store: Store) async throws -> [ChannelReportRow] {
        if let week {
            return try await store.all(
                "SELECT * FROM channel_reports WHERE partner_id = \(bind: id) AND week = \(bind: week) ORDER BY product_id",
                as: ChannelReportRow.self)
        }
        return try await store.all(
            "SELECT * FROM channel_reports WHERE partner_id = \(bind: id) ORDER BY week DESC, product_id LIMIT 500",
            as: ChannelReportRow.self)
    }

    /// Each distributor's latest reported week per product, for the distributors in scope.
    public static func channelStock(_ scope: RowScope, on store: Store) async throws -> [ChannelReportRow] {
        var q: SQLQueryString = """
            SELECT r.* FROM channel_reports r JOIN partners p ON p.id = r.partner_id
            WHERE r.week = (SELECT MAX(x.week) FROM channel_reports x WHERE x.partner_id = r.partner_id AND x.product_id = r.product_id) AND
            """
        q += " "
        q += ScopeFilter.condition(scope, .init(branch: "p.branch_id", department: nil, owner: "p.owner_id"))
        q += " ORDER BY r.partner_id, r.product_id"
        return try await store.all(q, as: ChannelReportRow.self)
    }
}

public enum PortalWrites {
    /// A week's figure of one product replaces what was reported for it before.
    public static func report(
        partner: Int64, week: String, product: Int64, onHand: Int64, sold: Int64, by user: Int64?, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            "DELETE FROM channel_reports WHERE partner_id = \(bind: partner) AND week = \(bind: week) AND product_id = \(bind: product)")
        try await store.run(
            """
            INSERT INTO channel_reports (partner_id, week, product_id, on_hand, sold, reported_by, created_at)
            VALUES (\(bind: partner), \(bind: week), \(bind: product), \(bind: onHand), \(bind: sold), \(bind: user), \(bind: now))
            """)
    }
}
