import App
import Fluent
import FluentPostgresDriver
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import VaporTesting
import Web

/// A clock tests move by hand.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }
    public var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    public func advance(seconds: Double) { lock.lock(); current += seconds; lock.unlock() }
    public var clock: Clock { Clock(now: { [self] in self.now }) }
}

/// Records the waits the server would have made instead of waiting.
public final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Int64] = []
    public init() {}
    public func add(_ ms: Int64) { lock.lock(); waits.append(ms); lock.unlock() }
    public var all: [Int64] { lock.lock(); defer { lock.unlock() }; return waits }
}

/// One test's server: a fresh migrated database (SQLite in a temporary file, or a new
/// PostgreSQL database when CONCORD_TEST_POSTGRES_URL names a server), a fixed clock, cheap
/// bcrypt, and an administrator whose password is `adminPassword`.
public struct TestApp: Sendable {
    public let app: Application
    public let clock: TestClock
    public let sleeps: SleepLog
    /// Where this test's server keeps its files (and, on SQLite, its database).
    public var dataDirectory: String?
    public static let adminPassword = "admin-password-1"
    public static let userPassword = "user-password-1"

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CONCORD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func run(_ body: (TestApp) async throws -> Void) async throws {
        let clock = TestClock()
        let sleeps = SleepLog()
        let app = try await Application.make(.testing)
        var tempDir: String?
        var pgDatabase: String?
        do {
            var config = Config.fromEnvironment([:])
            config.adminPassword = adminPassword
            config.bcryptCost = 4
            // Every test is a server of its own, all at once: a few connections each keep the cluster within its limit.
            config.postgresPoolPerEventLoop = 3
            // ...and under the whole suite's load a queue for them may be long: waiting beats failing.
            config.postgresPoolTimeoutSeconds = 60
            let dir = NSTemporaryDirectory() + "concord-test-" + UUID().uuidString
            tempDir = dir
            config.dataDirectory = dir
            // Each test starts from a copy of one migrated, bootstrapped database made once per run.
            if let base = postgresURL {
                let name = try await TemplateDatabase.shared.postgresCopy(base)
                pgDatabase = name
                config.databaseURL = PostgresAdmin.url(base, database: name)
            } else {
                try await TemplateDatabase.shared.sqliteCopy(to: config.sqlitePath)
            }
            let concord = Concord(
                clock: clock.clock, tokens: .live, passwords: Passwords(cost: 4), gate: WriteGate(), secureCookies: false,
                metrics: Metrics(), sleep: { ms in sleeps.add(ms) })
            try await configure(app, config: config, concord: concord)
            app.logger.logLevel = .warning
            // As the server starts: the schema is already current and the administrator there, so
            // this checks both rather than making them.
            try await prepareDatabase(app, config: config)
            try await body(TestApp(app: app, clock: clock, sleeps: sleeps, dataDirectory: dir))
        } catch {
            if ProcessInfo.processInfo.environment["CONCORD_TEST_DEBUG"] != nil { print("TESTAPP ERROR", String(reflecting: error)) }
            try? await app.asyncShutdown()
            try? await cleanup(tempDir: tempDir, pgDatabase: pgDatabase)
            throw error
        }
        try await app.asyncShutdown()
        try await cleanup(tempDir: tempDir, pgDatabase: pgDatabase)
    }

    static func cleanup(tempDir: String?, pgDatabase: String?) async throws {
        if let tempDir { try? FileManager.default.removeItem(atPath: tempDir) }
        if let pgDatabase, let base = postgresURL { try await PostgresAdmin.dropDatabase(pgDatabase, baseURL: base) }
    }

    public var store: Store { Store(database: app.db, gate: app.concord.gate) }

    /// A service context acting as the system (no permission checks), for setting up data.
    public var system: ServiceContext { systemContext(app) }

    // MARK: HTTP

