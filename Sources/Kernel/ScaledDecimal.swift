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

    /// The longest text a number may be: no amount or quantity needs more, and a longer one is
    /// refused before any work is done on it.
    public static let maxLength = 40

    /// Parses "-1234.5" into 1234.5 x 10^scale exactly. Refuses exponents, spaces inside,
    /// more decimals than `scale`, and anything longer than `maxLength`. Linear in the text.
    public static func parse(_ text: String, scale: Int) throws(ParseError) -> Int64 {
        guard text.utf8.count <= maxLength * 4 else { throw .outOfRange }
        var bytes = Array(text.utf8)[...]
        while let f = bytes.first, f == 0x20 || f == 0x09 || f == 0x0A || f == 0x0D { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { throw .notANumber }
        guard bytes.count <= maxLength else { throw .outOfRange }
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true; bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        let dot = bytes.firstIndex(of: UInt8(ascii: "."))
        let intPart = dot.map { bytes[bytes.startIndex..<$0] } ?? bytes
        var fracPart = dot.map { bytes[bytes.index(after: $0)...] } ?? bytes[bytes.endIndex...]
        guard !(intPart.isEmpty && fracPart.isEmpty) else { throw .notANumber }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard intPart.allSatisfy(isDigit), fracPart.allSatisfy(isDigit) else { throw .notANumber }
        // Trailing zeros beyond the scale are harmless ("1.500" at scale 2).
        while fracPart.count > scale, fracPart.last == 0x30 { fracPart = fracPart.dropLast() }
        guard fracPart.count <= scale else { throw .tooManyDecimals(allowed: scale) }
        // Leading zeros carry nothing ("007").
        let significant = intPart.drop { $0 == 0x30 }
        guard significant.count <= 19 else { throw .outOfRange }
        var value: Int128 = 0
        for b in significant { value = value * 10 + Int128(b - 0x30) }
        for b in fracPart { value = value * 10 + Int128(b - 0x30) }
        value *= pow10(scale - fracPart.count)
        guard let v = Int64(exactly: negative ? -value : value), v != .min else { throw .outOfRange }
        return v
    }

    /// Formats with exactly `minDecimals` decimals, more only when they are not zero, up to `scale`.
    public static func format(_ units: Int64, scale: Int, minDecimals: Int) -> String {
        format(Int128(units), scale: scale, minDecimals: minDecimals)
    }

    public static func format(_ units: Int128, scale: Int, minDecimals: Int) -> String {
        // Every amount, price and quantity of an API answer comes through here: the digits are
        // written straight into the string's bytes, last first, without intermediate strings.
        let scale = max(0, scale)
        let magnitude = units.magnitude
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40 + scale) { digits in
            var n = 0
            func write<T: BinaryInteger>(_ value: T) {
                var v = value
                repeat {
                    digits[n] = asciiDigit(v)
                    v /= 10
                    n += 1
                } while v > 0
            }
            // 64-bit division where the value fits (nearly always): Int128's is done in software.
            if let small = UInt64(exactly: magnitude) { write(small) } else { write(magnitude) }
            // Zeros up to one whole digit: 5 at scale 2 is 0.05.
            while n <= scale {
                digits[n] = 0x30
                n += 1
            }
            // digits[0..<scale] are the decimals, last first: zeros past minDecimals go.
            var cut = 0
            while cut < scale - minDecimals, digits[cut] == 0x30 { cut += 1 }
            let decimals = scale - cut
            let length = (units < 0 ? 1 : 0) + (n - scale) + (decimals > 0 ? 1 + decimals : 0)
            return String(unsafeUninitializedCapacity: length) { out in
                var i = 0
                if units < 0 {
                    out[i] = UInt8(ascii: "-")
                    i += 1
                }
                for k in stride(from: n - 1, through: scale, by: -1) {
                    out[i] = digits[k]
                    i += 1
                }
                if decimals > 0 {
                    out[i] = UInt8(ascii: ".")
                    i += 1
                    for k in stride(from: scale - 1, through: cut, by: -1) {
                        out[i] = digits[k]
                        i += 1
                    }
                }
                return i
            }
        }
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
