import FluentKit
import Foundation
import SQLKit
import Synchronization

public enum Dialect: String, Sendable {
    case sqlite, postgres
}

/// The database as the rest of Concord sees it: SQL with bound parameters on one connection
/// (or one transaction), and the dialect for the few statements that differ.
public struct Store: Sendable {
    public let database: any Database
    public let dialect: Dialect
    let gate: WriteGate
    /// Set inside a write transaction on SQLite's own write connection (`DirectSQLite`).
    let direct: DirectSQLite?
    /// What the current write transaction touched, for the caches to hear after its commit.
    let touched: Touched?
    /// Audit entries of the current write transaction, written in one statement before it ends.
    let pendingAudit: PendingAudit?

    public init(database: any Database, gate: WriteGate) {
        self.init(database: database, gate: gate, direct: nil, touched: nil)
    }

    init(database: any Database, gate: WriteGate, direct: DirectSQLite?, touched: Touched?) {
        self.database = database
        self.dialect = (database as? any SQLDatabase)?.dialect.name == "postgresql" ? .postgres : .sqlite
        self.gate = gate
        self.direct = direct
        self.touched = touched
        self.pendingAudit = touched == nil ? nil : PendingAudit()
    }

    /// Says that this write changes who may do what: a user, role, grant, token, branch or
    /// department. Caches of principals (`WriteGate.access`) drop what they hold once it commits
    /// (at once outside a transaction); other writes leave them be.
    public func accessChanged() {
        if let touched { touched.access.store(true, ordering: .relaxed) } else { gate.access.bump() }
    }

    /// Says that this write changes the company's setup: a branch or a setting. What was
    /// remembered of it (`remembered`) is dropped once it commits (at once outside a transaction);
    /// until then this transaction, and those sharing its commit, read it afresh.
    public func setupChanged() {
        if let touched { touched.setup.store(true, ordering: .relaxed) } else { gate.setup.bump() }
    }

    /// What `load` answers, remembered under `key` until a write changes the setup
    /// (`setupChanged`), for a few seconds at most (other servers on the same database may change
    /// it too). For what nearly every write reads and nearly none changes: the branch tree and the
    /// settings costing depends on.
    public func remembered<T: Sendable>(_ key: String, _ load: () async throws -> T) async throws -> T {
        if touched?.setup.load(ordering: .relaxed) == true { return try await load() }
        let generation = gate.setup.value
        if let value = gate.memo.get(key, generation: generation) as? T { return value }
        let value = try await load()
        gate.memo.put(key, value, generation: generation)
        return value
    }

    /// Where a statement runs: inside a transaction on its connection; outside one on SQLite,
    /// plain reads on the process's own read connections (`ReaderPool`), the rest on the driver.
    public var sql: any SQLDatabase {
        if let direct { return direct }
        let driver = database as! any SQLDatabase
        if dialect == .sqlite, !database.inTransaction, let readers = gate.writer.readers {
            return readers.database(fallback: driver)
        }
        return driver
    }

    /// Whether this store runs inside a write transaction.
    public var inTransaction: Bool { direct != nil || database.inTransaction }

