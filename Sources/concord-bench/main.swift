import App
import Foundation
import NIOCore
import NIOPosix
import Vapor

// As the server does (Sources/concord/main.swift): tasks run on the event loops.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// `concord-bench stock | crm | finance | branches`: the benchmarks (Benchmarks/run-*), kept out
// of the server's binary. Each runs against the database the environment names, like the server.
umask(0o077)
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
do {
    try await configure(app, config: Config.fromEnvironment())
    app.asyncCommands.use(BenchStockCommand(), as: "stock")
    app.asyncCommands.use(BenchCRMCommand(), as: "crm")
    app.asyncCommands.use(BenchFinanceCommand(), as: "finance")
    app.asyncCommands.use(BenchBranchCommand(), as: "branches")
    app.asyncCommands.use(BenchHelloCommand(), as: "hello")
    app.asyncCommands.use(BenchImportCommand(), as: "import")
    app.asyncCommands.use(BenchDuplicatesCommand(), as: "duplicates")
    app.asyncCommands.use(BenchSegmentCommand(), as: "segments")
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
