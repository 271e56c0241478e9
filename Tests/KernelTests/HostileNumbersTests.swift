import Foundation
import Kernel
import PropertyBased
import Testing

/// Money and quantity arithmetic never traps: whatever the values, an operation answers the exact
/// result or refuses with `AmountOverflow`. Text that is not a number is refused, never trusted.
struct HostileNumbersTests {
    /// Values from all over Int64, weighted to the edges where traps live.
    static let int64 = Gen.oneOf(
        Gen<Int64>.value(in: .min ... .max), Gen<Int64>.value(in: -1000...1000),
        Gen.element(of: [Int64.min, Int64.min + 1, Int64.max, Int64.max - 1, 0, 1, -1, 99, 100]).map { $0 ?? 0 })

    @Test func sumsAndDifferencesAreExactOrRefused() async {
        await propertyCheck(count: 2000, input: Self.int64, Self.int64) { a, b in
            let exact = Int128(a) + Int128(b)
            if let r = try? Money(fen: a) + Money(fen: b) { #expect(Int128(r.fen) == exact) } else { #expect(Int64(exactly: exact) == nil) }
            let diff = Int128(a) - Int128(b)
            if let r = try? Quantity(units: a) - Quantity(units: b) {
                #expect(Int128(r.units) == diff)
            } else {
                #expect(Int64(exactly: diff) == nil)
            }
            if let r = try? -Money(fen: a) { #expect(Int128(r.fen) == -Int128(a)) } else { #expect(a == .min) }
        }
    }

    @Test func roundingOfProductsAndSharesIsExactOrRefused() async {
        await propertyCheck(count: 2000, input: Self.int64, Self.int64, Self.int64) { q, p, w in
            let r = MoneyRounding.cny
            // quantity × price in 10^-10 fen, rounded half away from zero.
            let product = Int128(q) * Int128(p)
            let expected = ScaledDecimal.divideRounded(product, ScaledDecimal.pow10(10))
            if let v = try? r.value(of: Quantity(units: q), at: UnitPrice(units: p)) {
                #expect(Int128(v.fen) == expected)
            } else {
                #expect(Int64(exactly: expected) == nil)
            }
            if w == 0 {
                #expect(
                    (try? r.share(of: Money(fen: p), part: Quantity(units: q), whole: Quantity(units: w))) == nil, "no share of nothing")
            } else {
                _ = try? r.share(of: Money(fen: p), part: Quantity(units: q), whole: Quantity(units: w))
            }
        }
    }

    @Test func everyStoredValueCanBeShown() async {
        await propertyCheck(count: 2000, input: Self.int64, Self.int64) { a, b in
            #expect(!ChineseAmount.capitals(Money(fen: a)).isEmpty)
            #expect(!UnitPrice.display(value: Money(fen: a), per: Quantity(units: b)).isEmpty)
            #expect(!Money(fen: a).description.isEmpty && !Quantity(units: a).description.isEmpty)
            _ = Quantity(units: a).split(into: Quantity(units: b))
            _ = Quantity(units: a).magnitude
        }
        #expect(ChineseAmount.capitals(Money(fen: .max)) == "玖亿亿贰仟贰佰叁拾叁万亿柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分")
    }

    /// Text from an alphabet of digits, signs, dots, spaces, exponents and look-alike digits.
    static let text = Gen.element(of: Array("0123456789.-+ eE٣０\u{0}x,_")).map { $0 ?? "0" }.array(of: 0...60).map { String($0) }

    @Test func parsingRefusesWhatIsNotANumberAndRoundTripsWhatIs() async throws {
        await propertyCheck(count: 3000, input: Self.text, Self.int64) { s, n in
            for scale in [0, 2, 6] {
                if let v = try? ScaledDecimal.parse(s, scale: scale) { #expect(v != .min) }
                guard n != .min else { continue }
                #expect((try? ScaledDecimal.parse(ScaledDecimal.format(n, scale: scale, minDecimals: 0), scale: scale)) == n)
            }
        }
        // Long text is refused at once, not worked through.
        let zeros = "1." + String(repeating: "0", count: 1_000_000)
        let started = Date()
        #expect(throws: ScaledDecimal.ParseError.self) { try ScaledDecimal.parse(zeros, scale: 2) }
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(throws: ScaledDecimal.ParseError.self) { try ScaledDecimal.parse("-9223372036854775808", scale: 0) }
        #expect(try ScaledDecimal.parse("0000000000000000000000001.5", scale: 2) == 150, "leading zeros carry nothing")
    }
}
