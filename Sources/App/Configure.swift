import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Web

/// Wires the server: database, migrations, middleware, routes, commands.
public func configure(_ app: Application, config: Config, concord: Concord? = nil) async throws {
    app.concord = concord ?? Concord.live(secureCookies: config.secureCookies)
    if concord == nil { app.concord.passwords = Passwords(cost: config.bcryptCost) }
    app.concord.trustedProxies = config.trustedProxies
    app.concord.filesDirectory = (config.dataDirectory as NSString).appendingPathComponent("files")

    if let url = config.databaseURL, config.usesPostgres {
        var pg = try SQLPostgresConfiguration(url: url)
        // A loopback server usually has no certificate; elsewhere TLS stays as the URL asks.
        if url.contains("tlsmode=disable") { pg.coreConfiguration.tls = .disable }
        app.databases.use(
            .postgres(
                configuration: pg, maxConnectionsPerEventLoop: config.postgresPoolPerEventLoop,
                connectionPoolTimeout: .seconds(config.postgresPoolTimeoutSeconds)), as: .psql)
    } else {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        // The data directory holds the database: its owner's alone (an older one is tightened too).
        try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: config.dataDirectory)
        if config.directSQLiteWrites {
            // Opened before the pool connects, so it can put a new file into WAL mode on its own.
            app.concord.gate.writer.open(try DirectSQLite(path: config.sqlitePath, eventLoop: app.eventLoopGroup.any(), wal: true))
        }
        app.databases.use(.sqlite(.file(config.sqlitePath)), as: .sqlite)
    }
    app.lifecycle.use(CloseWriter())
    for m in ConcordMigrations.all { app.migrations.add(m) }
    // 演示环境: the demo company's own SQLite database beside the real one (whichever that is),
    // registered now and opened only once the setup guide loads it.
    let sandbox = Sandbox(path: (config.dataDirectory as NSString).appendingPathComponent("sandbox.sqlite")) { app, sandbox in
        try await prepareSandbox(app, sandbox)
        let ctx = sandboxContext(app, sandbox)
        _ = try await Bootstrap.ensure(adminPassword: nil, ctx)
        let password = ctx.tokens.token(12)
        if try await DemoCommand.load(password: password, ctx) == nil {
            // A sandbox left from before whose password the real database no longer knows (it was
            // reset, or is another server's): the demo is there, its people get the new password.
            let admin = try await OrganisationQueries.user(username: "admin", on: ctx.store)?.id
            for id in try await AccessQueries.activeUserIds(on: ctx.store) where id != admin {
                try await UserService.resetPassword(id, password: password, ctx)
            }
        }
        return password
    }
    app.databases.use(.sqlite(.file(sandbox.path)), as: sandbox.id, isDefault: false)
    app.concord.sandbox = sandbox

    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: config.maxBodyBytes)
    WebRoutes.configureMiddleware(app)
    WebRoutes.register(app)

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(BackupCommand(config: config), as: "backup")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(DailyJobsCommand(), as: "daily-jobs")
    app.lifecycle.use(Startup(config: config))
    app.lifecycle.use(DailyScheduler())
    app.lifecycle.use(RepeatingWorker.webhooks)
    app.lifecycle.use(RepeatingWorker.imports)
    app.lifecycle.use(RepeatingWorker.duplicates)
    app.lifecycle.use(RepeatingWorker.sends)
    // Webhooks (the only outbound calls today) never follow a redirect past their address check.
    app.http.client.configuration.redirectConfiguration = .disallow
}

/// Closes SQLite's write connection when the application shuts down.
struct CloseWriter: LifecycleHandler {
    func shutdown(_ app: Application) { app.concord.gate.writer.close() }
}

/// Before serving: bring the schema up to date and make sure a head office and an
/// administrator exist. Only for `serve` (and no command, which means serve).
struct Startup: LifecycleHandler {
    let config: Config

    func willBootAsync(_ app: Application) async throws {
        let args = app.environment.arguments
        let command = args.count > 1 ? args[1] : "serve"
        guard command == "serve" || command.hasPrefix("-") else { return }
        try await prepareDatabase(app, config: config)
    }
}

/// Migrates and bootstraps; the generated administrator password is printed once.
public func prepareDatabase(_ app: Application, config: Config) async throws {
    let store = Store(database: app.db, gate: app.concord.gate)
    if store.dialect == .sqlite {
        try await store.run("PRAGMA journal_mode = WAL")
    }
    try await app.autoMigrate()
    // A sandbox loaded before is brought up to date and offered again.
    if let sandbox = app.concord.sandbox, FileManager.default.fileExists(atPath: sandbox.path),
        try await Settings.get(Sandbox.passwordSetting, on: store) != nil
    {
        try await prepareSandbox(app, sandbox)
        sandbox.ready = true
    }
    let result = try await Bootstrap.ensure(adminPassword: config.adminPassword, systemContext(app))
    let reindexed = try await CustomerSearch.reindexIfNeeded(store)
    if reindexed > 0 { app.logger.notice("rewrote the search text of \(reindexed) partners") }
    if result.created {
        if let pw = result.generatedPassword {
            print(
                """

                ============================================================
                 Concord created the head office and the user `admin`.
                 Its password, shown only this once:  \(pw)
                 (set CONCORD_ADMIN_PASSWORD before the first start to choose it)
                ============================================================

                """)
        } else {
            app.logger.notice("created the head office and the user `admin` with the password from CONCORD_ADMIN_PASSWORD")
        }
    }
}

/// Brings the sandbox's schema up to date (creating its file, in WAL mode, the first time).
func prepareSandbox(_ app: Application, _ sandbox: Sandbox) async throws {
    try FileManager.default.createDirectory(
        atPath: (sandbox.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try await sandbox.store(app).run("PRAGMA journal_mode = WAL")
    let migrations = Migrations()
    for m in ConcordMigrations.all { migrations.add(m, to: sandbox.id) }
    let migrator = Migrator(databases: app.databases, migrations: migrations, logger: app.logger, on: app.eventLoopGroup.any())
    try await migrator.setupIfNeeded().get()
    try await migrator.prepareBatch().get()
}

/// The system acting on the sandbox.
func sandboxContext(_ app: Application, _ sandbox: Sandbox) -> ServiceContext {
    ServiceContext(
        store: sandbox.store(app), clock: app.concord.clock, tokens: app.concord.tokens, passwords: app.concord.passwords,
        actor: .system, principal: nil, crossings: Workflows.crossings)
}

/// A service context for commands and jobs: the system acts, no permission checks.
public func systemContext(_ app: Application) -> ServiceContext {
    ServiceContext(
        store: Store(database: app.db, gate: app.concord.gate), clock: app.concord.clock, tokens: app.concord.tokens,
        passwords: app.concord.passwords, actor: .system, principal: nil, crossings: Workflows.crossings)
}
