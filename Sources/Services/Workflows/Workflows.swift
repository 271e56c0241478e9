import Kernel
import Persistence

/// What crosses modules, wired in one place: each module calls `ctx.crossings`, and this is
/// what those calls do. Read it to see every edge that runs against the module order.
public enum Workflows {
    public static let crossings = Crossings(
        // Delivery to receivable (and receipt to payable).
        stockPosted: { posted, ctx in try await OpenItems.posted(posted.document, posted.lines, ctx) },
        stockCancelled: { doc, ctx in try await OpenItems.cancelled(doc, ctx) },
        // Inter-branch re-cost: a re-costed product re-prices what was sent to other branches.
        productsRecosted: { products, ctx in try await BranchTradeService.propagate(products: products, ctx) },
        // Approval outcome, on the document's own module.
        approvalDecided: { outcome, ctx in
            let (docType, docId, status) = outcome
            switch ApprovalService.DocType(rawValue: docType) {
            case .quote: try await QuoteService.approvalDecided(docId, status: status, ctx)
            case .contract: try await ContractService.approvalDecided(docId, status: status, ctx)
            case .purchaseOrder, .salesOrder: try await OrderService.approvalDecided(docId, status: status, ctx)
            case .expenseClaim: try await ExpenseService.approvalDecided(docId, status: status, ctx)
            case nil: throw DomainError.notFound
            }
        },
        approvalDocumentVisible: { doc, ctx in
            do {
                switch ApprovalService.DocType(rawValue: doc.docType) {
                case .quote: _ = try await QuoteService.find(doc.docId, ctx)
                case .contract: _ = try await ContractService.row(doc.docId, ctx)
                case .salesOrder: _ = try await OrderService.find(doc.docId, kind: .sales, ctx)
                case .purchaseOrder: _ = try await OrderService.find(doc.docId, kind: .purchase, ctx)
                case .expenseClaim: _ = try await ExpenseService.row(doc.docId, ctx)
                case nil: return false
                }
                return true
            } catch let e as DomainError where e.kind == .notFound || e.kind == .forbidden {
                return false
            }
        },
        // An attachment asks its contract or claim.
        attachmentOwnerBranch: { owner, ctx in
            switch AttachmentService.Owner(rawValue: owner.owner) {
            case .contract: try await ContractService.row(owner.id, ctx, action: owner.action).branchId
            case .claim: try await ExpenseService.row(owner.id, ctx, action: owner.action).branchId
            case nil: throw DomainError.notFound
            }
        },
        // An approved claim spent for a campaign is the campaign's cost.
        claimApproved: { claim, ctx in try await CampaignService.claimApproved(claim, ctx) }
    )
}
