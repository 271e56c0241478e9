import Kernel
import SQLKit

/// What a customer is found by, in one column the trigram index covers: the name, its full
/// pinyin, initials and Han code, the code, the tags, the phone digits of the customer and its
/// contacts, the e-mail addresses. Every write that changes one of them refreshes it here.
public enum CustomerSearch {
    /// The version of what `text` writes; `reindexIfNeeded` brings older rows up to it.
    public static let version = "2"
    public static let versionSetting = "search.customer_text_version"

    public static func text(name: String, code: String, tags: String, phones: [String?], emails: [String?]) -> String {
        var parts = [Pinyin.searchText(name), code.lowercased(), hanCode(name)]
        // Tags with their pinyin and Han code too.
        parts += tags.split(separator: ",").map { Pinyin.searchText(String($0)) + " " + hanCode(String($0)) }
        parts += phones.compactMap { digits($0) }
        parts += emails.compactMap { $0?.lowercased() }
        return parts.joined(separator: " ")
    }

    /// A phone number's digits alone (nil when it has none): what phone search compares.
    public static func digits(_ phone: String?) -> String? {
        guard let p = phone else { return nil }
        let d = p.filter { $0.isASCII && $0.isNumber }
        return d.isEmpty ? nil : d
    }

    /// Recomputes a partner's search text from the partner and its contacts.
    public static func refresh(_ partnerId: Int64, _ store: Store) async throws {
        guard let p = try await store.first("SELECT * FROM partners WHERE id = \(bind: partnerId)", as: PartnerRow.self) else { return }
        struct C: Decodable { var mobile: String?; var phone: String?; var email: String? }
        let contacts = try await store.all(
            "SELECT mobile, phone, email FROM contacts WHERE partner_id = \(bind: partnerId) ORDER BY id LIMIT 50", as: C.self)
        let text = self.text(
            name: p.name, code: p.code, tags: p.tags, phones: [p.phone] + contacts.flatMap { [$0.mobile, $0.phone] },
            emails: [p.email] + contacts.map(\.email))
        if text != p.searchText {
            try await store.run("UPDATE partners SET search_text = \(bind: text) WHERE id = \(bind: partnerId)")
        }
    }

    /// The condition that finds customers by a search text. A needle of three characters or
    /// more (a Han query is looked up by its Han code) goes through the trigram index: when it
    /// picks out at most `candidateLimit` customers, the list works on those alone (the exact
    /// text confirms each); a needle that matches more, or is shorter, is common enough that
    /// walking the list in order with a plain LIKE finds a page quickly.
    public static func condition(_ raw: String?, _ store: Store, candidateLimit: Int = 50_000) async throws -> CRMQueries.SearchMatch? {
        guard let q = raw.map({ Pinyin.halfWidth($0).trimmingCharacters(in: .whitespaces).lowercased() }), !q.isEmpty else { return nil }
        let compact = q.filter { $0 != "-" && $0 != " " && $0 != "+" }
        let phoneLike = compact.count >= 4 && compact.allSatisfy { $0.isASCII && $0.isNumber }
        let literal = phoneLike ? compact : q
        let like = "%" + Search.escapeLike(literal) + "%"
        let exact: SQLQueryString = "search_text LIKE \(bind: like) ESCAPE '\\'"
        // A Han query is looked up by the code of its longest run of Han characters: two
        // characters make ten letters, plenty for trigrams, and no homophone matches.
        var needle = literal
        if literal.contains(where: Pinyin.isHan) {
            var runs: [String] = [], run = ""
            for ch in literal {
                if Pinyin.isHan(ch) { run.append(ch) } else if !run.isEmpty { runs.append(run); run = "" }
            }
            if !run.isEmpty { runs.append(run) }
            needle = hanCode(runs.max { $0.count < $1.count } ?? "")
        }
        guard needle.count >= 3 else { return .init(sql: exact, narrow: false) }
        let candidates = self.candidates(needle, store)
        let n =
            try await store.scalar("SELECT COUNT(*) AS n FROM (" + candidates + " LIMIT \(literal: candidateLimit + 1)) c", as: Int64.self)
            ?? 0
        if n > candidateLimit { return .init(sql: exact, narrow: false) }
        if n == 0 { return .init(sql: "1 = 0", narrow: true) }
        return .init(sql: "id IN (" + candidates + ") AND " + exact, narrow: true)
    }