    /// Runs `body` in one transaction; nothing it wrote stays if it throws, and it returns only
    /// once what it wrote is committed. On SQLite, write transactions of this process take turns
    /// (SQLite has one writer anyway, and waiting here avoids SQLITE_BUSY) on the writer's own
    /// thread and connection (`DirectSQLite`); those that queue while one runs join its
    /// transaction, each behind a savepoint, and the last of them commits for all (group commit:
    /// one fsync for many, each still answered only after its commit is on disk, a failing one
    /// rolled back alone). On PostgreSQL they run side by side and lock rows.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        if inTransaction {
            return try await body(self)
        }
        let gate = self.gate
        let dialect = self.dialect
        if dialect == .sqlite, let writer = gate.writer.connection {
            let database = self.database
            // Read here: task-local values travel with the task to the writer's thread, but say so.
            let hook = WriteHooks.beforeCommit
            return try await withTaskExecutorPreference(writer.thread) {
                try await gate.joinBatch(writer) { batch in
                    let tx = Store(database: database, gate: gate, direct: writer, touched: batch.touched)
                    let result = try await body(tx)
                    try await tx.flushAudit()
                    try await CustomerSearch.flush(tx)
                    if let hook { try await hook(tx) }
                    return result
                }
            }
        }
        if dialect == .sqlite { await gate.enter() }
        do {
            // Read here: the driver runs the body from an event loop, where this task's values are not.
            let hook = WriteHooks.beforeCommit
            let touched = Touched()
            let result = try await database.transaction { db in
                let tx = Store(database: db, gate: gate, direct: nil, touched: touched)
                let run: @Sendable () async throws -> T = {
                    let result = try await body(tx)
                    try await tx.flushAudit()
                    try await CustomerSearch.flush(tx)
                    if let hook { try await hook(tx) }
                    return result
                }
                if dialect == .postgres { return try await withTaskExecutorPreference(EventLoopTaskExecutor(db.eventLoop), operation: run) }
                return try await run()
            }
            gate.committed(touched)
            if dialect == .sqlite { await gate.leave() }
            return result
        } catch {
            if dialect == .sqlite { await gate.leave() }
            throw error
        }
    }

    /// Runs `body` inside the current write transaction so that, if it throws, what it wrote (and
    /// the audit entries it queued) is undone and the rest of the transaction stands: one row of
    /// an import refused without losing the rows before it.
    public func savepoint<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        precondition(inTransaction, "a savepoint lives inside a write transaction")
        if Self.optimisticRows {
            // An outer `rows` savepoint stands for this one: a failure undoes all of it.
            do { return try await body() } catch { throw RowFailed(error: error) }
        }
        let queued = pendingAudit?.rows.withLock { $0.count } ?? 0
        try await run("SAVEPOINT concord_row")
        do {
            let result = try await body()
            try await run("RELEASE SAVEPOINT concord_row")
            return result
        } catch {
            try await run("ROLLBACK TO SAVEPOINT concord_row")
            try await run("RELEASE SAVEPOINT concord_row")
            pendingAudit?.rows.withLock { $0.removeSubrange(queued...) }
            throw error
        }
    }

    /// Set while `rows` runs a group of rows under one savepoint: the rows' own savepoints are not
    /// taken, and the first of them that fails throws `RowFailed` so the group is undone.
    @TaskLocal static var optimisticRows = false

    /// A row's savepoint failed inside an optimistic group (`rows`); `error` is why.
    public struct RowFailed: Error {
        public let error: any Error
    }

    /// Runs `body` over a group of rows, one savepoint for the group instead of one per row
    /// (a savepoint costs statements, journal pages and, on SQLite, a flush of the full-text
    /// index). When a row's savepoint fails, everything the group wrote is undone and
    /// `RowFailed` thrown: the caller runs the group again one row at a time.
    public func rows<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await savepoint { try await Self.$optimisticRows.withValue(true) { try await body() } }
    }

    /// " FOR UPDATE" on PostgreSQL, nothing on SQLite (where a write transaction holds the whole
    /// database from its first statement: BEGIN IMMEDIATE). Appended to a read that a check-then-write
    /// depends on, so that two transactions racing on PostgreSQL take turns on those rows.
    public var forUpdate: SQLQueryString { dialect == .postgres ? " FOR UPDATE" : "" }

    /// Locks rows of a table until the transaction ends (PostgreSQL; SQLite needs nothing), in id
    /// order so that two transactions locking the same rows never deadlock.
    public func lock(_ table: String, _ ids: [Int64]) async throws {
        guard dialect == .postgres, !ids.isEmpty else { return }
        let sorted = Array(Set(ids)).sorted()
        try await run(
            "SELECT id FROM \(ident: table) WHERE id IN (\(binds: sorted.map { $0 as any Encodable & Sendable })) ORDER BY id FOR UPDATE")
    }

    public func all<T: Decodable>(_ query: SQLQueryString, as: T.Type) async throws -> [T] {
        try RowDecoding.decode(try await sql.raw(query).all(), as: T.self)
    }

    public func first<T: Decodable>(_ query: SQLQueryString, as: T.Type) async throws -> T? {
        guard let row = try await sql.raw(query).first() else { return nil }
        return try RowDecoding.decode([row], as: T.self).first
    }

    public func run(_ query: SQLQueryString) async throws {
        try await sql.raw(query).run()
    }

    /// A DELETE of a row others may still point to: when a foreign key refuses it, `inUse` is
    /// thrown instead of the database's error (the services count the references they know of
    /// first; this catches any they do not, so a new table never turns a refusal into a 500).
    public func delete(_ query: SQLQueryString, inUse: @autoclosure () -> any Error) async throws {
        do {
            try await run(query)
        } catch let e as any DatabaseError where e.isConstraintFailure {
            throw inUse()
        }
    }

    /// INSERT ... RETURNING id, on both dialects.
    public func insertReturningID(_ query: SQLQueryString) async throws -> Int64 {
        guard let row = try await sql.raw(query + " RETURNING id").first() else {
            throw StoreError.noRowReturned
        }
        return try row.decode(column: "id", as: Int64.self)
    }

    public func scalar<T: Decodable>(_ query: SQLQueryString, as: T.Type) async throws -> T? {
        guard let row = try await sql.raw(query).first() else { return nil }
        let column = row.allColumns.first ?? "value"
        return try row.decode(column: column, as: T?.self)
    }
}

