import Foundation
import Logging
import NIOCore
import SQLKit
import Synchronization

/// SQLite's read connections of our own. Through the driver, every statement crosses to a thread
/// of its pool and back (two thread switches, on this 2-core machine as costly as a small query)
/// and its rows come out through SQLiteKit's generic decoder. A read here runs on the thread that
/// asks for it, on a kept connection with its statements prepared, and its rows are read the way
/// the writer's are (`DirectRow`, `RowDecoder`). In WAL mode they read beside the writer, each
/// statement on the last committed state, as the driver's connections do.
///
/// Only plain reads come here: a statement outside a transaction that is not a SELECT (a
/// session's touch, a pragma, a checkpoint) goes to the driver as before, and so does a read that
/// finds every connection busy (`limit`).
public final class ReaderPool: Sendable {
    private struct State {
        var free: [DirectSQLite] = []
        var opened = 0
        var closed = false
    }

    private let path: String
    private let eventLoop: any EventLoop
    private let limit: Int
    private let state = Mutex(State())
    private let served = Atomic<Int>(0)

    /// `limit`: reads at once here. A read runs on its caller's thread, an event loop's or the
    /// task pool's (a thread a core each): one fewer than the cores, so that a long read (a report
    /// over a million rows) never holds every thread while requests that read nothing wait; the
    /// reads beyond it go to the driver.
    public init(path: String, eventLoop: any EventLoop, limit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        self.path = path
        self.eventLoop = eventLoop
        self.limit = limit
    }

    /// How many statements the pool's own connections have answered (tests see reads land here).
    public var reads: Int { served.load(ordering: .relaxed) }

    /// Closes every connection; reads after this go to the driver.
    public func close() {
        let idle = state.withLock { s in
            s.closed = true
            defer { s.free = [] }
            return s.free
        }
        for c in idle { c.close() }
    }

    /// The pool for one store: reads on its connections, anything else on `fallback`.
    func database(fallback: any SQLDatabase) -> any SQLDatabase { Reads(pool: self, fallback: fallback) }

    /// Answers `query` on a connection of the pool; false (nothing run) when it is not a plain
    /// read or no connection is free.
    fileprivate func read(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws -> Bool {
        guard let connection = try checkout() else { return false }
        defer { checkin(connection) }
        guard try connection.read(query, onRow) else { return false }
        served.add(1, ordering: .relaxed)
        return true
    }

    private func checkout() throws -> DirectSQLite? {
        enum Take { case connection(DirectSQLite), open, none }
        let take: Take = state.withLock { s in
            if s.closed { return .none }
            if let c = s.free.popLast() { return .connection(c) }
            guard s.opened < limit else { return .none }
            s.opened += 1
            return .open
        }
        switch take {
        case .connection(let c): return c
        case .none: return nil
        case .open:
            do {
                return try DirectSQLite(path: path, eventLoop: eventLoop, reader: true)
            } catch {
                state.withLock { $0.opened -= 1 }
                throw error
            }
        }
    }

    private func checkin(_ c: DirectSQLite) {
        let keep = state.withLock { s in
            guard !s.closed else {
                s.opened -= 1
                return false
            }
            s.free.append(c)
            return true
        }
        if !keep { c.close() }
    }
}

/// A store's database outside a transaction on SQLite: plain reads on the pool, the rest (and
/// reads when the pool is busy) on the driver.
private struct Reads: SQLDatabase {
    let pool: ReaderPool
    let fallback: any SQLDatabase

    var logger: Logger { fallback.logger }
    var eventLoop: any EventLoop { fallback.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { fallback.version }
    var dialect: any SQLDialect { fallback.dialect }
    var queryLogLevel: Logger.Level? { fallback.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            if try pool.read(query, onRow) { return eventLoop.makeSucceededVoidFuture() }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return fallback.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        if try pool.read(query, onRow) { return }
        try await fallback.execute(sql: query, onRow)
    }
}
