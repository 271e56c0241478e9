import Kernel
import Persistence
import SQLKit

/// What a customer is found by, in one column the trigram index covers: the name, its full
/// pinyin and initials, the code, the tags, the phone digits of the customer and its contacts,
/// the e-mail addresses. Every write that changes one of them refreshes it here.
public enum CustomerSearch {
    public static func text(name: String, code: String, tags: String, phones: [String?], emails: [String?]) -> String {
        var parts = [Pinyin.searchText(name), code.lowercased()]
        // Tags with their pinyin too: a Han query is looked up by its pinyin first.
        parts += tags.split(separator: ",").map { Pinyin.searchText(String($0)) }
        parts += phones.compactMap { CustomerService.digits($0) }
        parts += emails.compactMap { $0?.lowercased() }
        return parts.joined(separator: " ")
    }

    /// Recomputes a partner's search text from the partner and its contacts.
    public static func refresh(_ partnerId: Int64, _ store: Store) async throws {
        guard let p = try await store.first("SELECT * FROM partners WHERE id = \(bind: partnerId)", as: PartnerRow.self) else { return }
        struct C: Decodable { var mobile: String?; var phone: String?; var email: String? }
        let contacts = try await store.all("SELECT mobile, phone, email FROM contacts WHERE partner_id = \(bind: partnerId) ORDER BY id LIMIT 50", as: C.self)
        let text = self.text(name: p.name, code: p.code, tags: p.tags, phones: [p.phone] + contacts.flatMap { [$0.mobile, $0.phone] },
                             emails: [p.email] + contacts.map(\.email))
        if text != p.searchText {
            try await store.run("UPDATE partners SET search_text = \(bind: text) WHERE id = \(bind: partnerId)")
        }
    }

    /// The condition that finds customers by a search text. A needle of three characters or
    /// more (a Han query counts by its pinyin) goes through the trigram index: when it picks out
    /// at most `candidateLimit` customers, the list works on those alone (and the exact text
    /// weeds out homophones); a needle that matches more, or is shorter, is common enough that
    /// walking the list in order with a plain LIKE finds a page quickly.
    public static func condition(_ raw: String?, _ store: Store, candidateLimit: Int = 50_000) async throws -> CRMQueries.SearchMatch? {
        guard let q = raw.map({ Pinyin.halfWidth($0).trimmingCharacters(in: .whitespaces).lowercased() }), !q.isEmpty else { return nil }
        let compact = q.filter { $0 != "-" && $0 != " " && $0 != "+" }
        let phoneLike = compact.count >= 4 && compact.allSatisfy { $0.isASCII && $0.isNumber }
        let literal = phoneLike ? compact : q
        let like = "%" + Search.escapeLike(literal) + "%"
        let exact: SQLQueryString = "search_text LIKE \(bind: like) ESCAPE '\\'"
        let needle = literal.contains(where: Pinyin.isHan) ? Pinyin.full(literal) : literal
        guard needle.count >= 3 else { return .init(sql: exact, narrow: false) }
        let candidates: SQLQueryString
        if store.dialect == .postgres {
            let nlike = "%" + Search.escapeLike(needle) + "%"
            candidates = "SELECT id FROM partners WHERE search_text LIKE \(bind: nlike) ESCAPE '\\'"
        } else {
            let phrase = "\"" + needle.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            candidates = "SELECT rowid FROM partners_fts WHERE partners_fts MATCH \(bind: phrase)"
        }
        let n = try await store.scalar("SELECT COUNT(*) AS n FROM (" + candidates + " LIMIT \(literal: candidateLimit + 1)) c", as: Int64.self) ?? 0
        if n > candidateLimit { return .init(sql: exact, narrow: false) }
        if n == 0 { return .init(sql: "1 = 0", narrow: true) }
        return .init(sql: "id IN (" + candidates + ") AND " + exact, narrow: true)
    }

    struct IDRow: Decodable { var id: Int64 }
}