    public func send(
        _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], json: String? = nil,
        form: [(String, String)]? = nil, overSocket: Bool = false
    ) async throws -> TestingHTTPResponse {
        var h = headers
        var body: ByteBuffer?
        if let json {
            h.contentType = .json
            body = ByteBuffer(string: json)
        } else if let form {
            h.contentType = .urlEncodedForm
            body = ByteBuffer(string: form.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&"))
        }
        guard overSocket else { return try await app.testing().sendRequest(method, path, headers: h, body: body) }
        // Through a real server and socket, where a body can arrive after its headers. A random
        // port may be taken (by another suite's server): try a few.
        for attempt in 1... {
            do {
                return try await app.testing(method: .running(port: Int.random(in: 20_000...50_000)))
                    .sendRequest(method, path, headers: h, body: body)
            } catch let e where "\(e)".contains("Address already in use") && attempt < 5 {
                continue
            }
        }
        fatalError("unreachable")
    }

    static func formEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// A bearer token for a user (through the real endpoint).
    public func token(_ username: String = "admin", password: String = TestApp.adminPassword) async throws -> String {
        let r = try await send(.POST, "/api/v1/auth/token", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        guard r.status == .created, let obj = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any],
            let token = obj["token"] as? String
        else {
            throw TestFailure("could not get a token for \(username): \(r.status) \(r.body.string)")
        }
        return token
    }

    public func api(
        _ method: HTTPMethod, _ path: String, token: String, json: String? = nil, headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var h = headers
        h.bearerAuthorization = BearerAuthorization(token: token)
        return try await send(method, path, headers: h, json: json)
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

extension TestingHTTPResponse {
    /// The body as a JSON object.
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }
    public var text: String { body.string }
}

/// Creates and drops one database per test on a PostgreSQL server.
enum PostgresAdmin {
    static func url(_ base: String, database: String) -> String {
        guard var c = URLComponents(string: base) else { return base }
        c.path = "/" + database
        return c.string ?? base
    }

    static func withAdmin(_ base: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            var pg = try SQLPostgresConfiguration(url: base)
            if base.contains("tlsmode=disable") { pg.coreConfiguration.tls = .disable }
            app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 1), as: .psql)
            app.logger.logLevel = .warning
            try await body(app.db as! any SQLDatabase)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func createDatabase(_ name: String, baseURL: String, template: String? = nil) async throws {
        try await withAdmin(baseURL) { db in
            if let template {
                try await db.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)").run()
            } else {
                try await db.raw("CREATE DATABASE \(ident: name)").run()
            }
        }
    }

    static func dropDatabase(_ name: String, baseURL: String) async throws {
        try await withAdmin(baseURL) { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
    }
}

/// The database every test copies: migrated and bootstrapped once per test run (on SQLite a file,
/// on PostgreSQL a template database), as `prepareDatabase` leaves it for a new server. Copying it
/// costs a file copy or a CREATE DATABASE ... TEMPLATE instead of every migration per test.
actor TemplateDatabase {
    static let shared = TemplateDatabase()
    private var sqliteFile: Task<String, any Error>?
    private var postgresName: Task<String, any Error>?

    func sqlite() async throws -> String {
        if sqliteFile == nil { sqliteFile = Task { try await Self.makeSQLite() } }
        return try await sqliteFile!.value
    }

    func postgres(_ base: String) async throws -> String {
        if postgresName == nil { postgresName = Task { try await Self.makePostgres(base) } }
        return try await postgresName!.value
    }

    /// A new database of the server at `base`, made from the template; answers its name.
    func postgresCopy(_ base: String) async throws -> String {
        let name = "concord_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresAdmin.createDatabase(String(name), baseURL: base, template: try await postgres(base))
        return String(name)
    }

    /// The template's SQLite file copied to `path` (its directory made if need be).
    func sqliteCopy(to path: String) async throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try await sqlite(), toPath: path)
    }

    static var config: Config {
        var config = Config.fromEnvironment([:])
        config.adminPassword = TestApp.adminPassword
        config.bcryptCost = 4
        config.postgresPoolPerEventLoop = 1
        return config
    }

    /// Migrates and bootstraps the database `config` names, with the tests' clock, then closes it.
    static func prepare(_ config: Config, checkpoint: Bool) async throws {
        let app = try await Application.make(.testing)
        do {
            let concord = Concord(
                clock: TestClock().clock, tokens: .live, passwords: Passwords(cost: 4), gate: WriteGate(), secureCookies: false,
                metrics: Metrics(), sleep: { _ in })
            try await configure(app, config: config, concord: concord)
            app.logger.logLevel = .warning
            try await prepareDatabase(app, config: config)
            // Everything into the main file, so a copy of that file alone is the whole database.
            if checkpoint { try await Store(database: app.db, gate: app.concord.gate).run("PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func makeSQLite() async throws -> String {
        let root = NSTemporaryDirectory()
        // Templates of earlier runs that ended long ago go first.
        for old in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where old.hasPrefix("concord-test-template-") {
            let path = root + old
            if let made = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date,
                made < Date().addingTimeInterval(-3600)
            {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        var config = Self.config
        config.dataDirectory = root + "concord-test-template-" + UUID().uuidString
        try await prepare(config, checkpoint: true)
        let wal = config.sqlitePath + "-wal"
        if let size = try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int, size > 0 {
            throw TestFailure("the template database kept \(size) bytes in its WAL")
        }
        return config.sqlitePath
    }

    static func makePostgres(_ base: String) async throws -> String {
        let name = "concord_template_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try await PostgresAdmin.createDatabase(String(name), baseURL: base)
        var config = Self.config
        config.dataDirectory = NSTemporaryDirectory() + "concord-test-template-" + UUID().uuidString
        config.databaseURL = PostgresAdmin.url(base, database: String(name))
        try await prepare(config, checkpoint: false)
        try? FileManager.default.removeItem(atPath: config.dataDirectory)
        return String(name)
    }
}
