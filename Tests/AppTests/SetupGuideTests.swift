import Foundation
import Persistence
import TestSupport
import Testing
import Vapor

/// A new company's first hour: the home page's checklist of what is left, each step done when
/// the data says so or skipped, the same through the API.
@Suite("Setup guide: what a new company has left to enter")
struct SetupGuideTests {
    /// On a fresh install every page of the menu has its help behind the "?", and every empty list
    /// says what it is for and offers the first thing to do.
    @Test func everyEmptyListTeaches() async throws {
        try await TestApp.run { t in
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let home = try await b.get("/")
            guard let nav = home.text.range(of: #"<nav class="sidebar""#), let end = home.text[nav.upperBound...].range(of: "</nav>") else {
                Issue.record("no menu")
                return
            }
            let links = LinkCrawlTests.links(String(home.text[nav.lowerBound..<end.lowerBound]))
            #expect(links.count > 40)
            var empty = 0
            for link in links {
                let page = try await b.get(link)
                guard page.status == .ok, page.headers.contentType?.subType == "html" else { continue }
                #expect(page.text.contains(#"<details class="page-help">"#), "\(link) has no help")
                if page.text.contains(#"<div class="empty-state">"#) {
                    empty += 1
                    #expect(page.text.contains(#"<p class="empty-help">"#), "\(link): an empty list without its guidance")
                }
            }
            #expect(empty > 10, "a fresh install has many empty lists")
        }
    }

    @Test func aFreshInstallShowsTheStepsAndKeepsWhatIsDoneOrSkipped() async throws {
        try await TestApp.run { t in
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            var home = try await b.get("/")
            #expect(home.text.contains("开始使用（已完成 0/9）") && home.text.contains("href=\"/organisation/company\""))
            // One office: no branches to add.
            let skip = try await b.post("/organisation/setup/branches/skip", [("_csrf", Browser.csrf(home.text))])
            #expect(skip.status == .seeOther)
            let token = try await t.token()
            _ = try await t.api(
                .PUT, "/api/v1/company", token: token, json: #"{"name":"快普商贸","taxNumber":"91350100M000100Y43"}"#)
            let steps = try await t.api(.GET, "/api/v1/setup", token: token)
            let items = try #require(steps.json["items"] as? [[String: Any]])
            func step(_ name: String) -> [String: Any]? { items.first { $0["step"] as? String == name } }
            #expect(step("company")?["done"] as? Bool == true && step("branches")?["skipped"] as? Bool == true)
            #expect(step("products")?["done"] as? Bool == false)
            home = try await b.get("/")
            #expect(home.text.contains("开始使用（已完成 1/8）"), "the skipped step leaves the list, the done one is ticked")
            // An unknown step is a 404; someone who may not manage the organisation is refused.
            #expect(try await t.api(.POST, "/api/v1/setup/nothing/skip", token: token).status == .notFound)
        }
    }
}
