import Kernel

/// 增值税 as our prices carry it: every amount a person types or sees on a sales or purchase
/// line is gross (tax included); the tax inside it is taken out at the line's rate, rounded half
/// away from zero to the fen. Rates are in hundredths of a percent (1300 = 13%).
public enum VAT {
    public static let maxRate: Int64 = 10000

    /// The tax inside a gross amount.
    public static func included(in gross: Money, rate: Int64) throws(AmountOverflow) -> Money {
        try MoneyRounding.cny.round(fenNumerator: Int128(gross.fen) * Int128(rate), denominator: Int128(10000 + rate))
    }

    /// A gross amount without its tax.
    public static func net(of gross: Money, rate: Int64) throws(AmountOverflow) -> Money {
        try gross - included(in: gross, rate: rate)
    }
}

/// 毛利: revenue net of VAT less the cost of the goods sold. The one definition every report uses
/// (contract progress, the margins report, branch results, the head-office dashboard).
public struct GrossMargin: Sendable, Equatable {
    public let revenue: Money
    public let costOfGoods: Money
    public let margin: Money

    /// From revenue already net of VAT.
    public init(netRevenue: Money, costOfGoods: Money) throws(AmountOverflow) {
        revenue = netRevenue
        self.costOfGoods = costOfGoods
        margin = try netRevenue - costOfGoods
    }

    /// From a gross (tax-included) amount and its rate.
    public init(grossRevenue: Money, taxRate: Int64, costOfGoods: Money) throws(AmountOverflow) {
        try self.init(netRevenue: VAT.net(of: grossRevenue, rate: taxRate), costOfGoods: costOfGoods)
    }

    /// The margin as a share of net revenue, in hundredths of a percent; nil without revenue.
    public var rate: Int64? {
        guard revenue.fen != 0 else { return nil }
        return Int64(clamping: ScaledDecimal.divideRounded(Int128(margin.fen) * 10000, Int128(revenue.fen)))
    }
}
