import Testing

@testable import Views

/// Inter-branch trade, branch results, the head-office dashboard and the accounting switch.
struct BranchPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    static var list: ListModel {
        ListModel(
            basePath: "/branches/transfers", query: nil, filters: [], columns: [.init("单号")], rows: [[.text("DB-0001")]], nextCursor: nil,
            emptyText: "暂无", searchable: false)
    }

    @Test func transfersWithTheSendFormAndAnError() {
        var m = BranchTransfersModel(list: Self.list)
        m.csrf = "CSRF"
        var send = BranchTransfersModel.Send()
        send.from = [("1", "北京一仓（北京总部）")]
        send.to = [("3", "上海仓（上海分公司）")]
        send.fromId = "1"
        send.date = "2026-11-30"
        send.lines = [.init(product: "690KL24", quantity: "2"), .init()]
        send.error = (field: "toWarehouseId", message: "请选择收货仓库。")
        m.send = send
        m.rules = ["北京总部 → 上海分公司：成本加成 +5%"]
        m.ruleBranches = [("1", "北京总部"), ("2", "上海分公司")]
        assertSnapshot(BranchTradeViews.transfers(Self.ctx, m), named: "branch-transfers")
    }

    @Test func someoneWhoMayNotSendSeesTheListOnly() {
        let html = BranchTradeViews.transfers(Self.ctx, BranchTransfersModel(list: Self.list))
        #expect(!html.contains("action=\"/branches/transfers\"") && !html.contains("transfer-prices"))
    }

    @Test func aTransferInTransitCanBeReceived() {
        var m = BranchTransferModel()
        m.id = 3
        m.number = "DB-0003"
        m.facts = [("状态", CommonPages.badge("在途", "pending"))]
        m.lines = [.init(product: "KL-330 可乐", quantity: "48 罐", cost: "96.00", amount: "100.80")]
        m.showsCost = true
        m.receiveOn = "2026-11-30"
        m.csrf = "CSRF"
        assertSnapshot(BranchTradeViews.transfer(Self.ctx, m), named: "branch-transfer")
    }

    @Test func resultsWithAnElimination() {
        var m = BranchResultsModel()
        m.from = "2026-11"
        m.to = "2026-11"
        var month = BranchResultsModel.Month(month: "2026-11")
        month.rows = [
            (
                entity: "北京总部",
                figures: [
                    .init("1000.00", href: "/branches/results/documents?entity=1&month=2026-11&figure=sales"), .init("100.80"),
                    .init("600.00"),
                    .init("500.80"), .init("50.00"), .init("450.80"), .init("100.80"), .init("0.00"),
                ]
            )
        ]
        month.eliminated = ["−100.80", "−100.80", "−96.00", "−4.80", "", "−4.80", "−100.80", "−100.80"]
        month.consolidated = ["1000.00", "0.00", "504.00", "496.00", "50.00", "446.00", "", ""]
        month.hint = "内部销售 100.80，期末未实现毛利 4.80（期初 0.00）："
        month.details = ["北京总部 → 上海分公司 · 可乐 · 48 罐 · 4.80"]
        m.months = [month]
        assertSnapshot(BranchTradeViews.results(Self.ctx, m), named: "branch-results")
    }

    @Test func hqDashboard() {
        var m = HQModel()
        m.today = "2026-11-30"
        m.periods = ["today", "week", "month"]
        m.sales = Chart.money([("北京总部", 100_000)])
        m.rows = [
            .init(
                branch: "北京总部", figures: Array(repeating: "1000.00", count: 9), stockValue: "5000.00",
                alerts: [CommonPages.link("2 个商品低于安全库存", "/inventory/reports/alerts")], warn: true)
        ]
        assertSnapshot(BranchViews.hq(Self.ctx, m), named: "hq")
    }

    @Test func accountingSwitchRefusedMidPeriod() {
        var m = AccountingSwitchModel()
        m.title = "上海分公司 · 核算方式"
        m.moves = [["上海仓", "KL-330 可乐", "48", "96.00"]]
        m.notNow = "2026-11 已有 3 张单据过账。"
        m.form = (action: "/organisation/branches/2/accounting", to: "consolidated", version: "4")
        let html = BranchViews.accountingSwitch(Self.ctx, m)
        #expect(!html.contains("/organisation/branches/2/accounting"), "no switch in the middle of a period")
        assertSnapshot(html, named: "accounting-switch")
    }
}
