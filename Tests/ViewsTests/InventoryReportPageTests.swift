import Testing

@testable import Views

/// Stock report pieces, transfer suggestions and availability.
struct InventoryReportPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    @Test func transferSuggestions() {
        var m = TransferPlanModel()
        m.slowDays = "60"
        m.rows = [.init(pick: "4:1:3:24000000", product: "KL-330 可乐", from: "北京一仓", to: "上海仓", quantity: "24 罐", reason: "补到安全库存")]
        m.mayCreate = true
        m.csrf = "CSRF"
        assertSnapshot(InventoryViews.transferPlan(Self.ctx, m), named: "transfer-plan")
        m.mayCreate = false
        #expect(!InventoryViews.transferPlan(Self.ctx, m).contains(Translator(.zhCN)("transfer.make")))
    }

    @Test func availabilityAndTheDateFilter() {
        let t = Translator(.zhCN)
        let html =
            InventoryViews.availability([["北京一仓", "2 箱 3 罐", "6", "0", "45"]], t).render()
            + StockReportViews.dateRange(
                action: "/inventory/reports/movement", from: "2026-11-01", to: "2026-11-30",
                checkbox: (name: "byWarehouse", label: "按仓库", checked: true), t
            ).render()
        assertSnapshot(html, named: "availability-and-dates")
    }

    @Test func periodsOfferClosingOnlyToWhoMay() {
        let list = ListModel(
            basePath: "/inventory/periods", query: nil, columns: [.init("核算主体")], rows: [[.text("北京总部")]], nextCursor: nil,
            emptyText: "暂无", searchable: false)
        #expect(StockReportViews.periods(Self.ctx, list, entities: [("1", "北京总部")], csrf: "CSRF").contains("action=\"/inventory/periods\""))
        #expect(!StockReportViews.periods(Self.ctx, list, entities: nil, csrf: "CSRF").contains("action=\"/inventory/periods\""))
    }
}
