import DocumentsCore
import Foundation
import Kernel
import SQLKit

/// Where a record came from: its channel (web, api, portal, import, lead, merge, system), what
/// it came through (`import:12:5`: job 12, line 5; `lead:34`), who and when.
public struct RecordOriginRow: Codable, Sendable, Equatable {
    public var entity: String
    public var entityId: Int64
    public var channel: String
    public var via: String?
    public var userId: Int64?
    public var at: Int64
}

/// The origin of each new customer, contact and lead, written where every audited change passes
/// (`Audit.insert`), so no service has to remember it.
public enum RecordOrigins {
    public static let entities: Set<String> = ["customer", "contact", "lead"]

    static func capture(_ rows: [Audit.Row], on store: Store) async throws {
        let created = rows.filter { $0.action == "create" && entities.contains($0.entity) && $0.entityId.flatMap { Int64($0) } != nil }
        guard !created.isEmpty else { return }
        for chunk in created.chunked(400) {
            var q: SQLQueryString = "INSERT INTO record_origins (entity, entity_id, channel, via, user_id, at) VALUES "
            for (i, r) in chunk.enumerated() {
                q += i == 0 ? "" : ", "
                q += """
                    (\(bind: r.entity), \(bind: Int64(r.entityId!)!), \(bind: r.actor.channel ?? "system"), \(bind: r.actor.via),
                     \(bind: r.actor.userId), \(bind: r.at))
                    """
            }
            q += " ON CONFLICT (entity, entity_id) DO NOTHING"
            try await store.run(q)
        }
    }
}

public enum DataMapQueries {
    public static func origin(_ entity: String, _ id: Int64, on store: Store) async throws -> RecordOriginRow? {
        try await store.first(
            "SELECT * FROM record_origins WHERE entity = \(bind: entity) AND entity_id = \(bind: id)", as: RecordOriginRow.self)
    }

    /// One audit entry's channel and changes, newest first, for a record's field-by-field sources.
    public struct Change: Codable, Sendable {
        public var at: Int64
        public var channel: String?
        public var via: String?
        public var userId: Int64?
        public var action: String
        public var changes: String
    }

    public static func changes(_ entity: String, _ id: Int64, limit: Int, on store: Store) async throws -> [Change] {
        try await store.all(
            """
            SELECT at, channel, via, user_id, action, changes FROM audit_log WHERE entity = \(bind: entity) AND entity_id = \(bind: String(id))
            ORDER BY id DESC LIMIT \(literal: limit)
            """, as: Change.self)
    }

    /// Per channel: how many customers it brought (of those the scope holds) and how complete
    /// they are; channel nil for customers from before the data map.
    public struct SourceRow: Codable, Sendable, Equatable {
        public var channel: String?
        public var records: Int64
        public var withPhone: Int64
        public var withUscc: Int64
        public var withRegion: Int64
        public var withOwner: Int64
    }

    public static func customerSources(scope: RowScope, on store: Store) async throws -> [SourceRow] {
        try await store.all(
            """
            SELECT o.channel, COUNT(*) AS records,
                SUM(CASE WHEN p.phone IS NOT NULL AND p.phone <> '' THEN 1 ELSE 0 END) AS with_phone,
                SUM(CASE WHEN p.uscc IS NOT NULL AND p.uscc <> '' THEN 1 ELSE 0 END) AS with_uscc,
                SUM(CASE WHEN p.province IS NOT NULL AND p.province <> '' THEN 1 ELSE 0 END) AS with_region,
                SUM(CASE WHEN p.owner_id IS NOT NULL THEN 1 ELSE 0 END) AS with_owner
            FROM partners p LEFT JOIN record_origins o ON o.entity = 'customer' AND o.entity_id = p.id
            WHERE p.is_customer = \(bind: true) AND p.internal_branch_id IS NULL AND
            """ + " " + ScopeFilter.condition(scope, QualityQueries.columns) + " GROUP BY o.channel ORDER BY records DESC",
            as: SourceRow.self)
    }

