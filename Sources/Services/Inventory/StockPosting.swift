import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Persistence

/// Posting and cancelling stock documents: the one place the costed ledger is written.
/// Each product and costing scope is worked on under its own lock; a back-dated document
/// re-costs what follows it, from the nearest checkpoint, before the post returns.
public enum StockPosting {
    static let checkpointEvery = 1000

    // MARK: - Post

    /// Posts a draft. Posting a posted document changes nothing and answers it as it is.
    @discardableResult
    public static func post(_ id: Int64, _ ctx: ServiceContext) async throws -> StockDocumentService.Details {
        let scope = try ctx.require(.stock, .edit)
        return try await ctx.write { ctx in
            guard let doc = try await InventoryQueries.documentForUpdate(id, on: ctx.store),
                scope.contains(branch: doc.branchId, department: nil, owner: doc.ownerId)
            else { throw DomainError.notFound }
            let lines = try await InventoryQueries.lines(of: id, on: ctx.store)
            if doc.status == StockDocumentFlow.State.posted.rawValue { return StockDocumentService.Details(document: doc, lines: lines) }
            return try await postDraft(.init(document: doc, lines: lines), ctx)
        }
    }

    /// Posts a draft inside the caller's transaction; `prepared` is what validating it loaded.
    static func postDraft(
        _ d: StockDocumentService.Details, _ ctx: ServiceContext, prepared: StockDocumentService.Valid? = nil
    ) async throws
        -> StockDocumentService.Details
    {
        let doc = d.document
        let to = try StockDocumentFlow.target(.post, from: doc.status, .init(isReversal: doc.reversalOf != nil), number: doc.number)
        try await checkReturns(doc, d.lines, ctx)
        try await write(doc, d.lines, ctx, scopes: prepared?.scopes, products: prepared?.products)
        guard let posted = try await InventoryWrites.markPosted(document: doc.id, to, at: ctx.nowMillis, on: ctx.store) else {
            throw DomainError.notFound
        }
        try await updateOrders(d.lines, sign: 1, ctx)
        try await ctx.crossings.stockPosted((posted, d.lines), ctx)
        try await ctx.audit(
            "post", "stock_document", doc.id, branch: doc.branchId, [FieldChange("status", old: doc.status, new: to.rawValue)])
        return StockDocumentService.Details(document: posted, lines: try await InventoryQueries.lines(of: doc.id, on: ctx.store))
    }

    /// Cancels a posted document by a reversal document dated like it: a receipt's goods leave
    /// exactly as they came (refused when they have left), an issue's come back exactly as they
    /// went, and everything after is re-costed as if the document had never been.
    @discardableResult
    public static func cancel(_ id: Int64, _ ctx: ServiceContext) async throws -> StockDocumentService.Details {
        let scope = try ctx.require(.stock, .edit)
        return try await ctx.write { ctx in
            guard let doc = try await InventoryQueries.documentForUpdate(id, on: ctx.store),
                scope.contains(branch: doc.branchId, department: nil, owner: doc.ownerId)
            else { throw DomainError.notFound }
            let to = try StockDocumentFlow.target(.cancel, from: doc.status, .init(isReversal: doc.reversalOf != nil), number: doc.number)
            let lines = try await InventoryQueries.lines(of: id, on: ctx.store)
            if try await InventoryQueries.isBranchTransfer(document: id, on: ctx.store) {
                throw DomainError(.conflict, code: "branch_transfer_document", args: [doc.number])
            }
            try await ctx.crossings.stockCancelled(doc, ctx)
            if try await InventoryQueries.hasLiveReturns(ofDocument: id, on: ctx.store) {
                throw DomainError(.conflict, code: "has_returns", args: [doc.number])
            }
            let now = ctx.nowMillis
            let reversalId = try await InventoryWrites.insertReversal(
                of: doc, lines: lines, by: ctx.principal?.userId, at: now, on: ctx.store)
            let reversal = try await InventoryQueries.document(reversalId, on: ctx.store)!
            do {
                try await write(reversal, try await InventoryQueries.lines(of: reversalId, on: ctx.store), ctx, reversing: lines)
            } catch let e as DomainError
                where e.code == "insufficient_stock" && StockDocumentType(rawValue: doc.docType).map(isInbound) == true
            {
                // Re-costed without this receipt, stock would have run out: its goods have left.
                throw DomainError(.conflict, code: "receipt_consumed", field: nil, args: [doc.number] + e.args)
            }
            try await InventoryWrites.markCancelled(document: id, to, at: now, on: ctx.store)
            try await updateOrders(lines, sign: -1, ctx)
            try await ctx.audit(
                "cancel", "stock_document", id, branch: doc.branchId,
                [FieldChange("status", old: doc.status, new: to.rawValue), FieldChange("reversal", old: nil, new: reversal.number)])
            return StockDocumentService.Details(document: try await InventoryQueries.document(id, on: ctx.store)!, lines: lines)
        }
    }

