import DocumentsCore
import Foundation
import Kernel
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
        let html = CommonPages.detail(PageShell.context(req), title: t("accounting.title", branch.name), facts: facts) {
            h("section", ["class": "card"]) {
                h("h2") { t("accounting.moves") }
                if plan.moves.isEmpty { h("p", ["class": "empty"]) { t("accounting.no_moves") } }
                h("table", ["class": "data"]) {
                    h("tbody") {
                        for m in plan.moves {
                            h("tr") {
                                h("td") { warehouses[m.warehouseId] ?? "" };
                                h("td") {
                                    (products[m.productId]?.code ?? "") + " " + (products[m.productId]?.name ?? "")
                                        + (m.batch.isEmpty ? "" : " · " + m.batch)
                                }
                                h("td", ["class": "num"]) { Quantity(units: m.qty).description };
                                h("td", ["class": "num"]) { FormKit.money(m.value) }
                            }
                        }
                    }
                }
                h("p", ["class": "muted"]) { t("accounting.moves_hint") }
            }
            if plan.postedThisMonth > 0 {
                h("p", ["class": "notice warn"]) {
                    t("accounting.mid_period", String(plan.effective.prefix(7)), String(plan.postedThisMonth))
                }
            } else if req.state.principal?.can(.org, .edit) == true {
                h("form", ["method": "post", "action": "/org/branches/\(id)/accounting", "class": "inline-form"]) {
                    Layout.csrfField(req.state.csrf)
                    h("input", ["type": "hidden", "name": "to", "value": plan.to.rawValue])
                    h("input", ["type": "hidden", "name": "version", "value": String(branch.version)])
                    h("button", ["type": "submit", "class": "primary"]) { t("accounting.do_switch") }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func apply(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var to: String?; var version: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await AccountingSwitch.apply(id, to: f.to, version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: "/org/branches/\(id)", flash: "accounting.switched")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return PageShell.redirect(req, to: "/org/branches/\(id)/accounting?to=\(f.to ?? "")", error: e)
        }
    }
}
