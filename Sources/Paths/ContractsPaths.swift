extension Paths {
    /// Quotes, contracts (plans, attachments, renewals) and overdue plan lines.
    public enum Contracts {
        public static let quotes = PagePath("/contracts/quotes")
        public static let newQuote = PagePath("/contracts/quotes/new")
        public static let quote = PagePath("/contracts/quotes/:id")
        public static let editQuote = PagePath("/contracts/quotes/:id/edit")
        public static let printQuote = PagePath("/contracts/quotes/:id/print")
        public static let quoteAction = PagePath("/contracts/quotes/:id/:action")
        public static let contracts = PagePath("/contracts")
        public static let newContract = PagePath("/contracts/new")
        public static let exportContracts = PagePath("/contracts/export")
        public static let contract = PagePath("/contracts/:id")
        public static let editContract = PagePath("/contracts/:id/edit")
        public static let printContract = PagePath("/contracts/:id/print")
        public static let contractAction = PagePath("/contracts/:id/:action")
        public static let renewContract = PagePath("/contracts/:id/renew")
        public static let deleteContract = PagePath("/contracts/:id/delete")
        public static let contractPlan = PagePath("/contracts/:id/plan")
        public static let contractOrder = PagePath("/contracts/:id/order")
        public static let contractAttachments = PagePath("/contracts/:id/attachments")
        public static let contractAttachment = PagePath("/contracts/:id/attachments/:aid")
        public static let deleteContractAttachment = PagePath("/contracts/:id/attachments/:aid/delete")
        public static let overdue = PagePath("/contracts/overdue")

        public static let all: [PagePath] = [
            exportContracts,
            quotes, newQuote, quote, editQuote, printQuote, quoteAction, contracts, newContract, contract, editContract, printContract,
            contractAction, renewContract, deleteContract, contractPlan, contractOrder, contractAttachments, contractAttachment,
            deleteContractAttachment, overdue,
        ]
    }
}
