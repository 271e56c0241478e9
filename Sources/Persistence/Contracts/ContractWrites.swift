import DocumentsCore
import Kernel
import SQLKit

/// A line of a quote or contract as validated: a product in a unit, its quantity, prices, tax
/// rate (hundredths of a percent), amount and the VAT inside it.
public struct DealLine: Sendable, Equatable {
    public var productId: Int64
    public var unit: String
    public var factor: Int64
    public var quantity: Quantity
    public var baseQty: Quantity
    public var listPrice: UnitPrice
    /// Hundredths of a percent.
    public var discount: Int64
    public var unitPrice: UnitPrice
    /// The product's floor, in the line's unit.
    public var floorPrice: UnitPrice
    public var taxRate: Int64
    public var amount: Money
    public var tax: Money
    public init(
        productId: Int64, unit: String, factor: Int64, quantity: Quantity, baseQty: Quantity, listPrice: UnitPrice, discount: Int64,
        unitPrice: UnitPrice, floorPrice: UnitPrice, taxRate: Int64, amount: Money, tax: Money
    ) {
        self.productId = productId
        self.unit = unit
        self.factor = factor
        self.quantity = quantity
        self.baseQty = baseQty
        self.listPrice = listPrice
        self.discount = discount
        self.unitPrice = unitPrice
        self.floorPrice = floorPrice
        self.taxRate = taxRate
        self.amount = amount
        self.tax = tax
    }
}

/// Writes of quotes, contracts and payment plans, inside the services' transactions.
public enum ContractWrites {
    // MARK: quotes

    /// A quote's head as validated.
    public struct Quote: Sendable {
        public var partnerId: Int64
        public var opportunityId: Int64?
        public var title: String
        public var date: String
        public var validUntil: String
        public var note: String?
        public var net: Int64
        public var tax: Int64
        public var total: Int64
        public var belowFloor: Bool
        public init(
            partnerId: Int64, opportunityId: Int64?, title: String, date: String, validUntil: String, note: String?, net: Int64, tax: Int64,
            total: Int64, belowFloor: Bool
        ) {
            self.partnerId = partnerId
            self.opportunityId = opportunityId
            self.title = title
            self.date = date
            self.validUntil = validUntil
            self.note = note
            self.net = net
            self.tax = tax
            self.total = total
            self.belowFloor = belowFloor
        }
    }

