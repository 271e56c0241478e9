import Paths
import Vapor

extension Paths.Branches {
    /// The Branches pages (transfers, results, the head-office view): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(transfers, use: BranchTradePages.list)
        pages.post(transfers, use: BranchTradePages.send)
        pages.get(transfer, use: BranchTradePages.show)
        pages.post(receiveTransfer, use: BranchTradePages.receive)
        pages.post(transferPrices, use: BranchTradePages.setRule)
        pages.get(results, use: BranchTradePages.results)
        pages.get(headOffice, use: HQPages.show)
        pages.get(resultDocuments, use: BranchTradePages.documents)
    }
}
