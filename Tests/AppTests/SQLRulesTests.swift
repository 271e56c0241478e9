import DocumentsCore
import Kernel
import Persistence
import SQLKit
import TestSupport
import Testing

/// Rules that reports evaluate inside SQL say exactly what their Swift definition says, on the
/// database the suite runs on.
@Suite("Rules rendered as SQL")
struct SQLRulesTests {
    @Test func vatInsideSQLIsVATInSwift() async throws {
        try await TestDB.run { t in
            let store = t.store
            try await store.run("CREATE TABLE vat_probe (id INTEGER PRIMARY KEY, amount BIGINT, rate BIGINT NOT NULL)")
            // Every sign, the half-fen edges, the rates in use, and amounts near the top of what a line holds.
            let amounts: [Int64?] = [
                nil, 0, 1, -1, 2, 99, 100, 113, 10000, 10001, -10001, 11300, 12345, -12345, 999_999_999_999, -999_999_999_999,
            ]
            let rates: [Int64] = [0, 1, 300, 600, 900, 1300, 9999, 10000]
            var expected: [Int64: Int64] = [:]
            var id: Int64 = 0
            for a in amounts {
                for r in rates {
                    id += 1
                    try await store.run("INSERT INTO vat_probe (id, amount, rate) VALUES (\(bind: id), \(bind: a), \(bind: r))")
                    expected[id] = try VAT.included(in: Money(fen: a ?? 0), rate: r).fen
                }
            }
            struct Row: Decodable { var id: Int64; var tax: Int64 }
            var q: SQLQueryString = "SELECT id, CAST("
            q += VATSQL.included(amount: "amount", rate: "rate")
            q += " AS BIGINT) AS tax FROM vat_probe ORDER BY id"
            let rows = try await store.all(q, as: Row.self)
            #expect(rows.count == expected.count)
            for row in rows { #expect(row.tax == expected[row.id], "row \(row.id)") }
        }
    }

    @Test func stateSetsBindEveryStateOfTheFlow() async throws {
        try await TestDB.run { t in
            struct N: Decodable { var n: Int64 }
            let q: SQLQueryString = """
                SELECT COUNT(*) AS n FROM (SELECT 'active' AS s UNION ALL SELECT 'completed' UNION ALL SELECT 'expired' UNION ALL SELECT 'draft') x
                WHERE s IN (\(states: ContractFlow.inForce))
                """
            let n = try await t.store.first(q, as: N.self)?.n
            #expect(n == 3)
        }
    }
}
