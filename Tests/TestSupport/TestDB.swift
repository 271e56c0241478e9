import App
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Kernel
import Logging
import NIOCore
import NIOPosix
import Persistence
import Services

/// What a test of the services and the queries needs: a database and the contexts that act on
/// it. `TestApp` (a whole server) and `TestDB` (the database alone) both give it.
public protocol TestWorld: Sendable {
    var store: Store { get }
    /// A context acting as the system (no permission checks), for setting up data.
    var system: ServiceContext { get }
    var clock: TestClock { get }
}

extension TestWorld {
    /// The company's rule that the submitter's manager approves a kind of document (without a
    /// rule, contracts, purchase orders and expense claims need no approval).
    @discardableResult
    public func managerApproves(_ docType: String) async throws -> ApprovalRuleRow {
        try await ApprovalService.saveRule(
            nil, .init(docType: docType, name: "上级审批", steps: [.init(kind: .manager, ref: nil)]), version: nil, system)
    }

    /// A context acting as a given user, with that user's permissions.
    public func context(as username: String) async throws -> ServiceContext {
        let user = try await OrganisationQueries.user(username: username, on: store)!
        let (_, principal) = try await AccessQueries.principal(userId: user.id, on: store)!
        var ctx = system
        ctx.actor = ActingUser(userId: user.id, username: user.username, ip: "127.0.0.1", requestId: "test")
        ctx.principal = principal
        return ctx
    }
}

extension TestApp: TestWorld {}

/// A test's database without a server: a copy of the migrated template (SQLite, or PostgreSQL
/// when CONCORD_TEST_POSTGRES_URL names a server) opened through Fluent and the same direct
/// SQLite writer the server uses, for tests of services and queries that need no HTTP.
public struct TestDB: TestWorld {
    public let store: Store
    public let clock: TestClock
    public let system: ServiceContext

    public static func run(_ body: (TestDB) async throws -> Void) async throws {
        let clock = TestClock()
        let elg = MultiThreadedEventLoopGroup.singleton
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: elg)
        let gate = WriteGate()
        let dir = NSTemporaryDirectory() + "concord-testdb-" + UUID().uuidString
        var pgDatabase: String?
        do {
            if let base = TestApp.postgresURL {
                let name = try await TemplateDatabase.shared.postgresCopy(base)
                pgDatabase = name
                let url = PostgresAdmin.url(base, database: name)
                var pg = try SQLPostgresConfiguration(url: url)
                if url.contains("tlsmode=disable") { pg.coreConfiguration.tls = .disable }
                databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 3), as: .psql)
            } else {
                let path = dir + "/concord.sqlite"
                try await TemplateDatabase.shared.sqliteCopy(to: path)
                gate.writer.open(try DirectSQLite(path: path, eventLoop: elg.any(), wal: true))
                databases.use(.sqlite(.file(path)), as: .sqlite)
            }
            var logger = Logger(label: "concord.test")
            logger.logLevel = .warning
            let store = Store(database: databases.database(logger: logger, on: elg.any())!, gate: gate)
            let system = ServiceContext(
                store: store, clock: clock.clock, tokens: .live, passwords: Passwords(cost: 4), actor: .system, principal: nil,
                crossings: Workflows.crossings)
            try await body(TestDB(store: store, clock: clock, system: system))
        } catch {
            gate.writer.close()
            await databases.shutdownAsync()
            try? await TestApp.cleanup(tempDir: dir, pgDatabase: pgDatabase)
            throw error
        }
        gate.writer.close()
        await databases.shutdownAsync()
        try await TestApp.cleanup(tempDir: dir, pgDatabase: pgDatabase)
    }
}
