import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing

/// The old books' open documents come over as opening items: they age, collections settle them
/// oldest first, receivables stay what was brought over less what was collected, and the import
/// can be taken back only while nothing has settled them.
@Suite("Imports: open receivables and payables")
struct OpeningBalanceImportTests {
    @Test func openDocumentsComeOverAgeAreSettledAndRevertOnlyWhileUnsettled() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let csv = """
                往来单位,应收应付,单据编号,单据日期,未收金额
                C001,应收,XS-2025-001,2025-10-01,"1,200.50"
                北京快普科技有限公司,应收,XS-2025-002,2025-12-15,800
                S001,应付,CG-2025-010,2025-11-20,¥3000
                杭州娃哈哈食品有限公司,应收,XX-1,2025-11-20,10
                C001,应收,XS-2025-001,2025-10-01,5
                NOBODY,应收,Z-1,2025-01-01,1
                C001,应收,XS-2025-003,2025-10-01,0
                """
            let job = try await ImportService.upload(kind: "open_items", fileName: "期初.csv", file: Data(csv.utf8), admin)
            #expect(ImportService.mapping(job) == ["partner", "side", "docNumber", "docDate", "amount"])
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "docNumber", intoPool: false),
                version: job.version, admin)
            let preview = try await ImportService.preview(job.id, admin)
            #expect(preview.map(\.outcome) == ["would_create", "would_create", "would_create", "refused", "refused", "refused", "refused"])
            #expect(
                preview.dropFirst(3).map(\.code) == ["not_a_customer", "duplicate_in_file", "import_partner_not_found", "not_positive"])

            _ = try await ImportService.start(job.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.status == "done" && done.created == 3 && done.refused == 4)
            let today = CalendarDate.today(t.system.clock).description
            func open(_ side: OpenItems.Side, by group: AgeingReport.GroupBy = .partner) async throws -> AgeingReport.Report {
                try await AgeingReport.run(.init(side: side, groupBy: group, asOf: today), admin)
            }
            #expect(try await open(.ar).total.open == 200_050)
            #expect(try await open(.ap).total.open == 300_000)
            #expect(try await open(.ar, by: .document).rows.compactMap(\.key).sorted() == ["XS-2025-001", "XS-2025-002"])
            #expect(try await open(.ar, by: .product).rows.map(\.productId) == [nil], "an opening item names no product")

            // A collection with no document named settles the oldest first.
            let money = try await PaymentService.create(
                .in, .init(partnerId: f.customer, paymentDate: today, amount: "1500", mode: "document"), admin)
            #expect(money.payment.applied == 150_000)
            #expect(try await open(.ar).total.open == 200_050 - 150_000, "receivables: brought over less collected")
            #expect(try await open(.ar, by: .document).rows.compactMap(\.key) == ["XS-2025-002"])

            // Settled in part, the import cannot be taken back.
            let refused = await #expect(throws: DomainError.self) { _ = try await ImportService.revert(job.id, admin) }
            #expect(refused?.code == "import_changed_since")
            #expect(try await open(.ap).total.open == 300_000, "nothing reverted")
            // Money once applied keeps its history on the document, even taken back.
            _ = try await PaymentService.cancel(money.payment.id, direction: .in, admin)
            #expect(try await open(.ar).total.open == 200_050)
            let still = await #expect(throws: DomainError.self) { _ = try await ImportService.revert(job.id, admin) }
            #expect(still?.code == "opening_item_settled")

            // An import nothing has settled goes back whole; a row naming no side follows its partner (a supplier: payable).
            let more = try #require(
                try await ImportRunning.run(
                    t, kind: "open_items", csv: "往来单位,单据编号,金额\nS001,CG-2025-011,50\n", mode: "create", key: "docNumber", as: admin))
            #expect(more.created == 1)
            #expect(try await open(.ap).total.open == 305_000)
            #expect(try await ImportService.revert(more.id, admin).status == "reverted")
            #expect(try await open(.ap).total.open == 300_000)

            // A payment names the old document it pays.
            let owed = try #require(try await CashQueries.opening(side: "ap", partner: f.supplier, docNumber: "CG-2025-010", on: t.store))
            let paid = try await PaymentService.create(
                .out,
                .init(partnerId: f.supplier, paymentDate: today, amount: "1000", mode: "document", targets: [.init(openingId: owed.docId)]),
                admin)
            #expect(paid.payment.applied == 100_000)
            #expect(try await open(.ap, by: .document).rows.map(\.open) == [200_000])
        }
    }
}