    static func isInbound(_ type: StockDocumentType) -> Bool {
        [.purchaseReceipt, .otherReceipt, .salesReturn, .stockCount].contains(type)
    }

    // MARK: - Events

    /// One costing-relevant ledger event in posting order.
    struct Event {
        var entryId: Int64?
        var productId: Int64
        var warehouseId: Int64
        var scopeKey: String
        var batch: String
        var date: String
        var documentId: Int64
        var lineId: Int64
        var kind: EntryKind
        var qty: Quantity
        /// Receipts: the value they bring, fixed by the document.
        var fixedValue: Money?
        var returnOf: Int64?
        /// The value stored (signed), for events already in the ledger.
        var stored: Int64
        /// The value after costing (signed).
        var computed: Int64 = 0
    }

    static func write(
        _ doc: StockDocumentRow, _ lines: [StockLineRow], _ ctx: ServiceContext, reversing originals: [StockLineRow]? = nil,
        scopes known: CostingScopes? = nil, products knownProducts: [Int64: ProductRow]? = nil
    ) async throws {
        guard let type = StockDocumentType(rawValue: doc.docType) else { throw DomainError.invalid("type", code: "invalid_choice") }
        let warehouseIds = lines.flatMap { [$0.warehouseId] + ($0.toWarehouseId.map { [$0] } ?? []) }
        let scopes: CostingScopes
        if let known {
            scopes = known
        } else {
            scopes = try await CostingScopes.load(
                ctx.store, warehouses: Array(InventoryQueries.warehouses(ids: warehouseIds, on: ctx.store).values))
        }
        try await PeriodService.ensureOpen(
            date: doc.postingDate, entities: Set(warehouseIds.map { scopes.entity(ofWarehouse: $0) }), ctx.store)
        let products: [Int64: ProductRow]
        if let knownProducts {
            products = knownProducts
        } else {
            products = try await InventoryQueries.products(ids: lines.map(\.productId), on: ctx.store)
        }
        let originalsById = Dictionary(uniqueKeysWithValues: (originals ?? []).map { ($0.id, $0) })
        var events: [Event] = []
        func event(_ l: StockLineRow, warehouse: Int64, kind: EntryKind, qty: Int64, fixed: Money? = nil, returnOf: Int64? = nil) {
            events.append(
                Event(
                    entryId: nil, productId: l.productId, warehouseId: warehouse, scopeKey: scopes.key(warehouse: warehouse),
                    batch: l.batch ?? "",
                    date: doc.postingDate, documentId: doc.id, lineId: l.id, kind: kind, qty: Quantity(units: qty), fixedValue: fixed,
                    returnOf: returnOf, stored: 0))
        }
        for l in lines {
            if originals != nil, let original = l.returnOfLineId.flatMap({ originalsById[$0] }) {
                // Reversal of a cancelled document's line.
                switch type {
                case .purchaseReceipt, .otherReceipt, .salesReturn:
                    event(l, warehouse: l.warehouseId, kind: .reverseIn, qty: l.baseQty, returnOf: original.id)
                case .salesDelivery, .otherIssue, .purchaseReturn:
                    event(l, warehouse: l.warehouseId, kind: .reverseOut, qty: l.baseQty, returnOf: original.id)
                case .transfer:
                    event(l, warehouse: l.warehouseId, kind: .moveOut, qty: l.baseQty)
                    event(l, warehouse: l.toWarehouseId!, kind: .moveIn, qty: l.baseQty)
                case .stockCount:
                    let diff = try l.baseQty.minus(l.bookQty ?? 0)
                    if diff > 0 { event(l, warehouse: l.warehouseId, kind: .reverseIn, qty: diff, returnOf: original.id) }
                    if diff < 0 { event(l, warehouse: l.warehouseId, kind: .reverseOut, qty: -diff, returnOf: original.id) }
                }
                continue
            }
            switch type {
            case .purchaseReceipt, .otherReceipt:
                let value =
                    try l.fixedValue.map { Money(fen: $0) }
                    ?? MoneyRounding.cny.value(of: Quantity(units: l.quantity), at: UnitPrice(units: l.unitCost ?? 0))
                event(l, warehouse: l.warehouseId, kind: .receipt, qty: l.baseQty, fixed: value)
            case .salesDelivery, .otherIssue:
                event(l, warehouse: l.warehouseId, kind: .issue, qty: l.baseQty)
            case .purchaseReturn:
                event(l, warehouse: l.warehouseId, kind: .returnOut, qty: l.baseQty, returnOf: l.returnOfLineId)
            case .salesReturn:
                event(l, warehouse: l.warehouseId, kind: .returnIn, qty: l.baseQty, returnOf: l.returnOfLineId)
            case .transfer:
                event(l, warehouse: l.warehouseId, kind: .moveOut, qty: l.baseQty)
                event(l, warehouse: l.toWarehouseId!, kind: .moveIn, qty: l.baseQty)
            case .stockCount:
                let diff = try l.baseQty.minus(l.bookQty ?? 0)
                if diff > 0 { event(l, warehouse: l.warehouseId, kind: .gain, qty: diff) }
                if diff < 0 { event(l, warehouse: l.warehouseId, kind: .issue, qty: -diff) }
            }
        }
        let allowNegative = scopes.allowNegative
        if !allowNegative { try await checkWarehouses(events, products, ctx) }
        let groups = Dictionary(grouping: events) { "\($0.productId)|\($0.scopeKey)" }
        // A fixed order of locks: two posts never wait on each other in a circle.
        var replayed: Set<Int64> = []
        for key in groups.keys.sorted() {
            let group = groups[key]!
            if try await recost(
                product: products[group[0].productId]!, scope: group[0].scopeKey, newEvents: group, at: doc.postingDate,
                allowNegative: allowNegative, ctx)
            {
                replayed.insert(group[0].productId)
            }
        }
        // Re-costing may have changed what goods sent to another branch cost: the change travels on.
        if !replayed.isEmpty { try await ctx.crossings.productsRecosted(replayed.sorted(), ctx) }
    }

