/// An amount of money in fen (1/100 of a yuan). Never floating point.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let scale = 2
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public static let zero = Money(fen: 0)

    public init(parsing text: String) throws(ScaledDecimal.ParseError) {
        fen = try ScaledDecimal.parse(text, scale: Self.scale)
    }

    /// "1234.50": the API's and the database's text form.
    public var description: String { ScaledDecimal.format(fen, scale: Self.scale, minDecimals: 2) }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    // Checked: an overflow throws, it never traps.
    public static func + (a: Money, b: Money) throws(AmountOverflow) -> Money { Money(fen: try Checked.add(a.fen, b.fen)) }
    public static func - (a: Money, b: Money) throws(AmountOverflow) -> Money { Money(fen: try Checked.subtract(a.fen, b.fen)) }
    public static prefix func - (a: Money) throws(AmountOverflow) -> Money { Money(fen: try Checked.negate(a.fen)) }
    public static func += (a: inout Money, b: Money) throws(AmountOverflow) { a.fen = try Checked.add(a.fen, b.fen) }
    public static func -= (a: inout Money, b: Money) throws(AmountOverflow) { a.fen = try Checked.subtract(a.fen, b.fen) }
    /// The sum of many amounts, checked.
    public static func sum<S: Sequence>(_ amounts: S) throws(AmountOverflow) -> Money where S.Element == Money {
        var total = Money.zero
        for m in amounts { total = try total + m }
        return total
    }
    public var isZero: Bool { fen == 0 }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { fen = try ScaledDecimal.parse(text, scale: Self.scale) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an amount with at most 2 decimals: \(text)")
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// How a computed value is rounded to money: half away from zero to a quantum of fen
/// (1 for CNY's two decimals, 100 for a currency counted in whole units).
public struct MoneyRounding: Sendable, Hashable {
    public var quantumFen: Int64
    public init(decimals: Int = 2) {
        precondition((0...2).contains(decimals))
        quantumFen = Int64(ScaledDecimal.pow10(2 - decimals))
    }
    public static let cny = MoneyRounding()

    /// round(numerator / denominator) where the fraction is in fen; the denominator is not zero.
    public func round(fenNumerator: Int128, denominator: Int128) throws(AmountOverflow) -> Money {
        let q = Int128(quantumFen)
        // Both factors fit in Int64, so neither product below leaves Int128.
        return Money(fen: try Checked.narrow(ScaledDecimal.divideRounded(fenNumerator, denominator * q) * q))
    }

    /// round(quantity x price): a receipt's value, a line's amount.
    public func value(of quantity: Quantity, at price: UnitPrice) throws(AmountOverflow) -> Money {
        // quantity has 6 decimals, price 6: the product is in 10^-12 yuan = 10^-10 fen.
        try round(fenNumerator: Int128(quantity.units) * Int128(price.units), denominator: ScaledDecimal.pow10(10))
    }

    /// round(part x value / whole): the share of a value that a part of a quantity carries.
    public func share(of value: Money, part: Quantity, whole: Quantity) throws(AmountOverflow) -> Money {
        guard whole.units != 0 else { throw AmountOverflow() }
        return try round(fenNumerator: Int128(value.fen) * Int128(part.units), denominator: Int128(whole.units))
    }
}
