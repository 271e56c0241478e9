import Foundation
import Persistence
import Services
import TestSupport

/// A file imported the way a person does it when the suggested mapping is right: uploaded,
/// configured with a mode and key, started, and run to the end by the server's worker.
enum ImportRunning {
    static func run(
        _ t: any TestWorld, kind: String, csv: String, mode: String, key: String, as ctx: ServiceContext
    ) async throws -> ImportJobRow? {
        let job = try await ImportService.upload(kind: kind, fileName: kind + ".csv", file: Data(csv.utf8), ctx)
        _ = try await ImportService.configure(
            job.id, .init(mapping: ImportService.mapping(job), mode: mode, matchKey: key, intoPool: false), version: job.version, ctx)
        _ = try await ImportService.start(job.id, ctx)
        return try await ImportService.runPending(t.system)
    }
}
