import DocumentsCore
import Foundation
import Kernel
import Persistence
import SQLKit

/// Collections (收款, money in from customers) and payments (付款, money out to suppliers).
/// Recorded once, then settled by document (whole invoices or deliveries, oldest first unless
/// the user names them) or by product (that product's lines across documents, oldest first);
/// what is applied to a contract's items also pays its installments in due order. Money not
/// applied stays on the record as a credit, to be applied later.
public enum PaymentService {
    public enum Direction: String, Sendable, CaseIterable {
        case `in`, out
        var side: OpenItems.Side { self == .in ? .ar : .ap }
        var prefix: String { self == .in ? "RC" : "PM" }
    }

    public enum Method: String, Sendable, CaseIterable { case bank, cash, wechat, alipay, draft, other }
    public enum Mode: String, Sendable, CaseIterable { case document, product, none }

    public struct Target: Sendable, Codable, Equatable {
        /// By document: an invoice or a delivery (receipt) document.
        public var invoiceId: Int64?
        public var stockDocumentId: Int64?
        /// By product.
        public var productId: Int64?
        /// How much; defaults to everything open on the target (as far as the money goes).
        public var amount: String?
        public init(invoiceId: Int64? = nil, stockDocumentId: Int64? = nil, productId: Int64? = nil, amount: String? = nil) {
            self.invoiceId = invoiceId
            self.stockDocumentId = stockDocumentId
            self.productId = productId
            self.amount = amount
        }
    }

    public struct Input: Sendable {
        public var partnerId: Int64?
        public var contractId: Int64?
        public var paymentDate: String?
        public var amount: String?
        public var method: String?
        public var reference: String?
        public var note: String?
        public var mode: String?
        public var targets: [Target]?
        public init(
            partnerId: Int64? = nil, contractId: Int64? = nil, paymentDate: String? = nil, amount: String? = nil, method: String? = nil,
            reference: String? = nil, note: String? = nil, mode: String? = nil, targets: [Target]? = nil
        ) {
            self.partnerId = partnerId
            self.contractId = contractId
            self.paymentDate = paymentDate
            self.amount = amount
            self.method = method
            self.reference = reference
            self.note = note
            self.mode = mode
            self.targets = targets
        }
    }

    public struct Applied: Sendable, Codable, Equatable {
        public var itemId: Int64
        public var docNumber: String
        public var productId: Int64
        public var amount: Int64
    }

    public struct Details: Sendable {
        public var payment: PaymentRow
        public var settlements: [Applied]
        public var installments: [(installmentId: Int64, amount: Int64)]
        public var unapplied: Money { Money(fen: payment.amount - payment.applied) }
    }

    static let columns = ScopeFilter.Columns(branch: "branch_id", department: nil, owner: "owner_id")

