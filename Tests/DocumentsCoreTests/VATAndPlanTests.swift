import DocumentsCore
import Kernel
import PropertyBased
import Testing

struct VATAndPlanTests {
    @Test func taxComesOutOfTheGrossAmount() throws {
        #expect(try VAT.included(in: Money(fen: 11300), rate: 1300) == Money(fen: 1300))
        #expect(try VAT.net(of: Money(fen: 11300), rate: 1300) == Money(fen: 10000))
        // 100.00 at 13%: 11.504... fen rounds to 11.50.
        #expect(try VAT.included(in: Money(fen: 10000), rate: 1300) == Money(fen: 1150))
        // Half away from zero, for a return as for a sale: 0.01 at 100% has 0.005 tax.
        #expect(try VAT.included(in: Money(fen: 1), rate: 10000) == Money(fen: 1))
        #expect(try VAT.included(in: Money(fen: -1), rate: 10000) == Money(fen: -1))
        #expect(try VAT.included(in: Money(fen: 12345), rate: 0) == .zero)
    }

    @Test func netAndTaxAlwaysAddBackToTheGross() async {
        await propertyCheck(input: Gen<Int64>.value(in: -1_000_000_000_000...1_000_000_000_000), Gen<Int64>.value(in: 0...10000)) {
            fen, rate in
            let gross = Money(fen: fen)
            let tax = try VAT.included(in: gross, rate: rate)
            #expect(try VAT.net(of: gross, rate: rate) + tax == gross)
            #expect(tax.fen.magnitude <= fen.magnitude)
        }
    }

    @Test func grossMarginIsNetOfVAT() throws {
        let m = try GrossMargin(grossRevenue: Money(fen: 11300), taxRate: 1300, costOfGoods: Money(fen: 6000))
        #expect(m.revenue == Money(fen: 10000))
        #expect(m.margin == Money(fen: 4000))
        #expect(m.rate == 4000)
        #expect(try GrossMargin(netRevenue: .zero, costOfGoods: Money(fen: 5)).rate == nil)
    }

    static func plan(_ items: (String, Int64)...) -> [PaymentPlan.Installment] {
        items.map { .init(dueDate: $0.0, amount: Money(fen: $0.1)) }
    }

    @Test func aPlanAddsUpToTheContractInDateOrder() throws {
        try PaymentPlan.check(Self.plan(("2026-01-31", 30000), ("2026-03-31", 70000)), total: Money(fen: 100000))
        #expect(throws: PaymentPlan.Problem.notTotal(planned: Money(fen: 99999), total: Money(fen: 100000))) {
            try PaymentPlan.check(Self.plan(("2026-01-31", 30000), ("2026-03-31", 69999)), total: Money(fen: 100000))
        }
        #expect(throws: PaymentPlan.Problem.datesOutOfOrder) {
            try PaymentPlan.check(Self.plan(("2026-03-31", 30000), ("2026-01-31", 70000)), total: Money(fen: 100000))
        }
        #expect(throws: PaymentPlan.Problem.empty) { try PaymentPlan.check([], total: Money(fen: 1)) }
        let many = (0..<121).map { _ in PaymentPlan.Installment(dueDate: "2026-01-01", amount: Money(fen: 1)) }
        #expect(throws: PaymentPlan.Problem.tooMany(limit: 120)) { try PaymentPlan.check(many, total: Money(fen: 121)) }
    }

    @Test func aNewPlanKeepsWhatWasCollected() {
        let collected = [Money(fen: 30000), Money(fen: 5000)]
        #expect(throws: PaymentPlan.Problem.belowCollected(index: 1, collected: Money(fen: 5000))) {
            try PaymentPlan.check(
                Self.plan(("2026-01-31", 30000), ("2026-02-28", 4000), ("2026-03-31", 66000)), total: Money(fen: 100000),
                collected: collected)
        }
        #expect(throws: PaymentPlan.Problem.dropsCollected(seq: 2)) {
            try PaymentPlan.check(Self.plan(("2026-01-31", 100000)), total: Money(fen: 100000), collected: collected)
        }
    }

    @Test func noPlanAgreesWithAnyTotal() throws {
        try PaymentPlan.agrees([], total: Money(fen: 98800))
        #expect(throws: PaymentPlan.Problem.notTotal(planned: Money(fen: 100000), total: Money(fen: 98800))) {
            try PaymentPlan.agrees([Money(fen: 100000)], total: Money(fen: 98800))
        }
    }
}
