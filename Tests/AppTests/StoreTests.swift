import FluentKit
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing

/// The store's write transactions, on whichever database the suite runs (on SQLite they run on
/// their own connection, `DirectSQLite`): all or nothing, seen by readers once committed, and a
/// broken rule reported as the database's constraint failure.
@Suite("Store: write transactions")
struct StoreTests {
    struct Row: Decodable, Equatable { var id: Int64; var code: String; var note: String?; var active: Bool }

    /// The SQLite writer (DirectSQLite) calls the C library that SQLiteNIO builds (its module
    /// VaporCSQLite, not a product of the package): one library in the process, so both
    /// connections share its file locks. If an upgrade of the driver ever brought a second copy or
    /// another version, this fails instead of the two connections quietly disagreeing.
    @Test func theWriterAndTheDriverUseOneSQLite() async throws {
        guard TestApp.postgresURL == nil else { return }
        try await TestApp.run { t in
            #expect(t.app.concord.gate.writer.connection != nil, "the direct writer is open")
            let viaWriter = try await t.store.write { tx in try await tx.scalar("SELECT sqlite_version() AS v", as: String.self) }
            let viaDriver = try await t.store.scalar("SELECT sqlite_version() AS v", as: String.self)
            #expect(viaWriter != nil && viaWriter == viaDriver)
            #expect(DirectSQLite.libraryVersion == viaDriver)
        }
    }

