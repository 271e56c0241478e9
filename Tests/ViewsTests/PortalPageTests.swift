import Testing

@testable import Views

/// The distributors' portal, as pure functions of its models.
struct PortalPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    @Test func home() {
        var m = PortalViews.Home()
        m.name = "成都川渝<商贸>"
        m.owed = "12000.00"
        m.monthCharges = "15000.00"
        m.monthPaid = "3000.00"
        m.orders = [(number: "XS-0007", href: "/portal/orders/7", date: "2026-11-20", status: "confirmed")]
        assertSnapshot(PortalViews.home(Self.ctx, m), named: "portal-home")
    }

    @Test func orderFormFromThePriceList() {
        var m = PortalViews.OrderForm()
        m.csrf = "CSRF"
        m.items = [.init(productId: "4", product: "KL-330 可乐", productName: "可乐", unit: "箱", price: "66.00")]
        m.error = "第 1 行：数量必须大于零。"
        assertSnapshot(PortalViews.orderForm(Self.ctx, m), named: "portal-order-form")
        #expect(PortalViews.orderForm(Self.ctx, .init()).contains(Translator(.zhCN)("portal.no_catalog")))
    }

    @Test func statementOpensAndCloses() {
        var m = PortalViews.Statement()
        m.from = "2026-11-01"
        m.to = "2026-11-30"
        m.opening = "1000.00"
        m.closing = "1660.00"
        m.owed = "1660.00"
        m.lines = [.init(date: "2026-11-20", document: "XS-0007 · 发货", charge: "660.00", payment: "", balance: "1660.00")]
        assertSnapshot(PortalViews.statement(Self.ctx, m), named: "portal-statement")
    }

    @Test func weeklyStockReport() {
        var m = PortalViews.Reports()
        m.csrf = "CSRF"
        m.week = "2026-W48"
        m.items = [.init(productId: "4", label: "KL-330 可乐（罐）", productName: "可乐")]
        m.history = [["2026-W47", "KL-330 可乐", "240", "96"]]
        assertSnapshot(PortalViews.reports(Self.ctx, m), named: "portal-reports")
    }
}

@Suite("Portal order states")
struct PortalOrderStateTests {
    /// The distributor placed it: it is not their draft.
    @Test func aPlacedOrderIsNotADraftToTheDistributor() {
        let t = Translator(.zhCN)
        #expect(PortalViews.orderStatus("draft", t) == "已提交，待确认")
        #expect(PortalViews.orderStatus("confirmed", t) == t("order.status.confirmed"))
    }
}