    /// Re-costs a product's scope from a date because a receipt's value changed (`values`: the
    /// receipt lines and their new values).
    static func replay(product: ProductRow, scope: String, from date: String, values: [Int64: Money], _ ctx: ServiceContext) async throws {
        let scopes = try await CostingScopes.load(ctx.store, warehouses: [])
        try await recost(
            product: product, scope: scope, newEvents: [], at: CalendarDate.add(days: -1, to: date), allowNegative: scopes.allowNegative,
            overrides: values, force: true, ctx)
    }

    /// Refuses an issue beyond what a warehouse holds, naming product, warehouse and shortfall.
    static func checkWarehouses(_ events: [Event], _ products: [Int64: ProductRow], _ ctx: ServiceContext) async throws {
        var need: [String: (Event, Int64)] = [:]
        for e in events where !e.kind.inbound {
            let k = "\(e.productId)|\(e.warehouseId)|\(e.batch)"
            need[k] = (e, try (need[k]?.1 ?? 0).plus(e.qty.units))
        }
        for (_, (e, qty)) in need.sorted(by: { $0.key < $1.key }) {
            let have = try await Ledger.balance(product: e.productId, warehouse: e.warehouseId, batch: e.batch, on: ctx.store)?.qty ?? 0
            if have < qty {
                let warehouse = try await InventoryQueries.warehouse(e.warehouseId, on: ctx.store)
                let p = products[e.productId]
                throw DomainError(
                    .conflict, code: "insufficient_stock", field: "lines",
                    args: [
                        p?.code ?? "", p?.name ?? "", warehouse?.name ?? "", Quantity(units: have).description,
                        Quantity(units: qty - have).description, p?.baseUnit ?? "",
                    ])
            }
        }
    }

