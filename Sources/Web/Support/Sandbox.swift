import Fluent
import Foundation
import Persistence
import Vapor

/// 演示环境: the demo company in a database of its own beside the real one, loaded from the setup
/// guide by an administrator. A browser that chose it (a cookie) or a program that names it (a
/// header) reads and writes only there, with the sandbox's own accounts and sessions; nothing of
/// it ever reaches the real books, and leaving it is clearing the cookie.
public final class Sandbox: @unchecked Sendable {
    public static let cookie = "concord_space"
    public static let header = "X-Concord-Sandbox"
    /// Where the main database remembers the sandbox's demo password (the sandbox exists when set).
    public static let passwordSetting = "sandbox.password"
    public let id = DatabaseID(string: "sandbox")
    public let path: String
    public let gate = WriteGate()
    /// Loads the demo company into the sandbox database and answers its users' password (the
    /// application supplies it: the demo company lives outside Web).
    let loader: @Sendable (Application, Sandbox) async throws -> String
    private let lock = NSLock()
    private var isReady = false
    private var loading: Task<String, any Error>?

    public init(path: String, loader: @escaping @Sendable (Application, Sandbox) async throws -> String) {
        self.path = path
        self.loader = loader
    }

    public var ready: Bool {
        get { lock.withLock { isReady } }
        set { lock.withLock { isReady = newValue } }
    }

    /// Loads it; a second caller while it loads waits for the same load.
    public func load(_ app: Application) async throws -> String {
        let task: Task<String, any Error> = lock.withLock {
            if let t = loading { return t }
            let t = Task { try await loader(app, self) }
            loading = t
            return t
        }
        // Those who asked while it loaded share its outcome; a later call loads afresh.
        defer { lock.withLock { if loading == task { loading = nil } } }
        let password = try await task.value
        ready = true
        return password
    }

    /// The sandbox's store, on its own database and write gate.
    public func store(_ app: Application) -> Store { Store(database: app.db(id), gate: gate) }
}
