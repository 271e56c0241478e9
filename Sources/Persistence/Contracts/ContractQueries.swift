import DocumentsCore
import Kernel
import SQLKit

/// Reads of quotes and contracts: lists, lines, payment plans and what a contract's progress counts.
public enum ContractQueries {
    static let columns = ScopeFilter.Columns(branch: "branch_id", department: "department_id", owner: "owner_id")

    // MARK: quotes

    public static func quote(_ id: Int64, on store: Store) async throws -> QuoteRow? {
        try await store.first("SELECT * FROM quotes WHERE id = \(bind: id)", as: QuoteRow.self)
    }

    public static func lines(ofQuote id: Int64, on store: Store) async throws -> [QuoteLineRow] {
        try await store.all("SELECT * FROM quote_lines WHERE quote_id = \(bind: id) ORDER BY line_no", as: QuoteLineRow.self)
    }

    /// Quotes in scope, newest first, a page at a time.
    public static func quotes(
        _ scope: RowScope, partner: Int64?, opportunity: Int64?, status: String?, before: Int64?, limit: Int, on store: Store
    ) async throws -> [QuoteRow] {
        var q: SQLQueryString = "SELECT * FROM quotes WHERE "
        q += ScopeFilter.condition(scope, columns)
        if let partner { q += " AND partner_id = \(bind: partner)" }
        if let opportunity { q += " AND opportunity_id = \(bind: opportunity)" }
        if let status, !status.isEmpty { q += " AND status = \(bind: status)" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: QuoteRow.self)
    }

    // MARK: contracts

    public static func contract(_ id: Int64, on store: Store) async throws -> ContractRow? {
        try await store.first("SELECT * FROM contracts WHERE id = \(bind: id)", as: ContractRow.self)
    }