    // MARK: - Costing

    /// A costing state from its stored text. Every post reads its product's head state, and most
    /// find the text the previous post wrote (`encodeState`): states are remembered by their text
    /// itself, so what is remembered can never be stale whoever wrote the row, and a post is spared
    /// Foundation's JSON decoder (the heaviest part of the costing step in a profile of posting).
    static func decodeState(_ text: String) throws -> CostingState {
        if text == "{}" || text.isEmpty { return CostingState() }
        return try decodedStates.value(for: text) { try JSONDecoder().decode(CostingState.self, from: Data(text.utf8)) }
    }

    static func encodeState(_ s: CostingState) throws -> String {
        let text = try CompactJSON.string(s)
        decodedStates.remember(s, for: text)
        return text
    }

    /// States by their text, a few thousand at most.
    private static let decodedStates = BoundedMemo<String, CostingState>(limit: 4096)

    /// Re-costs one product in one scope from the last point that stays as it was, with the new
    /// events in their place, and writes what changed: entry values, settlements, balances, the
    /// cost of each affected line, checkpoints and the head state.
    /// `overrides` fixes new values for receipts already in the ledger (an inter-branch receipt
    /// whose transfer price changed); `force` replays from `date` even when nothing new is posted.
    /// Answers whether later entries were re-costed.
    @discardableResult
    static func recost(
        product: ProductRow, scope: String, newEvents: [Event], at date: String, allowNegative: Bool, overrides: [Int64: Money] = [:],
        force: Bool = false, _ ctx: ServiceContext
    ) async throws -> Bool {
        let store = ctx.store
        var head = try await Ledger.lockState(product: product.id, scope: scope, on: store)
        let method = CostingMethod(rawValue: product.costingMethod) ?? .movingAverage
        let engine = CostingEngine(
            method: method, rounding: .cny, allowNegativeStock: allowNegative,
            fallbackUnitCost: UnitPrice(units: product.standardCost))
        var state: CostingState
        var startDate: String
        var startId: Int64
        var existing: [StockEntryRow] = []
        if head.lastDate <= date, !force {
            // The usual case: the new events come after everything. Start from the head.
            state = try decodeState(head.state)
            startDate = head.lastDate
            startId = head.lastEntryId
        } else {
            // A replay's statements are large but run once: PostgreSQL's JIT compiler would spend
            // a quarter of a second compiling them (measured on 100,000 later entries).
            if store.dialect == .postgres { try await store.run("SET LOCAL jit = off") }
            let checkpoint = try await Ledger.checkpoint(product: product.id, scope: scope, atOrBefore: date, on: store)
            state = try checkpoint.map { try decodeState($0.state) } ?? CostingState()
            startDate = checkpoint?.postingDate ?? ""
            startId = checkpoint?.entryId ?? 0
            existing = try await Ledger.replay(product: product.id, scope: scope, after: startDate, id: startId, on: store)
            try await Ledger.dropCheckpoints(product: product.id, scope: scope, from: date + "\u{1}", on: store)
        }
        // Existing events in order, the new ones after the last existing event of their date.
        var events: [Event] = []
        var oldAdjustments: [StockEntryRow] = []
        for e in existing {
            if e.kind == EntryKind.adjustment.rawValue { oldAdjustments.append(e); continue }
            guard let kind = EntryKind(rawValue: e.kind) else { continue }
            events.append(
                Event(
                    entryId: e.id, productId: e.productId, warehouseId: e.warehouseId, scopeKey: e.scopeKey, batch: e.batch,
                    date: e.postingDate,
                    documentId: e.documentId, lineId: e.lineId, kind: kind, qty: Quantity(units: try Checked.abs(e.qty)),
                    fixedValue: kind == .receipt ? (overrides[e.lineId] ?? Money(fen: e.value)) : nil, returnOf: e.returnOfLineId,
                    stored: e.value))
        }
        let insertAt = events.lastIndex { $0.date <= date }.map { $0 + 1 } ?? 0
        events.insert(contentsOf: newEvents, at: insertAt)

        // Cost every event.
        var values: [Int64: Money] = [:]  // line -> settled value of its costed event in this run
        var returned: [Int64: Quantity] = [:]  // original line -> quantity returned so far in this run
        var settlements: [(afterIndex: Int, settlement: Settlement)] = []
        var checkpoints: [CheckpointRow] = []
        var sinceCheckpoint = Int(head.sinceCheckpoint)
        let peekEngine = CostingEngine(
            method: method, rounding: .cny, allowNegativeStock: true, fallbackUnitCost: UnitPrice(units: product.standardCost))
        for i in events.indices {
            let e = events[i]
            let batch: String? = e.batch.isEmpty ? nil : e.batch
            switch e.kind {
            case .moveOut, .moveIn:
                // Inside the scope: the pool does not change; the value moves at the current cost.
                let v = peekEngine.peekIssueValue(e.qty, batch: batch, in: state) ?? .zero
                events[i].computed = e.kind == .moveOut ? -v.fen : v.fen
                continue
            case .adjustment:
                continue
            default:
                break
            }
            var move = StockMove(id: e.lineId, kind: .issue, quantity: e.qty, batch: batch)
            switch e.kind {
            case .receipt:
                move.kind = .receipt(value: e.fixedValue ?? .zero)
            case .gain:
                let pool = state.pools[method == .specific ? e.batch : ""]
                let v: Money =
                    (pool?.quantity.isPositive ?? false)
                    ? (peekEngine.peekIssueValue(e.qty, batch: batch, in: state) ?? .zero)
                    : try MoneyRounding.cny.value(of: e.qty, at: UnitPrice(units: product.standardCost))
                move.kind = .receipt(value: v)
            case .issue:
                move.kind = .issue
            case .returnIn, .returnOut, .reverseIn, .reverseOut:
                guard let original = e.returnOf else { throw DomainError(.conflict, code: "return_without_original") }
                let ref = try await returnReference(original, in: &returned, values: values, qty: e.qty, upTo: (startDate, startId), store)
                switch e.kind {
                case .returnIn, .reverseOut: move.kind = .salesReturn(ref)
                case .returnOut: move.kind = .purchaseReturn(ref)
                default: move.kind = .reverseReceipt(ref)
                }
            default:
                break
            }
            let costed: CostedMove
            do {
                costed = try engine.apply(move, to: &state)
            } catch {
                throw try await describe(error, product: product, event: e, store)
            }
            values[e.lineId] = costed.value
            for s in costed.settlements {
                settlements.append((i, s))
                if let v = values[s.issue] { values[s.issue] = try v + s.delta }
            }
            events[i].computed = e.kind.inbound ? costed.value.fen : -costed.value.fen
            sinceCheckpoint += 1
            if sinceCheckpoint >= checkpointEvery, let id = e.entryId {
                checkpoints.append(
                    CheckpointRow(productId: product.id, scopeKey: scope, postingDate: e.date, entryId: id, state: try encodeState(state)))
                sinceCheckpoint = 0
            }
        }

        // Write what changed.
        var balanceDelta: [String: (warehouse: Int64, batch: String, qty: Int64, value: Int64)] = [:]
        func addDelta(_ w: Int64, _ b: String, _ q: Int64, _ v: Int64) throws {
            let k = "\(w)|\(b)"
            let old = balanceDelta[k] ?? (w, b, 0, 0)
            balanceDelta[k] = (w, b, try old.qty.plus(q), try old.value.plus(v))
        }
        var lastDate = head.lastDate
        var lastId = head.lastEntryId
        var revalued: [(entry: Int64, value: Int64)] = []
        // The lines whose entries (or the entries settling them) change here: their cost is set again.
        var changedLines: Set<Int64> = []
        for e in events {
            if let id = e.entryId {
                if e.computed != e.stored {
                    revalued.append((id, e.computed))
                    changedLines.insert(e.lineId)
                    try addDelta(e.warehouseId, e.batch, 0, e.computed.minus(e.stored))
                }
                if (e.date, id) > (lastDate, lastId) { (lastDate, lastId) = (e.date, id) }
            } else {
                let signedQty = e.kind.inbound ? e.qty.units : -e.qty.units
                let id = try await Ledger.insert(
                    .init(
                        productId: e.productId, warehouseId: e.warehouseId, scopeKey: e.scopeKey, batch: e.batch,
                        postingDate: e.date, documentId: e.documentId, lineId: e.lineId, kind: e.kind.rawValue,
                        qty: signedQty, value: e.computed, settlesLineId: nil), at: ctx.nowMillis, on: store)
                try addDelta(e.warehouseId, e.batch, signedQty, e.computed)
                changedLines.insert(e.lineId)
                if (e.date, id) > (lastDate, lastId) { (lastDate, lastId) = (e.date, id) }
            }
        }
        try await Ledger.setValues(revalued, on: store)
        // Settlements made by receipts replayed here are made again below; others stand.
        let replayedLines = Set(events.map(\.lineId))
        let stale = oldAdjustments.filter { replayedLines.contains($0.lineId) }
        if !stale.isEmpty {
            try await Ledger.delete(entries: stale.map(\.id), on: store)
            for a in stale {
                try addDelta(a.warehouseId, a.batch, 0, Checked.negate(a.value))
                if let settled = a.settlesLineId { changedLines.insert(settled) }
            }
        }
        if !settlements.isEmpty {
            let issueLines = try await linesById(settlements.map(\.settlement.issue), store)
            for (index, s) in settlements {
                let receipt = events[index]
                guard let issueLine = issueLines[s.issue] else { continue }
                // The covering receipt's goods settle the issue: stock value falls by what the sale's cost rises.
                let id = try await Ledger.insert(
                    .init(
                        productId: product.id, warehouseId: issueLine.warehouseId, scopeKey: scope, batch: issueLine.batch ?? "",
                        postingDate: receipt.date, documentId: receipt.documentId, lineId: receipt.lineId,
                        kind: EntryKind.adjustment.rawValue, qty: 0, value: -s.delta.fen, settlesLineId: s.issue),
                    at: ctx.nowMillis, on: store)
                try addDelta(issueLine.warehouseId, issueLine.batch ?? "", 0, -s.delta.fen)
                changedLines.insert(s.issue)
                if (receipt.date, id) > (lastDate, lastId) { (lastDate, lastId) = (receipt.date, id) }
            }
        }
        for d in balanceDelta.values.sorted(by: { ($0.warehouse, $0.batch) < ($1.warehouse, $1.batch) }) where d.qty != 0 || d.value != 0 {
            try await Ledger.addToBalance(
                product: product.id, warehouse: d.warehouse, batch: d.batch, qty: d.qty, value: d.value, on: store)
        }
        if existing.isEmpty && settlements.isEmpty {
            // Only new events, nothing settled: each new line's cost is what its events moved.
            var costs: [Int64: Int64] = [:]
            for e in events where e.kind != .moveIn { costs[e.lineId] = try (costs[e.lineId] ?? 0).plus(Checked.abs(e.computed)) }
            for (line, cost) in costs.sorted(by: { $0.key < $1.key }) {
                try await InventoryWrites.addCost(toLine: line, cost, on: store)
            }
        } else {
            // A line none of whose entries changed keeps its cost (receipts keep theirs; under FIFO
            // a back-dated receipt moves few issues), and each line set again is two lookups.
            try await InventoryWrites.recomputeLineCosts(lines: changedLines.sorted(), on: store)
        }
        for c in checkpoints { try await Ledger.saveCheckpoint(c, on: store) }
        head.state = try encodeState(state)
        head.lastDate = lastDate
        head.lastEntryId = lastId
        head.sinceCheckpoint = Int64(sinceCheckpoint)
        try await Ledger.saveState(head, on: store)
        return !existing.isEmpty
    }

