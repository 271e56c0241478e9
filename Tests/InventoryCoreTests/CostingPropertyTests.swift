import Foundation
import InventoryCore
import Kernel
import PropertyBased
import Testing

/// Random receipt, issue and return sequences for every method: the books always add up,
/// and replaying from a stored checkpoint gives exactly what a recomputation from scratch gives.
struct CostingPropertyTests {
    typealias Raw = (Int, Int, Int, Int)
    static let rawMoves = zip(Gen.int(in: 0...9), Gen.int(in: 1...40), Gen.int(in: 0...90_000), Gen.int(in: 0...2)).array(of: 1...60)

    /// Turns raw numbers into a valid sequence: returns refer to earlier moves of the right kind
    /// and never return more than was moved.
    static func moves(_ raw: [Raw], method: CostingMethod, firstId: Int64 = 1) throws -> [StockMove] {
        var result: [StockMove] = []
        var receipts: [(id: Int64, qty: Quantity, left: Quantity, batch: String?)] = []
        var issues: [(id: Int64, qty: Quantity, left: Quantity, batch: String?)] = []
        for (offset, r) in raw.enumerated() {
            let id = firstId + Int64(offset)
            let qty = Quantity(units: Int64(r.1) * 250_000)  // quarters of a unit
            let batch: String? = method == .specific ? "B\(r.3)" : nil
            switch r.0 {
            case 0...3:
                let value = try MoneyRounding.cny.value(of: qty, at: UnitPrice(units: Int64(r.2) * 100))
                result.append(StockMove(id: id, kind: .receipt(value: value), quantity: qty, batch: batch))
                receipts.append((id, qty, qty, batch))
            case 4...6:
                result.append(StockMove(id: id, kind: .issue, quantity: qty, batch: batch))
                issues.append((id, qty, qty, batch))
            case 7...8 where !issues.isEmpty:
                let i = r.2 % issues.count
                let back = min(qty, issues[i].left)
                guard back.isPositive else { continue }
                let of = ReturnOf(
                    move: issues[i].id, originalQuantity: issues[i].qty, originalValue: .zero,
                    previouslyReturned: try issues[i].qty - issues[i].left)
                try issues[i].left -= back
                result.append(StockMove(id: id, kind: .salesReturn(of), quantity: back, batch: issues[i].batch))
            case 9 where !receipts.isEmpty:
                let i = r.2 % receipts.count
                let back = min(qty, receipts[i].left)
                guard back.isPositive else { continue }
                let of = ReturnOf(
                    move: receipts[i].id, originalQuantity: receipts[i].qty, originalValue: .zero,
                    previouslyReturned: try receipts[i].qty - receipts[i].left)
                try receipts[i].left -= back
                result.append(StockMove(id: id, kind: .purchaseReturn(of), quantity: back, batch: receipts[i].batch))
            default:
                continue
            }
        }
        return result
    }

    /// Applies moves one by one, skipping those refused for lack of stock, as posting would.
    static func post(_ moves: [StockMove], engine: CostingEngine) -> (CostingState, [StockMove], [CostedMove]) {
        var state = CostingState()
        var accepted: [StockMove] = []
        var costed: [CostedMove] = []
        var values: [Int64: Money] = [:]
        for var m in moves {
            switch m.kind {
            case .salesReturn(var of):
                guard let v = values[of.move] else { continue }
                of.originalValue = v
                m.kind = .salesReturn(of)
            case .purchaseReturn(var of):
                guard let v = values[of.move] else { continue }
                of.originalValue = v
                m.kind = .purchaseReturn(of)
            default: break
            }
            do {
                let c = try engine.apply(m, to: &state)
                values[m.id] = c.value
                for s in c.settlements { if let v = values[s.issue] { values[s.issue] = try v + s.delta } }
                accepted.append(m)
                costed.append(c)
            } catch {
                // Refused for lack of stock: nothing changed, as the post would write nothing.
                guard case CostingError.insufficientStock = error, !engine.allowNegativeStock else {
                    Issue.record("unexpected \(error)")
                    continue
                }
            }
        }
        return (state, accepted, costed)
    }

