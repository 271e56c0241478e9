import Foundation
import Kernel
import Persistence
import Services
import Spreadsheets
import Synchronization
import TestSupport
import Testing

/// A migration's real size: 50,000 customers from one workbook, the server stopped half-way
/// through — in the middle of a batch, whose transaction never commits — and started again.
@Suite("Imports: 50,000 rows, stopped half-way and resumed")
struct ImportResumeTests {
    struct Stopped: Error {}

    @Test func aLargeImportStoppedInABatchResumesAndWritesEachRowOnce() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            let total = 50_000
            var rows: [[SpreadsheetWriter.Cell]] = []
            rows.reserveCapacity(total)
            for i in 0..<total {
                rows.append([
                    .text("迁移客户\(i)号贸易有限公司"), .text("139\(String(format: "%08d", i))"),
                    .text(uscc("91320500MA1" + String(format: "%06d", i))),
                ])
            }
            let file = try SpreadsheetWriter.xlsx(
                [.init(name: "客户", header: ["客户名称", "手机", "统一社会信用代码"], rows: rows)], modified: t.clock.now)
            rows = []
            let draft = try await ImportService.upload(kind: "customers", fileName: "迁移.xlsx", file: file, boss)
            #expect(draft.total == Int64(total))
            let job = try await ImportService.configure(
                draft.id, .init(mapping: ImportService.mapping(draft), mode: "create", matchKey: "uscc", intoPool: false),
                version: draft.version, boss)
            _ = try await ImportService.start(job.id, boss)
            let before = try await t.store.scalar("SELECT COUNT(*) AS n FROM partners", as: Int64.self)!

            // Half of it in batches of 200...
            let half = total / 2 / ImportService.batchSize
            var ran: ImportJobRow?
            for _ in 0..<(half / 25) { ran = try await ImportService.runPending(batches: 25, t.system) }
            #expect(ran?.processed == Int64(total / 2) && ran?.status == "running")

            // ...then the server stops while the next batch commits: the claim stands, the batch's
            // transaction does not, and its lease keeps every other server away.
            let writes = Atomic<Int>(0)
            await #expect(throws: Stopped.self) {
                try await WriteHooks.$beforeCommit.withValue({ _ in
                    if writes.add(1, ordering: .relaxed).newValue == 2 { throw Stopped() }
                }) {
                    _ = try await ImportService.runPending(batches: 1, t.system)
                }
            }
            #expect(try await ImportService.find(job.id, boss).processed == Int64(total / 2))
            #expect(try await ImportService.runPending(batches: 1, t.system) == nil, "the lease of the stopped server holds")

            // Started again after the lease: the job goes on from the first row not written.
            t.clock.advance(seconds: 180)
            var done: ImportJobRow?
            repeat { done = try await ImportService.runPending(batches: 25, t.system) } while done?.status == "running"
            let finished = try #require(done)
            #expect(finished.status == "done" && finished.processed == Int64(total))
            #expect(finished.created == Int64(total) && finished.refused == 0 && finished.updated == 0)

            // Each row once: as many new customers as rows, each tax number once, each row naming its own.
            let after = try await t.store.scalar("SELECT COUNT(*) AS n FROM partners", as: Int64.self)!
            #expect(after - before == Int64(total))
            let distinct = try await t.store.scalar(
                "SELECT COUNT(DISTINCT uscc) AS n FROM partners WHERE uscc LIKE '91320500MA1%'", as: Int64.self)
            #expect(distinct == Int64(total))
            let named = try await t.store.scalar(
                """
                SELECT COUNT(DISTINCT r.record_id) AS n FROM import_rows r JOIN partners p ON p.id = r.record_id
                WHERE r.job_id = \(bind: job.id) AND r.outcome = 'created'
                """, as: Int64.self)
            #expect(named == Int64(total))
            // The row written last before the stop and the first after it are both there.
            for i in [total / 2 - 1, total / 2, total - 1] {
                let c = try await CRMQueries.partner(uscc: uscc("91320500MA1" + String(format: "%06d", i)), on: t.store)
                #expect(c?.name == "迁移客户\(i)号贸易有限公司" && c?.phone == "139\(String(format: "%08d", i))")
            }
        }
    }
}
