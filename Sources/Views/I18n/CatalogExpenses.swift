/// The words of Expenses, each key with its zh-CN and English text side by side.
extension Catalog {
    static let expenses: [Entry] = [
        (
            "error.claim_limit_daily", "今天已领取 {0} 个客户，达到每日上限；{1} 后可以再领。",
            "You have claimed {0} customers today, the daily limit; you can claim again from {1}."
        ),
        (
            "error.claim_limit_held", "您已持有 {1} 个客户，上限是 {0} 个；放回或转出一些后才能再领。",
            "You hold {1} customers and the limit is {0}; release or hand some on first."
        ),
        (
            "error.claim_limit_reclaim", "您是这个客户的原负责人，{0} 天内不能再领；{1} 起可以领取。",
            "You were this customer's owner and must wait {0} days; you can claim it from {1}."
        ),
        ("expense.for_contract", "关联合同", "For contract"),
        ("expense.action.pay", "标记已付款", "Mark paid"),
        ("expense.action.submit", "提交审批", "Submit for approval"),
        ("expense.action.withdraw", "撤回", "Withdraw"),
        ("expense.actual", "实际", "Actual"),
        ("expense.actual_vs_budget", "{0} 费用预算执行", "Expenses against budget, {0}"),
        ("expense.budget", "预算", "Budget"),
        ("expense.budget_check", "{0} 预算占用", "Budget used in {0}"),
        ("expense.budget_invalid", "预算有误：金额须为数字。", "The budget has a mistake: amounts must be numbers."),
        ("expense.budget_saved", "预算已保存。", "Budget saved."),
        ("expense.campaign", "关联活动", "Campaign"),
        ("expense.category", "费用类别", "Category"),
        ("expense.claimant", "报销人", "Claimant"),
        ("expense.date", "报销日期", "Claim date"),
        ("expense.edit", "修改报销单", "Edit expense claim"),
        ("expense.for_customer", "关联客户", "For customer"),
        ("expense.month", "月份（YYYY-MM）", "Month (YYYY-MM)"),
        ("expense.new", "新建报销单", "New expense claim"),
        ("expense.no_budget", "未设预算", "No budget"),
        ("expense.no_receipts", "还没有上传票据。", "No receipts yet."),
        ("expense.nothing_this_month", "本月没有预算和报销。", "No budgets or claims this month."),
        ("expense.over_budget", "超预算", "Over budget"),
        ("expense.pending", "审批中", "Pending"),
        ("expense.receipts", "票据", "Receipts"),
        ("expense.refused_over_budget", "超出预算，公司规定不予提交。", "Over budget: company policy refuses the claim."),
        ("expense.remaining", "剩余", "Left"),
        ("expense.saved", "报销单已保存。", "Expense claim saved."),
        ("expense.set_budget", "{0} {1} 预算", "Budget of {0}, {1}"),
        ("expense.spent_on", "发生日期", "Spent on"),
        ("expense.status.approved", "已批准", "Approved"),
        ("expense.status.draft", "草稿", "Draft"),
        ("expense.status.paid", "已付款", "Paid"),
        ("expense.status.pending", "审批中", "Pending approval"),
        ("expense.this_claim", "本单", "This claim"),
        ("expense.title", "报销单 {0}", "Expense claim {0}"),
        ("expense.updated", "报销单已更新。", "Expense claim updated."),
        ("expense.used", "已占用", "Used"),
        ("expense.view.all", "我可见的全部", "All I can see"),
        ("expense.view.mine", "我的", "Mine"),
        ("expense.what", "事由", "What for"),
    ]
}
