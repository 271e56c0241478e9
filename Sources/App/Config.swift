import Foundation
import Vapor

/// Configuration comes only from environment variables, each with a safe default
/// (README, "Configuration").
public struct Config: Sendable {
    public var dataDirectory: String
    public var databaseURL: String?
    public var host: String
    public var port: Int
    public var adminPassword: String?
    public var secureCookies: Bool
    public var maxBodyBytes: Int
    public var bcryptCost: Int
    /// SQLite write transactions on a connection of their own, statements on the calling thread
    /// (`DirectSQLite`); `CONCORD_SQLITE_WRITER=pool` sends them through the driver's pool instead
    /// (to compare, or should the direct path ever misbehave).
    public var directSQLiteWrites = true
    /// Proxies whose X-Forwarded-For is believed (`CONCORD_TRUSTED_PROXIES`, comma-separated).
    public var trustedProxies: [String] = []
    /// PostgreSQL connections per event loop (`CONCORD_PG_POOL`, default 8).
    public var postgresPoolPerEventLoop = 8
    /// How long a request waits for a free PostgreSQL connection before it fails (`CONCORD_PG_POOL_TIMEOUT`, seconds, default 10).
    public var postgresPoolTimeoutSeconds: Int64 = 10

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Config {
        var c = Config(
            dataDirectory: env["CONCORD_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data",
            databaseURL: env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            host: env["HOST"] ?? "127.0.0.1",
            port: env["PORT"].flatMap(Int.init) ?? 8080,
            adminPassword: env["CONCORD_ADMIN_PASSWORD"],
            secureCookies: env["CONCORD_SECURE_COOKIES"] == "true",
            maxBodyBytes: env["CONCORD_MAX_BODY_BYTES"].flatMap(Int.init) ?? 1_048_576,
            bcryptCost: env["CONCORD_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 16) } ?? 12)
        c.directSQLiteWrites = env["CONCORD_SQLITE_WRITER"] != "pool"
        c.trustedProxies = (env["CONCORD_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        c.postgresPoolPerEventLoop = env["CONCORD_PG_POOL"].flatMap(Int.init).map { min(max($0, 1), 64) } ?? 8
        c.postgresPoolTimeoutSeconds = env["CONCORD_PG_POOL_TIMEOUT"].flatMap(Int64.init).map { min(max($0, 1), 600) } ?? 10
        return c
    }

    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("concord.sqlite") }
    public var usesPostgres: Bool { databaseURL?.hasPrefix("postgres") ?? false }
}
