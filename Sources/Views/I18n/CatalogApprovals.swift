/// The words of Approvals, each key with its zh-CN and English text side by side.
extension Catalog {
    static let approvals: [Entry] = [
        ("error.approval_pending", "{0} 已在审批中。", "{0} is already waiting for approval."),
        (
            "error.approval_no_approver", "审批第 {0} 步找不到审批人：提交人没有在职的直属上级，公司里也没有其他人有“审批规则”权限。请在用户页给提交人设置上级，或新建审批规则。",
            "Nobody can approve step {0}: the submitter has no active manager and nobody else holds the approval-rules right. Give the submitter a manager on the Users page, or add an approval rule."
        ),
        (
            "error.approval_rule_no_approver", "审批规则“{0}”第 {1} 步指定的“{2}”没有可用的审批人（已停用、无人担任，或只有提交人自己）。请有“审批规则”权限的人修改这条规则，或给该角色分配在职用户。",
            "Step {1} of the approval rule “{0}” names “{2}”, and nobody there can approve (inactive, nobody in the role, or only the submitter). Someone with the approval-rules right can change the rule, or give the role an active user."
        ),
        (
            "error.approval_rule_no_manager", "审批规则“{0}”第 {1} 步要求直属上级审批，但提交人没有在职的上级，也没有其他人有“审批规则”权限。请在用户页给提交人设置上级，或修改这条规则。",
            "Step {1} of the approval rule “{0}” goes to the submitter's manager, but the submitter has none who is active and nobody else holds the approval-rules right. Give the submitter a manager on the Users page, or change the rule."
        ),
        ("error.approval_closed", "{0} 的审批已结束。", "The approval of {0} is over."),
        ("approval.action.approve", "同意", "Approve"),
        ("approval.action.reject", "驳回", "Reject"),
        ("approval.action.return", "退回修改", "Send back"),
        ("approval.action.submit", "提交", "Submitted"),
        ("approval.action.withdraw", "撤回", "Withdrawn"),
        ("approval.action.escalate", "转上一级", "Passed up"),
        (
            "approval.escalate.submitter_excluded", "这一步只有提交人本人；提交人不审批自己的单据，已转给其上级。",
            "This step named only the submitter, who never approves their own document; it went to their manager."
        ),
        (
            "approval.escalate.no_approver", "这一步没有可用的审批人（已停用，或没有直属上级），已转给上一级。",
            "This step had nobody able to approve (inactive, or no direct manager); it went one level up."
        ),
        (
            "approval.escalate.keepers", "上级链已到顶，由负责审批规则的人审批。",
            "The chain of managers ended here: the keepers of the approval rules approve."
        ),
        ("approval.box", "范围", "Show"),
        ("approval.box.all", "全部", "All"),
        ("approval.box.submitted", "我提交的", "Submitted by me"),
        ("approval.box.todo", "待我审批", "Waiting for me"),
        ("approval.comment", "审批意见", "Comment"),
        ("approval.comment_hint", "意见（驳回、退回时必填）", "Comment (required to reject or send back)"),
        ("approval.decide", "审批", "Decide"),
        ("approval.doc_type", "单据类型", "Document type"),
        ("approval.document", "单据", "Document"),
        ("approval.done", "已处理。", "Done."),
        ("approval.history", "审批记录", "Approval history"),
        ("approval.kind.manager", "提交人的上级", "The submitter's manager"),
        ("approval.kind.role", "角色", "Role"),
        ("approval.kind.user", "指定人员", "Named person"),
        ("approval.none", "尚未提交审批。", "Not submitted for approval yet."),
        ("approval.lines", "明细与底价", "Lines and floor prices"),
        ("approval.under_floor", "低于底价", "Under the floor"),
        ("approval.not_needed", "无需审批：没有适用的审批规则。", "No approval was needed: no rule applied."),
        ("approval.round", "审批单 #{0}", "Approval #{0}"),
        ("approval.rule.all_branches", "全部分支机构", "All branches"),
        ("approval.rule.branch", "分支机构", "Branch"),
        ("approval.rule.edit", "修改审批规则", "Edit approval rule"),
        (
            "approval.rule.empty", "还没有审批规则：报价单（低于底价时）和合同由提交人的上级审批，采购订单不需审批。",
            "No rules yet: quotes under the floor and contracts go to the submitter's manager; purchase orders need no approval."
        ),
        (
            "approval.rule.intro", "按单据类型、分支机构和金额决定审批步骤；同一单据适用最具体、金额门槛最高的一条规则。",
            "Document type, branch and amount decide the steps; the most specific rule with the highest threshold applies."
        ),
        ("approval.rule.min", "金额起点（含）", "From amount (inclusive)"),
        ("approval.rule.name", "规则名称", "Rule name"),
        ("approval.rule.new", "新建审批规则", "New approval rule"),
        ("approval.rule.saved", "审批规则已保存。", "Approval rule saved."),
        ("approval.status.approved", "已通过", "Approved"),
        ("approval.status.pending", "审批中", "Pending"),
        ("approval.status.rejected", "已驳回", "Rejected"),
        ("approval.status.returned", "已退回", "Sent back"),
        ("approval.status.withdrawn", "已撤回", "Withdrawn"),
        ("approval.step", "第 {0} 步", "Step {0}"),
        ("approval.step_col", "步骤", "Step"),
        ("approval.steps", "审批步骤", "Steps"),
        ("approval.submitter", "提交人", "Submitted by"),
        ("approval.title", "审批：{0}", "Approval: {0}"),
        ("approval.type.contract", "合同", "Contract"),
        ("approval.type.purchase_order", "采购订单", "Purchase order"),
        ("approval.type.quote", "报价单（低于底价）", "Quote (under the floor)"),
        ("approval.waiting", "等待第 {0} 步：{1}", "Waiting at step {0}: {1}"),
        ("approval.type.sales_order", "销售订单（低于底价）", "Sales order (under the floor)"),
        ("approval.kind.budget", "预算管理人", "Budget keepers"),
        ("approval.type.expense_claim", "费用报销", "Expense claim"),
    ]
}
