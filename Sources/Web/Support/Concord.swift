import Fluent
import Kernel
import Persistence
import Services
import Vapor
import Views

/// What the running server shares between requests: the outside world (clock, randomness,
/// password hashing), the SQLite write gate, settings and metrics.
public struct Concord: Sendable {
    public var clock: Clock
    public var tokens: TokenGenerator
    public var passwords: Passwords
    public var gate: WriteGate
    public var secureCookies: Bool
    public var metrics: Metrics
    /// Who a bearer token belongs to, remembered briefly (see AccessCache).
    public var accessCache = AccessCache()
    /// Where uploaded files (contract attachments) are kept: `files` under the data directory.
    public var filesDirectory = "./data/files"
    /// Lets tests skip the real wait that slows repeated failed logins.
    public var sleep: @Sendable (Int64) async -> Void

    public init(clock: Clock, tokens: TokenGenerator, passwords: Passwords, gate: WriteGate, secureCookies: Bool,
                metrics: Metrics, sleep: @escaping @Sendable (Int64) async -> Void) {
        self.clock = clock
        self.tokens = tokens
        self.passwords = passwords
        self.gate = gate
        self.secureCookies = secureCookies
        self.metrics = metrics
        self.sleep = sleep
    }

    public static func live(secureCookies: Bool) -> Concord {
        Concord(clock: .live, tokens: .live, passwords: .live, gate: WriteGate(), secureCookies: secureCookies, metrics: Metrics(),
                sleep: { ms in try? await Task.sleep(nanoseconds: UInt64(max(ms, 0)) * 1_000_000) })
    }
}

struct ConcordKey: StorageKey {
    typealias Value = Concord
}

extension Application {
    public var concord: Concord {
        get { storage[ConcordKey.self]! }
        set { storage[ConcordKey.self] = newValue }
    }
}

/// What middleware learned about a request, for the handlers after it.
final class RequestState: @unchecked Sendable {
    var requestId = ""
    var lang = Lang.default
    var user: UserRow?
    var principal: Principal?
    var csrf = ""
    var viaToken = false
}

struct RequestStateKey: StorageKey {
    typealias Value = RequestState
}

extension Request {
    var state: RequestState {
        if let s = storage[RequestStateKey.self] { return s }
        let s = RequestState()
        storage[RequestStateKey.self] = s
        return s
    }

    var concord: Concord { application.concord }
    var store: Store { Store(database: db, gate: concord.gate) }
    var t: Translator { Translator(state.lang) }

    var clientIP: String? {
        headers.first(name: "X-Forwarded-For")?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
            ?? remoteAddress?.ipAddress
    }

    /// The context every service call from this request uses.
    var services: ServiceContext {
        ServiceContext(store: store, clock: concord.clock, tokens: concord.tokens, passwords: concord.passwords,
                       actor: ActingUser(userId: state.user?.id, username: state.user?.username, ip: clientIP, requestId: state.requestId),
                       principal: state.principal)
    }

    /// The signed-in principal or a 401.
    func requirePrincipal() throws -> Principal {
        guard let p = state.principal else { throw DomainError.unauthenticated }
        return p
    }
}
