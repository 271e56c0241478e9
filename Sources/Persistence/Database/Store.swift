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

    public init(database: any Database, gate: WriteGate) {
        self.init(database: database, gate: gate, direct: nil)
    }

    init(database: any Database, gate: WriteGate, direct: DirectSQLite?) {
        self.database = database
        self.dialect = (database as? any SQLDatabase)?.dialect.name == "postgresql" ? .postgres : .sqlite
        self.gate = gate
        self.direct = direct
    }

    public var sql: any SQLDatabase { direct ?? database as! any SQLDatabase }

    /// Whether this store runs inside a write transaction.
    public var inTransaction: Bool { direct != nil || database.inTransaction }

    /// Rows decode into camelCase fields from snake_case columns. The conversion of each field
    /// name is remembered: converting it afresh for every column of every row cost more than the
    /// query itself on short statements.
    public static let decoder = SQLRowDecoder(keyDecodingStrategy: .custom({ path in SnakeKey(path.last!.stringValue) }))

    /// Runs `body` in one transaction; nothing it wrote stays if it throws. On SQLite, write
    /// transactions of this process take turns (SQLite has one writer anyway, and waiting here
    /// avoids SQLITE_BUSY); on PostgreSQL they run side by side and lock rows.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        if inTransaction {
            return try await body(self)
        }
        let gate = self.gate
        let dialect = self.dialect
        if dialect == .sqlite, let writer = gate.writer.connection {
            await gate.enter()
            do {
                try writer.begin()
                let result: T
                do {
                    let tx = Store(database: database, gate: gate, direct: writer)
                    result = try await body(tx)
                    if let hook = WriteHooks.beforeCommit { try await hook(tx) }
                    try writer.commit()
                } catch {
                    writer.rollback()
                    throw error
                }
                gate.changes.bump()
                await gate.leave()
                return result
            } catch {
                await gate.leave()
                throw error
            }
        }
        if dialect == .sqlite { await gate.enter() }
        do {
            // Read here: the driver runs the body from an event loop, where this task's values are not.
            let hook = WriteHooks.beforeCommit
            let result = try await database.transaction { db in
                let tx = Store(database: db, gate: gate)
                let result = try await body(tx)
                if let hook { try await hook(tx) }
                return result
            }
            gate.changes.bump()
            if dialect == .sqlite { await gate.leave() }
            return result
        } catch {
            if dialect == .sqlite { await gate.leave() }
            throw error
        }
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
        try await sql.raw(query).all(decoding: T.self, with: Self.decoder)
    }

    public func first<T: Decodable>(_ query: SQLQueryString, as: T.Type) async throws -> T? {
        try await sql.raw(query).first(decoding: T.self, with: Self.decoder)
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

/// Holds the SQLite write connection of a process (none on PostgreSQL, or until it is opened).
public final class WriterSlot: Sendable {
    private let slot = Mutex<DirectSQLite?>(nil)
    public init() {}
    public var connection: DirectSQLite? { slot.withLock { $0 } }
    public func open(_ c: DirectSQLite) { slot.withLock { $0 = c } }
    /// Closes and forgets it (at shutdown).
    public func close() {
        slot.withLock {
            $0?.close(); $0 = nil
        }
    }
}

public final class ChangeCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count: UInt64 = 0
    public init() {}
    public var value: UInt64 { lock.lock(); defer { lock.unlock() }; return count }
    public func bump() { lock.lock(); count &+= 1; lock.unlock() }
}

/// A field name as its snake_case column, from a process-wide memo.
struct SnakeKey: CodingKey {
    private static let memo = Mutex<[String: String]>([:])

    let stringValue: String
    var intValue: Int? { nil }

    init(_ camel: String) {
        if let known = Self.memo.withLock({ $0[camel] }) {
            stringValue = known
        } else {
            let snake = Self.snake(camel)
            Self.memo.withLock { $0[camel] = snake }
            stringValue = snake
        }
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }

    /// `lastEntryId` → `last_entry_id`; ASCII field names only, as all of ours are.
    static func snake(_ s: String) -> String {
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
}

extension Store {
    /// Whether the database answers.
    public func ping() async throws { _ = try await scalar("SELECT 1 AS value", as: Int64.self) }
}
