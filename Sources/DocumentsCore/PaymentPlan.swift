import Kernel

/// 回款计划: a contract's installments. They fall due in date order and add up to the contract's
/// amount exactly; an installment keeps what was already collected on it.
public enum PaymentPlan {
    public static let maxInstallments = 120

    public struct Installment: Sendable, Equatable {
        public var dueDate: String
        public var amount: Money
        public init(dueDate: String, amount: Money) {
            self.dueDate = dueDate
            self.amount = amount
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooMany(limit: Int)
        case datesOutOfOrder
        case notTotal(planned: Money, total: Money)
        /// The installment at `index` would fall under what it has collected.
        case belowCollected(index: Int, collected: Money)
        /// Installment number `seq` holds collections and the new plan drops it.
        case dropsCollected(seq: Int)
    }

    /// A new plan for a contract of `total`, given what the current installments have collected
    /// (by position: the first is installment 1).
    public static func check(_ plan: [Installment], total: Money, collected: [Money] = []) throws(Problem) {
        guard !plan.isEmpty else { throw .empty }
        guard plan.count <= maxInstallments else { throw .tooMany(limit: maxInstallments) }
        let dates = plan.map(\.dueDate)
        guard dates == dates.sorted() else { throw .datesOutOfOrder }
        try agrees(plan.map(\.amount), total: total)
        for (i, c) in collected.enumerated() where c.fen != 0 {
            guard i < plan.count else { throw .dropsCollected(seq: i + 1) }
            guard plan[i].amount >= c else { throw .belowCollected(index: i, collected: c) }
        }
    }

    /// A plan that exists must add up to the contract's amount (checked again when the contract is
    /// submitted, since its lines may have changed); no plan at all is allowed.
    public static func agrees(_ amounts: [Money], total: Money) throws(Problem) {
        guard !amounts.isEmpty else { return }
        var sum = 0 as Int128
        for a in amounts { sum += Int128(a.fen) }
        guard sum == Int128(total.fen) else {
            throw .notTotal(planned: Money(fen: Int64(clamping: sum)), total: total)
        }
    }
}
