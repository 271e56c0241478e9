import DocumentsCore
import Paths
import Vapor

extension Paths.Contracts {
    /// The Contracts pages (quotes, contracts, overdue plan lines): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(quotes, use: QuotePages.list)
        pages.get(newQuote, use: QuotePages.new)
        pages.post(quotes, use: QuotePages.create)
        pages.get(quote, use: QuotePages.show)
        pages.get(editQuote, use: QuotePages.edit)
        pages.get(printQuote, use: QuotePages.print)
        pages.post(quote, use: QuotePages.update)
        pages.get(contracts, use: ContractPages.list)
        pages.get(exportContracts, use: ContractsExports.contracts)
        pages.get(newContract, use: ContractPages.new)
        pages.post(contracts, use: ContractPages.create)
        pages.get(contract, use: ContractPages.show)
        pages.get(editContract, use: ContractPages.edit)
        pages.get(printContract, use: ContractPages.print)
        pages.post(contract, use: ContractPages.update)
        pages.post(renewContract, use: ContractPages.renew)
        pages.post(deleteContract, use: ContractPages.delete)
        pages.post(contractPlan, use: ContractPages.plan)
        pages.post(contractOrder, use: ContractPages.order)
        pages.on(.POST, Paths.Contracts.contractAttachments, body: .collect(maxSize: "6mb"), use: ContractPages.upload)
        pages.get(contractAttachment, use: ContractPages.download)
        pages.post(deleteContractAttachment, use: ContractPages.deleteAttachment)
        pages.get(overdue, use: ContractPages.overdue)
        for t in QuoteFlow.transitions { pages.post(quoteAction.fixing("action", t.rawValue), use: QuotePages.transition(t)) }
        for t in ContractFlow.transitions {
            pages.post(contractAction.fixing("action", t.rawValue), use: ContractPages.transition(t))
        }
    }
}
