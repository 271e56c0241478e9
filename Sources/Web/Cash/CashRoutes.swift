import Paths
import Vapor

extension Paths.Cash {
    /// The Cash pages (invoices, collections, payments, ageing): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(invoices, use: InvoicePages.list)
        pages.get(newInvoice, use: InvoicePages.new)
        pages.post(invoices, use: InvoicePages.create)
        pages.get(invoice, use: InvoicePages.show)
        pages.post(cancelInvoice, use: InvoicePages.cancel)
        pages.get(receivables, use: AgeingPages.show)
        pages.get(payables, use: AgeingPages.show)
        pages.get(exportReceivables, use: CashExports.ageing(.ar))
        pages.get(exportPayables, use: CashExports.ageing(.ap))
        for d in [Paths.Cash.direction(incoming: true), Paths.Cash.direction(incoming: false)] {
            pages.get(d.list, use: PaymentPages.list)
            pages.get(d.new, use: PaymentPages.new)
            pages.post(d.list, use: PaymentPages.create)
            pages.get(d.one, use: PaymentPages.show)
            pages.post(d.settle, use: PaymentPages.settle)
            pages.post(d.cancel, use: PaymentPages.cancel)
        }
    }
}
