extension Paths {
    /// Expense claims and budgets.
    public enum Expenses {
        public static let claims = PagePath("/expenses/claims")
        public static let newClaim = PagePath("/expenses/claims/new")
        public static let claim = PagePath("/expenses/claims/:id")
        public static let editClaim = PagePath("/expenses/claims/:id/edit")
        public static let claimAction = PagePath("/expenses/claims/:id/:action")
        public static let claimAttachments = PagePath("/expenses/claims/:id/attachments")
        public static let claimAttachment = PagePath("/expenses/claims/:id/attachments/:aid")
        public static let budgets = PagePath("/expenses/budgets")

        public static let all: [PagePath] = [
            claims, newClaim, claim, editClaim, claimAction, claimAttachments, claimAttachment, budgets,
        ]
    }
}
