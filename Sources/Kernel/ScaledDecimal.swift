/// Exact decimal arithmetic on scaled integers. Money, quantities and prices are all
/// integers counted in a fixed fraction of their unit; this file holds the parsing,
/// formatting and rounding they share, so no value ever passes through floating point.
public enum ScaledDecimal {
    public static func pow10(_ n: Int) -> Int128 {
        var r: Int128 = 1
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// numerator / denominator rounded half away from zero ("half-up" for money).
    public static func divideRounded(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        precondition(denominator != 0, "division by zero")
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        var q = n / d
        let r = n % d
        if r * 2 >= d { q += 1 }
        let result = Int128(q)
        return negative ? -result : result
    }

    public enum ParseError: Error, Equatable, Sendable {
        case notANumber
        case tooManyDecimals(allowed: Int)
        case outOfRange
    }

    /// Parses "-1234.5" into 1234.5 x 10^scale exactly. Refuses exponents, spaces inside,
    /// and more decimals than `scale`.
    public static func parse(_ text: String, scale: Int) throws(ParseError) -> Int64 {
        var s = Substring(text.trimmingCharactersWhitespace())
        guard !s.isEmpty else { throw .notANumber }
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPart = parts[0]
        let fracPart = parts.count > 1 ? parts[1] : ""
        guard !(intPart.isEmpty && fracPart.isEmpty) else { throw .notANumber }
        guard intPart.allSatisfy({ $0.isASCII && $0.isNumber }), fracPart.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .notANumber
        }
        // Trailing zeros beyond the scale are harmless ("1.500" at scale 2).
        var frac = String(fracPart)
        while frac.count > scale, frac.last == "0" { frac.removeLast() }
        guard frac.count <= scale else { throw .tooManyDecimals(allowed: scale) }
        frac += String(repeating: "0", count: scale - frac.count)
        guard intPart.count <= 18 else { throw .outOfRange }
        let whole = Int128(intPart.isEmpty ? "0" : String(intPart))!
        let fraction = Int128(frac.isEmpty ? "0" : frac)!
        let value = whole * pow10(scale) + fraction
        guard let v = Int64(exactly: negative ? -value : value) else { throw .outOfRange }
        return v
    }

    /// Formats with exactly `minDecimals` decimals, more only when they are not zero, up to `scale`.
    public static func format(_ units: Int64, scale: Int, minDecimals: Int) -> String {
        let negative = units < 0
        let magnitude = units.magnitude
        let p = UInt64(pow10(scale))
        let whole = magnitude / p
        var frac = scale > 0 ? String(magnitude % p) : ""
        if scale > 0 { frac = String(repeating: "0", count: scale - frac.count) + frac }
        while frac.count > minDecimals, frac.last == "0" { frac.removeLast() }
        var out = negative ? "-" : ""
        out += String(whole)
        if !frac.isEmpty { out += "." + frac }
        return out
    }
}

extension String {
    func trimmingCharactersWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