    /// Per channel, the customers of the scope that the latest scan put in a likely pair.
    public struct Count: Codable, Sendable, Equatable {
        public var channel: String?
        public var n: Int64
    }

    public static func duplicatesBySource(scan: Int64, scope: RowScope, on store: Store) async throws -> [Count] {
        try await store.all(
            """
            SELECT o.channel, COUNT(*) AS n FROM partners p LEFT JOIN record_origins o ON o.entity = 'customer' AND o.entity_id = p.id
            WHERE p.is_customer = \(bind: true) AND
            """ + " " + ScopeFilter.condition(scope, QualityQueries.columns)
                + """
                 AND EXISTS (SELECT 1 FROM duplicate_pairs d WHERE d.scan_id = \(bind: scan) AND (d.a_id = p.id OR d.b_id = p.id))
                GROUP BY o.channel
                """, as: Count.self)
    }

    public static func contactSources(scope: RowScope, on store: Store) async throws -> [Count] {
        try await store.all(
            """
            SELECT o.channel, COUNT(*) AS n FROM contacts c JOIN partners p ON p.id = c.partner_id
            LEFT JOIN record_origins o ON o.entity = 'contact' AND o.entity_id = c.id WHERE
            """ + " " + ScopeFilter.condition(scope, QualityQueries.columns) + " GROUP BY o.channel", as: Count.self)
    }

    /// The flow from lead to cash over a period (times in ms, dates as 'YYYY-MM-DD', both ends
    /// included): how many of each step happened in it, company-wide.
    public struct Flow: Codable, Sendable, Equatable {
        public var leads: Int64
        public var leadsConverted: Int64
        public var customers: Int64
        public var customersFromLeads: Int64
        public var opportunities: Int64
        public var opportunitiesWon: Int64
        public var contracts: Int64
        public var salesOrders: Int64
        public var deliveries: Int64
        public var invoices: Int64
        public var collections: Int64
    }

    public static func flow(fromMs: Int64, toMs: Int64, fromDate: String, toDate: String, on store: Store) async throws -> Flow {
        let ms: SQLQueryString = "BETWEEN \(bind: fromMs) AND \(bind: toMs)"
        let day: SQLQueryString = "BETWEEN \(bind: fromDate) AND \(bind: toDate)"
        let q: SQLQueryString =
            "SELECT (SELECT COUNT(*) FROM leads WHERE created_at " + ms + ") AS leads,"
            + " (SELECT COUNT(*) FROM leads WHERE converted_at " + ms + ") AS leads_converted,"
            + " (SELECT COUNT(*) FROM partners WHERE is_customer = TRUE AND internal_branch_id IS NULL AND created_at " + ms
            + ") AS customers,"
            + " (SELECT COUNT(*) FROM record_origins WHERE entity = 'customer' AND channel = 'lead' AND at " + ms
            + ") AS customers_from_leads,"
            + " (SELECT COUNT(*) FROM opportunities WHERE created_at " + ms + ") AS opportunities,"
            + " (SELECT COUNT(*) FROM opportunities WHERE outcome = 'won' AND closed_at " + ms + ") AS opportunities_won,"
            + " (SELECT COUNT(*) FROM contracts WHERE kind = 'sales' AND status IN (\(states: ContractFlow.inForce.union([.terminated]))) AND sign_date "
            + day + ") AS contracts,"
            + " (SELECT COUNT(*) FROM orders WHERE kind = 'sales' AND order_date " + day + ") AS sales_orders,"
            + " (SELECT COUNT(*) FROM stock_documents WHERE doc_type = 'salesDelivery' AND status = 'posted' AND posting_date " + day
            + ") AS deliveries,"
            + " (SELECT COUNT(*) FROM invoices WHERE side = 'ar' AND status IN (\(states: InvoiceFlow.open)) AND invoice_date " + day
            + ") AS invoices,"
            + " (SELECT COUNT(*) FROM payments WHERE direction = 'in' AND status IN (\(states: PaymentFlow.open)) AND payment_date " + day
            + ") AS collections"
        return try await store.first(q, as: Flow.self)!
    }
}