public enum StoreError: Error {
    case noRowReturned
}

/// Work that must commit with whatever the current task writes: the outermost write
/// transaction runs it just before its COMMIT (an Idempotency-Key marked done with its request's work).
public enum WriteHooks {
    @TaskLocal public static var beforeCommit: (@Sendable (Store) async throws -> Void)?
}

/// Write transactions of one process take turns, in arrival order.
public actor WriteGate {
    /// Counts committed write transactions, so caches of what the database said can tell they are stale.
    public nonisolated let changes = ChangeCounter()
    /// Counts committed writes that changed who may do what (`Store.accessChanged`): the cache of
    /// principals by token outlives every other write.
    public nonisolated let access = ChangeCounter()
    /// Counts committed writes that changed the setup (`Store.setupChanged`), and what is remembered of it.
    public nonisolated let setup = ChangeCounter()
    nonisolated let memo = Memo()
    /// SQLite's write connection, when the server opened one.
    public nonisolated let writer = WriterSlot()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    public init() {}

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// The write transaction still open on the writer connection, with those in it awaiting its commit.
    private var batch: Batch?
    /// How many transactions one commit may carry: enough to make one fsync serve a queue, few
    /// enough that the first of them is not kept waiting long.
    static let batchLimit = 64

    /// Runs `work` in the open batch (or a new one) when its turn comes; returns once the batch it
    /// joined has committed, or throws what `work` threw (its writes alone rolled back) or what the
    /// commit answered.
    func joinBatch<T: Sendable>(_ writer: DirectSQLite, _ work: (Batch) async throws -> T) async throws -> T {
        await enter()
        let current: Batch
        if let open = batch {
            current = open
        } else {
            do {
                try writer.begin()
            } catch {
                leave()
                throw error
            }
            current = Batch()
            batch = current
        }
        // The first in a transaction needs no savepoint: if it fails, the whole transaction goes.
        let alone = current.members == 0
        let result: T
        do {
            if !alone { try writer.exec("SAVEPOINT batched") }
            result = try await work(current)
            if !alone { try writer.exec("RELEASE batched") }
        } catch {
            if alone {
                writer.rollback()
                batch = nil
            } else if writer.inTransaction, (try? writer.exec("ROLLBACK TO batched")) != nil, (try? writer.exec("RELEASE batched")) != nil {
                // Its own writes are gone; those before it stay in the transaction.
            } else {
                // SQLite ended the transaction itself (a full disk, an I/O error): those before it lose theirs too.
                writer.rollback()
                batch = nil
                current.finish(.failure(error))
            }
            _ = try? endTurn(writer)
            throw error
        }
        current.members += 1
        // Passed on, the transaction is continued by the next in line, and its last member commits for all.
        if try endTurn(writer) { try await current.committed() }
        return result
    }

    /// Ends a turn: the open transaction passes to the next in line while it has room, or commits
    /// for those in it; with none open, the next simply goes. Answers whether it was passed on.
    private func endTurn(_ writer: DirectSQLite) throws -> Bool {
        guard let open = batch, open.members > 0 else {
            leave()
            return false
        }
        if !waiting.isEmpty && open.members < Self.batchLimit {
            waiting.removeFirst().resume()
            return true
        }
        defer { leave() }
        try commit(open, writer)
        return false
    }

    private func commit(_ current: Batch, _ writer: DirectSQLite) throws {
        batch = nil
        do {
            try writer.commit()
        } catch {
            writer.rollback()
            current.finish(.failure(error))
            throw error
        }
        committed(current.touched)
        current.finish(.success(()))
    }

    nonisolated func committed(_ touched: Touched) {
        changes.bump()
        if touched.access.load(ordering: .relaxed) { access.bump() }
        if touched.setup.load(ordering: .relaxed) { setup.bump() }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Times are stored as milliseconds since 1970: one portable, sortable column type.
public enum Millis {
    public static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    public static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
}

/// Holds the SQLite connections of a process's own (none on PostgreSQL, or until they are
/// opened): the write connection and, beside it, the pool that reads outside transactions.
public final class WriterSlot: Sendable {
    private let slot = Mutex<(writer: DirectSQLite, readers: ReaderPool)?>(nil)
    public init() {}
    public var connection: DirectSQLite? { slot.withLock { $0?.writer } }
    public var readers: ReaderPool? { slot.withLock { $0?.readers } }
    /// Keeps `c` for writes; reads of the same file get connections of their own.
    public func open(_ c: DirectSQLite) {
        slot.withLock { $0 = (c, ReaderPool(path: c.path, eventLoop: c.eventLoop)) }
    }
    /// Closes and forgets them (at shutdown).
    public func close() {
        slot.withLock {
            $0?.writer.close()
            $0?.readers.close()
            $0 = nil
        }
    }
}

/// What one write transaction touched.
final class Touched: Sendable {
    let access = Atomic<Bool>(false)
    let setup = Atomic<Bool>(false)
}

/// Values remembered with the setup generation they were read at (`Store.remembered`).
final class Memo: Sendable {
    private struct Entry {
        var value: any Sendable
        var generation: UInt64
        var loaded: ContinuousClock.Instant
    }
    private let entries = Mutex<[String: Entry]>([:])
    /// How long another server's change may go unseen here.
    static let lifetime = Duration.seconds(5)

    func get(_ key: String, generation: UInt64) -> (any Sendable)? {
        entries.withLock { e in
            guard let hit = e[key], hit.generation == generation, hit.loaded.duration(to: .now) < Self.lifetime else { return nil }
            return hit.value
        }
    }

    func put(_ key: String, _ value: any Sendable, generation: UInt64) {
        entries.withLock { $0[key] = Entry(value: value, generation: generation, loaded: .now) }
    }
}

/// The audit entries a write transaction has recorded and not yet written (`Audit.record`).
final class PendingAudit: Sendable {
    let rows = Mutex<[Audit.Row]>([])
}

/// One SQLite transaction carrying the work of several writes (`WriteGate.joinBatch`).
final class Batch: Sendable {
    let touched = Touched()
    private struct State {
        var members = 0
        var outcome: Result<Void, any Error>?
        var waiting: [CheckedContinuation<Void, any Error>] = []
    }
    private let state = Mutex(State())

    var members: Int {
        get { state.withLock { $0.members } }
        set { state.withLock { $0.members = newValue } }
    }

    /// Returns once the transaction committed; throws if it did not.
    func committed() async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            let outcome: Result<Void, any Error>? = state.withLock {
                if $0.outcome == nil { $0.waiting.append(c) }
                return $0.outcome
            }
            if let outcome { c.resume(with: outcome) }
        }
    }

    func finish(_ outcome: Result<Void, any Error>) {
        let waiting = state.withLock { s in
            s.outcome = outcome
            let waiting = s.waiting
            s.waiting = []
            return waiting
        }
        for c in waiting { c.resume(with: outcome) }
    }
}

public final class ChangeCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count: UInt64 = 0
    public init() {}
    public var value: UInt64 { lock.lock(); defer { lock.unlock() }; return count }
    public func bump() { lock.lock(); count &+= 1; lock.unlock() }
}

/// `lastEntryId` → `last_entry_id`: a field's column (ASCII field names only, as all of ours are).
func snakeCase(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count + 4)
    for c in s {
        if c.isASCII, c.isUppercase {
            if !out.isEmpty { out.append("_") }
            out.append(Character(c.lowercased()))
        } else {
            out.append(c)
        }
    }
    return out
}

extension Store {
    /// Whether the database answers.
    public func ping() async throws { _ = try await scalar("SELECT 1 AS value", as: Int64.self) }
}
