import DocumentsCore
import Fluent
import Kernel
import Paths
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
    /// Proxies whose `X-Forwarded-For` is believed (addresses or IPv4 CIDR blocks); from anyone
    /// else the header is ignored, so a client cannot choose the address it is counted and audited as.
    public var trustedProxies: [String] = []
    /// Lets tests skip the real wait that slows repeated failed logins.
    public var sleep: @Sendable (Int64) async -> Void
    /// Rows an export writes while its asker waits; a longer list becomes a job (tests lower it).
    public var exportInlineRows = ExportService.inlineRows
    /// The demo company's database of its own (演示环境), when the application offers one.
    public var sandbox: Sandbox?

    public init(
        clock: Clock, tokens: TokenGenerator, passwords: Passwords, gate: WriteGate, secureCookies: Bool,
        metrics: Metrics, sleep: @escaping @Sendable (Int64) async -> Void
    ) {
        self.clock = clock
        self.tokens = tokens
        self.passwords = passwords
        self.gate = gate
        self.secureCookies = secureCookies
        self.metrics = metrics
        self.sleep = sleep
    }

    public static func live(secureCookies: Bool) -> Concord {
        Concord(
            clock: .live, tokens: .live, passwords: .live, gate: WriteGate(), secureCookies: secureCookies, metrics: Metrics(),
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
    /// The signed-in person's unread notifications, counted for a page's header.
    var unread: Int64 = 0
    /// The request reads and writes the sandbox (演示环境), not the real database.
    var sandbox = false
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
    /// The database this request works on: the sandbox's when it chose it, else the real one.
    var sandbox: Sandbox? { state.sandbox ? concord.sandbox : nil }
    var store: Store { sandbox.map { Store(database: db($0.id), gate: $0.gate) } ?? Store(database: db, gate: concord.gate) }
    /// The write gate of that database (whose change count the token cache follows).
    var gate: WriteGate { sandbox?.gate ?? concord.gate }
    var t: Translator { Translator(state.lang) }

    /// Who is asking: the peer, unless the peer is a trusted proxy; then the nearest address in
    /// `X-Forwarded-For` that is not one of ours (read from the right: the left is the client's to write).
    var clientIP: String? {
        let peer = remoteAddress?.ipAddress
        let trusted = concord.trustedProxies
        guard let p = peer, AddressMatch.any(trusted, p), let header = headers.first(name: "X-Forwarded-For") else { return peer }
        for hop in header.split(separator: ",").reversed() {
            let a = hop.trimmingCharacters(in: .whitespaces)
            if a.isEmpty || a.count > 45 { return peer }
            if !AddressMatch.any(trusted, a) { return a }
        }
        return peer
    }

    /// The context every service call from this request uses.
    var services: ServiceContext {
        ServiceContext(
            store: store, clock: concord.clock, tokens: concord.tokens, passwords: concord.passwords,
            actor: ActingUser(
                userId: state.user?.id, username: state.user?.username, ip: clientIP, requestId: state.requestId,
                channel: state.principal?.partnerId != nil ? "portal" : url.path.hasPrefix("/api/") ? "api" : "web"),
            principal: state.principal, crossings: Workflows.crossings)
    }

    /// The context of a visitor who signs in nowhere (an RSVP, a shared material, the web form,
    /// an unsubscribe link, a tracked mail): they act as the system, and the log names the
    /// channel they came by.
    func visitor(_ channel: String) -> ServiceContext {
        var ctx = services
        ctx.principal = nil
        ctx.actor = ActingUser(userId: nil, username: channel, ip: clientIP, requestId: state.requestId, channel: channel)
        return ctx
    }

    /// What the signed-in person may do to one document (no one signed in: nothing).
    func grants(on module: Module, branch: Int64?, department: Int64?, owner: Int64?) -> (Right) -> Bool {
        state.principal?.grants(on: module, branch: branch, department: department, owner: owner) ?? { _ in false }
    }

    /// May the reader see figures of cost, value, margin and profit (`costs.view`)? Lists drop
    /// their cost columns and API answers leave those fields out when not.
    var seesCosts: Bool { state.principal?.can(.costs, .view) == true }

    /// The signed-in principal or a 401.
    func requirePrincipal() throws -> Principal {
        guard let p = state.principal else { throw DomainError.unauthenticated }
        return p
    }
}

/// Matches an address against addresses and IPv4 CIDR blocks (`10.0.0.0/8`).
enum AddressMatch {
    static func any(_ patterns: [String], _ address: String) -> Bool { patterns.contains { matches($0, address) } }

    static func matches(_ pattern: String, _ address: String) -> Bool {
        let parts = pattern.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits), let net = ipv4(String(parts[0])), let a = ipv4(address)
        else {
            return pattern == address
        }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return net & mask == a & mask
    }

    static func ipv4(_ s: String) -> UInt32? {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var v: UInt32 = 0
        for o in octets {
            guard let n = UInt8(o) else { return nil }
            v = v << 8 | UInt32(n)
        }
        return v
    }
}
