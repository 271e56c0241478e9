import App
import Foundation
import Kernel
import Persistence
import Services
import Spreadsheets
import Vapor

/// `concord-bench import`: issue 16's import benchmark against the database the environment names
/// (use an empty one). Writes an .xlsx of N customers (name, phone, USCC, address, level), then
/// times, as a manager, reading it into a draft job and running the job to the end in batches,
/// as the server's worker does; prints rows per second and peak memory.
struct BenchImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "rows", help: "customers in the file (default 100000)") var rows: Int?
    }

    var help: String { "Benchmarks importing customers from an .xlsx workbook (use an empty database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let say = { (s: String) in context.console.print(s) }
        let sys = try await BenchStockCommand.open(context.application, say)
        let total = signature.rows ?? 100_000
        let hq = try await OrganisationQueries.headOffice(on: sys.store)!.id
        let role = try await RoleService.create(
            .init(code: "importer", name: "数据导入", permissions: ["customers.view", "customers.create", "customers.edit"], dataScope: "all"),
            sys
        ).id
        let user = try await UserService.create(
            .init(username: "importer", displayName: "导入员", password: "bench-password-1", branchId: hq, roleIds: [role]), sys)
        let ctx = try await sys.acting(as: user.user, requestId: "bench-import")

        var started = Date()
        let cities = BenchCRMCommand.cities, trades = BenchCRMCommand.trades, syllables = BenchCRMCommand.syllables
        var rows: [[SpreadsheetWriter.Cell]] = []
        rows.reserveCapacity(total)
        for i in 0..<total {
            let a = syllables[i % syllables.count], b = syllables[(i / syllables.count) % syllables.count]
            let first17 = "91440300MA5" + String(format: "%06d", i)
            rows.append([
                .text(cities[i % cities.count] + a + b + trades[i % trades.count] + "第\(i)有限公司"), .text("138\(String(format: "%08d", i))"),
                .text(first17 + String(USCC.checkCharacter(first17)!)), .text(cities[i % cities.count] + "市人民路\(i % 999 + 1)号"),
                .text(["A", "B", "C"][i % 3]),
            ])
        }
        let file = try SpreadsheetWriter.xlsx(
            [.init(name: "客户", header: ["客户名称", "联系电话", "统一社会信用代码", "地址", "客户级别"], rows: rows)], modified: Date())
        rows = []
        say(
            String(
                format: "wrote the workbook: %d rows, %.1f MB, in %.1f s", total, Double(file.count) / 1e6,
                Date().timeIntervalSince(started)))

        started = Date()
        let job = try await ImportService.upload(kind: "customers", fileName: "bench.xlsx", file: file, ctx)
        let read = Date().timeIntervalSince(started)
        say(String(format: "read into a job: %.1f s (%.0f rows/s)", read, Double(total) / read))
        _ = try await ImportService.configure(
            job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "uscc", intoPool: false), version: job.version, ctx
        )
        _ = try await ImportService.start(job.id, ctx)

        started = Date()
        var last: ImportJobRow?
        while let j = try await ImportService.runPending(batches: 50, sys) {
            last = j
            if j.status != "running" { break }
        }
        let ran = Date().timeIntervalSince(started)
        guard let done = last else { throw Abort(.internalServerError, reason: "the job did not run") }
        say(
            String(
                format: "ran: %d created, %d refused in %.1f s (%.0f rows/s); read and run %.1f s; peak memory %@", done.created,
                done.refused,
                ran, Double(total) / ran, read + ran, BenchStockCommand.peakMB()))
    }
}