    public static func list(
        _ direction: Direction, partnerId: Int64?, contractId: Int64?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<PaymentRow> {
        let scope = try ctx.require(.cash, .view)
        var q: SQLQueryString = "SELECT * FROM payments WHERE direction = \(bind: direction.rawValue) AND "
        q += ScopeFilter.condition(scope, columns)
        if let p = partnerId { q += " AND partner_id = \(bind: p)" }
        if let c = contractId { q += " AND contract_id = \(bind: c)" }
        if let c = cursor { q += " AND id < \(bind: c.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        return Cursor.page(try await ctx.store.all(q, as: PaymentRow.self), limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, direction: Direction, _ ctx: ServiceContext, action: Action = .view) async throws -> Details {
        let scope = try ctx.require(.cash, action)
        guard let p = try await ctx.store.first("SELECT * FROM payments WHERE id = \(bind: id)", as: PaymentRow.self),
            p.direction == direction.rawValue,
            scope.contains(branch: p.branchId, department: nil, owner: p.ownerId)
        else { throw DomainError.notFound }
        let applied = try await ctx.store.all(
            """
            SELECT s.item_id, i.doc_number, i.product_id, CAST(SUM(s.amount) AS BIGINT) AS amount FROM settlements s JOIN open_items i ON i.id = s.item_id
            WHERE s.payment_id = \(bind: id) GROUP BY s.item_id, i.doc_number, i.product_id HAVING SUM(s.amount) <> 0 ORDER BY s.item_id
            """, as: Applied.self)
        struct A: Decodable { var installmentId: Int64; var amount: Int64 }
        let inst = try await ctx.store.all(
            "SELECT installment_id, amount FROM installment_allocations WHERE payment_id = \(bind: id) ORDER BY id", as: A.self)
        return Details(payment: p, settlements: applied, installments: inst.map { ($0.installmentId, $0.amount) })
    }

    public static func create(_ direction: Direction, _ input: Input, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.cash, .create)
        return try await ctx.write { ctx in
            let partner = try await DealLines.party(input.partnerId, sales: direction == .in, ctx)
            guard let amount = try Validate.money(input.amount, "amount", positive: true) else { throw DomainError.required("amount") }
            let date =
                try input.paymentDate.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "paymentDate") }
                ?? CalendarDate.chinaDate(ctx.nowMillis)
            let method = try Validate.oneOf(input.method ?? "bank", "method", as: Method.self)
            var contract: ContractRow?
            if let c = input.contractId {
                guard let row = try? await ContractService.row(c, ctx), row.partnerId == partner.id else {
                    throw DomainError.invalid("contractId", code: "not_found")
                }
                contract = row
            }
            let branch = try await DealLines.branch(contract?.branchId, scope: scope, ctx)
            let number = try await DealLines.number(direction.prefix, branch: branch, date: date, ctx.store)
            let now = ctx.nowMillis
            let id = try await ctx.store.insertReturningID(
                """
                INSERT INTO payments (number, direction, status, branch_id, partner_id, contract_id, payment_date, amount, applied, method, reference, owner_id, note,
                    version, created_at, updated_at)
                VALUES (\(bind: number), \(bind: direction.rawValue), \(state: PaymentFlow.State.posted), \(bind: branch.id), \(bind: partner.id), \(bind: contract?.id), \(bind: date),
                    \(bind: amount.fen), 0, \(bind: method.rawValue), \(bind: try Validate.optional(input.reference, "reference", max: 100)), \(bind: ctx.principal?.userId),
                    \(bind: try Validate.optional(input.note, "note", max: 1000)), 1, \(bind: now), \(bind: now))
                """)
            try await ctx.audit(
                "create", direction == .in ? "collection" : "payment", id, branch: branch.id,
                [FieldChange("number", old: nil, new: number), FieldChange("amount", old: nil, new: amount.description)])
            let mode = try Validate.oneOf(input.mode ?? "document", "mode", as: Mode.self)
            if mode != .none { try await apply(id, mode: mode, targets: input.targets ?? [], ctx) }
            return try await find(id, direction: direction, ctx)
        }
    }

    /// Applies money not yet applied (now or later: `POST …/{id}/settle`).
    public static func settle(
        _ id: Int64, direction: Direction, mode: String?, targets: [Target], _ ctx: ServiceContext
    ) async throws -> Details {
        try ctx.require(.cash, .edit)
        return try await ctx.write { ctx in
            _ = try await find(id, direction: direction, ctx, action: .edit)
            let m = try Validate.oneOf(mode ?? "document", "mode", as: Mode.self)
            guard m != .none else { throw DomainError.invalid("mode", code: "invalid_choice", args: ["mode"]) }
            try await apply(id, mode: m, targets: targets, ctx)
            return try await find(id, direction: direction, ctx)
        }
    }

    public struct OpenDocument: Decodable, Sendable {
        public var source: String; public var docId: Int64; public var docNumber: String; public var open: Int64
    }

    /// What a payment could settle for a partner the user may name: its open documents and the
    /// products on them, as far as the user's finance scope reaches.
    public static func openDocuments(_ side: OpenItems.Side, partner: Int64, _ ctx: ServiceContext) async throws -> [OpenDocument] {
        let reach = AgeingReport.reach(try ctx.require(.cash, .view), alias: "open_items")
        guard (try? await DealLines.visibleParty(partner, ctx)) != nil else { return [] }
        return try await ctx.store.all(
            """
            SELECT source, doc_id, doc_number, CAST(SUM(residual) AS BIGINT) AS open FROM open_items
            WHERE side = \(bind: side.rawValue) AND partner_id = \(bind: partner) AND residual > 0 AND \(reach)
            GROUP BY source, doc_id, doc_number ORDER BY MIN(doc_date), doc_id LIMIT 200
            """, as: OpenDocument.self)
    }

    public static func openProducts(_ side: OpenItems.Side, partner: Int64, _ ctx: ServiceContext) async throws -> [ProductRow] {
        let reach = AgeingReport.reach(try ctx.require(.cash, .view), alias: "open_items")
        guard (try? await DealLines.visibleParty(partner, ctx)) != nil else { return [] }
        struct P: Decodable { var productId: Int64 }
        let ids = try await ctx.store.all(
            """
            SELECT DISTINCT product_id FROM open_items WHERE side = \(bind: side.rawValue) AND partner_id = \(bind: partner) AND residual > 0 AND \(reach) LIMIT 200
            """, as: P.self
        ).map(\.productId)
        return try await InventoryQueries.products(ids: ids, on: ctx.store).values.sorted { $0.code < $1.code }
    }

    static func apply(_ id: Int64, mode: Mode, targets: [Target], _ ctx: ServiceContext) async throws {
        guard targets.count <= Limits.lines else {
            throw DomainError.invalid("targets", code: "too_many", args: ["targets", String(Limits.lines)])
        }
        // The payment and every item it settles are locked while the money moves: two settlements
        // racing for one invoice, or a settlement racing a cancel, take turns and see each other.
        guard let p = try await ctx.store.first("SELECT * FROM payments WHERE id = \(bind: id)" + ctx.store.forUpdate, as: PaymentRow.self)
        else { throw DomainError.notFound }
        try PaymentFlow.require(.allocate, from: p.status, number: p.number)
        guard let direction = Direction(rawValue: p.direction) else { throw DomainError.notFound }
        var money = p.amount - p.applied
        guard money > 0 else { throw DomainError(.conflict, code: "nothing_to_apply", args: [p.number]) }
        let side = direction.side.rawValue
        var plan: [(OpenItemRow, Int64)] = []
        // Money is applied only to what the user's finance scope reaches: another branch's items stay as if they did not exist.
        let reach = AgeingReport.reach(try ctx.require(.cash, .view), alias: "open_items")
        func open(_ extra: SQLQueryString) async throws -> [OpenItemRow] {
            var q: SQLQueryString =
                "SELECT * FROM open_items WHERE side = \(bind: side) AND partner_id = \(bind: p.partnerId) AND residual > 0 AND \(reach)"
            if let c = p.contractId { q += " AND (contract_id = \(bind: c) OR contract_id IS NULL)" }
            q += extra
            q += " ORDER BY doc_date, id"
            q += ctx.store.forUpdate
            return try await ctx.store.all(q, as: OpenItemRow.self)
        }
        /// The number of a document of this partner in reach (settled or not); unknown otherwise.
        func known(_ source: String, _ doc: Int64, _ open: [OpenItemRow], field: String) async throws -> String {
            if let first = open.first { return first.docNumber }
            struct N: Decodable { var docNumber: String }
            guard
                let n = try await ctx.store.first(
                    """
                    SELECT doc_number FROM open_items WHERE source = \(bind: source) AND doc_id = \(bind: doc) AND side = \(bind: side)
                    AND partner_id = \(bind: p.partnerId) AND \(reach) LIMIT 1
                    """, as: N.self)
            else { throw DomainError.invalid(field, code: "not_found") }
            return n.docNumber
        }
        func take(_ items: [OpenItemRow], _ wanted: Int64?, field: String, name: String) throws {
            let available = try Checked.sum(items.map(\.residual))
            if let w = wanted {
                guard w <= available else {
                    throw DomainError.invalid(field, code: "settle_exceeds_open", args: [name, Money(fen: available).description])
                }
                guard w <= money else {
                    throw DomainError.invalid(field, code: "settle_exceeds_payment", args: [p.number, Money(fen: money).description])
                }
            }
            var rest = min(wanted ?? available, money)
            for i in items where rest > 0 {
                let t = min(rest, i.residual)
                plan.append((i, t))
                rest -= t
                money -= t
            }
        }
        if targets.isEmpty {
            guard mode == .document else { throw DomainError.required("targets") }
            try take(try await open(""), nil, field: "targets", name: p.number)
        }
        for (n, t) in targets.enumerated() {
            let f = "targets[\(n)]"
            let wanted = try Validate.money(t.amount, f + ".amount", positive: true)?.fen
            let planned = plan.map(\.0.id)
            switch mode {
            case .document:
                let items: [OpenItemRow]
                let name: String
                // A document of this partner, in the user's reach, with something left open: else as if it did not exist.
                if let inv = t.invoiceId {
                    items = try await open(" AND source = 'invoice' AND doc_id = \(bind: inv)").filter { !planned.contains($0.id) }
                    name = try await known("invoice", inv, items, field: f + ".invoiceId")
                } else if let doc = t.stockDocumentId {
                    items = try await open(" AND source = 'stock' AND doc_id = \(bind: doc)").filter { !planned.contains($0.id) }
                    name = try await known("stock", doc, items, field: f + ".stockDocumentId")
                } else {
                    throw DomainError.invalid(f + ".invoiceId", code: "required", args: [f + ".invoiceId"])
                }
                try take(items, wanted, field: f + ".amount", name: name)
            case .product:
                guard let pid = t.productId, let product = try await InventoryQueries.product(pid, on: ctx.store) else {
                    throw DomainError.invalid(
                        f + ".productId", code: t.productId == nil ? "required" : "not_found", args: [f + ".productId"])
                }
                try take(
                    try await open(" AND product_id = \(bind: pid)").filter { !planned.contains($0.id) }, wanted, field: f + ".amount",
                    name: product.code + " " + product.name)
            case .none: break
            }
        }
        guard !plan.isEmpty else { throw DomainError.invalid("targets", code: "nothing_open", args: [p.number]) }
        var byContract: [Int64: Int64] = [:]
        for (item, amount) in plan {
            try await OpenItems.settle(payment: id, item: item.id, amount: amount, ctx)
            if let c = item.contractId { byContract[c] = try (byContract[c] ?? 0).plus(amount) }
        }
        let applied = try Checked.sum(plan.map(\.1))
        try await ctx.store.run(
            "UPDATE payments SET applied = applied + \(bind: applied), version = version + 1, updated_at = \(bind: ctx.nowMillis) WHERE id = \(bind: id)"
        )
        for (contract, amount) in byContract.sorted(by: { $0.key < $1.key }) {
            var rest = amount
            let plan = try await ctx.store.all(
                "SELECT * FROM installments WHERE contract_id = \(bind: contract) AND settled < amount ORDER BY seq" + ctx.store.forUpdate,
                as: InstallmentRow.self)
            for i in plan where rest > 0 {
                let t = min(rest, i.amount - i.settled)
                try await ctx.store.run("UPDATE installments SET settled = settled + \(bind: t) WHERE id = \(bind: i.id)")
                try await ctx.store.run(
                    "INSERT INTO installment_allocations (payment_id, installment_id, amount) VALUES (\(bind: id), \(bind: i.id), \(bind: t))"
                )
                rest -= t
            }
        }
        try await ctx.audit(
            "settle", direction == .in ? "collection" : "payment", id, branch: p.branchId,
            [FieldChange("mode", old: nil, new: mode.rawValue)]
                + plan.map { FieldChange($0.0.docNumber, old: nil, new: Money(fen: $0.1).description) })
    }

    /// Cancels a collection or payment: its settlements and installment allocations are undone.
    public static func cancel(_ id: Int64, direction: Direction, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.cash, .edit)
        return try await ctx.write { ctx in
            _ = try await find(id, direction: direction, ctx, action: .edit)
            try await ctx.store.lock("payments", [id])
            let d = try await find(id, direction: direction, ctx, action: .edit)
            let to = try PaymentFlow.target(.cancel, from: d.payment.status, number: d.payment.number)
            let rows = try await ctx.store.all("SELECT * FROM settlements WHERE payment_id = \(bind: id)", as: SettlementRow.self)
            var net: [Int64: Int64] = [:]
            for r in rows { net[r.itemId] = try (net[r.itemId] ?? 0).plus(r.amount) }
            for (item, amount) in net.sorted(by: { $0.key < $1.key }) where amount != 0 {
                try await OpenItems.settle(payment: id, item: item, amount: -amount, ctx)
            }
            struct A: Decodable { var installmentId: Int64; var amount: Int64 }
            for a in try await ctx.store.all(
                "SELECT installment_id, amount FROM installment_allocations WHERE payment_id = \(bind: id)", as: A.self)
            {
                try await ctx.store.run("UPDATE installments SET settled = settled - \(bind: a.amount) WHERE id = \(bind: a.installmentId)")
            }
            try await ctx.store.run("DELETE FROM installment_allocations WHERE payment_id = \(bind: id)")
            try await ctx.store.run(
                "UPDATE payments SET status = \(state: to), applied = 0, version = version + 1, updated_at = \(bind: ctx.nowMillis) WHERE id = \(bind: id)"
            )
            try await ctx.audit(
                "cancel", direction == .in ? "collection" : "payment", id, branch: d.payment.branchId,
                [FieldChange("status", old: d.payment.status, new: to.rawValue)])
            return try await find(id, direction: direction, ctx)
        }
    }
}
