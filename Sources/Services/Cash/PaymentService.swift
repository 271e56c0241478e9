import DocumentsCore
import Foundation
import Kernel
import Persistence

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
        /// A document of the old books brought over as an opening item (its `docId`).
        public var openingId: Int64?
        /// By product.
        public var productId: Int64?
        /// How much; defaults to everything open on the target (as far as the money goes).
        public var amount: String?
        public init(
            invoiceId: Int64? = nil, stockDocumentId: Int64? = nil, openingId: Int64? = nil, productId: Int64? = nil, amount: String? = nil
        ) {
            self.invoiceId = invoiceId
            self.stockDocumentId = stockDocumentId
            self.openingId = openingId
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

    public typealias Applied = PaymentQueries.Applied

    public struct Details: Sendable {
        public var payment: PaymentRow
        public var settlements: [Applied]
        public var installments: [(installmentId: Int64, amount: Int64)]
        public var unapplied: Money { Money(fen: payment.amount - payment.applied) }
    }

    public static func list(
        _ direction: Direction, partnerId: Int64?, contractId: Int64?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<PaymentRow> {
        let scope = try ctx.require(.cash, .view)
        let rows = try await PaymentQueries.list(
            direction: direction.rawValue, scope, partner: partnerId, contract: contractId, before: cursor?.id, limit: limit + 1,
            on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, direction: Direction, _ ctx: ServiceContext, action: Action = .view) async throws -> Details {
        let scope = try ctx.require(.cash, action)
        guard let p = try await PaymentQueries.payment(id, on: ctx.store), p.direction == direction.rawValue,
            scope.contains(branch: p.branchId, department: nil, owner: p.ownerId)
        else { throw DomainError.notFound }
        return Details(
            payment: p, settlements: try await PaymentQueries.applied(ofPayment: id, on: ctx.store),
            installments: try await PaymentQueries.allocations(ofPayment: id, on: ctx.store))
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
            let number = try await DealLines.number(direction.prefix, branch: branch, date: date, table: "payments", ctx.store)
            let now = ctx.nowMillis
            let id = try await PaymentWrites.insert(
                PaymentWrites.Payment(
                    number: number, direction: direction.rawValue, branchId: branch.id, partnerId: partner.id, contractId: contract?.id,
                    date: date, amount: amount.fen, method: method.rawValue,
                    reference: try Validate.optional(input.reference, "reference", max: 100),
                    ownerId: ctx.principal?.userId, note: try Validate.optional(input.note, "note", max: 1000)),
                at: now, on: ctx.store)
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

    public typealias OpenDocument = PaymentQueries.OpenDocument

    /// What a payment could settle for a partner the user may name: its open documents and the
    /// products on them, as far as the user's finance scope reaches.
    public static func openDocuments(_ side: OpenItems.Side, partner: Int64, _ ctx: ServiceContext) async throws -> [OpenDocument] {
        let scope = try ctx.require(.cash, .view)
        guard (try? await DealLines.visibleParty(partner, ctx)) != nil else { return [] }
        return try await PaymentQueries.openDocuments(side: side.rawValue, partner: partner, scope, on: ctx.store)
    }

    public static func openProducts(_ side: OpenItems.Side, partner: Int64, _ ctx: ServiceContext) async throws -> [ProductRow] {
        let scope = try ctx.require(.cash, .view)
        guard (try? await DealLines.visibleParty(partner, ctx)) != nil else { return [] }
        let ids = try await PaymentQueries.openProducts(side: side.rawValue, partner: partner, scope, on: ctx.store)
        return try await InventoryQueries.products(ids: ids, on: ctx.store).values.sorted { $0.code < $1.code }
    }

    static func apply(_ id: Int64, mode: Mode, targets: [Target], _ ctx: ServiceContext) async throws {
        guard targets.count <= Limits.lines else {
            throw DomainError.invalid("targets", code: "too_many", args: ["targets", String(Limits.lines)])
        }
        // The payment and every item it settles are locked while the money moves: two settlements
        // racing for one invoice, or a settlement racing a cancel, take turns and see each other.
        guard let p = try await PaymentQueries.payment(id, locked: true, on: ctx.store) else { throw DomainError.notFound }
        try PaymentFlow.require(.allocate, from: p.status, number: p.number)
        guard let direction = Direction(rawValue: p.direction) else { throw DomainError.notFound }
        var money = p.amount - p.applied
        guard money > 0 else { throw DomainError(.conflict, code: "nothing_to_apply", args: [p.number]) }
        let side = direction.side.rawValue
        var plan: [(OpenItemRow, Int64)] = []
        // Money is applied only to what the user's finance scope reaches: another branch's items stay as if they did not exist.
        let scope = try ctx.require(.cash, .view)
        func open(_ target: PaymentQueries.Target) async throws -> [OpenItemRow] {
            try await PaymentQueries.openItemsLocked(side: side, partner: p.partnerId, contract: p.contractId, scope, target, on: ctx.store)
        }
        /// The number of a document of this partner in reach (settled or not); unknown otherwise.
        func known(_ source: String, _ doc: Int64, _ open: [OpenItemRow], field: String) async throws -> String {
            if let first = open.first { return first.docNumber }
            guard
                let n = try await PaymentQueries.documentNumber(
                    source: source, id: doc, side: side, partner: p.partnerId, scope, on: ctx.store)
            else { throw DomainError.invalid(field, code: "not_found") }
            return n
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
            try take(try await open(.all), nil, field: "targets", name: p.number)
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
                    items = try await open(.document(source: "invoice", id: inv)).filter { !planned.contains($0.id) }
                    name = try await known("invoice", inv, items, field: f + ".invoiceId")
                } else if let doc = t.stockDocumentId {
                    items = try await open(.document(source: "stock", id: doc)).filter { !planned.contains($0.id) }
                    name = try await known("stock", doc, items, field: f + ".stockDocumentId")
                } else if let doc = t.openingId {
                    items = try await open(.document(source: "opening", id: doc)).filter { !planned.contains($0.id) }
                    name = try await known("opening", doc, items, field: f + ".openingId")
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
                    try await open(.product(pid)).filter { !planned.contains($0.id) }, wanted, field: f + ".amount",
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
        try await PaymentWrites.addApplied(toPayment: id, applied, at: ctx.nowMillis, on: ctx.store)
        for (contract, amount) in byContract.sorted(by: { $0.key < $1.key }) {
            var rest = amount
            let plan = try await PaymentQueries.openInstallmentsLocked(ofContract: contract, on: ctx.store)
            for i in plan where rest > 0 {
                let t = min(rest, i.amount - i.settled)
                try await PaymentWrites.allocate(payment: id, installment: i.id, amount: t, on: ctx.store)
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
            let rows = try await PaymentQueries.settlements(ofPayment: id, on: ctx.store)
            var net: [Int64: Int64] = [:]
            for r in rows { net[r.itemId] = try (net[r.itemId] ?? 0).plus(r.amount) }
            for (item, amount) in net.sorted(by: { $0.key < $1.key }) where amount != 0 {
                try await OpenItems.settle(payment: id, item: item, amount: -amount, ctx)
            }
            try await PaymentWrites.unallocate(payment: id, on: ctx.store)
            try await PaymentWrites.markCancelled(payment: id, to, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit(
                "cancel", direction == .in ? "collection" : "payment", id, branch: d.payment.branchId,
                [FieldChange("status", old: d.payment.status, new: to.rawValue)])
            return try await find(id, direction: direction, ctx)
        }
    }
}
