import Kernel

/// Replays a run of moves from a starting state (a checkpoint, or nothing), in posting order.
/// Returns refer to moves by id. The caller gives a return's original value as it stood at the
/// start state; when the original was replayed in this run, or a receipt in this run settled a
/// shortage onto it, the fresh value is used instead, so a back-dated change flows through returns.
public struct CostingReplay: Sendable {
    public var engine: CostingEngine
    public init(engine: CostingEngine) { self.engine = engine }

    public struct Outcome: Sendable {
        public var state: CostingState
        public var costed: [CostedMove]
        /// Settled value of every issue in the run: its own value plus what later receipts in
        /// the run settled onto it.
        public var settledValues: [Int64: Money]
    }

    public func run(from start: CostingState = CostingState(), moves: [StockMove]) throws(CostingError) -> Outcome {
        var state = start
        var costed: [CostedMove] = []
        costed.reserveCapacity(moves.count)
        var values: [Int64: Money] = [:]
        var outsideDeltas: [Int64: Money] = [:]
        func fresh(_ original: ReturnOf) throws(CostingError) -> Money {
            if let v = values[original.move] { return v }
            return try original.originalValue.plus(outsideDeltas[original.move] ?? .zero)
        }
        for var move in moves {
            switch move.kind {
            case .salesReturn(var original):
                original.originalValue = try fresh(original)
                move.kind = .salesReturn(original)
            case .purchaseReturn(var original):
                original.originalValue = try fresh(original)
                move.kind = .purchaseReturn(original)
            case .reverseReceipt(var original):
                original.originalValue = values[original.move] ?? original.originalValue
                move.kind = .reverseReceipt(original)
            default:
                break
            }
            let result = try engine.apply(move, to: &state)
            values[move.id] = result.value
            for s in result.settlements {
                if let before = values[s.issue] {
                    values[s.issue] = try before.plus(s.delta)
                } else {
                    outsideDeltas[s.issue] = try (outsideDeltas[s.issue] ?? .zero).plus(s.delta)
                }
            }
            costed.append(result)
        }
        return Outcome(state: state, costed: costed, settledValues: values)
    }
}
