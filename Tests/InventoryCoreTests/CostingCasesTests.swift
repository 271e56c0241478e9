import Foundation
import InventoryCore
import Kernel
import Testing

/// Every worked case in ../shared/costing/cases.json (copied into Resources, kept identical)
/// must come out to the cent.
struct CostingCasesTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct Move: Decodable, Sendable {
            var type: String
            var qty: Double
            var unit_cost: Double?
            var batch: String?
            var return_of_move: Int?
            var entered_after_move: Int?
        }
        struct Expected: Decodable, Sendable {
            var final_qty: Double
            var final_value: Double
            var out_costs: [Double]
            var out_costs_settled: [Double]?
            var out_costs_before_backdated_entry: [Double]?
        }
        var name: String
        var method: String
        var moves: [Move]
        var expected: Expected
        var currency_decimals: Int?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "Resources/cases", withExtension: "json")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    // JSON numbers arrive as Double; their shortest decimal form is exactly what the file says.
    static func money(_ d: Double) -> Money { try! Money(parsing: "\(d)") }
    static func quantity(_ d: Double) -> Quantity { try! Quantity(parsing: "\(d)") }
    static func price(_ d: Double) -> UnitPrice { try! UnitPrice(parsing: "\(d)") }

    static func run(_ c: Case, skipping skipped: Set<Int> = []) throws -> (CostingReplay.Outcome, [Int64]) {
        let engine = CostingEngine(
            method: CostingMethod(rawValue: c.method)!,
            rounding: MoneyRounding(decimals: c.currency_decimals ?? 2),
            allowNegativeStock: true)
        var moves: [StockMove] = []
        var outs: [Int64] = []
        var returned: [Int: Quantity] = [:]
        for (index, m) in c.moves.enumerated() where !skipped.contains(index + 1) {
            let id = Int64(index + 1)
            let q = quantity(m.qty)
            let kind: StockMove.Kind
            if let of = m.return_of_move {
                let original = c.moves[of - 1]
                let ref = ReturnOf(
                    move: Int64(of), originalQuantity: quantity(original.qty), originalValue: .zero,
                    previouslyReturned: returned[of] ?? .zero)
                returned[of] = try (returned[of] ?? .zero) + q
                kind = m.type == "in" ? .salesReturn(ref) : .purchaseReturn(ref)
            } else if m.type == "in" {
                kind = .receipt(value: try engine.rounding.value(of: q, at: price(m.unit_cost!)))
            } else {
                kind = .issue
            }
            if m.type == "out" { outs.append(id) }
            moves.append(StockMove(id: id, kind: kind, quantity: q, batch: m.batch))
        }
        return (try CostingReplay(engine: engine).run(moves: moves), outs)
    }

    @Test(arguments: cases)
    func reproducesCase(_ c: Case) throws {
        let (outcome, outs) = try Self.run(c)
        let posted = outs.map { id in outcome.costed.first { $0.move == id }!.value }
        #expect(posted == c.expected.out_costs.map(Self.money), "out_costs")
        #expect(try outcome.state.quantity == Self.quantity(c.expected.final_qty), "final_qty")
        #expect(try outcome.state.value == Self.money(c.expected.final_value), "final_value")
        if let settled = c.expected.out_costs_settled {
            #expect(outs.map { outcome.settledValues[$0]! } == settled.map(Self.money), "out_costs_settled")
        }
        if let before = c.expected.out_costs_before_backdated_entry {
            let late = Set(c.moves.enumerated().filter { $0.element.entered_after_move != nil }.map { $0.offset + 1 })
            let (earlier, earlierOuts) = try Self.run(c, skipping: late)
            let values = earlierOuts.map { id in earlier.costed.first { $0.move == id }!.value }
            #expect(values == before.map(Self.money), "out_costs_before_backdated_entry")
        }
    }

    @Test func allCasesAreRead() {
        #expect(Self.cases.count >= 24)
    }
}
