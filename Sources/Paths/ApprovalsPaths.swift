extension Paths {
    /// The approval inbox and the approval rules.
    public enum Approvals {
        public static let inbox = PagePath("/approvals")
        public static let rules = PagePath("/approvals/rules")
        public static let newRule = PagePath("/approvals/rules/new")
        public static let rule = PagePath("/approvals/rules/:id")
        public static let editRule = PagePath("/approvals/rules/:id/edit")
        public static let approval = PagePath("/approvals/:id")
        public static let decide = PagePath("/approvals/:id/decide")

        public static let all: [PagePath] = [
            inbox, rules, newRule, rule, editRule, approval, decide,
        ]
    }
}
