import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// What quote and contract pages share: the line grid, reading it back, names for ids.
enum DealForms {
    struct LineForm: Content {
        var product: String?; var unit: String?; var quantity: String?; var unitPrice: String?; var discount: String?; var taxRate: String?
    }

    /// The grid rows typed into a form, products found by code or barcode.
    static func lines(_ rows: [LineForm]?, _ req: Request) async throws -> [DealLines.Input] {
        var out: [DealLines.Input] = []
        for l in rows ?? [] where !(l.product ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            let found = try await ProductLookup.line(l.product, unit: l.unit, index: out.count, req.store)
            func v(_ s: String?) -> String? { (s ?? "").isEmpty ? nil : s }
            out.append(
                .init(
                    productId: found.productId, unit: found.unit, quantity: l.quantity, discount: v(l.discount), unitPrice: v(l.unitPrice),
                    taxRate: v(l.taxRate)))
        }
        return out
    }

    /// The grid rows as typed, for the form to show again.
    static func rows(_ rows: [LineForm]?) -> [FormKit.LineRow] {
        (rows ?? []).map {
            .init(
                product: $0.product, unit: $0.unit, quantity: $0.quantity, unitPrice: $0.unitPrice, discount: $0.discount,
                taxRate: $0.taxRate)
        }
    }

    /// The approval rounds of a document, with the names of the people in them; `pastDraft`: the
    /// document has left its draft, so no round means none was needed.
    static func approvalHistory(_ rounds: [ApprovalService.Details], pastDraft: Bool = false, _ req: Request) async throws -> Node {
        let users = try await PageShell.names(.users, rounds.flatMap { $0.actions.map(\.userId) + $0.assignees.map(\.userId) }, req)
        return ApprovalHistoryView.render(
            rounds.map { r in
                ApprovalHistoryView.Round(
                    id: r.approval.id, status: r.approval.status, stepNo: r.approval.stepNo,
                    actions: r.actions.map {
                        .init(
                            who: users[$0.userId] ?? "", action: $0.action, stepNo: $0.stepNo, at: PageShell.date($0.at, req.state.lang),
                            comment: $0.comment)
                    },
                    waitingFor: r.assignees.filter { $0.stepNo == r.approval.stepNo }.map { users[$0.userId] ?? "" })
            }, noneNeeded: pastDraft, req.t)
    }

    /// Which field an error names, and its message.
    static func errorOf(_ e: (any Error)?, _ req: Request) -> (field: String?, message: String)? {
        guard let d = e as? DomainError else { return nil }
        return (d.field, ConcordErrorMiddleware.message(d, req.t))
    }

    static func customers(_ req: Request) async throws -> [(String, String)] {
        try await PartnerService.pickable(customer: true, req.services).map { (String($0.id), $0.name) }
    }

    static func suppliers(_ req: Request) async throws -> [(String, String)] {
        try await PartnerService.pickable(supplier: true, req.services).map { (String($0.id), $0.name) }
    }

}