    /// Contracts in scope, newest first, a page at a time; `text` matches number or title.
    public static func contracts(
        _ scope: RowScope, kind: String?, partner: Int64?, status: String?, text: String?, before: Int64?, limit: Int, on store: Store
    ) async throws -> [ContractRow] {
        var q: SQLQueryString = "SELECT * FROM contracts WHERE "
        q += ScopeFilter.condition(scope, columns)
        if let kind, !kind.isEmpty { q += " AND kind = \(bind: kind)" }
        if let partner { q += " AND partner_id = \(bind: partner)" }
        if let status, !status.isEmpty { q += " AND status = \(bind: status)" }
        if let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty {
            let like = "%" + t.replacingOccurrences(of: "%", with: "") + "%"
            q += " AND (number LIKE \(bind: like) OR title LIKE \(bind: like))"
        }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: ContractRow.self)
    }

    public static func lines(ofContract id: Int64, on store: Store) async throws -> [ContractLineRow] {
        try await store.all("SELECT * FROM contract_lines WHERE contract_id = \(bind: id) ORDER BY line_no", as: ContractLineRow.self)
    }

    public static func installments(ofContract id: Int64, on store: Store) async throws -> [InstallmentRow] {
        try await store.all("SELECT * FROM installments WHERE contract_id = \(bind: id) ORDER BY seq", as: InstallmentRow.self)
    }

    /// How many records refer to the contract (approvals, payments, invoices, orders, claims, renewals).
    public static func references(toContract id: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            """
            SELECT (SELECT COUNT(*) FROM approvals WHERE doc_type = 'contract' AND doc_id = \(bind: id)) + (SELECT COUNT(*) FROM payments WHERE contract_id = \(bind: id))
                 + (SELECT COUNT(*) FROM invoices WHERE contract_id = \(bind: id)) + (SELECT COUNT(*) FROM orders WHERE contract_id = \(bind: id))
                 + (SELECT COUNT(*) FROM expense_claims WHERE contract_id = \(bind: id)) + (SELECT COUNT(*) FROM contracts WHERE renewal_of = \(bind: id)) AS n
            """, as: Int64.self) ?? 0
    }

    /// The number of the live renewal of a contract, if it has one.
    public static func renewal(of id: Int64, on store: Store) async throws -> String? {
        struct R: Decodable { var number: String }
        return try await store.first("SELECT number FROM contracts WHERE renewal_of = \(bind: id) AND status <> 'terminated'", as: R.self)?
            .number
    }

    /// Contracts that the nightly job may expire, ending on or after `today` (`ending: false`) or before it.
    public static func expirable(ended: Bool, today: String, on store: Store) async throws -> [ContractRow] {
        if ended {
            return try await store.all(
                """
                SELECT * FROM contracts WHERE status IN (\(states: ContractFlow.rule(.expire).from)) AND end_date < \(bind: today)
                """, as: ContractRow.self)
        }
        return try await store.all(
            """
            SELECT * FROM contracts WHERE status IN (\(states: ContractFlow.rule(.expire).from)) AND end_date >= \(bind: today) ORDER BY id
            """, as: ContractRow.self)
    }

    public struct Overdue: Codable, Sendable {
        public var installmentId: Int64
        public var contractId: Int64
        public var number: String
        public var partnerId: Int64
        public var seq: Int64
        public var dueDate: String
        public var amount: Int64
        public var settled: Int64
    }

    /// Installments of contracts in force past `asOf` and not fully collected, in scope, oldest first.
    public static func overdue(asOf: String, _ scope: RowScope, limit: Int, on store: Store) async throws -> [Overdue] {
        var q: SQLQueryString = """
            SELECT i.id AS installment_id, c.id AS contract_id, c.number, c.partner_id, i.seq, i.due_date, i.amount, i.settled
            FROM installments i JOIN contracts c ON c.id = i.contract_id
            WHERE i.due_date < \(bind: asOf) AND i.settled < i.amount AND c.status IN (\(states: ContractFlow.inForce)) AND
            """
        q += " "
        q += ScopeFilter.condition(scope, .init(branch: "c.branch_id", department: "c.department_id", owner: "c.owner_id"))
        q += " ORDER BY i.due_date, i.id LIMIT \(literal: limit)"
        return try await store.all(q, as: Overdue.self)
    }

    // MARK: progress

    /// Base quantity ordered so far per contract line (orders not cancelled).
    public static func ordered(ofContract id: Int64, on store: Store) async throws -> [Int64: Int64] {
        struct R: Decodable { var contractLineId: Int64; var q: Int64 }
        let rows = try await store.all(
            """
            SELECT l.contract_line_id, CAST(SUM(l.base_qty) AS BIGINT) AS q FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.contract_id = \(bind: id) AND o.status <> \(state: OrderFlow.State.cancelled) AND l.contract_line_id IS NOT NULL GROUP BY l.contract_line_id
            """, as: R.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.contractLineId, $0.q) })
    }

    /// The lines of the contract's orders that are not cancelled.
    public static func orderLines(ofContract id: Int64, on store: Store) async throws -> [OrderLineRow] {
        try await store.all(
            """
            SELECT l.* FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.contract_id = \(bind: id) AND o.status <> \(state: OrderFlow.State.cancelled)
            """, as: OrderLineRow.self)
    }

    /// A posted delivery (sign 1) or return (sign -1) against the contract's order lines.
    public struct Delivered: Decodable, Sendable {
        public var amount: Int64?
        public var costValue: Int64?
        public var taxRate: Int64
        public var sign: Int64
    }

    public static func delivered(ofContract id: Int64, on store: Store) async throws -> [Delivered] {
        try await store.all(
            """
            SELECT l.amount, l.cost_value, cl.tax_rate, 1 AS sign FROM stock_document_lines l
            JOIN stock_documents d ON d.id = l.document_id JOIN order_lines ol ON ol.id = l.order_line_id JOIN contract_lines cl ON cl.id = ol.contract_line_id
            WHERE cl.contract_id = \(bind: id) AND d.status = \(state: StockDocumentFlow.State.posted) AND d.reversal_of IS NULL
            UNION ALL
            SELECT r.amount, r.cost_value, cl.tax_rate, -1 AS sign FROM stock_document_lines r
            JOIN stock_documents rd ON rd.id = r.document_id JOIN stock_document_lines l ON l.id = r.return_of_line_id
            JOIN order_lines ol ON ol.id = l.order_line_id JOIN contract_lines cl ON cl.id = ol.contract_line_id
            WHERE cl.contract_id = \(bind: id) AND rd.status = \(state: StockDocumentFlow.State.posted) AND rd.reversal_of IS NULL
            """, as: Delivered.self)
    }

    public static func invoices(ofContract id: Int64, on store: Store) async throws -> [InvoiceRow] {
        try await store.all("SELECT * FROM invoices WHERE contract_id = \(bind: id) ORDER BY id", as: InvoiceRow.self)
    }

    public static func orders(ofContract id: Int64, on store: Store) async throws -> [OrderRow] {
        try await store.all("SELECT * FROM orders WHERE contract_id = \(bind: id) ORDER BY id", as: OrderRow.self)
    }

    /// What payments in force settled of the contract's open items, plus what they hold unapplied for it.
    public static func collected(forContract id: Int64, on store: Store) async throws -> Int64 {
        struct Sum: Decodable { var v: Int64? }
        let settled =
            try await store.first(
                """
                SELECT CAST(SUM(s.amount) AS BIGINT) AS v FROM settlements s JOIN open_items i ON i.id = s.item_id JOIN payments p ON p.id = s.payment_id
                WHERE i.contract_id = \(bind: id) AND p.status IN (\(states: PaymentFlow.open))
                """, as: Sum.self)?.v ?? 0
        let unapplied =
            try await store.first(
                """
                SELECT CAST(SUM(amount - applied) AS BIGINT) AS v FROM payments WHERE contract_id = \(bind: id) AND status IN (\(states: PaymentFlow.open))
                """, as: Sum.self)?.v ?? 0
        return try Checked.add(settled, unapplied)
    }
}
