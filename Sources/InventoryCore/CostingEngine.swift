import Kernel

/// The costing rules of DESIGN.md section 5, as a pure function of a state and a move.
/// Values are rounded once per move, half away from zero; unit costs are never rounded.
public struct CostingEngine: Sendable {
    public var method: CostingMethod
    public var rounding: MoneyRounding
    public var allowNegativeStock: Bool
    /// The product's standard cost, used when stock goes negative before any cost is known.
    public var fallbackUnitCost: UnitPrice?

    public init(method: CostingMethod, rounding: MoneyRounding = .cny, allowNegativeStock: Bool = false, fallbackUnitCost: UnitPrice? = nil)
    {
        self.method = method
        self.rounding = rounding
        self.allowNegativeStock = allowNegativeStock
        self.fallbackUnitCost = fallbackUnitCost
    }

    /// Applies one move; on error the state is left exactly as it was.
    public func apply(_ move: StockMove, to state: inout CostingState) throws(CostingError) -> CostedMove {
        guard move.quantity.isPositive else { throw .nonPositiveQuantity }
        let key: String
        if method == .specific {
            guard let batch = move.batch, !batch.isEmpty else { throw .batchRequired }
            key = batch
        } else {
            key = ""
        }
        var pool = state.pools[key] ?? CostPool()
        let result: CostedMove
        switch move.kind {
        case .receipt(let value):
            result = try receive(move.id, move.quantity, value, into: &pool)
        case .salesReturn(let original):
            result = try receive(move.id, move.quantity, try returnedValue(move.quantity, of: original), into: &pool)
        case .issue:
            result = try issue(move.id, move.quantity, from: &pool)
        case .reverseReceipt(let original):
            result = try reverseReceipt(move.id, move.quantity, of: original, from: &pool)
        case .purchaseReturn(let original):
            if method == .fifo || method == .lifo {
                result = try returnToSupplier(move.id, move.quantity, of: original, from: &pool)
            } else {
                result = try issue(move.id, move.quantity, from: &pool)
            }
        }
        state.pools[key] = pool
        return result
    }

    /// The cost an issue of `quantity` would take now, without taking it (for transfers
    /// inside one scope, which move value between warehouses but leave the pool as it is).
    public func peekIssueValue(_ quantity: Quantity, batch: String?, in state: CostingState) -> Money? {
        var copy = state
        return try? apply(StockMove(id: -1, kind: .issue, quantity: quantity, batch: batch), to: &copy).value
    }

    // MARK: - Inbound

    /// The value a return carries back: cumulative shares telescope, so partial returns of one
    /// issue add up to exactly its value.
    func returnedValue(_ quantity: Quantity, of original: ReturnOf) throws(CostingError) -> Money {
        let before = original.previouslyReturned
        let after = try before.plus(quantity)
        guard original.originalQuantity.isPositive else { return .zero }
        let shareAfter =
            after >= original.originalQuantity
            ? original.originalValue
            : try rounding.shareOf(original.originalValue, part: after, whole: original.originalQuantity)
        let shareBefore = try rounding.shareOf(original.originalValue, part: before, whole: original.originalQuantity)
        return try shareAfter.minus(shareBefore)
    }

    func receive(_ id: Int64, _ quantity: Quantity, _ value: Money, into pool: inout CostPool) throws(CostingError) -> CostedMove {
        var remainingQuantity = quantity
        var remainingValue = value
        var settlements: [Settlement] = []
        // First cover what was issued without stock, at this receipt's cost.
        while remainingQuantity.isPositive, !pool.shortages.isEmpty {
            var shortage = pool.shortages[0]
            let covered = min(shortage.quantity, remainingQuantity)
            let actual =
                covered == remainingQuantity
                ? remainingValue
                : try rounding.shareOf(remainingValue, part: covered, whole: remainingQuantity)
            let provisional =
                covered == shortage.quantity
                ? shortage.provisionalValue
                : try rounding.shareOf(shortage.provisionalValue, part: covered, whole: shortage.quantity)
            if actual != provisional {
                settlements.append(Settlement(issue: shortage.issue, delta: try actual.minus(provisional)))
            }
            shortage.quantity = try shortage.quantity.minus(covered)
            shortage.provisionalValue = try shortage.provisionalValue.minus(provisional)
            if shortage.quantity.isZero { pool.shortages.removeFirst() } else { pool.shortages[0] = shortage }
            pool.quantity = try pool.quantity.plus(covered)
            pool.value = try pool.value.plus(provisional)
            remainingQuantity = try remainingQuantity.minus(covered)
            remainingValue = try remainingValue.minus(actual)
        }
        if remainingQuantity.isPositive {
            pool.quantity = try pool.quantity.plus(remainingQuantity)
            pool.value = try pool.value.plus(remainingValue)
            if method == .fifo || method == .lifo {
                pool.layers.append(CostLayer(source: id, quantity: remainingQuantity, value: remainingValue))
            }
        }
        // A positive value left after covering shortages belongs to the goods: keep layers and
        // the pool in step even if the covered shortages carried the whole receipt.
        if pool.quantity.isZero, pool.shortages.isEmpty, !pool.value.isZero, method != .fifo, method != .lifo {
            // Cannot happen: covered parts restore exactly their provisional values.
            assertionFailure("pool of zero quantity kept value \(pool.value)")
        }
        pool.lastRateValue = value
        pool.lastRateQuantity = quantity
        if method == .movingAverage || method == .specific, pool.quantity.isPositive {
            pool.lastRateValue = pool.value
            pool.lastRateQuantity = pool.quantity
        }
        return CostedMove(move: id, value: value, settlements: settlements)
    }

