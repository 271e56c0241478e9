import Testing

@testable import Views

/// The home page's cards and the API reference.
struct HomeCardTests {
    @Test func cards() {
        let html =
            HomePage.linkCard("通知", text: "3 条未读", href: "/notifications").render()
            + HomePage.listCard("待跟进", empty: "没有", [.init(name: "北京<快普>", href: "/crm/customers/1", detail: "2026-11-30")]).render()
            + HomePage.listCard("生日", empty: "本周没有生日", []).render()
        #expect(html.contains("北京&lt;快普&gt;") && html.contains("本周没有生日"))
        assertSnapshot(html, named: "home-cards")
    }

    @Test func apiReference() {
        assertSnapshot(
            ApiDocsView.page(
                PageSnapshotTests.context(.en),
                [.init(method: "GET", path: "/api/v1/contracts", summary: "List contracts", responses: "200 401")]
            ), named: "api-docs")
    }
}
