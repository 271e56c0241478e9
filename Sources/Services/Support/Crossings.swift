import Kernel
import Persistence

/// The calls a module makes into modules that build on it: receivables follow a posted delivery,
/// goods sent to another branch re-price after a re-costing, an approval's outcome lands on its
/// document, an attachment asks its contract or claim who may touch it. The module that changes
/// calls these; `Services/Workflows` fills them in (`Workflows.crossings`), so no module names a
/// module above it and the module graph has no cycles (ArchitectureTests checks it).
public struct Crossings: Sendable {
    public typealias Step<Input> = @Sendable (Input, ServiceContext) async throws -> Void

    /// A stock document was posted: open items for what it delivered or received.
    public var stockPosted: Step<(document: StockDocumentRow, lines: [StockLineRow])>
    /// A posted stock document is being cancelled: its open items go with it.
    public var stockCancelled: Step<StockDocumentRow>
    /// These products were re-costed: what other branches were charged for them follows.
    public var productsRecosted: Step<[Int64]>
    /// An approval ended (`status`: approved or rejected) or was withdrawn on a document.
    public var approvalDecided: Step<(docType: String, docId: Int64, status: String)>
    /// Whether the caller may see the document an approval is about (404 and 403 answer false).
    public var approvalDocumentVisible: @Sendable ((docType: String, docId: Int64), ServiceContext) async throws -> Bool
    /// The branch of an attachment's owner (a contract or a claim), checked for `action`.
    public var attachmentOwnerBranch: @Sendable ((owner: String, id: Int64, action: Action), ServiceContext) async throws -> Int64
    /// An expense claim spent for a campaign was approved: the campaign counts it as a cost.
    public var claimApproved: Step<ExpenseClaimRow>

    public init(
        stockPosted: @escaping Step<(document: StockDocumentRow, lines: [StockLineRow])>,
        stockCancelled: @escaping Step<StockDocumentRow>,
        productsRecosted: @escaping Step<[Int64]>,
        approvalDecided: @escaping Step<(docType: String, docId: Int64, status: String)>,
        approvalDocumentVisible: @escaping @Sendable ((docType: String, docId: Int64), ServiceContext) async throws -> Bool,
        attachmentOwnerBranch: @escaping @Sendable ((owner: String, id: Int64, action: Action), ServiceContext) async throws -> Int64,
        claimApproved: @escaping Step<ExpenseClaimRow>
    ) {
        self.claimApproved = claimApproved
        self.stockPosted = stockPosted
        self.stockCancelled = stockCancelled
        self.productsRecosted = productsRecosted
        self.approvalDecided = approvalDecided
        self.approvalDocumentVisible = approvalDocumentVisible
        self.attachmentOwnerBranch = attachmentOwnerBranch
    }
}
