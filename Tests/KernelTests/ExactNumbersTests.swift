import Kernel
import PropertyBased
import Testing

struct ExactNumbersTests {
    @Test func moneyParsesAndPrintsItsTextForm() throws {
        #expect(try Money(parsing: "1234.5").description == "1234.50")
        #expect(try Money(parsing: "-0.05").fen == -5)
        #expect(try Money(parsing: "7").fen == 700)
        #expect(try Money(parsing: "1.500").fen == 150, "trailing zeros beyond the scale are exact")
    }

    @Test(arguments: ["", "abc", "1e5", "1.2.3", "12,00", "- 5", "."])
    func moneyRefusesWhatIsNotANumber(_ text: String) {
        #expect(throws: ScaledDecimal.ParseError.notANumber) { try Money(parsing: text) }
    }

    @Test func moneyRefusesMoreDecimalsThanFen() {
        #expect(throws: ScaledDecimal.ParseError.tooManyDecimals(allowed: 2)) { try Money(parsing: "0.001") }
    }

    @Test func roundingIsHalfAwayFromZeroOncePerValue() throws {
        let r = MoneyRounding.cny
        #expect(try r.value(of: Quantity(3), at: try UnitPrice(parsing: "0.335")) == Money(fen: 101))  // 1.005 -> 1.01
        #expect(try r.value(of: try -Quantity(3), at: try UnitPrice(parsing: "0.335")) == Money(fen: -101))
        #expect(try r.share(of: Money(fen: 1000), part: Quantity(1), whole: Quantity(3)) == Money(fen: 333))
        #expect(try r.share(of: Money(fen: 1000), part: Quantity(2), whole: Quantity(3)) == Money(fen: 667))
        #expect(try MoneyRounding(decimals: 0).value(of: try Quantity(parsing: "0.5"), at: UnitPrice(yuan: 3)) == Money(fen: 200))
    }

    @Test func quantityConversionIsExactOrRefused() throws {
        #expect(Quantity(2).converted(by: Quantity(24)) == Quantity(48))
        #expect(Quantity(2000).converted(by: try Quantity(parsing: "0.001")) == Quantity(2))
        #expect(Quantity(units: 1).converted(by: try Quantity(parsing: "0.5")) == nil, "half a millionth is not exact")
    }

    @Test func packsAndLooseUnits() {
        let (packs, loose) = Quantity(77).split(into: Quantity(24))
        #expect(packs == 3)
        #expect(loose == Quantity(5))
    }

    /// Every amount of an API answer is written by `ScaledDecimal.format` (bytes in place): it
    /// writes what plain arithmetic on the decimal text says, for every sign, size and scale.
    @Test func formattingWritesTheDecimalTextOfEveryValue() async {
        func reference(_ units: Int128, scale: Int, minDecimals: Int) -> String {
            let digits = String(units.magnitude)
            let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
            let whole = padded.dropLast(scale)
            var decimals = Array(padded.suffix(scale))
            while decimals.count > minDecimals, decimals.last == "0" { decimals.removeLast() }
            return (units < 0 ? "-" : "") + whole + (decimals.isEmpty ? "" : "." + String(decimals))
        }
        let edges: [Int128] = [0, 1, 5, 9, 10, 100, 101, 1_000_000, 1_234_500, Int128(Int64.max), Int128(Int64.max) + 1, .max, .min + 1]
        for v in edges + edges.map({ -$0 }) {
            for scale in 0...8 {
                for minDecimals in 0...(scale + 1) {
                    #expect(
                        ScaledDecimal.format(v, scale: scale, minDecimals: minDecimals)
                            == reference(v, scale: scale, minDecimals: minDecimals), "\(v) at \(scale), \(minDecimals)")
                }
            }
        }
        // Any Int64 moved up to 63 places left (up to 2^126), at any scale and minimum.
        let input = zip(Gen<Int64>.value(in: .min ... .max), Gen.int(in: 0...63), Gen.int(in: 0...8), Gen.int(in: 0...9))
        await propertyCheck(count: 500, input: input) { n, shift, scale, minimum in
            let v = Int128(n) << shift
            let minDecimals = min(minimum, scale + 1)
            #expect(ScaledDecimal.format(v, scale: scale, minDecimals: minDecimals) == reference(v, scale: scale, minDecimals: minDecimals))
        }
        #expect(Money(fen: -5).description == "-0.05")
        #expect(Quantity(24).description == "24")
    }

    @Test func unitCostIsShownWithFourDecimals() {
        #expect(UnitPrice.display(value: Money(fen: 1000), per: Quantity(3)) == "3.3333")
        #expect(UnitPrice.display(value: Money(fen: 1000), per: .zero) == "-")
    }
}