    /// On SQLite, reads outside a transaction run on the process's own read connections
    /// (`ReaderPool`): they see what is committed and nothing of a write still open, and a
    /// statement that writes never runs there, whatever word it starts with.
    @Test func readsOutsideATransactionRunOnTheReadersAndSeeOnlyCommits() async throws {
        guard TestApp.postgresURL == nil else { return }
        try await TestApp.run { t in
            let store = t.store
            let readers = try #require(t.app.concord.gate.writer.readers)
            try await store.run("CREATE TABLE reader_probe (id INTEGER PRIMARY KEY, code TEXT NOT NULL)")
            try await store.run("INSERT INTO reader_probe (code) VALUES ('a')")
            let before = readers.reads
            #expect(try await store.scalar("SELECT COUNT(*) AS n FROM reader_probe", as: Int64.self) == 1)
            #expect(readers.reads == before + 1, "the read ran on a reader")
            // Starts like a read, writes: the driver runs it, and it takes effect.
            try await store.run("WITH n AS (SELECT 'b' AS c) INSERT INTO reader_probe (code) SELECT c FROM n")
            #expect(readers.reads == before + 1)
            #expect(try await store.scalar("SELECT COUNT(*) AS n FROM reader_probe", as: Int64.self) == 2)
            // A write still open is not seen by the readers; its own statements see it.
            try await store.write { tx in
                try await tx.run("INSERT INTO reader_probe (code) VALUES ('c')")
                #expect(try await tx.scalar("SELECT COUNT(*) AS n FROM reader_probe", as: Int64.self) == 3)
                #expect(try await store.scalar("SELECT COUNT(*) AS n FROM reader_probe", as: Int64.self) == 2)
            }
            // Many at once: each answers what is committed (beyond the pool's connections, on the driver).
            let counts = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await store.scalar("SELECT COUNT(*) AS n FROM reader_probe", as: Int64.self) }
                }
                return try await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            #expect(counts == Array(repeating: 3, count: 40))
            #expect(readers.reads >= before + 3)
        }
    }

    /// Writes that queue behind a running one share its transaction and one commit (SQLite), yet
    /// each is answered only once committed, and one that fails takes only its own writes with it.
    @Test func queuedWritesShareACommitAndFailAlone() async throws {
        try await TestApp.run { t in
            let store = t.store
            let key: SQLQueryString = store.dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
            try await store.run("CREATE TABLE batch_probe (id " + key + ", code TEXT NOT NULL UNIQUE)")
            try await store.run("INSERT INTO batch_probe (code) VALUES (\(bind: "taken"))")
            struct Refused: Error {}
            let commitsBefore = t.app.concord.gate.changes.value
            // The first holds its turn a while, so the others queue behind it.
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for n in 0..<40 {
                    group.addTask {
                        if n > 0 { try await Task.sleep(for: .milliseconds(20)) }
                        do {
                            let id = try await store.write { s in
                                let id = try await s.insertReturningID("INSERT INTO batch_probe (code) VALUES (\(bind: "W-\(n)"))")
                                // Two audit entries each, written with the write's own statements or not at all.
                                for action in ["probe-1", "probe-2"] {
                                    try await Audit.record(
                                        ActingUser(userId: nil, username: "probe", ip: nil, requestId: nil), action: action,
                                        entity: "batch_probe", entityId: "W-\(n)", changes: [], at: Date(), on: s)
                                }
                                if n == 0 { try await Task.sleep(for: .milliseconds(300)) }
                                if n % 7 == 3 { throw Refused() }
                                // A broken rule half-way: the row above goes with it.
                                if n % 7 == 5 { try await s.run("INSERT INTO batch_probe (code) VALUES (\(bind: "taken"))") }
                                return id
                            }
                            // Answered only once committed: a reader on another connection sees it.
                            let seen = try await store.scalar(
                                "SELECT COUNT(*) AS n FROM batch_probe WHERE id = \(bind: id)", as: Int64.self)
                            #expect(seen == 1, "write \(n) answered before its commit")
                            return (n, true)
                        } catch {
                            if n % 7 != 3 && n % 7 != 5 { Issue.record("write \(n) failed: \(String(reflecting: error))") }
                            return (n, false)
                        }
                    }
                }
                var all: [Int: Bool] = [:]
                for try await (n, ok) in group { all[n] = ok }
                return all
            }
            let expected = Set((0..<40).filter { $0 % 7 != 3 && $0 % 7 != 5 })
            #expect(Set(outcomes.filter(\.value).keys) == expected)
            let codes = try await store.all("SELECT id, code FROM batch_probe WHERE code LIKE 'W-%'", as: Probe.self).map(\.code)
            #expect(Set(codes) == Set(expected.map { "W-\($0)" }), "exactly the writes that succeeded stayed")
            let audited = try await store.all(
                "SELECT entity_id, action FROM audit_log WHERE entity = \(bind: "batch_probe") ORDER BY id", as: Audited.self)
            #expect(Set(audited.map(\.entityId)) == Set(expected.map { "W-\($0)" }), "exactly the writes that succeeded are audited")
            for n in expected {
                #expect(
                    audited.filter { $0.entityId == "W-\(n)" }.map(\.action) == ["probe-1", "probe-2"], "write \(n)'s entries, in order")
            }
            if store.dialect == .sqlite {
                let commits = t.app.concord.gate.changes.value - commitsBefore
                #expect(
                    commits < UInt64(expected.count) / 2, "\(commits) commits for \(expected.count) writes: the queue did not share commits"
                )
            }
        }
    }
    struct Probe: Decodable { var id: Int64; var code: String }
    struct Audited: Decodable { var entityId: String; var action: String }

    /// Past the writer's cache of 512 statement texts it starts again: a statement run between a
    /// thousand one-off texts, and the first of those again, still run.
    @Test func manyStatementTextsInOneTransactionKeepRunning() async throws {
        try await TestApp.run { t in
            let store = t.store
            try await store.run("CREATE TABLE text_probe (n BIGINT NOT NULL)")
            let total = try await store.write { s in
                for i in 0..<1_100 {
                    // A text of its own each time (a literal, as IN lists of varying length make).
                    try await s.run("INSERT INTO text_probe (n) VALUES (\(literal: Int64(i)))")
                    try await s.run("UPDATE text_probe SET n = n + 0 WHERE n = \(bind: Int64(i))")
                }
                try await s.run("INSERT INTO text_probe (n) VALUES (\(literal: Int64(0)))")
                // PostgreSQL sums BIGINT as NUMERIC: cast back.
                return try await s.scalar("SELECT CAST(SUM(n) AS BIGINT) AS n FROM text_probe", as: Int64.self)
            }
            #expect(total == Int64(1_100 * 1_099 / 2))
        }
    }

    /// The writer plans a kept statement once: new values bound to `WHERE kind = ? ORDER BY n`
    /// (which SQLite would otherwise prepare again on every run) reuse the plan, and still find
    /// exactly the rows of the value bound.
    @Test func keptStatementsAreNotPreparedAgainForNewValues() async throws {
        guard TestApp.postgresURL == nil else { return }
        try await TestApp.run { t in
            let writer = try #require(t.app.concord.gate.writer.connection)
            let store = t.store
            try await store.run("CREATE TABLE plan_probe (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, n BIGINT NOT NULL)")
            try await store.run("CREATE INDEX plan_probe_kind ON plan_probe(kind)")
            // The change of schema expires what the writer kept before; one write takes that up.
            try await store.write { s in try await s.run("INSERT INTO plan_probe (kind, n) VALUES (\(bind: "x"), \(bind: Int64(-1)))") }
            let before = writer.reprepared
            let seen = try await store.write { s in
                var seen: [[Int64]] = []
                for i in 0..<12 {
                    try await s.run("INSERT INTO plan_probe (kind, n) VALUES (\(bind: "k\(i % 3)"), \(bind: Int64(i)))")
                    let rows = try await s.all(
                        "SELECT id, kind, n FROM plan_probe WHERE kind = \(bind: "k\(i % 3)") ORDER BY n DESC", as: PlanRow.self)
                    seen.append(rows.map(\.n))
                }
                return seen
            }
            #expect(seen[10] == [10, 7, 4, 1] && seen[11] == [11, 8, 5, 2] && seen[0] == [0])
            #expect(writer.reprepared == before, "a statement was prepared again for a new value")
        }
    }
    struct PlanRow: Decodable { var id: Int64; var kind: String; var n: Int64 }

    @Test func aWriteIsAllOrNothingAndReadersSeeItOnceCommitted() async throws {
        try await TestApp.run { t in
            let store = t.store
            let key: SQLQueryString = store.dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
            try await store.run("CREATE TABLE store_probe (id " + key + ", code TEXT NOT NULL UNIQUE, note TEXT, active BOOLEAN NOT NULL)")
            // Committed: every statement's effect, read back through the pool.
            let id = try await store.write { s in
                let id = try await s.insertReturningID(
                    "INSERT INTO store_probe (code, note, active) VALUES (\(bind: "A-1"), \(bind: "一号"), \(bind: true))")
                try await s.run("INSERT INTO store_probe (code, note, active) VALUES (\(bind: "A-2"), NULL, \(bind: false))")
                // Inside the transaction its own writes are visible.
                #expect(try await s.scalar("SELECT COUNT(*) AS n FROM store_probe", as: Int64.self) == 2)
                return id
            }
            let rows = try await store.all("SELECT * FROM store_probe ORDER BY code", as: Row.self)
            #expect(
                rows == [
                    Row(id: id, code: "A-1", note: "一号", active: true), Row(id: rows.last?.id ?? 0, code: "A-2", note: nil, active: false),
                ])
            // Failed half-way: nothing of it stays, and the error is the database's constraint failure.
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await store.write { s in
                    try await s.run("INSERT INTO store_probe (code, active) VALUES (\(bind: "B-1"), \(bind: true))")
                    throw Refused()
                }
            }
            let duplicate = await #expect(throws: (any Error).self) {
                try await store.write { s in
                    try await s.run("UPDATE store_probe SET note = \(bind: "changed") WHERE code = \(bind: "A-1")")
                    try await s.run("INSERT INTO store_probe (code, active) VALUES (\(bind: "A-2"), \(bind: true))")
                }
            }
            #expect((duplicate as? any DatabaseError)?.isConstraintFailure == true, "\(String(describing: duplicate))")
            #expect(
                try await store.all("SELECT * FROM store_probe ORDER BY code", as: Row.self) == rows,
                "nothing of either failed write stayed")
            // Nested writes join the outer transaction; many statement texts (more than the
            // writer keeps prepared) all run.
            try await store.write { s in
                for n in 0..<600 {
                    try await s.write { inner in
                        // Trailing spaces make each statement's text its own.
                        try await inner.run(
                            "INSERT INTO store_probe (code, active) VALUES (\(bind: "C-\(n)"), \(bind: n % 2 == 0))\(unsafeRaw: String(repeating: " ", count: n))"
                        )
                    }
                }
            }
            #expect(
                try await store.scalar(
                    "SELECT COUNT(*) AS n FROM store_probe WHERE code LIKE 'C-%' AND active = \(bind: true)", as: Int64.self) == 300)
            // A row something still points to: the delete answers the caller's refusal, and the row stays.
            try await store.run("CREATE TABLE store_probe_ref (id " + key + ", probe_id BIGINT NOT NULL REFERENCES store_probe(id))")
            try await store.run("INSERT INTO store_probe_ref (probe_id) VALUES (\(bind: id))")
            struct InUse: Error {}
            await #expect(throws: InUse.self) {
                try await store.write { s in try await s.delete("DELETE FROM store_probe WHERE id = \(bind: id)", inUse: InUse()) }
            }
            #expect(try await store.scalar("SELECT COUNT(*) AS n FROM store_probe WHERE id = \(bind: id)", as: Int64.self) == 1)
        }
    }
}
