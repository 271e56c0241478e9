import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// 编号规则 set by the administrator: new documents follow it, numbers given stay, a number already
/// taken is passed over, and a pattern that cannot make a number is refused before anything changes.
@Suite("Settings: document numbering")
struct NumberingTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func quotesFollowThePatternSetAndNeverRepeatANumber() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            // A salesperson of the Shanghai branch, whose quotes are that branch's.
            let role = try await RoleService.create(
                .init(code: "seller", name: "销售", permissions: ["quotes.view", "quotes.create", "customers.view"], dataScope: "all"),
                t.system)
            _ = try await UserService.create(
                .init(username: "shseller", displayName: "上海销售", password: TestApp.userPassword, branchId: f.sh, roleIds: [role.id]),
                t.system)
            let shanghai = try await t.context(as: "shseller")
            func quote(_ date: String, branch: Int64? = nil) async throws -> String {
                try await QuoteService.create(
                    .init(
                        partnerId: f.customer, quoteDate: date, validUntil: "2026-12-31",
                        lines: [.init(productId: f.products["MA"], quantity: "1", unitPrice: "3")]), branch == nil ? admin : shanghai
                ).quote.number
            }
            // The standard until told otherwise.
            #expect(try await quote("2026-11-18") == "QT-2026-000001")

            // A pattern that cannot make a number is refused on its field, and nothing changes.
            let bad = try await t.api(
                .PUT, "/api/v1/settings/numbering", token: token, json: #"{"patterns":{"QT":"BJ{yyyy}","SO":"SO{seq}"}}"#)
            #expect(bad.status == .unprocessableEntity && Self.error(bad)["field"] as? String == "patterns.QT")
            let unknown = try await t.api(.PUT, "/api/v1/settings/numbering", token: token, json: #"{"patterns":{"ZZ":"{seq}"}}"#)
            #expect(unknown.status == .unprocessableEntity && Self.error(unknown)["field"] as? String == "patterns.ZZ")
            #expect(try await quote("2026-11-18") == "QT-2026-000002")

            // Daily numbers shared by every branch, as the old system had them.
            let set = try await t.api(
                .PUT, "/api/v1/settings/numbering", token: token, json: #"{"patterns":{"QT":"BJ{yyyy}{mm}{dd}{seq:3}"}}"#)
            #expect(set.status == .ok)
            let listed = try #require((set.json["items"] as? [[String: Any]])?.first { $0["prefix"] as? String == "QT" })
            #expect(listed["pattern"] as? String == "BJ{yyyy}{mm}{dd}{seq:3}" && listed["example"] as? String == "BJ20261118001")
            #expect(try await quote("2026-11-18") == "BJ20261118001")
            #expect(try await quote("2026-11-18", branch: f.sh) == "BJ20261118002", "one counter for every branch")
            #expect(try await quote("2026-11-19") == "BJ20261119001", "a new day starts again")

            // A pattern whose numbers meet older ones: the taken number is passed over.
            _ = try await t.api(.PUT, "/api/v1/settings/numbering", token: token, json: #"{"patterns":{"QT":"QT-{yyyy}-{seq:6}"}}"#)
            #expect(try await quote("2026-11-20") == "QT-2026-000003")
            // Back to the standard: its own counters carry on.
            _ = try await t.api(.PUT, "/api/v1/settings/numbering", token: token, json: #"{"patterns":{"QT":""}}"#)
            #expect(try await quote("2026-11-20") == "QT-2026-000004", "000003 went to the pattern before")
            #expect(try await quote("2026-11-20", branch: f.sh) == "QT-2026-000001-SH")

            // The page shows each kind with its example and takes a change, refusing a bad one beside its field.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let page = try await b.get("/organisation/numbering")
            #expect(page.status == .ok && page.text.contains("QT-2026-000001") && page.text.contains("SO-2026-000001-SH"))
            let refused = try await b.post("/organisation/numbering", [("_csrf", Browser.csrf(page.text)), ("patterns[SO]", "SO {seq}")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("SO {seq}"))
            let saved = try await b.post(
                "/organisation/numbering", [("_csrf", Browser.csrf(refused.text)), ("patterns[SO]", "XS{yy}{mm}-{seq:4}")])
            #expect(saved.status == .seeOther)
            #expect(try await NumberingService.list(admin).first { $0.prefix == "SO" }?.example == "XS2611-0001")
        }
    }
}
