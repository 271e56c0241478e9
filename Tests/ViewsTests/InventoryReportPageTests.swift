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

/// Prints go to the customer, the supplier or the driver.
@Suite("Stock document prints")
struct StockDocumentPrintTests {
    @Test func aDeliveryNoteShowsPricesButNotTheCostOfGoods() {
        let m = StockDocumentViewModel(
            id: 7, number: "XS-2026-000007", type: "salesDelivery", status: "posted", postingDate: "2026-12-01", partner: "北京快普科技",
            branch: "总部", reason: nil, note: nil, reversal: nil,
            lines: [
                .init(
                    no: 1, product: "KL-330 可乐", quantity: "10 箱", baseQuantity: "240 瓶", warehouse: "北京仓", toWarehouse: nil, batch: nil,
                    price: "64.80", amount: "648.00", cost: "412.37")
            ],
            total: "648.00", totalInCapitals: "陆佰肆拾捌元整", canEdit: false, canPost: false, canCancel: true, canDelete: false)
        let printed = StockDocumentPages.print(.zhCN, m)
        #expect(printed.contains("648.00") && printed.contains("64.80"))
        #expect(!printed.contains("412.37"), "the cost of goods is not printed")
        #expect(StockDocumentPages.show(InventoryReportPageTests.ctx, m).contains("412.37"), "the page inside shows it")
    }
}