    /// The ids of partners whose search text contains `needle` (three characters or more), from
    /// the trigram index.
    public static func candidates(_ needle: String, _ store: Store) -> SQLQueryString {
        if store.dialect == .postgres {
            let like = "%" + Search.escapeLike(needle) + "%"
            return "SELECT id FROM partners WHERE search_text LIKE \(bind: like) ESCAPE '\\'"
        }
        let phrase = "\"" + needle.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return "SELECT rowid FROM partners_fts WHERE partners_fts MATCH \(bind: phrase)"
    }

    /// Han characters as `q` + their code point in hex (快普 → q5febq666e): trigram indexes need three
    /// characters, and neither SQLite's nor PostgreSQL's splits Chinese text into them reliably.
    public static func hanCode(_ text: String) -> String {
        var out = ""
        for ch in text where Pinyin.isHan(ch) {
            out += "q" + String(ch.unicodeScalars.first!.value, radix: 16)
        }
        return out
    }

    /// Brings SQLite's full-text index up to date with the customers written since it last was
    /// (noted by triggers in `partners_fts_queue`, M032): what the index held is taken out, what
    /// the rows hold now is put in. Run just before a write transaction commits (`Store.write`),
    /// and by whoever writes customers outside one. PostgreSQL's index keeps itself.
    public static func flush(_ store: Store) async throws {
        guard store.dialect == .sqlite else { return }
        struct Waiting: Decodable { var n: Int64 }
        guard try await store.first("SELECT COUNT(*) AS n FROM (SELECT 1 FROM partners_fts_queue LIMIT 1)", as: Waiting.self)?.n == 1
        else { return }
        try await store.run(
            """
            INSERT INTO partners_fts(partners_fts, rowid, search_text)
            SELECT 'delete', id, old_text FROM partners_fts_queue WHERE indexed = 1 ORDER BY id
            """)
        try await store.run(
            """
            INSERT INTO partners_fts(rowid, search_text)
            SELECT p.id, p.search_text FROM partners_fts_queue q JOIN partners p ON p.id = q.id ORDER BY p.id
            """)
        try await store.run("DELETE FROM partners_fts_queue")
    }

    /// Rewrites the search text of rows written by an older version of `text` (once, at start).
    public static func reindexIfNeeded(_ store: Store) async throws -> Int {
        guard try await Settings.get(versionSetting, on: store) != version else { return 0 }
        var after: Int64 = 0
        var done = 0
        while true {
            let from = after
            let (last, n): (Int64?, Int) = try await store.write { tx in
                let rows = try await tx.all("SELECT * FROM partners WHERE id > \(bind: from) ORDER BY id LIMIT 1000", as: PartnerRow.self)
                guard let last = rows.last?.id else { return (nil, 0) }
                struct C: Decodable { var partnerId: Int64; var mobile: String?; var phone: String?; var email: String? }
                let contacts = try await tx.all(
                    """
                    SELECT partner_id, mobile, phone, email FROM contacts WHERE partner_id IN (\(binds: rows.map { $0.id as any Encodable & Sendable }))
                    """, as: C.self)
                let byPartner = Dictionary(grouping: contacts, by: \.partnerId)
                var q: SQLQueryString = "UPDATE partners SET search_text = v.column2 FROM (VALUES "
                for (i, p) in rows.enumerated() {
                    let cs = byPartner[p.id] ?? []
                    let t = text(
                        name: p.name, code: p.code, tags: p.tags, phones: [p.phone] + cs.flatMap { [$0.mobile, $0.phone] },
                        emails: [p.email] + cs.map(\.email))
                    q += i == 0 ? "(\(bind: p.id), \(bind: t))" : ", (\(bind: p.id), \(bind: t))"
                }
                q += ") AS v WHERE partners.id = v.column1"
                try await tx.run(q)
                return (last, rows.count)
            }
            guard let last else { break }
            after = last
            done += n
        }
        try await Settings.set(versionSetting, version, on: store)
        return done
    }
}
