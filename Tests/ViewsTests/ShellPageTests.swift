import Testing

@testable import Views

/// Tokens, password, notifications, audit, departments.
struct ShellPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)
    static let list = ListModel(
        basePath: "/x", query: nil, columns: [.init("名称")], rows: [[.text("一行")]], nextCursor: nil, emptyText: "暂无", searchable: false)

    @Test func aNewTokenIsShownOnce() {
        let html = AccessViews.tokens(Self.ctx, Self.list, created: "cc_secret<1>", csrf: "CSRF")
        #expect(html.contains("cc_secret&lt;1&gt;"))
        assertSnapshot(html, named: "tokens-created")
        #expect(!AccessViews.tokens(Self.ctx, Self.list, created: nil, csrf: "CSRF").contains("secret"))
    }

    @Test func changePassword() {
        assertSnapshot(AccessViews.changePassword(Self.ctx, csrf: "CSRF"), named: "change-password")
    }

    @Test func auditWithChanges() {
        let t = Translator(.zhCN)
        let changes = ShellViews.changes([(field: "name", old: "旧<名>", new: nil)]).render()
        #expect(changes.contains("旧&lt;名&gt;") && changes.contains("∅"))
        assertSnapshot(
            ShellViews.audit(Self.ctx, Self.list, from: "2026-11-01", to: "", entityId: "7", entity: "user", action: "update")
                + ShellViews.departments([.text("销售部")], usersHref: "/access/users?branchId=1", t).render()
                + ShellViews.notification("合同 HT-1 待审批", link: "/approvals/1", unread: true).render(),
            named: "audit-departments-notification")
    }
}
