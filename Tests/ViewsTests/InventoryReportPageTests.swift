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

/// A stock document inside the company, for a reader who may or may not see costs.
@Suite("Stock document pages")
struct StockDocumentPageTests {
    @Test func theCostOfGoodsIsShownOnlyToWhoMaySeeIt() {
        var m = StockDocumentViewModel(
            id: 7, number: "XS-2026-000007", type: "salesDelivery", status: "posted", postingDate: "2026-12-01", partner: "北京快普科技",
            branch: "总部", reason: nil, note: nil, reversal: nil,
            lines: [
                .init(
                    no: 1, product: "KL-330 可乐", quantity: "10 箱", baseQuantity: "240 瓶", warehouse: "北京仓", toWarehouse: nil, batch: nil,
                    price: "64.80", amount: "648.00", cost: "412.37")
            ],
            total: "648.00", totalInCapitals: "陆佰肆拾捌元整", canEdit: false, canPost: false, canCancel: true, canDelete: false)
        #expect(StockDocumentPages.show(InventoryReportPageTests.ctx, m).contains("412.37"))
        m.showsCost = false
        let without = StockDocumentPages.show(InventoryReportPageTests.ctx, m)
        #expect(!without.contains(">成本<") && without.contains("648.00"))
    }
}

/// Every print template, pinned: the letterhead, the other party, the lines with their heading
/// repeated on each page, the total in figures and capitals, the terms and the boxes to sign.
@Suite("Print templates")
struct PrintTemplateTests {
    static func letterhead() -> PrintSheet.Letterhead {
        var l = PrintSheet.Letterhead()
        l.name = "北京快普商贸有限公司"
        l.address = "北京市朝阳区望京街 10 号"
        l.phone = "010-84760000"
        l.taxNumber = "91110105MA01ABCD1X"
        l.bank = "招商银行望京支行 1109 0812 3456 789"
        l.logo = "/organisation/company/logo"
        return l
    }

    @Test func aContractOnA4() {
        var s = PrintSheet()
        s.letterhead = Self.letterhead()
        s.title = "销售合同"
        s.number = "HT-2026-0012"
        s.paperLinks = PrintSheet.Paper.allCases.map { ($0, "/contracts/12/print?paper=" + $0.rawValue) }
        s.party = [("客户", "上海云栖数据技术有限公司"), ("地址", "上海市浦东新区张江路 88 号"), ("联系人", "陈静 13800000000"), ("税号", "")]
        s.facts = [("合同名称", "年度供货"), ("签订日期", "2026-11-01")]
        s.columns = [.init("#"), .init("商品"), .init("数量", numeric: true), .init("单价", numeric: true), .init("金额", numeric: true)]
        s.rows = [["1", "KL-330 可乐 330ml", "10 箱", "64.80", "648.00"], ["2", "<b>饼干</b>", "2 袋", "6.00", "12.00"]]
        s.total = "660.00"
        s.totalInCapitals = "陆佰陆拾元整"
        s.sections = [("回款计划", ["第 1 期：2026-12-01 前支付 330.00 元"]), ("条款", ["货到付款", "质保一年"]), ("空", [])]
        s.note = "送货前电话联系"
        s.signatures = ["买方（签字盖章）：上海云栖", "卖方（签字盖章）：北京快普"]
        let html = PrintView.render(.zhCN, s)
        #expect(html.contains("&lt;b&gt;饼干") && !html.contains("<b>饼干"), "cells are escaped")
        #expect(html.contains("<thead><tr><td><header class=\"letterhead\">"), "the letterhead repeats on every page")
        #expect(!html.contains("税号</dt>"), "an empty fact is left out")
        assertSnapshot(html, named: "print-contract-a4")
    }

    @Test func aDeliveryNoteOnContinuousPaper() {
        var s = PrintSheet()
        var l = Self.letterhead()
        l.logo = nil
        l.bank = nil
        s.letterhead = l
        s.title = "销售出库单"
        s.number = "SD-2026-000007"
        s.paper = .half
        s.party = [("客户", "北京快普科技"), ("电话", "010-12345678")]
        s.facts = [("业务日期", "2026-12-01")]
        s.columns = [.init("#"), .init("商品"), .init("数量", numeric: true), .init("仓库"), .init("批次")]
        s.rows = [["1", "KL-330 可乐", "10 箱", "北京仓", "B2611"]]
        s.signatures = ["制单", "送货人", "客户签收"]
        s.copies = "第一联（白）存根　第二联（红）客户　第三联（黄）回单"
        let html = PrintView.render(.zhCN, s)
        #expect(html.contains("class=\"print paper-241x140\""))
        #expect(!html.contains("<tfoot>"), "no total where the document has no prices")
        assertSnapshot(html, named: "print-delivery-241")
    }
}
