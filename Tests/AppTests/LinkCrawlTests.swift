import Foundation
import Persistence
import Services
import TestSupport
import Testing
import Vapor

/// Every person of the demo company follows the links their pages show them: none may lead to a
/// refusal or an error. (A link someone may not follow is shown as plain text.)
@Suite("Pages: every link leads somewhere")
struct LinkCrawlTests {
    static let password = "demo-password-1"

    /// The path's shape: numbers become N and query values are dropped, so `/crm/customers/4`
    /// and `/crm/customers/15` are one kind of page.
    static func shape(_ path: String) -> String {
        let parts = path.split(separator: "?", maxSplits: 1)
        let route = parts[0].split(separator: "/").map { $0.allSatisfy(\.isNumber) ? "N" : String($0) }.joined(separator: "/")
        let keys =
            parts.count > 1 ? parts[1].split(separator: "&").map { String($0.prefix { $0 != "=" }) }.sorted().joined(separator: "&") : ""
        return route + "?" + keys
    }

    static func links(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let r = rest.range(of: #"href=""#) {
            let value = rest[r.upperBound...].prefix { $0 != "\"" }
            rest = rest[value.endIndex...]
            let href = value.replacingOccurrences(of: "&amp;", with: "&")
            guard href.hasPrefix("/"), !href.hasPrefix("//") else { continue }
            if ["/logout", "/lang/", "/assets/", "/api/"].contains(where: { href.hasPrefix($0) }) { continue }
            out.append(href)
        }
        return out
    }

    /// Walks from the home page, following at most `perShape` links of each kind from each kind of
    /// page (a customer linked from the follow-ups is another case than one linked from the list);
    /// returns what went wrong.
    static func crawl(_ t: TestApp, as user: String, perShape: Int = 2) async throws -> (pages: Int, bad: [String]) {
        var b = Browser(t: t)
        let login = try await b.login(user, password)
        #expect(login.status == .seeOther, "\(user) signs in")
        var queue = ["/"], seen: Set<String> = [], shapes: [String: Int] = [:], bad: [String] = [], from: [String: String] = [:]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            guard !seen.contains(path) else { continue }
            seen.insert(path)
            var r = try await b.get(path)
            if r.status == .seeOther || r.status == .found, let to = r.headers.first(name: .location), to.hasPrefix("/"),
                !to.hasPrefix("/login")
            {
                r = try await b.get(to)
            }
            guard r.status == .ok else {
                bad.append("\(user): \(path) → \(r.status.code) (linked from \(from[path] ?? "?"))")
                continue
            }
            guard r.headers.contentType?.subType == "html" else { continue }
            if r.text.contains("⟦") { bad.append("\(user): \(path) shows a string missing from the catalog") }
            bad += PageChecks.problems(r.text, path: "\(user): \(path)")
            let here = shape(path)
            for link in links(r.text) where !seen.contains(link) && from[link] == nil {
                let s = shape(link) + " from " + here
                guard shapes[s, default: 0] < perShape else { continue }
                shapes[s, default: 0] += 1
                from[link] = path
                queue.append(link)
            }
        }
        return (seen.count, bad)
    }

    @Test func everyLinkAPersonOfTheDemoCompanySeesOpens() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            // A customer that changed hands keeps its history with the rep who had it: her follow-ups
            // still list it, but it is no longer hers to open.
            let yunqi = try #require(try await t.store.scalar("SELECT id FROM partners WHERE name = '北京云栖数据技术有限公司'", as: Int64.self))
            let chenjing = try #require(try await t.store.scalar("SELECT id FROM users WHERE username = 'chenjing'", as: Int64.self))
            _ = try await CustomerService.transfer(yunqi, to: chenjing, reason: "调往上海", t.system)
            #expect(
                try await t.store.scalar("SELECT COUNT(*) AS n FROM activities WHERE partner_id = \(bind: yunqi)", as: Int64.self) ?? 0 > 0)
            // The general manager, a sales manager, a sales rep, finance, the Shanghai branch's people, a warehouse keeper, the distributor.
            for user in ["zhangwei", "lina", "wangfang", "sunli", "zhouqiang", "chenjing", "wujun", "zhaolei", "chuanyu"] {
                let (pages, bad) = try await Self.crawl(t, as: user)
                #expect(pages > (user == "chuanyu" ? 5 : 20), "\(user) reaches their pages")
                #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
            }
        }
    }
}
