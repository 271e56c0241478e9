/// A quantity in millionths of a unit: exact, never floating point. Stock is kept in the
/// product's base unit; the other units convert by exact factors.
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let scale = 6
    public static let one: Int64 = 1_000_000
    public var units: Int64

    public init(units: Int64) { self.units = units }
    /// A whole number of units (small counts: 1, 24, 1000).
    public init(_ whole: Int32) { units = Int64(whole) * Self.one }
    public static let zero = Quantity(units: 0)

    public init(parsing text: String) throws(ScaledDecimal.ParseError) {
        units = try ScaledDecimal.parse(text, scale: Self.scale)
    }

    public var description: String { ScaledDecimal.format(units, scale: Self.scale, minDecimals: 0) }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.units < b.units }
    // Checked: an overflow throws, it never traps.
    public static func + (a: Quantity, b: Quantity) throws(AmountOverflow) -> Quantity {
        Quantity(units: try Checked.add(a.units, b.units))
    }
    public static func - (a: Quantity, b: Quantity) throws(AmountOverflow) -> Quantity {
        Quantity(units: try Checked.subtract(a.units, b.units))
    }
    public static prefix func - (a: Quantity) throws(AmountOverflow) -> Quantity { Quantity(units: try Checked.negate(a.units)) }
    public static func += (a: inout Quantity, b: Quantity) throws(AmountOverflow) { a.units = try Checked.add(a.units, b.units) }
    public static func -= (a: inout Quantity, b: Quantity) throws(AmountOverflow) { a.units = try Checked.subtract(a.units, b.units) }
    /// The sum of many quantities, checked.
    public static func sum<S: Sequence>(_ quantities: S) throws(AmountOverflow) -> Quantity where S.Element == Quantity {
        var total = Quantity.zero
        for q in quantities { total = try total + q }
        return total
    }
    public var isZero: Bool { units == 0 }
    public var isPositive: Bool { units > 0 }
    public var isNegative: Bool { units < 0 }
    /// The size without the sign (the most negative value, which has no positive twin, stays as large as it can).
    public var magnitude: Quantity { Quantity(units: units == .min ? .max : (units < 0 ? -units : units)) }

    /// self x factor, refused when the result is not exact at six decimals.
    public func converted(by factor: Quantity) -> Quantity? {
        let product = Int128(units) * Int128(factor.units)
        let one = Int128(Self.one)
        guard product % one == 0, let u = Int64(exactly: product / one) else { return nil }
        return Quantity(units: u)
    }

    /// How many whole `pack`s and what is left: "3 cases 5 bags".
    public func split(into pack: Quantity) -> (packs: Int64, loose: Quantity) {
        guard pack.units > 0 else { return (0, self) }
        return (units / pack.units, Quantity(units: units % pack.units))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { units = try ScaledDecimal.parse(text, scale: Self.scale) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a quantity with at most 6 decimals: \(text)")
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A price or cost per unit, in millionths of a yuan. Unit prices are entered, never derived
/// by rounding: a derived unit cost is value / quantity and stays a fraction.
public struct UnitPrice: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let scale = 6
    public var units: Int64
    public init(units: Int64) { self.units = units }
    public init(yuan: Int32) { units = Int64(yuan) * 1_000_000 }
    public static let zero = UnitPrice(units: 0)

    public init(parsing text: String) throws(ScaledDecimal.ParseError) {
        units = try ScaledDecimal.parse(text, scale: Self.scale)
    }
    public var description: String { ScaledDecimal.format(units, scale: Self.scale, minDecimals: 2) }
    public static func < (a: UnitPrice, b: UnitPrice) -> Bool { a.units < b.units }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { units = try ScaledDecimal.parse(text, scale: Self.scale) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a price with at most 6 decimals: \(text)")
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// value / quantity shown with four decimals, for display only.
    public static func display(value: Money, per quantity: Quantity) -> String {
        guard quantity.units != 0 else { return "-" }
        // fen * 10^6 / qtyUnits = fen per unit; want yuan with 4 decimals = fen * 100.
        let tenThousandths = ScaledDecimal.divideRounded(Int128(value.fen) * 100 * Int128(Quantity.one), Int128(quantity.units))
        return ScaledDecimal.format(tenThousandths, scale: 4, minDecimals: 4)
    }
}
