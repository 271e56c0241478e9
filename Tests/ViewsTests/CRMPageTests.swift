import Testing

@testable import Views

/// Pools, opportunities, schedule, work reports and the customer's actions.
struct CRMPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    @Test func poolFormWithRulesPerLevel() {
        let form = FormModel(
            action: "/crm/pools", csrf: "CSRF", fields: [.init("name", label: "名称", value: "北京公海", required: true)],
            submitLabel: "保存", cancelHref: "/crm/pools")
        assertSnapshot(
            PoolViews.form(
                Self.ctx, title: "新建公海", form,
                rules: [
                    .init(level: "", noFollowUpDays: "30", noDealDays: "90", warnDays: "3"),
                    .init(level: "A", noFollowUpDays: "", noDealDays: "", warnDays: ""),
                ]), named: "pool-form")
    }

    @Test func opportunityBoard() {
        var m = OpportunityBoardModel()
        m.mayMove = true
        m.csrf = "CSRF"
        m.columns = [
            .init(
                id: "1", name: "初步接洽", outcome: "open", probability: "10", count: "1", total: "5000.00",
                cards: [.init(id: "7", name: "年度供货<大单>", detail: "北京快普 · 5000.00", stageId: "1")]),
            .init(id: "9", name: "赢单", outcome: "won", probability: "100", count: "3", total: nil, cards: []),
        ]
        m.funnel = Chart.money([("初步接洽", 500_000)])
        let html = OpportunityViews.board(Self.ctx, m)
        #expect(html.contains("年度供货&lt;大单&gt;"))
        assertSnapshot(html, named: "opportunity-board")
    }

    @Test func aWeekOfTasks() {
        var m = ScheduleModel()
        m.view = .week
        m.links = (previous: "/crm/schedule?view=week&date=2026-11-23", today: "/t", next: "/n", day: "/d", week: "/w", month: "/m")
        m.csrf = "CSRF"
        m.days = [
            .init(
                title: "2026-11-30 周一",
                tasks: [
                    .init(
                        id: 4, time: "09:30", title: "拜访快普", meeting: true, done: false,
                        customer: CommonPages.link("北京快普", "/crm/customers/1"))
                ]),
            .init(title: "2026-12-01 周二", tasks: [], followUps: [CommonPages.link("上海华东", "/crm/customers/2")]),
        ]
        assertSnapshot(CRMViews.schedule(Self.ctx, m), named: "schedule-week")
    }

    @Test func aMonthOfTasksAndFollowUps() {
        var m = ScheduleModel()
        m.view = .month
        m.heading = "2026 年 12 月"
        m.weekdays = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        m.links = (previous: "/p", today: "/t", next: "/n", day: "/d", week: "/w", month: "/m")
        var other = ScheduleModel.Day(title: "2026-11-30 周一", tasks: [])
        other.dayOfMonth = "30"
        other.inMonth = false
        other.href = "/crm/schedule?date=2026-11-30"
        var busy = ScheduleModel.Day(
            title: "2026-12-01 周二",
            tasks: (0..<3).map {
                .init(id: Int64($0), time: "0\($0 + 8):00", title: "任务\($0)", meeting: false, done: $0 == 0, customer: nil)
            },
            followUps: [CommonPages.link("北京快普", "/crm/customers/1")])
        busy.dayOfMonth = "1"
        busy.isToday = true
        busy.href = "/crm/schedule?date=2026-12-01"
        m.days = [other, busy]
        let html = CRMViews.schedule(Self.ctx, m)
        #expect(html.contains("还有 1 项") && !html.contains("任务2"))
        assertSnapshot(html, named: "schedule-month")
    }

    @Test func aReportTheManagerMayComment() {
        var m = WorkReportModel()
        m.id = 3
        m.title = "日报 · 王芳"
        m.content = "拜访 2 家客户"
        m.plan = "跟进报价"
        m.mayComment = true
        m.csrf = "CSRF"
        assertSnapshot(CRMViews.report(Self.ctx, m), named: "work-report")
    }

    @Test func customerActions() {
        let t = Translator(.zhCN)
        let html =
            CustomerViews.transferForm(customerId: 1, to: [(id: 3, name: "王芳")], csrf: "CSRF", t).render()
            + CustomerViews.releaseForm(customerId: 1, csrf: "CSRF", t).render()
            + CustomerViews.website("https://example.com/?a=<b>").render()
        #expect(html.contains("/crm/customers/1/transfer") && html.contains("/crm/customers/1/release") && !html.contains("<b>"))
        assertSnapshot(
            CustomerViews.print(.zhCN, name: "北京快普", facts: [("编码", .text("C-001"))], contacts: [["张三", "经理", "138", ""]]),
            named: "customer-print")
    }
}
