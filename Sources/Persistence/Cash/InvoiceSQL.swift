import DocumentsCore
import Kernel
import SQLKit

/// Reads of invoices and of what can still be invoiced.
public enum InvoiceQueries {
    /// Invoices in scope, newest first, a page at a time.
    public static func list(
        _ scope: RowScope, side: String?, partner: Int64?, contract: Int64?, before: Int64?, limit: Int, on store: Store
    ) async throws -> [InvoiceRow] {
        var q: SQLQueryString = "SELECT * FROM invoices WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        if let side { q += " AND side = \(bind: side)" }
        if let partner { q += " AND partner_id = \(bind: partner)" }
        if let contract { q += " AND contract_id = \(bind: contract)" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: InvoiceRow.self)
    }

    public static func invoice(_ id: Int64, on store: Store) async throws -> InvoiceRow? {
        try await store.first("SELECT * FROM invoices WHERE id = \(bind: id)", as: InvoiceRow.self)
    }

    public static func lines(ofInvoice id: Int64, on store: Store) async throws -> [InvoiceLineRow] {
        try await store.all("SELECT * FROM invoice_lines WHERE invoice_id = \(bind: id) ORDER BY line_no", as: InvoiceLineRow.self)
    }

    public static func line(_ id: Int64, on store: Store) async throws -> InvoiceLineRow? {
        try await store.first("SELECT * FROM invoice_lines WHERE id = \(bind: id)", as: InvoiceLineRow.self)
    }

    /// What is still open of an invoice, and whether any of it was settled.
    public static func standing(ofInvoice id: Int64, on store: Store) async throws -> (open: Int64, settled: Bool) {
        struct S: Decodable { var open: Int64?; var settled: Int64? }
        let s = try await store.first(
            """
            SELECT CAST(SUM(residual) AS BIGINT) AS open, CAST(SUM(CASE WHEN settled <> 0 THEN 1 ELSE 0 END) AS BIGINT) AS settled
            FROM open_items WHERE source = 'invoice' AND doc_id = \(bind: id)
            """, as: S.self)
        return (s?.open ?? 0, (s?.settled ?? 0) > 0)
    }

    /// A delivery (receipt) with a part not yet invoiced.
    public struct Uninvoiced: Decodable, Sendable {
        public var docId: Int64
        public var docNumber: String
        public var docDate: String
        public var open: Int64
    }

    public static func uninvoiced(side: String, partner: Int64, _ scope: RowScope, on store: Store) async throws -> [Uninvoiced] {
        try await store.all(
            """
            SELECT doc_id, doc_number, MIN(doc_date) AS doc_date, CAST(SUM(amount - invoiced) AS BIGINT) AS open FROM open_items
            WHERE source = 'stock' AND side = \(bind: side) AND partner_id = \(bind: partner) AND amount > invoiced AND \(AgeingQueries.reach(scope, alias: "open_items"))
            GROUP BY doc_id, doc_number ORDER BY MIN(doc_date), doc_id LIMIT 200
            """, as: Uninvoiced.self)
    }