    static func linesById(_ ids: [Int64], _ store: Store) async throws -> [Int64: StockLineRow] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let rows = try await InventoryQueries.lines(ids: unique, on: store)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    /// What a return refers to: the original's quantity and value (fresh when the original was
    /// costed in this run, as of the start otherwise) and what earlier returns took back.
    static func returnReference(
        _ original: Int64, in returned: inout [Int64: Quantity], values: [Int64: Money], qty: Quantity,
        upTo start: (String, Int64), _ store: Store
    ) async throws -> ReturnOf {
        guard let line = try await InventoryQueries.line(original, on: store) else {
            throw DomainError(.conflict, code: "return_without_original")
        }
        let originalQty = Quantity(units: line.baseQty)
        let value: Money
        if let fresh = values[original] {
            value = fresh
        } else {
            let (_, v) = try await Ledger.lineValue(line: original, upTo: start.0, id: start.1, on: store)
            value = Money(fen: try Checked.abs(v))
        }
        if returned[original] == nil {
            returned[original] = Quantity(units: try await Ledger.returnedQty(of: original, upTo: start.0, id: start.1, on: store))
        }
        let before = returned[original]!
        returned[original] = try before + qty
        return ReturnOf(move: original, originalQuantity: originalQty, originalValue: value, previouslyReturned: before)
    }

