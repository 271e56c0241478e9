/// When stock counts as near expiry (临期). The bands follow the ones Chinese food regulators ask
/// shops to use: the longer the shelf life, the earlier a batch is flagged. Below sixteen days the
/// rule leaves it to the business; a third of the shelf life (at least a day) keeps fresh milk of
/// seven days flagged for its last two.
public enum ShelfLife {
    /// Days before expiry from which a batch is near expiry; `defaultDays` when the shelf life is unknown.
    public static func warningDays(shelfLifeDays: Int64?, defaultDays: Int64 = 30) -> Int64 {
        guard let d = shelfLifeDays, d > 0 else { return defaultDays }
        switch d {
        case 365...: return 45
        case 180..<365: return 20
        case 90..<180: return 15
        case 30..<90: return 10
        case 16..<30: return 5
        default: return max(1, d / 3)
        }
    }

    /// Where a batch stands on `today`: expired, near expiry (with the days left), or fresh.
    public enum State: String, Sendable, Equatable { case expired, near, fresh }

    public static func state(expiry: Int64, today: Int64, warningDays: Int64) -> State {
        if expiry < today { return .expired }
        return expiry - today <= warningDays ? .near : .fresh
    }
}