    /// The lines of these contracts not fully invoiced.
    public static func uninvoicedLines(ofContracts ids: [Int64], on store: Store) async throws -> [ContractLineRow] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT * FROM contract_lines WHERE contract_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND invoiced_amount < amount
            ORDER BY contract_id, line_no LIMIT 200
            """, as: ContractLineRow.self)
    }

    /// The items of a delivery (receipt) of a side, in reach.
    public static func stockItems(ofDocument id: Int64, side: String, _ scope: RowScope, on store: Store) async throws -> [OpenItemRow] {
        try await store.all(
            """
            SELECT * FROM open_items WHERE source = 'stock' AND doc_id = \(bind: id) AND side = \(bind: side) AND \(AgeingQueries.reach(scope, alias: "open_items")) ORDER BY line_id
            """, as: OpenItemRow.self)
    }

    /// The item of a delivery line, in reach, locked until the transaction ends.
    public static func stockItemLocked(ofLine id: Int64, _ scope: RowScope, on store: Store) async throws -> OpenItemRow? {
        try await store.first(
            "SELECT * FROM open_items WHERE source = 'stock' AND line_id = \(bind: id) AND \(AgeingQueries.reach(scope, alias: "open_items"))"
                + store.forUpdate, as: OpenItemRow.self)
    }

    /// A contract line; `locked`: held until the transaction ends.
    public static func contractLine(_ id: Int64, locked: Bool = false, on store: Store) async throws -> ContractLineRow? {
        try await store.first(
            "SELECT * FROM contract_lines WHERE id = \(bind: id)" + (locked ? store.forUpdate : ""), as: ContractLineRow.self)
    }

    /// Deliveries of a contract line with a part not yet invoiced, oldest first.
    public static func uninvoicedDeliveries(ofContractLine id: Int64, on store: Store) async throws -> [OpenItemRow] {
        try await store.all(
            """
            SELECT i.* FROM open_items i JOIN stock_document_lines l ON l.id = i.line_id JOIN order_lines o ON o.id = l.order_line_id
            WHERE i.source = 'stock' AND o.contract_line_id = \(bind: id) AND i.amount > i.invoiced ORDER BY i.doc_date, i.id
            """, as: OpenItemRow.self)
    }

    /// An invoice's items, locked until the transaction ends.
    public static func itemsLocked(ofInvoice id: Int64, on store: Store) async throws -> [OpenItemRow] {
        try await store.all(
            "SELECT * FROM open_items WHERE source = 'invoice' AND doc_id = \(bind: id) ORDER BY id" + store.forUpdate, as: OpenItemRow.self
        )
    }

    public struct Match: Decodable, Sendable {
        public var itemId: Int64
        public var amount: Int64
    }

    /// What an invoice line billed of which delivery items.
    public static func matches(ofLine id: Int64, on store: Store) async throws -> [Match] {
        try await store.all("SELECT * FROM invoice_matches WHERE invoice_line_id = \(bind: id)", as: Match.self)
    }
}

/// Writes of invoices, inside the services' transactions.
public enum InvoiceWrites {
    /// An invoice's head as validated.
    public struct Invoice: Sendable {
        public var number: String
        public var side: String
        public var kind: String
        public var invoiceNo: String?
        public var branchId: Int64
        public var partnerId: Int64
        public var contractId: Int64?
        public var date: String
        public var net: Int64
        public var tax: Int64
        public var total: Int64
        public var ownerId: Int64?
        public var note: String?
        public init(
            number: String, side: String, kind: String, invoiceNo: String?, branchId: Int64, partnerId: Int64, contractId: Int64?,
            date: String,
            net: Int64, tax: Int64, total: Int64, ownerId: Int64?, note: String?
        ) {
            self.number = number
            self.side = side
            self.kind = kind
            self.invoiceNo = invoiceNo
            self.branchId = branchId
            self.partnerId = partnerId
            self.contractId = contractId
            self.date = date
            self.net = net
            self.tax = tax
            self.total = total
            self.ownerId = ownerId
            self.note = note
        }
    }

    public static func insert(_ v: Invoice, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO invoices (number, side, kind, invoice_no, status, branch_id, partner_id, contract_id, invoice_date, net_amount, tax_amount, total_amount,
                owner_id, note, version, created_at, updated_at)
            VALUES (\(bind: v.number), \(bind: v.side), \(bind: v.kind), \(bind: v.invoiceNo), \(state: InvoiceFlow.State.issued), \(bind: v.branchId), \(bind: v.partnerId),
                \(bind: v.contractId), \(bind: v.date), \(bind: v.net), \(bind: v.tax), \(bind: v.total), \(bind: v.ownerId),
                \(bind: v.note), 1, \(bind: now), \(bind: now))
            """)
    }

    /// An invoice line and the open item it makes (what the partner owes on it); answers both ids.
    public static func insertLine(
        invoice: Int64, lineNo: Int64, productId: Int64, stockLine: Int64?, contractLine: Int64?, baseQty: Int64, taxRate: Int64,
        amount: Int64,
        tax: Int64, item: (side: String, partner: Int64, branch: Int64, contract: Int64?, number: String, date: String), on store: Store
    ) async throws -> (line: Int64, item: Int64) {
        let lineId = try await store.insertReturningID(
            """
            INSERT INTO invoice_lines (invoice_id, line_no, product_id, stock_line_id, contract_line_id, base_qty, tax_rate, amount, tax_amount)
            VALUES (\(bind: invoice), \(bind: lineNo), \(bind: productId), \(bind: stockLine), \(bind: contractLine),
                \(bind: baseQty), \(bind: taxRate), \(bind: amount), \(bind: tax))
            """)
        let itemId = try await store.insertReturningID(
            """
            INSERT INTO open_items (side, source, partner_id, branch_id, contract_id, doc_id, doc_number, line_id, product_id, doc_date, amount, invoiced, settled, residual)
            VALUES (\(bind: item.side), 'invoice', \(bind: item.partner), \(bind: item.branch), \(bind: item.contract), \(bind: invoice),
                \(bind: item.number), \(bind: lineId), \(bind: productId), \(bind: item.date), \(bind: amount), 0, 0, \(bind: amount))
            """)
        return (lineId, itemId)
    }

    /// Moves what a contract line is invoiced by `delta` (negative when an invoice is cancelled).
    public static func addInvoiced(toContractLine id: Int64, _ delta: Int64, on store: Store) async throws {
        try await store.run("UPDATE contract_lines SET invoiced_amount = invoiced_amount + \(bind: delta) WHERE id = \(bind: id)")
    }

    /// Moves what a contract line is invoiced ahead of delivery by `delta`.
    public static func addAdvance(toContractLine id: Int64, _ delta: Int64, on store: Store) async throws {
        try await store.run("UPDATE contract_lines SET advance_open = advance_open + \(bind: delta) WHERE id = \(bind: id)")
    }

    /// An invoice line bills `amount` of a delivery item.
    public static func match(line: Int64, item: Int64, amount: Int64, on store: Store) async throws {
        try await store.run(
            "INSERT INTO invoice_matches (invoice_line_id, item_id, amount) VALUES (\(bind: line), \(bind: item), \(bind: amount))")
    }

    /// A delivery item is billed `amount` less (its invoice was cancelled).
    public static func unbill(item id: Int64, _ amount: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE open_items SET invoiced = invoiced - \(bind: amount), residual = residual + \(bind: amount) WHERE id = \(bind: id)")
    }

    public static func setStatus(ofInvoice id: Int64, _ to: InvoiceFlow.State, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE invoices SET status = \(state: to), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)")
    }
}
