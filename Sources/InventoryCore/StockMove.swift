import Kernel

/// One movement of one product in one costing scope, as the costing engine sees it:
/// quantities in the base unit, always positive; the kind says the direction.
public struct StockMove: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Goods in at a known value: a purchase receipt, other receipt, count gain, transfer in.
        /// The value is round(entered quantity x entered unit cost), made by the caller.
        case receipt(value: Money)
        /// Goods out at cost: a delivery, other issue, count loss, transfer out.
        case issue
        /// A customer sends back goods of an earlier issue: they return with the value they left with.
        case salesReturn(ReturnOf)
        /// Goods go back to the supplier of an earlier receipt.
        case purchaseReturn(ReturnOf)
        /// A cancelled receipt leaves exactly as it came (its layer, its value); refused when
        /// the goods are no longer there.
        case reverseReceipt(ReturnOf)
    }

    public var id: Int64
    public var kind: Kind
    public var quantity: Quantity
    public var batch: String?

    public init(id: Int64, kind: Kind, quantity: Quantity, batch: String? = nil) {
        self.id = id
        self.kind = kind
        self.quantity = quantity
        self.batch = batch
    }

    public var isInbound: Bool {
        switch kind {
        case .receipt, .salesReturn: true
        case .issue, .purchaseReturn, .reverseReceipt: false
        }
    }
}

/// What a return refers to: the original move, its quantity and settled value, and how much of
/// it earlier returns already took back (so that partial returns add up to the whole exactly).
public struct ReturnOf: Sendable, Hashable {
    public var move: Int64
    public var originalQuantity: Quantity
    public var originalValue: Money
    public var previouslyReturned: Quantity

    public init(move: Int64, originalQuantity: Quantity, originalValue: Money, previouslyReturned: Quantity = .zero) {
        self.move = move
        self.originalQuantity = originalQuantity
        self.originalValue = originalValue
        self.previouslyReturned = previouslyReturned
    }
}

/// The engine's answer for one move.
public struct CostedMove: Sendable, Hashable {
    public var move: Int64
    /// The value of the move itself, positive: what came in or what went out.
    public var value: Money
    /// Quantity that was issued without stock (only when negative stock is allowed).
    public var shortage: Quantity
    /// Cost corrections this receipt settles onto earlier issues that went negative:
    /// each adds `delta` to that issue's cost of goods.
    public var settlements: [Settlement]

    public init(move: Int64, value: Money, shortage: Quantity = .zero, settlements: [Settlement] = []) {
        self.move = move
        self.value = value
        self.shortage = shortage
        self.settlements = settlements
    }
}

public struct Settlement: Sendable, Hashable, Codable {
    public var issue: Int64
    public var delta: Money
    public init(issue: Int64, delta: Money) {
        self.issue = issue
        self.delta = delta
    }
}
