import Paths
import Vapor

extension Paths.Approvals {
    /// The Approvals pages (the inbox and the rules): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(inbox, use: ApprovalPages.list)
        pages.get(rules, use: ApprovalPages.rules)
        pages.get(newRule, use: ApprovalPages.newRule)
        pages.post(rules, use: ApprovalPages.saveRule)
        pages.get(editRule, use: ApprovalPages.editRule)
        pages.post(rule, use: ApprovalPages.saveRule)
        pages.get(approval, use: ApprovalPages.show)
        pages.post(decide, use: ApprovalPages.decide)
    }
}
