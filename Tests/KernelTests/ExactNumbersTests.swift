import Kernel
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

    @Test func unitCostIsShownWithFourDecimals() {
        #expect(UnitPrice.display(value: Money(fen: 1000), per: Quantity(3)) == "3.3333")
        #expect(UnitPrice.display(value: Money(fen: 1000), per: .zero) == "-")
    }
}
