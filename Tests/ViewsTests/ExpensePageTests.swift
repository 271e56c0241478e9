import Testing

@testable import Views

/// Expense claims and budgets, as pure functions of their models.
struct ExpensePageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    @Test func claimFormWithoutCustomerRightsOffersNoCustomer() {
        var m = ExpenseFormModel()
        m.title = "新建报销单"
        m.action = "/expenses/claims"
        m.cancel = "/expenses/claims"
        m.csrf = "CSRF"
        m.claimTitle = "11 月差旅"
        m.claimDate = "2026-11-30"
        m.categories = [("1", "差旅费"), ("2", "招待费")]
        m.lines = [.init(categoryId: "1", expenseDate: "2026-11-12", amount: "350", description: "北京—上海 高铁"), .init()]
        m.error = (field: "partnerId", message: "客户不存在。")
        let html = ExpenseViews.form(Self.ctx, m)
        #expect(!html.contains("name=\"partnerId\""))
        #expect(html.contains("form-error"), "an error on a field the form does not show is said above it")
        assertSnapshot(html, named: "expense-form")
    }

    @Test func claimOverBudget() {
        var m = ExpenseClaimModel()
        m.id = 5
        m.title = "报销单 BX-0005 · 11 月差旅"
        m.month = "2026-11"
        m.csrf = "CSRF"
        m.facts = [("报销人", .text("王芳"))]
        m.lines = [.init(category: "差旅费", date: "2026-11-12", amount: "350.00", description: "高铁")]
        m.checks = [.init(category: "差旅费", budget: "300.00", used: "0.00", claim: "350.00", over: true)]
        m.transitions = ["submit"]
        m.receipts = [(name: "车票.pdf", href: "/expenses/claims/5/attachments/1")]
        m.mayAttach = true
        assertSnapshot(ExpenseViews.claim(Self.ctx, m), named: "expense-claim")
    }

    @Test func budgetsAgainstActual() {
        var m = BudgetsModel()
        m.csrf = "CSRF"
        m.month = "2026-11"
        m.branches = [("1", "北京总部")]
        m.branchId = "1"
        m.branchName = "北京总部"
        m.amounts = [(id: "1", name: "差旅费", amount: "300.00"), (id: "2", name: "招待费", amount: nil)]
        m.rows = [
            .init(branch: "北京总部", category: "差旅费", budget: "300.00", actual: "350.00", pending: "0.00", remaining: "-50.00", over: true)
        ]
        assertSnapshot(ExpenseViews.budgets(Self.ctx, m), named: "expense-budgets")
    }
}
