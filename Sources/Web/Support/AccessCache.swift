import Foundation
import Kernel
import Persistence

/// Remembers, for a few seconds, whom a bearer token belongs to and what that user may do, so
/// an API call does not load user, roles and organisation tree every time. A committed write of
/// this process that changes rights (a user, role, grant, token, branch or department:
/// `Store.accessChanged`) makes every entry stale, so a revoked token or a changed role takes
/// effect at once here; other writes (a posted document) leave the entries be. Other instances
/// behind the same database see a change within `lifetimeMillis`.
public final class AccessCache: @unchecked Sendable {
    struct Entry {
        var user: UserRow
        var principal: Principal
        var tokenId: Int64
        var tokenExpires: Int64?
        var loadedAt: Int64
        var generation: UInt64
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    public let lifetimeMillis: Int64 = 5_000

    public init() {}

    func get(_ hash: String, now: Int64, generation: UInt64) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[hash] else { return nil }
        if now - e.loadedAt > lifetimeMillis || (e.tokenExpires ?? .max) <= now || e.generation != generation {
            entries[hash] = nil
            return nil
        }
        return e
    }

    func put(_ hash: String, _ entry: Entry) {
        lock.lock()
        if entries.count > 10_000 { entries.removeAll() }
        entries[hash] = entry
        lock.unlock()
    }

    public func clear() {
        lock.lock()
        entries.removeAll()
        lock.unlock()
    }
}
