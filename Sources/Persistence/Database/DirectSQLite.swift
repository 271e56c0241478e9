import CSQLiteTuning
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import SQLKit
import Synchronization
// The SQLite library SQLiteNIO is built with: one SQLite in the process, so both connections
// share its file locks (two copies of the library would not see each other's locks).
import VaporCSQLite

/// The connection SQLite write transactions run on. SQLiteNIO sends every statement to a thread
/// pool and resumes the caller afterwards: two thread switches per statement, which on this
/// 2-core machine cost more than the statement (a posted document is about twenty). Writes take
/// turns anyway (`WriteGate`), so they get one connection of their own whose statements run on
/// the calling thread, prepared once and kept. Reads outside a transaction get connections of
/// the same kind (`ReaderPool`, `reader: true`), which run side by side with a write (WAL mode).
///
/// Values travel as `SQLiteData` through SQLiteKit's encoder and decoder and errors are
/// `SQLiteError`-like, so a statement behaves here exactly as it does through the driver.
public final class DirectSQLite: SQLDatabase, @unchecked Sendable {
    /// The version of the C library this connection calls (StoreTests compares it with the driver's).
    public static var libraryVersion: String { String(cString: sqlite_nio_sqlite3_libversion()) }

    private let handle: OpaquePointer
    /// Prepared statements by SQL text; the connection is used by one task at a time (`lock`).
    private var prepared: [String: OpaquePointer] = [:]
    private let lock = NSLock()
    private let encoder = SQLiteDataEncoder()
    private let rowDecoder = SQLiteDataDecoder()
    public let logger: Logger
    public let eventLoop: any EventLoop
    public var version: (any SQLDatabaseReportedVersion)? { nil }
    public var dialect: any SQLDialect { SQLiteDialect() }
    public var queryLogLevel: Logger.Level? { nil }
    /// The thread its write transactions run on (`Store.write`).
    public let thread = WriterThread()

    /// The file it is open on.
    public let path: String
    /// A read connection (`ReaderPool`): it refuses to write and plans each read for its values.
    let reader: Bool

    /// `wal`: switch the file to WAL mode (persistent; do it before other connections open).
    /// `reader`: a connection for reads only.
    public init(
        path: String, eventLoop: any EventLoop, wal: Bool = false, reader: Bool = false,
        logger: Logger = Logger(label: "concord.sqlite.writer")
    ) throws {
        var h: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let rc = sqlite_nio_sqlite3_open_v2(path, &h, flags, nil)
        guard rc == SQLITE_OK, let h else {
            if let h { sqlite_nio_sqlite3_close(h) }
            throw DirectSQLiteError(code: rc, message: "cannot open \(path)")
        }
        handle = h
        self.path = path
        self.reader = reader
        self.eventLoop = eventLoop
        self.logger = logger
        // Readers never block a write in WAL mode; another writer outside the gate (a session
        // touch) is waited for rather than failed.
        sqlite_nio_sqlite3_busy_timeout(h, 30_000)
        if reader {
            // Reads keep the plans SQLite makes for their values (a LIKE, a partial index), as the
            // driver's connections do; a write here would be a mistake, and fails.
            try exec("PRAGMA query_only = ON")
            return
        }
        try exec("PRAGMA foreign_keys = ON")
        if wal { try exec("PRAGMA journal_mode = WAL") }
        // A statement's own undo pages (a statement journal, opened for every write that fires a
        // trigger or checks a foreign key inside a transaction) stay in memory instead of a
        // temporary file: a write of many rows no longer writes each page twice to disk.
        try exec("PRAGMA temp_store = MEMORY")
        // Kept statements keep their plan: without this, SQLite (3.5x) marks every statement with
        // `col = ?` and an ORDER BY, a LIKE ? or a partial index to be prepared again whenever a
        // value bound to it changes — each run of a list or lookup query parsed and planned anew.
        // Our writes' plans never need the value (no STAT4; a LIKE here starts with % or reads a
        // small table; partial indexes are matched by literal conditions), so they are planned once.
        // Reads on the driver's pool prepare afresh each time anyway and keep the value-aware plans.
        guard concord_sqlite_stable_plans(UnsafeMutableRawPointer(h)) == 1 else {
            throw DirectSQLiteError(code: SQLITE_ERROR, message: "cannot keep query plans stable")
        }
    }

    /// How many times SQLite prepared a kept statement again (a change of schema, or of a bound
    /// value when plans are not stable); tests check that a changed value does not.
    public var reprepared: Int {
        lock.lock(); defer { lock.unlock() }
        return prepared.values.reduce(0) { $0 + Int(sqlite_nio_sqlite3_stmt_status($1, SQLITE_STMTSTATUS_REPREPARE, 0)) }
    }

    deinit { close() }

    /// Finalizes every statement and closes the connection; safe to call twice.
    public func close() {
        thread.stop()
        lock.lock(); defer { lock.unlock() }
        for s in prepared.values { sqlite_nio_sqlite3_finalize(s) }
        prepared = [:]
        if !closed {
            sqlite_nio_sqlite3_close(handle)
            closed = true
        }
    }
    private var closed = false

    public func begin() throws { try exec("BEGIN IMMEDIATE") }
    public func commit() throws { try exec("COMMIT") }
    /// Whether a transaction is open on it (SQLite ends one by itself after some failures).
    var inTransaction: Bool {
        lock.lock(); defer { lock.unlock() }
        return !closed && sqlite_nio_sqlite3_get_autocommit(handle) == 0
    }
    public func rollback() { if inTransaction { try? exec("ROLLBACK") } }

    func exec(_ sql: String) throws { try run(sql, []) { _ in } }

