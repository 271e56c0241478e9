import Testing

@testable import Views

/// Leads: import, duplicates, the lead page.
struct LeadPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    @Test func importPreviewSaysWhatEachLineWouldDo() {
        var m = LeadImportModel()
        m.csrf = "CSRF"
        m.text = "公司,联系人\n快普,张三"
        m.dryRun = true
        m.summary = "预览：将导入 1 条，跳过 1 条。"
        m.rows = [
            .init(line: "2", company: "快普", href: nil, outcome: "would_create", reason: ""),
            .init(line: "3", company: "<坏>", href: nil, outcome: "invalid", reason: "公司名称必填。 (company)"),
        ]
        let html = LeadViews.importPage(Self.ctx, m)
        #expect(!html.contains("<坏>"))
        assertSnapshot(html, named: "lead-import")
    }

    @Test func anOpenLeadInThePool() {
        var m = LeadModel()
        m.id = 9
        m.company = "成都川渝商贸"
        m.csrf = "CSRF"
        m.facts = [("状态", .text("新线索"))]
        m.open = true
        m.mayTake = true
        m.assignees = [(id: "3", name: "王芳", current: false)]
        m.timeline = [(kind: "call", when: "2026-11-30 10:00", content: "约了下周拜访")]
        assertSnapshot(LeadViews.lead(Self.ctx, m), named: "lead-open")
    }

    @Test func aConvertedLeadOffersNothing() {
        var m = LeadModel()
        m.id = 9
        m.company = "成都川渝商贸"
        m.convertedTo = 40
        let html = LeadViews.lead(Self.ctx, m)
        #expect(html.contains("/crm/customers/40") && !html.contains("/crm/leads/9/convert"))
    }

    @Test func duplicatesLinkOnlyWhatTheReaderMayOpen() {
        let html = LeadViews.duplicates(
            [
                LeadMatch(href: "/crm/customers/4", name: "快普", detail: "客户 · 电话"),
                LeadMatch(href: nil, name: "上海分公司的记录", detail: "线索 · 名称"),
            ],
            Translator(.zhCN)
        ).render()
        #expect(html.contains("/crm/customers/4") && html.contains("上海分公司的记录") && !html.contains("href=\"\""))
    }
}
