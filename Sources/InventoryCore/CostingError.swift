import Kernel

public enum CostingError: Error, Sendable, Hashable {
    /// Not enough stock and negative stock is not allowed.
    case insufficientStock(available: Quantity, requested: Quantity)
    /// Specific identification needs the batch on every move.
    case batchRequired
    /// A quantity must be positive.
    case nonPositiveQuantity
    /// A receipt cannot be cancelled: part of what it brought has left.
    case receiptConsumed(available: Quantity, requested: Quantity)
    /// A quantity or value too large to hold exactly.
    case overflow
}

/// The engine's arithmetic: checked, and failing as a costing error.
extension Quantity {
    func plus(_ o: Quantity) throws(CostingError) -> Quantity {
        do { return try self + o } catch { throw .overflow }
    }
    func minus(_ o: Quantity) throws(CostingError) -> Quantity {
        do { return try self - o } catch { throw .overflow }
    }
}

extension Money {
    func plus(_ o: Money) throws(CostingError) -> Money {
        do { return try self + o } catch { throw .overflow }
    }
    func minus(_ o: Money) throws(CostingError) -> Money {
        do { return try self - o } catch { throw .overflow }
    }
}

extension MoneyRounding {
    func shareOf(_ value: Money, part: Quantity, whole: Quantity) throws(CostingError) -> Money {
        do { return try share(of: value, part: part, whole: whole) } catch { throw .overflow }
    }
    func valueOf(_ quantity: Quantity, at price: UnitPrice) throws(CostingError) -> Money {
        do { return try value(of: quantity, at: price) } catch { throw .overflow }
    }
}
