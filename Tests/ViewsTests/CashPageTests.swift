import Testing

@testable import Views

/// 应收/应付, invoices, collections and payments, as pure functions of their models.
struct CashPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    static func buckets(_ open: String) -> AgeingModel.Buckets {
        .init(open: open, d0to30: open, d31to60: "0.00", d61to90: "0.00", over90: "0.00")
    }

    @Test(arguments: ["partner", "document"])
    func receivablesAged(_ groupBy: String) {
        var m = AgeingModel()
        m.side = "ar"
        m.groupBy = groupBy
        m.path = "/cash/receivables"
        m.branches = [("1", "北京总部"), ("2", "上海分公司")]
        m.branchId = "2"
        m.asOf = "2026-11-30"
        m.partnerId = groupBy == "document" ? "7" : nil
        m.rows = [
            .init(
                party: "北京快普<科技>", partyHref: "/cash/receivables?partnerId=7&groupBy=document", document: "XS-0001",
                documentDate: "2026-11-02", product: "", amounts: Self.buckets("1130.00"), credit: "200.00")
        ]
        m.total = Self.buckets("1130.00")
        m.totalCredit = "200.00"
        assertSnapshot(AgeingView.page(Self.ctx, m), named: "ageing-\(groupBy)")
    }

    @Test func nothingOpenIsSaid() {
        var m = AgeingModel()
        m.side = "ap"
        m.path = "/cash/payables"
        let html = AgeingView.page(Self.ctx, m)
        #expect(html.contains(Translator(.zhCN)("ageing.nothing_open")) && html.contains(Translator(.zhCN)("nav.payables")))
    }

    @Test func invoiceFormAsksForThePartyFirst() {
        var m = InvoiceFormModel()
        m.parties = [("7", "北京快普科技")]
        assertSnapshot(InvoiceViews.form(Self.ctx, m), named: "invoice-form-party")
    }

    @Test func invoiceFormWithDeliveriesContractLinesAndAnError() {
        var m = InvoiceFormModel()
        m.csrf = "CSRF"
        m.parties = [("7", "北京快普科技")]
        m.partnerId = "7"
        m.partyName = "北京快普科技"
        m.contractId = "3"
        m.kinds = ["ordinary", "special"]
        m.kind = "special"
        m.invoiceDate = "2026-11-30"
        m.note = "<b>备注</b>"
        m.documents = [.init(id: "11", label: "XS-0001 · 2026-11-02 · 未开票 1130.00", checked: true)]
        m.contractLines = [.init(id: "5", label: "HT-0001 · 可乐 · 未开票 500.00")]
        m.error = "发票号已存在。"
        assertSnapshot(InvoiceViews.form(Self.ctx, m), named: "invoice-form")
    }

    @Test(arguments: [true, false])
    func invoiceDetail(_ mayCancel: Bool) {
        var m = InvoiceDetailModel()
        m.id = 9
        m.number = "FP-0009"
        m.facts = [("发票号", .text("No.<1>")), ("状态", CommonPages.badge("已开具", "issued"))]
        m.lines = [.init(product: "KL-330 可乐", quantity: "24 罐", taxRate: "13%", amount: "1130.00", tax: "130.00")]
        m.mayCancel = mayCancel
        m.csrf = "CSRF"
        let html = InvoiceViews.detail(Self.ctx, m)
        #expect(html.contains("/cash/invoices/9/cancel") == mayCancel)
        if mayCancel { assertSnapshot(html, named: "invoice-detail") }
    }

    @Test func paymentFormShowsAFieldErrorBesideItsField() {
        var m = PaymentFormModel()
        m.direction = "in"
        m.csrf = "CSRF"
        m.parties = [("7", "北京快普科技")]
        m.partnerId = "7"
        m.partyName = "北京快普科技"
        m.contracts = [("3", "HT-0001 年度供货")]
        m.amount = "-5"
        m.paymentDate = "2026-11-30"
        m.methods = ["bank", "cash"]
        m.method = "bank"
        m.modes = ["document", "product", "none"]
        m.mode = "product"
        m.documents = [("invoice:9", "FP-0009 · 未结 1130.00")]
        m.products = [("4", "KL-330 可乐")]
        m.error = (field: "amount", message: "金额必须大于零。")
        let html = PaymentViews.form(Self.ctx, m)
        #expect(!html.contains("form-error"), "a field's error is beside the field, not above the form")
        assertSnapshot(html, named: "payment-form")
        m.error = (field: "lines", message: "结算金额超过未结金额。")
        #expect(PaymentViews.form(Self.ctx, m).contains("form-error"))
    }

    @Test func paymentDetailOffersToSettleTheRest() {
        var m = PaymentDetailModel()
        m.direction = "out"
        m.id = 4
        m.number = "FK-0004"
        m.facts = [("金额", .text("500.00"))]
        m.settlements = [.init(document: "CG-0002", product: "NF-550 矿泉水", amount: "300.00")]
        m.openDocuments = [("stock:2", "CG-0003 · 未结 800.00")]
        m.mayCancel = true
        m.csrf = "CSRF"
        assertSnapshot(PaymentViews.detail(Self.ctx, m), named: "payment-detail")
    }
}