    // MARK: - Outbound

    func issue(_ id: Int64, _ quantity: Quantity, from pool: inout CostPool) throws(CostingError) -> CostedMove {
        let available = max(pool.quantity, .zero)
        let taken = min(quantity, available)
        let missing = try quantity.minus(taken)
        if missing.isPositive, !allowNegativeStock {
            throw .insufficientStock(available: available, requested: quantity)
        }
        var value = Money.zero
        var rateValue = pool.lastRateValue
        var rateQuantity = pool.lastRateQuantity
        if taken.isPositive {
            switch method {
            case .movingAverage, .specific:
                rateValue = pool.value
                rateQuantity = pool.quantity
                value = taken == pool.quantity ? pool.value : try rounding.shareOf(pool.value, part: taken, whole: pool.quantity)
                pool.quantity = try pool.quantity.minus(taken)
                pool.value = try pool.value.minus(value)
            case .fifo, .lifo:
                var left = taken
                while left.isPositive {
                    let index = method == .fifo ? 0 : pool.layers.count - 1
                    var layer = pool.layers[index]
                    rateValue = layer.value
                    rateQuantity = layer.quantity
                    if layer.quantity <= left {
                        value = try value.plus(layer.value)
                        left = try left.minus(layer.quantity)
                        pool.layers.remove(at: index)
                    } else {
                        let part = try rounding.shareOf(layer.value, part: left, whole: layer.quantity)
                        value = try value.plus(part)
                        layer.quantity = try layer.quantity.minus(left)
                        layer.value = try layer.value.minus(part)
                        pool.layers[index] = layer
                        left = .zero
                    }
                }
                pool.quantity = try pool.quantity.minus(taken)
                pool.value = try pool.value.minus(value)
            }
        }
        if missing.isPositive {
            let provisional: Money
            if rateQuantity.isPositive {
                provisional = try rounding.shareOf(rateValue, part: missing, whole: rateQuantity)
            } else if let fallback = fallbackUnitCost {
                provisional = try rounding.valueOf(missing, at: fallback)
            } else {
                provisional = .zero
            }
            pool.shortages.append(PendingShortage(issue: id, quantity: missing, provisionalValue: provisional))
            pool.quantity = try pool.quantity.minus(missing)
            pool.value = try pool.value.minus(provisional)
            value = try value.plus(provisional)
        }
        if rateQuantity.isPositive {
            pool.lastRateValue = rateValue
            pool.lastRateQuantity = rateQuantity
        }
        return CostedMove(move: id, value: value, shortage: missing)
    }

    /// Takes out exactly what a receipt brought in. Under FIFO and LIFO its layer must still be
    /// whole; under average costing the pool must still hold the quantity.
    func reverseReceipt(
        _ id: Int64, _ quantity: Quantity, of original: ReturnOf, from pool: inout CostPool
    ) throws(CostingError) -> CostedMove {
        let value = try returnedValue(quantity, of: original)
        if method == .fifo || method == .lifo {
            guard let index = pool.layers.firstIndex(where: { $0.source == original.move }), pool.layers[index].quantity >= quantity else {
                let left = pool.layers.first(where: { $0.source == original.move })?.quantity ?? .zero
                throw .receiptConsumed(available: left, requested: quantity)
            }
            var layer = pool.layers[index]
            let layerValue = layer.quantity == quantity ? layer.value : value
            layer.quantity = try layer.quantity.minus(quantity)
            layer.value = try layer.value.minus(layerValue)
            if layer.quantity.isZero { pool.layers.remove(at: index) } else { pool.layers[index] = layer }
            pool.quantity = try pool.quantity.minus(quantity)
            pool.value = try pool.value.minus(layerValue)
            return CostedMove(move: id, value: layerValue)
        }
        guard pool.quantity >= quantity else { throw .receiptConsumed(available: max(pool.quantity, .zero), requested: quantity) }
        // Taking the exact receipt value out of an average pool must not leave value without goods.
        let taken = pool.quantity == quantity ? pool.value : value
        pool.quantity = try pool.quantity.minus(quantity)
        pool.value = try pool.value.minus(taken)
        return CostedMove(move: id, value: taken)
    }

    /// FIFO and LIFO: goods go back from the layer of the receipt they came with, at its cost;
    /// what that layer no longer holds leaves in the method's normal order.
    func returnToSupplier(
        _ id: Int64, _ quantity: Quantity, of original: ReturnOf, from pool: inout CostPool
    ) throws(CostingError) -> CostedMove {
        guard let index = pool.layers.firstIndex(where: { $0.source == original.move }) else {
            return try issue(id, quantity, from: &pool)
        }
        var layer = pool.layers[index]
        let fromLayer = min(layer.quantity, quantity)
        let value = fromLayer == layer.quantity ? layer.value : try rounding.shareOf(layer.value, part: fromLayer, whole: layer.quantity)
        let rest = try quantity.minus(fromLayer)
        if rest.isPositive, !allowNegativeStock, try pool.quantity.minus(fromLayer) < rest {
            throw .insufficientStock(available: max(pool.quantity, .zero), requested: quantity)
        }
        layer.quantity = try layer.quantity.minus(fromLayer)
        layer.value = try layer.value.minus(value)
        if layer.quantity.isZero { pool.layers.remove(at: index) } else { pool.layers[index] = layer }
        pool.quantity = try pool.quantity.minus(fromLayer)
        pool.value = try pool.value.minus(value)
        guard rest.isPositive else { return CostedMove(move: id, value: value) }
        let more = try issue(id, rest, from: &pool)
        return CostedMove(move: id, value: try value.plus(more.value), shortage: more.shortage)
    }
}
