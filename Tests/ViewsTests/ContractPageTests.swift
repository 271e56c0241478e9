import Kernel
import Testing

@testable import Views

/// Quotes and contracts, as pure functions of their models.
struct ContractPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    static func contract(offered: Set<String>) -> ContractViewModel {
        var m = ContractViewModel()
        m.id = 12
        m.number = "HT-0012"
        m.partnerId = 7
        m.csrf = "CSRF"
        m.actions = [PageAction(label: "打印", href: "/contracts/12/print")]
        m.facts = [("对方", .text("北京快普<科技>")), ("状态", CommonPages.badge("已生效", "active"))]
        m.offered = offered
        m.lines = [
            .init(
                product: "KL-330 可乐", quantity: "10 箱", unitPrice: "66.00", taxRate: "13%", amount: "660.00", tax: "75.93", invoiced: "0.00"
            )
        ]
        m.total = Money(fen: 66_000)
        m.ordered = Money(fen: 33_000)
        m.delivered = Money(fen: 33_000)
        m.costOfGoods = "400.00"
        m.grossMargin = "184.07"
        m.orders = [CommonPages.link("XS-0003", "/inventory/orders/3")]
        m.left = [.init(lineId: "31", product: "KL-330 可乐", left: "5", unit: "箱")]
        m.warehouses = [("1", "北京一仓"), ("2", "北京二仓"), ("3", "上海仓")]
        m.installments = [
            .init(seq: "1", dueDate: "2026-11-01", amount: "330.00", settled: "330.00", paid: true, overdue: false),
            .init(seq: "2", dueDate: "2026-11-20", amount: "330.00", settled: "0.00", paid: false, overdue: true),
        ]
        m.totalAmount = "660.00"
        m.planRows = [("2026-11-01", "330.00"), ("2026-11-20", "330.00"), ("", ""), ("", "")]
        m.attachments = [
            .init(
                name: "合同扫描件.pdf", href: "/contracts/12/attachments/1", size: "120 KB", uploaded: "2026-11-02 10:00",
                deleteAction: "/contracts/12/attachments/1/delete")
        ]
        return m
    }

    @Test func anActiveContractForSomeoneWhoMayDoEverything() {
        let m = Self.contract(offered: ["edit", "complete", "terminate", "renew", "setPlan", "makeOrder", "bill", "attach"])
        assertSnapshot(ContractView.page(Self.ctx, m), named: "contract-active")
    }

    /// A reader who may only look sees no form and no button.
    @Test func aReaderSeesNoForms() {
        let html = ContractView.page(Self.ctx, Self.contract(offered: []))
        for action in ["12/terminate", "12/order\"", "12/plan", "12/attachments\"", "12/delete", "invoices/new", "collections/new"] {
            #expect(!html.contains(action), "\(action)")
        }
        #expect(html.contains("合同扫描件.pdf") && html.contains("逾期"))
    }

    @Test func contractFormKeepsWhatWasTypedAndPlacesTheError() {
        var m = DealFormModel()
        m.title = "新建销售合同"
        m.action = "/contracts"
        m.cancel = "/contracts"
        m.csrf = "CSRF"
        m.hidden = [("kind", "sales"), ("quoteId", "4")]
        m.intro = Translator(.zhCN)("contract.from_quote_hint")
        m.error = (field: "endDate", message: "结束日期不能早于开始日期。")
        m.partyLabel = "对方"
        m.parties = [("7", "北京快普科技")]
        m.partyId = "7"
        m.partyErrorFields = ["partnerId", "quoteId"]
        m.fields = [.init("title", "标题", "年度<供货>"), .init("endDate", "结束日期", "2026-01-01", type: "date", required: true)]
        m.linesHint = "按商品编码或条码填写"
        m.lines = [.init(product: "690KL24", unit: "箱", quantity: "10", unitPrice: "66")]
        m.note = "备注"
        let html = DealViews.form(Self.ctx, m)
        #expect(!html.contains("form-error"), "an error with a field shows beside it")
        assertSnapshot(html, named: "contract-form")
        m.error = (field: "note", message: "备注过长。")
        #expect(DealViews.form(Self.ctx, m).contains("form-error"), "a note error has no field beside it: it shows above")
    }

    @Test func aQuoteUnderTheFloor() {
        var m = QuoteViewModel()
        m.id = 4
        m.number = "BJ-0004"
        m.csrf = "CSRF"
        m.facts = [("客户", .text("北京快普科技"))]
        m.needsApproval = true
        m.lines = [
            .init(
                product: "KL-330 可乐", quantity: "10 箱", listPrice: "72.00", discount: "10%", unitPrice: "64.80", floorPrice: "66.00",
                taxRate: "13%", amount: "648.00", belowFloor: true)
        ]
        m.transitions = ["submit"]
        m.note = "<script>x</script>"
        let html = DealViews.quote(Self.ctx, m)
        #expect(!html.contains("<script>x"), "the note is escaped")
        assertSnapshot(html, named: "quote-below-floor")
    }
}
