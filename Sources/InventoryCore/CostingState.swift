import Kernel

/// A FIFO or LIFO layer: what one inbound move left in stock.
public struct CostLayer: Sendable, Hashable, Codable {
    public var source: Int64
    public var quantity: Quantity
    public var value: Money
}

/// Stock issued without stock on hand, valued provisionally, waiting for a receipt to cover it.
public struct PendingShortage: Sendable, Hashable, Codable {
    public var issue: Int64
    public var quantity: Quantity
    public var provisionalValue: Money
}

/// One costing position: the whole product in a scope, or one batch under specific identification.
public struct CostPool: Sendable, Hashable, Codable {
    /// Signed: negative while shortages are pending.
    public var quantity: Quantity = .zero
    public var value: Money = .zero
    /// FIFO and LIFO only, oldest first.
    public var layers: [CostLayer] = []
    public var shortages: [PendingShortage] = []
    /// The last known unit cost (value per quantity), for issues made without stock.
    public var lastRateValue: Money = .zero
    public var lastRateQuantity: Quantity = .zero

    public init() {}
}

/// The whole costing state of one product in one scope. Codable so that checkpoints can be stored.
public struct CostingState: Sendable, Hashable, Codable {
    public var pools: [String: CostPool] = [:]
    public init() {}

    public var quantity: Quantity { get throws(AmountOverflow) { try Quantity.sum(pools.values.map(\.quantity)) } }
    public var value: Money { get throws(AmountOverflow) { try Money.sum(pools.values.map(\.value)) } }
}
