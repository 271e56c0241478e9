import DocumentsCore
import Paths
import Vapor

extension Paths.Expenses {
    /// The Expenses pages (claims and budgets): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(claims, use: ExpensePages.list)
        pages.get(newClaim, use: ExpensePages.new)
        pages.post(claims, use: ExpensePages.create)
        pages.get(claim, use: ExpensePages.show)
        pages.get(editClaim, use: ExpensePages.edit)
        pages.post(claim, use: ExpensePages.update)
        pages.on(.POST, Paths.Expenses.claimAttachments, body: .collect(maxSize: "6mb"), use: ExpensePages.upload)
        pages.get(claimAttachment, use: ExpensePages.download)
        pages.get(budgets, use: ExpensePages.budgets)
        pages.post(budgets, use: ExpensePages.saveBudgets)
        for t in ExpenseClaimFlow.transitions {
            pages.post(claimAction.fixing("action", t.rawValue), use: ExpensePages.transition(t))
        }
    }
}