    // SQLDatabase

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        try run(sql, try binds.map { try encoder.encode($0) }, onRow)
    }

    /// Runs `query` when it is a plain read (a SELECT that writes nothing) and answers true;
    /// answers false, having run nothing, for anything else.
    func read(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws -> Bool {
        let (sql, binds) = serialize(query)
        guard Self.isSelect(sql) else { return false }
        return try run(sql, try binds.map { try encoder.encode($0) }, onlyReads: true, onRow)
    }

    /// Whether the statement starts with SELECT or WITH (a WITH may still write: SQLite says).
    static func isSelect(_ sql: String) -> Bool {
        // The first word: past spaces and brackets, up to the first character below "A".
        let word = String(decoding: sql.utf8.drop { $0 < 0x41 }.prefix { $0 >= 0x41 }.prefix(7), as: UTF8.self).uppercased()
        return word == "SELECT" || word == "WITH"
    }

    @discardableResult
    private func run(_ sql: String, _ binds: [SQLiteData], onlyReads: Bool = false, _ onRow: (any SQLRow) -> Void) throws -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard !closed else { throw DirectSQLiteError(code: SQLITE_MISUSE, message: "the connection is closed") }
        let statement = try statement(for: sql)
        if onlyReads, sqlite_nio_sqlite3_stmt_readonly(statement) == 0 { return false }
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (i, value) in binds.enumerated() {
            let at = Int32(i + 1)
            let rc: Int32
            switch value {
            case .integer(let v): rc = sqlite_nio_sqlite3_bind_int64(statement, at, Int64(v))
            case .float(let v): rc = sqlite_nio_sqlite3_bind_double(statement, at, v)
            case .text(let v): rc = sqlite_nio_sqlite3_bind_text64(statement, at, v, UInt64(v.utf8.count), transient, UInt8(SQLITE_UTF8))
            case .blob(let v):
                rc = v.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(statement, at, $0.baseAddress, UInt64($0.count), transient)
                }
            case .null: rc = sqlite_nio_sqlite3_bind_null(statement, at)
            }
            guard rc == SQLITE_OK else { throw failure(rc) }
        }
        var columns: DirectRow.Columns?
        while true {
            let rc = sqlite_nio_sqlite3_step(statement)
            if rc == SQLITE_DONE { return true }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            let names = try columns ?? DirectRow.Columns(statement)
            columns = names
            var values: [SQLiteData] = []
            values.reserveCapacity(names.names.count)
            for c in 0..<Int32(names.names.count) { values.append(try data(statement, c)) }
            onRow(DirectRow(columns: names, values: values, decoder: rowDecoder))
        }
    }

    private func statement(for sql: String) throws -> OpaquePointer {
        if let s = prepared[sql] { return s }
        var s: OpaquePointer?
        // SQLITE_PREPARE_PERSISTENT: these are kept and reused.
        let rc = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil)
        guard rc == SQLITE_OK, let s else { throw failure(rc) }
        // Statements built with a varying number of binds (IN lists, multi-row VALUES) would pile
        // up: past a few hundred texts the cache starts again.
        if prepared.count >= 512 {
            for old in prepared.values { sqlite_nio_sqlite3_finalize(old) }
            prepared = [:]
        }
        prepared[sql] = s
        return s
    }

    private func data(_ s: OpaquePointer, _ c: Int32) throws -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(s, c) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(s, c)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(s, c))
        case SQLITE_TEXT:
            guard let p = sqlite_nio_sqlite3_column_text(s, c) else {
                throw DirectSQLiteError(code: SQLITE_ERROR, message: "unexpected nil column text")
            }
            return .text(String(cString: p))
        case SQLITE_BLOB:
            let n = Int(sqlite_nio_sqlite3_column_bytes(s, c))
            var buffer = ByteBufferAllocator().buffer(capacity: n)
            if let p = sqlite_nio_sqlite3_column_blob(s, c) { buffer.writeBytes(UnsafeRawBufferPointer(start: p, count: n)) }
            return .blob(buffer)
        default: return .null
        }
    }

    private func failure(_ rc: Int32) -> DirectSQLiteError {
        DirectSQLiteError(code: sqlite_nio_sqlite3_extended_errcode(handle), message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    private var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}

/// A failed statement on the direct connection, with SQLite's extended result code.
public struct DirectSQLiteError: Error, CustomStringConvertible, DatabaseError {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite error \(code): \(message)" }
    private var primary: Int32 { code & 0xff }
    public var isSyntaxError: Bool { primary == SQLITE_ERROR && message.contains("syntax") }
    public var isConstraintFailure: Bool { primary == SQLITE_CONSTRAINT }
    public var isConnectionClosed: Bool { primary == SQLITE_MISUSE }
}

/// A row of the direct connection, read the way SQLiteKit reads the driver's rows.
struct DirectRow: SQLRow {
    /// The column names of one statement's result, shared by its rows; the first of equal names wins.
    final class Columns: @unchecked Sendable {
        let names: [String]
        let index: [String: Int]
        init(_ s: OpaquePointer) throws {
            let n = sqlite_nio_sqlite3_column_count(s)
            var names: [String] = []
            for i in 0..<n {
                guard let p = sqlite_nio_sqlite3_column_name(s, i) else {
                    throw DirectSQLiteError(code: SQLITE_ERROR, message: "nil column name at \(i)")
                }
                names.append(String(cString: p))
            }
            self.names = names
            index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        }
    }

    let columns: Columns
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns.names }
    func contains(column: String) -> Bool { columns.index[column] != nil }
    func decodeNil(column: String) throws -> Bool {
        guard let i = columns.index[column] else { return true }
        return values[i] == .null
    }
    func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
        guard let i = columns.index[column] else { throw DirectSQLiteError(code: SQLITE_ERROR, message: "no column \(column)") }
        return try decoder.decode(D.self, from: values[i])
    }
}