    static func checkBooks(_ state: CostingState, _ moves: [StockMove], _ costed: [CostedMove], method: CostingMethod) throws {
        var quantity = Quantity.zero
        var value = Money.zero
        for (m, c) in zip(moves, costed) {
            try quantity += m.isInbound ? m.quantity : -m.quantity
            try value += m.isInbound ? c.value : -c.value
            for s in c.settlements { try value -= s.delta }
        }
        #expect(try state.quantity == quantity, "quantity on hand = sum of entries")
        #expect(try state.value == value, "value on hand = sum of entry values")
        for (batch, pool) in state.pools {
            if pool.quantity.isZero { #expect(pool.value.isZero, "zero quantity has zero value (pool \(batch))") }
            if method == .fifo || method == .lifo {
                let layerQty = try Quantity.sum(pool.layers.map(\.quantity)) - Quantity.sum(pool.shortages.map(\.quantity))
                let layerValue = try Money.sum(pool.layers.map(\.value)) - Money.sum(pool.shortages.map(\.provisionalValue))
                #expect(layerQty == pool.quantity, "layers add up to the quantity")
                #expect(layerValue == pool.value, "layers add up to the value")
                #expect(pool.layers.allSatisfy { $0.quantity.isPositive }, "no empty or negative layer")
            }
            if !pool.shortages.isEmpty { #expect(pool.quantity <= .zero, "shortages only while stock is not positive") }
        }
    }

    @Test(arguments: CostingMethod.allCases, [false, true])
    func booksAlwaysAddUp(method: CostingMethod, allowNegative: Bool) async {
        let engine = CostingEngine(method: method, allowNegativeStock: allowNegative, fallbackUnitCost: UnitPrice(yuan: 7))
        await propertyCheck(count: 200, input: Self.rawMoves) { raw in
            let (state, accepted, costed) = Self.post(try Self.moves(raw, method: method), engine: engine)
            try Self.checkBooks(state, accepted, costed, method: method)
            if !allowNegative { #expect(state.pools.values.allSatisfy { $0.quantity >= .zero && $0.shortages.isEmpty }) }
        }
    }

    /// Gives returns whose original lies before a checkpoint the original's value as it stood there.
    static func asOf(_ values: [Int64: Money], _ moves: [StockMove]) -> [StockMove] {
        moves.map { m in
            var m = m
            switch m.kind {
            case .salesReturn(var of):
                if let v = values[of.move] { of.originalValue = v }
                m.kind = .salesReturn(of)
            case .purchaseReturn(var of):
                if let v = values[of.move] { of.originalValue = v }
                m.kind = .purchaseReturn(of)
            default: break
            }
            return m
        }
    }

    /// Posting remembers a state under the text it was stored as and answers that state for the
    /// text without decoding it (`StockPosting.decodeState`): the text must decode to the same state.
    @Test(arguments: CostingMethod.allCases)
    func storedStateTextDecodesToTheSameState(method: CostingMethod) async {
        let engine = CostingEngine(method: method, allowNegativeStock: true, fallbackUnitCost: UnitPrice(yuan: 3))
        await propertyCheck(count: 200, input: Self.rawMoves) { raw in
            let (state, _, _) = Self.post(try Self.moves(raw, method: method), engine: engine)
            let text = try CompactJSON.string(state)
            #expect(try JSONDecoder().decode(CostingState.self, from: Data(text.utf8)) == state)
        }
    }

    @Test(arguments: CostingMethod.allCases)
    func backdatedInsertReplayedFromCheckpointEqualsFullRecomputation(method: CostingMethod) async {
        let engine = CostingEngine(method: method, allowNegativeStock: true, fallbackUnitCost: UnitPrice(yuan: 3))
        let input = zip(Self.rawMoves, Gen.int(in: 0...1000), Gen.int(in: 1...40), Gen.int(in: 0...90_000))
        await propertyCheck(count: 200, input: input) { raw, at, qty, cost in
            let (_, history, _) = Self.post(try Self.moves(raw, method: method), engine: engine)
            let position = history.isEmpty ? 0 : at % (history.count + 1)
            let q = Quantity(Int32(qty))
            let late = StockMove(
                id: 10_000, kind: .receipt(value: try MoneyRounding.cny.value(of: q, at: UnitPrice(units: Int64(cost) * 100))),
                quantity: q, batch: method == .specific ? "B\(cost % 3)" : nil)
            var full = history
            full.insert(late, at: position)
            let replay = CostingReplay(engine: engine)
            guard let fromScratch = try? replay.run(moves: full) else {
                Issue.record("full recomputation failed")
                return
            }
            // The checkpoint is stored as JSON in the database: replay from its decoded form.
            guard let before = try? replay.run(moves: Array(history[..<position])),
                let data = try? JSONEncoder().encode(before.state),
                let checkpoint = try? JSONDecoder().decode(CostingState.self, from: data),
                let incremental = try? replay.run(from: checkpoint, moves: Self.asOf(before.settledValues, Array(full[position...])))
            else {
                Issue.record("incremental replay failed")
                return
            }
            #expect(incremental.state == fromScratch.state)
            #expect(incremental.costed == Array(fromScratch.costed[position...]))
        }
    }
}
