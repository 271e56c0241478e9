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
}
