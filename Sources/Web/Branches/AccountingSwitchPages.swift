import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Switching a branch's accounting mode: what it will move, then the switch (or why not now).
enum AccountingSwitchPages {
    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let id = try req.id()
        let to = req.query[String.self, at: "to"] ?? "independent"
        let plan = try await AccountingSwitch.plan(id, to: to, req.services)
        guard let branch = try await OrganisationQueries.branch(id, on: req.store) else { throw DomainError.notFound }
        let products = try await InventoryQueries.products(ids: plan.moves.map(\.productId), on: req.store)
        let warehouses = Dictionary(uniqueKeysWithValues: try await InventoryQueries.warehouses(on: req.store).map { ($0.id, $0.name) })
        let facts: [(String, Node)] = [
            (
                t("accounting.from_to"),
                .text(t("branch.accounting." + plan.from.rawValue) + " → " + t("branch.accounting." + plan.to.rawValue))
            ),
            (t("accounting.effective"), .text(plan.effective)), (t("accounting.receivables"), .text(FormKit.money(plan.openReceivables))),
            (t("accounting.payables"), .text(FormKit.money(plan.openPayables))),
        ]
        var m = AccountingSwitchModel()
        m.title = t("accounting.title", branch.name)
        m.facts = facts
        m.moves = plan.moves.map { mv in
            [
                warehouses[mv.warehouseId] ?? "",
                products.label(mv.productId)
                    + (mv.batch.isEmpty ? "" : " · " + mv.batch),
                Quantity(units: mv.qty).description, FormKit.money(mv.value),
            ]
        }
        if plan.postedThisMonth > 0 {
            m.notNow = t("accounting.mid_period", String(plan.effective.prefix(7)), String(plan.postedThisMonth))
        } else if req.state.principal?.can(.organisation, .edit) == true {
            m.form = (action: Paths.Organisation.accountingSwitch(id), to: plan.to.rawValue, version: String(branch.version))
        }
        m.csrf = req.state.csrf
        return PageShell.page(req, BranchViews.accountingSwitch(PageShell.context(req), m))
    }

    static func apply(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var to: String?; var version: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await AccountingSwitch.apply(id, to: f.to, version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: Paths.Organisation.branch(id), flash: "accounting.switched")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return PageShell.redirect(req, to: Paths.Organisation.accountingSwitch(id) + "?to=\(f.to ?? "")", error: e)
        }
    }
}