    public static func insert(
        _ v: Quote, lines: [DealLine], number: String, branch: Int64, owner: Int64?, department: Int64?, at now: Int64, on store: Store
    ) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO quotes (number, status, branch_id, partner_id, opportunity_id, title, quote_date, valid_until, net_amount, tax_amount, total_amount,
                below_floor, owner_id, department_id, note, version, created_at, updated_at, campaign_id)
            VALUES (\(bind: number), \(state: QuoteFlow.State.draft), \(bind: branch), \(bind: v.partnerId), \(bind: v.opportunityId), \(bind: v.title), \(bind: v.date),
                \(bind: v.validUntil), \(bind: v.net), \(bind: v.tax), \(bind: v.total), \(bind: v.belowFloor),
                \(bind: owner), \(bind: department), \(bind: v.note), 1, \(bind: now), \(bind: now),
                (SELECT campaign_id FROM opportunities WHERE id = \(bind: v.opportunityId)))
            """)
        try await insertLines(quote: id, lines, on: store)
        return id
    }

    public static func update(quote id: Int64, _ v: Quote, lines: [DealLine], at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE quotes SET partner_id = \(bind: v.partnerId), opportunity_id = \(bind: v.opportunityId), title = \(bind: v.title), quote_date = \(bind: v.date),
                valid_until = \(bind: v.validUntil), net_amount = \(bind: v.net), tax_amount = \(bind: v.tax), total_amount = \(bind: v.total),
                below_floor = \(bind: v.belowFloor), note = \(bind: v.note), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """)
        try await store.run("DELETE FROM quote_lines WHERE quote_id = \(bind: id)")
        try await insertLines(quote: id, lines, on: store)
    }

    static func insertLines(quote id: Int64, _ lines: [DealLine], on store: Store) async throws {
        for (i, l) in lines.enumerated() {
            try await store.run(
                """
                INSERT INTO quote_lines (quote_id, line_no, product_id, unit, factor, quantity, base_qty, list_price, discount, unit_price, floor_price, tax_rate,
                    amount, tax_amount)
                VALUES (\(bind: id), \(bind: Int64(i + 1)), \(bind: l.productId), \(bind: l.unit), \(bind: l.factor), \(bind: l.quantity.units), \(bind: l.baseQty.units),
                    \(bind: l.listPrice.units), \(bind: l.discount), \(bind: l.unitPrice.units), \(bind: l.floorPrice.units), \(bind: l.taxRate), \(bind: l.amount.fen),
                    \(bind: l.tax.fen))
                """)
        }
    }

    /// The one statement that writes a quote's state (the flow decides it).
    public static func setStatus(ofQuote id: Int64, _ to: QuoteFlow.State, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE quotes SET status = \(bind: to.rawValue), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)")
    }

    // MARK: contracts

    /// A contract's head as validated.
    public struct Contract: Sendable {
        public var kind: String
        public var partnerId: Int64
        public var quoteId: Int64?
        public var opportunityId: Int64?
        public var renewalOf: Int64?
        public var title: String
        public var signDate: String
        public var startDate: String
        public var endDate: String
        public var noticeDays: Int64
        public var note: String?
        public var net: Int64
        public var tax: Int64
        public var total: Int64
        public init(
            kind: String, partnerId: Int64, quoteId: Int64?, opportunityId: Int64?, renewalOf: Int64?, title: String, signDate: String,
            startDate: String, endDate: String, noticeDays: Int64, note: String?, net: Int64, tax: Int64, total: Int64
        ) {
            self.kind = kind
            self.partnerId = partnerId
            self.quoteId = quoteId
            self.opportunityId = opportunityId
            self.renewalOf = renewalOf
            self.title = title
            self.signDate = signDate
            self.startDate = startDate
            self.endDate = endDate
            self.noticeDays = noticeDays
            self.note = note
            self.net = net
            self.tax = tax
            self.total = total
        }
    }

    public static func insert(
        _ v: Contract, lines: [DealLine], number: String, branch: Int64, owner: Int64?, department: Int64?, at now: Int64, on store: Store
    ) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO contracts (number, kind, status, branch_id, partner_id, quote_id, opportunity_id, renewal_of, title, sign_date, start_date, end_date,
                renew_notice_days, net_amount, tax_amount, total_amount, owner_id, department_id, note, version, created_at, updated_at, campaign_id)
            VALUES (\(bind: number), \(bind: v.kind), \(state: ContractFlow.State.draft), \(bind: branch), \(bind: v.partnerId), \(bind: v.quoteId), \(bind: v.opportunityId),
                \(bind: v.renewalOf), \(bind: v.title), \(bind: v.signDate), \(bind: v.startDate), \(bind: v.endDate), \(bind: v.noticeDays),
                \(bind: v.net), \(bind: v.tax), \(bind: v.total), \(bind: owner), \(bind: department),
                \(bind: v.note), 1, \(bind: now), \(bind: now), COALESCE((SELECT campaign_id FROM opportunities WHERE id = \(bind: v.opportunityId)),
                    (SELECT campaign_id FROM quotes WHERE id = \(bind: v.quoteId)), (SELECT campaign_id FROM contracts WHERE id = \(bind: v.renewalOf))))
            """)
        try await insertLines(contract: id, lines, on: store)
        return id
    }

    /// The contract's head and lines become `v`; its payment plan goes when `dropPlan`.
    public static func update(
        contract id: Int64, _ v: Contract, lines: [DealLine], dropPlan: Bool, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            UPDATE contracts SET partner_id = \(bind: v.partnerId), quote_id = \(bind: v.quoteId), opportunity_id = \(bind: v.opportunityId), title = \(bind: v.title),
                sign_date = \(bind: v.signDate), start_date = \(bind: v.startDate), end_date = \(bind: v.endDate), renew_notice_days = \(bind: v.noticeDays),
                net_amount = \(bind: v.net), tax_amount = \(bind: v.tax), total_amount = \(bind: v.total), note = \(bind: v.note),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """)
        try await store.run("DELETE FROM contract_lines WHERE contract_id = \(bind: id)")
        try await insertLines(contract: id, lines, on: store)
        if dropPlan { try await store.run("DELETE FROM installments WHERE contract_id = \(bind: id)") }
    }

    static func insertLines(contract id: Int64, _ lines: [DealLine], on store: Store) async throws {
        for (i, l) in lines.enumerated() {
            try await store.run(
                """
                INSERT INTO contract_lines (contract_id, line_no, product_id, unit, factor, quantity, base_qty, unit_price, tax_rate, amount, tax_amount,
                    invoiced_amount, advance_open)
                VALUES (\(bind: id), \(bind: Int64(i + 1)), \(bind: l.productId), \(bind: l.unit), \(bind: l.factor), \(bind: l.quantity.units), \(bind: l.baseQty.units),
                    \(bind: l.unitPrice.units), \(bind: l.taxRate), \(bind: l.amount.fen), \(bind: l.tax.fen), 0, 0)
                """)
        }
    }

    /// Deletes a draft contract with its attachments, plan and lines; `inUse` when a row still refers to it.
    public static func delete(contract id: Int64, inUse: @autoclosure () -> any Error, on store: Store) async throws {
        try await store.run(
            "DELETE FROM attachment_contents WHERE stored_name IN (SELECT stored_name FROM contract_attachments WHERE contract_id = \(bind: id))"
        )
        try await store.run("DELETE FROM contract_attachments WHERE contract_id = \(bind: id)")
        try await store.run("DELETE FROM installments WHERE contract_id = \(bind: id)")
        try await store.delete("DELETE FROM contract_lines WHERE contract_id = \(bind: id)", inUse: inUse())
        try await store.delete("DELETE FROM contracts WHERE id = \(bind: id)", inUse: inUse())
    }

    /// The one statement that writes a contract's state (the flow decides it); `reason` why it ended.
    public static func setStatus(
        ofContract id: Int64, _ to: ContractFlow.State, reason: String?, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            UPDATE contracts SET status = \(bind: to.rawValue), end_reason = COALESCE(\(bind: reason), end_reason), version = version + 1,
                updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
    }

    public static func markRenewal(_ id: Int64, of original: Int64, on store: Store) async throws {
        try await store.run("UPDATE contracts SET renewal_of = \(bind: original) WHERE id = \(bind: id)")
    }

    /// The plan becomes these installments in order: an existing installment of the same number
    /// keeps what was collected on it; those beyond the new count go.
    public static func setPlan(
        ofContract id: Int64, _ items: [(dueDate: String, amount: Int64, note: String?)], existing: [InstallmentRow], on store: Store
    ) async throws {
        for (i, p) in items.enumerated() {
            let seq = Int64(i + 1)
            if let o = existing.first(where: { $0.seq == seq }) {
                try await store.run(
                    "UPDATE installments SET due_date = \(bind: p.dueDate), amount = \(bind: p.amount), note = \(bind: p.note) WHERE id = \(bind: o.id)"
                )
            } else {
                try await store.run(
                    """
                    INSERT INTO installments (contract_id, seq, due_date, amount, settled, note) VALUES (\(bind: id), \(bind: seq), \(bind: p.dueDate), \(bind: p.amount), 0, \(bind: p.note))
                    """)
            }
        }
        try await store.run("DELETE FROM installments WHERE contract_id = \(bind: id) AND seq > \(bind: Int64(items.count))")
    }
}
