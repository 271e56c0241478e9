import App
import Foundation
import NIOCore
import NIOPosix
import Vapor

// Async handlers run on the event loops that read their requests, not on a pool of their own:
// a request then crosses no threads between its bytes, its handler and its answer (on this
// 2-core machine those crossings cost more than our handlers). Before anything else runs.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// `swift run concord` serves; `concord migrate`, `demo`, `backup FILE`, `user ...` are the
// other commands (README).
// Whatever Concord writes (the database, its journal, backups, files) is its owner's alone.
umask(0o077)
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
do {
    try await configure(app, config: Config.fromEnvironment())
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
