import Foundation
import Kernel
import Persistence
import TestSupport
import Testing
import Vapor
import Views

/// Each person's home page is their day, not the organisation's headcount: what waits for them,
/// within their scope, linked to where they act on it.
@Suite("Home: a workspace for each kind of person")
struct HomeTests {
    static let password = "demo-password-1"

    @Test func eachPersonSeesWhatWaitsForThem() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            func home(_ user: String) async throws -> String {
                var b = Browser(t: t)
                #expect(try await b.login(user, Self.password).status == .seeOther)
                let r = try await b.get("/")
                #expect(r.status == .ok && !r.text.contains("⟦"), "\(user)")
                return r.text
            }
            let rep = try await home("wangfang")
            // The bell in the header of every page says how many notifications wait.
            let wang = try #require(try await t.store.scalar("SELECT id FROM users WHERE username = 'wangfang'", as: Int64.self))
            let unread = try await NotificationQueries.unread(of: wang, on: t.store)
            #expect(unread > 0 && rep.contains("<span class=\"bell-count\">\(unread)</span>"), "\(unread) unread")
            #expect(rep.contains("进行中的商机") && rep.contains("本月签约") && rep.contains("今日日程") && rep.contains("今天该跟进的客户"))
            #expect(!rep.contains("组织概况") && !rep.contains("本月毛利") && !rep.contains("待过账单据"))

            let keeper = try await home("zhouqiang")
            #expect(keeper.contains("待过账单据") && keeper.contains("低于安全库存") && keeper.contains("在途调拨"))
            #expect(!keeper.contains("本月毛利") && !keeper.contains("进行中的商机") && !keeper.contains("组织概况"))

            let finance = try await home("sunli")
            #expect(finance.contains("逾期回款") && finance.contains("已发货未开票") && finance.contains("未核销收款"))

            // The general manager's money figures agree with the books: what is received and not applied.
            struct S: Decodable { var v: Int64? }
            let unapplied = try await t.store.first(
                "SELECT CAST(SUM(amount - applied) AS BIGINT) AS v FROM payments WHERE direction = 'in' AND status = 'posted'", as: S.self)
            let gm = try await home("zhangwei")
            // The audit log reads as sentences in the reader's language.
            var gmBrowser = Browser(t: t)
            _ = try await gmBrowser.login("zhangwei", Self.password)
            let log = try await gmBrowser.get("/audit?entity=customer")
            #expect(log.text.contains("新建了客户 #") && !log.text.contains(">create<") && !log.text.contains(">customer #"))
            #expect(gm.contains("本月销售额") && gm.contains("本月毛利") && gm.contains("href=\"/branches/hq\""))
            #expect(gm.contains("¥" + FormKit.money(unapplied?.v ?? 0)), "the unapplied money on the page is the books' figure")
        }
    }
}
