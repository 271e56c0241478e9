extension Paths {
    /// Invoices, collections, payments, receivables and payables.
    public enum Cash {
        public static let invoices = PagePath("/cash/invoices")
        public static let newInvoice = PagePath("/cash/invoices/new")
        public static let invoice = PagePath("/cash/invoices/:id")
        public static let cancelInvoice = PagePath("/cash/invoices/:id/cancel")
        public static let collections = PagePath("/cash/collections")
        public static let newCollection = PagePath("/cash/collections/new")
        public static let collection = PagePath("/cash/collections/:id")
        public static let settleCollection = PagePath("/cash/collections/:id/settle")
        public static let cancelCollection = PagePath("/cash/collections/:id/cancel")
        public static let payments = PagePath("/cash/payments")
        public static let newPayment = PagePath("/cash/payments/new")
        public static let payment = PagePath("/cash/payments/:id")
        public static let settlePayment = PagePath("/cash/payments/:id/settle")
        public static let cancelPayment = PagePath("/cash/payments/:id/cancel")
        public static let receivables = PagePath("/cash/receivables")
        public static let payables = PagePath("/cash/payables")
        public static let exportReceivables = PagePath("/cash/receivables/export")
        public static let exportPayables = PagePath("/cash/payables/export")

        public static let all: [PagePath] = [
            invoices, newInvoice, invoice, cancelInvoice, collections, newCollection, collection, settleCollection, cancelCollection,
            payments, newPayment, payment, settlePayment, cancelPayment, receivables, payables, exportReceivables, exportPayables,
        ]
    }
}

extension Paths.Cash {
    /// Collections (money in) and payments (money out) share their pages: one direction's routes.
    public struct Direction: Sendable, Hashable {
        public let list, new, one, settle, cancel: PagePath
    }

    public static func direction(incoming: Bool) -> Direction {
        incoming
            ? Direction(list: collections, new: newCollection, one: collection, settle: settleCollection, cancel: cancelCollection)
            : Direction(list: payments, new: newPayment, one: payment, settle: settlePayment, cancel: cancelPayment)
    }
}