    /// Turns an engine refusal into an error a person can act on.
    static func describe(_ error: any Error, product: ProductRow, event: Event, _ store: Store) async throws -> DomainError {
        let warehouse = try await InventoryQueries.warehouse(event.warehouseId, on: store)?.name ?? ""
        guard let e = error as? CostingError else { return DomainError(.conflict, code: "costing_failed", args: [product.code]) }
        switch e {
        case let .insufficientStock(available, requested):
            return DomainError(
                .conflict, code: "insufficient_stock", field: "lines",
                args: [
                    product.code, product.name, warehouse, available.description, ((try? requested - available) ?? requested).description,
                    product.baseUnit,
                ])
        case let .receiptConsumed(available, requested):
            return DomainError(
                .conflict, code: "receipt_consumed",
                args: [
                    "", product.code, product.name, warehouse, available.description,
                    ((try? requested - available) ?? requested).description, product.baseUnit,
                ])
        case .batchRequired:
            return DomainError.invalid("lines", code: "batch_required", args: [product.code])
        case .nonPositiveQuantity:
            return DomainError.invalid("lines", code: "not_positive", args: ["quantity"])
        case .overflow:
            return AmountOverflow(field: "lines").domainError
        }
    }

    /// A return is judged again when it is posted, against what has been returned by then (other
    /// drafts may have been posted since it was saved), with the lines it returns locked: two
    /// returns of one line never bring back more than went out.
    static func checkReturns(_ doc: StockDocumentRow, _ lines: [StockLineRow], _ ctx: ServiceContext) async throws {
        let originals = Array(Set(lines.compactMap(\.returnOfLineId))).sorted()
        guard !originals.isEmpty else { return }
        try await ctx.store.lock("stock_document_lines", originals)
        for r in originals {
            guard let original = try await InventoryQueries.line(r, on: ctx.store) else { continue }
            let before = try await StockDocumentService.postedReturnedQty(of: r, excludingDocument: doc.id, ctx.store)
            let now = try Quantity.sum(lines.filter { $0.returnOfLineId == r }.map { Quantity(units: $0.baseQty) })
            let left = try Quantity(units: original.baseQty) - before
            if now > left {
                let i = lines.firstIndex { $0.returnOfLineId == r } ?? 0
                let code = try await InventoryQueries.product(original.productId, on: ctx.store)?.code ?? ""
                throw DomainError.invalid("lines[\(i)].quantity", code: "return_exceeds", args: [code, max(left, .zero).description, ""])
            }
        }
    }

    /// Receipts and deliveries made against order lines count toward them; never past what was
    /// ordered (judged again here, under the row's lock: two deliveries of one line take turns).
    static func updateOrders(_ lines: [StockLineRow], sign: Int64, _ ctx: ServiceContext) async throws {
        for (i, l) in lines.enumerated() {
            guard let ol = l.orderLineId else { continue }
            let delta = try sign.times(l.baseQty)
            guard try await InventoryWrites.advance(orderLine: ol, by: delta, on: ctx.store) else {
                let line = try await InventoryQueries.orderLine(ol, on: ctx.store)
                let number = line == nil ? nil : try await InventoryQueries.order(line!.orderId, on: ctx.store)?.number
                let left = line.map { Quantity(units: max(0, $0.baseQty - min($0.doneQty, $0.baseQty))) } ?? .zero
                throw DomainError.invalid("lines[\(i)].orderLineId", code: "order_line_exceeded", args: [number ?? "", left.description])
            }
        }
        try await OrderService.refreshStatus(orderLineIds: lines.compactMap(\.orderLineId), ctx)
    }
}
