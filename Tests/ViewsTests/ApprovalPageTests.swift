import Testing

@testable import Views

/// Approval rounds and rules.
struct ApprovalPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    @Test func aRoundWaitingForTheReader() {
        var m = ApprovalModel()
        m.id = 7
        m.title = "审批 HT-0012"
        m.facts = [("单据", CommonPages.link("HT-0012", "/contracts/12"))]
        m.steps = [(kind: "manager", who: "张伟", current: false), (kind: "user", who: "孙丽", current: true)]
        m.mayDecide = true
        m.csrf = "CSRF"
        m.history = ApprovalHistoryView.render(
            [
                .init(
                    id: 7, status: "pending", stepNo: 2,
                    actions: [.init(who: "王芳", action: "submit", stepNo: 0, at: "2026-11-20 09:00", comment: nil)], waitingFor: ["孙丽"])
            ], Translator(.zhCN))
        assertSnapshot(ApprovalViews.approval(Self.ctx, m), named: "approval")
        m.mayDecide = false
        #expect(!ApprovalViews.approval(Self.ctx, m).contains("/approvals/7/decide"))
    }

    @Test func ruleFormWithAStepError() {
        var m = ApprovalRuleFormModel()
        m.title = "新建审批规则"
        m.action = "/approvals/rules"
        m.csrf = "CSRF"
        m.name = "大额合同"
        m.docType = "contract"
        m.docTypes = ["quote", "contract"]
        m.branches = [("1", "北京总部")]
        m.minAmount = "50000"
        m.targets = [("manager", "直属上级"), ("user:3", "指定人：孙丽")]
        m.steps = ["manager", "", "", ""]
        m.error = (field: "steps[1]", message: "第 2 步没有审批人。")
        let html = ApprovalViews.ruleForm(Self.ctx, m)
        #expect(!html.contains("form-error"))
        assertSnapshot(html, named: "approval-rule-form")
    }
}

@Suite("Approval history without rounds")
struct ApprovalHistoryEmptyTests {
    /// A quote approved without an approval (nothing under the floor) does not say "not submitted".
    @Test func aDocumentPastItsDraftSaysNoApprovalWasNeeded() {
        let t = Translator(.zhCN)
        #expect(ApprovalHistoryView.render([], t).render().contains("尚未提交审批"))
        let past = ApprovalHistoryView.render([], noneNeeded: true, t).render()
        #expect(past.contains("无需审批") && !past.contains("尚未提交"))
    }
}
