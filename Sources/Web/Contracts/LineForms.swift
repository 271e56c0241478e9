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

    static func grid(_ rows: [LineForm], discount: Bool, _ t: Translator) -> Node {
        var rows = rows
        let target = max(4, rows.count + 2)
        while rows.count < target { rows.append(LineForm()) }
        return h("table", ["class": "data lines"]) {
            h("thead") {
                h("tr") {
                    h("th") { t("deal.product_code") }; h("th") { t("stock.unit") }; h("th") { t("stock.quantity") };
                    h("th") { t("deal.unit_price") }
                    if discount { h("th") { t("deal.discount") } }
                    h("th") { t("deal.tax_rate") }
                }
            }
            h("tbody") {
                for (i, r) in rows.enumerated() {
                    h("tr") {
                        h("td") {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][product]", "value": r.product ?? "", "aria-label": t("deal.product_code"),
                                    "size": "12",
                                ])
                        }
                        h("td") {
                            h("input", ["name": "lines[\(i)][unit]", "value": r.unit ?? "", "aria-label": t("stock.unit"), "size": "4"])
                        }
                        h("td") {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][quantity]", "value": r.quantity ?? "", "inputmode": "decimal",
                                    "aria-label": t("stock.quantity"), "size": "6",
                                ])
                        }
                        h("td") {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][unitPrice]", "value": r.unitPrice ?? "", "inputmode": "decimal",
                                    "aria-label": t("deal.unit_price"), "size": "8",
                                ])
                        }
                        if discount {
                            h("td") {
                                h(
                                    "input",
                                    [
                                        "name": "lines[\(i)][discount]", "value": r.discount ?? "", "inputmode": "decimal",
                                        "aria-label": t("deal.discount"), "size": "4",
                                    ])
                            }
                        }
                        h("td") {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][taxRate]", "value": r.taxRate ?? "", "inputmode": "decimal",
                                    "aria-label": t("deal.tax_rate"), "size": "4",
                                ])
                        }
                    }
                }
            }
        }
    }

    static func field(
        _ name: String, _ label: String, _ value: String?, type: String = "text", required: Bool = false, error: String? = nil
    ) -> Node {
        h("label", ["class": error == nil ? "field" : "field invalid"]) {
            h("span") { label }
            h(
                "input",
                ["type": type, "name": name, "value": value ?? "", "required": flag(required), "aria-invalid": error == nil ? nil : "true"])
            if let error { h("span", ["class": "field-error", "role": "alert"]) { error } }
        }
    }

    static func select(
        _ name: String, _ label: String, _ options: [(String, String)], selected: String?, blank: String? = nil, error: String? = nil
    ) -> Node {
        h("label", ["class": error == nil ? "field" : "field invalid"]) {
            h("span") { label }
            h("select", ["name": name]) {
                if let blank { h("option", ["value": ""]) { blank } }
                for (v, l) in options { h("option", ["value": v, "selected": flag(v == selected)]) { l } }
            }
            if let error { h("span", ["class": "field-error", "role": "alert"]) { error } }
        }
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

    static func money(_ fen: Int64) -> String { Money(fen: fen).description }

    /// The end of a document form: its note, then save and cancel.
    static func footer(note: String?, cancel: String, _ t: Translator) -> Node {
        .fragment([
            h("label", ["class": "field"]) {
                h("span") { t("common.note") }; h("textarea", ["name": "note", "rows": "2"]) { note ?? "" }
            },
            h("div", ["class": "actions"]) {
                h("button", ["type": "submit", "class": "primary"]) { t("action.save") }
                h("a", ["href": cancel, "class": "button"]) { t("action.cancel") }
            },
        ])
    }

    /// The approval rounds of a document: who was asked, who did what, with comments.
    static func approvalHistory(_ rounds: [ApprovalService.Details], _ req: Request) async throws -> Node {
        let t = req.t
        let users = try await PageShell.names(.users, rounds.flatMap { $0.actions.map(\.userId) + $0.assignees.map(\.userId) }, req)
        return h("section", ["class": "card"]) {
            h("h2") { t("approval.history") }
            if rounds.isEmpty { h("p", ["class": "empty"]) { t("approval.none") } }
            for r in rounds {
                h("p") {
                    CommonPages.link(t("approval.round", String(r.approval.id)), "/approvals/\(r.approval.id)"); " "
                    CommonPages.badge(t("approval.status." + r.approval.status), r.approval.status)
                }
                h("ol", ["class": "timeline"]) {
                    for a in r.actions {
                        h("li") {
                            h("strong") { users[a.userId] ?? "" }; " · " + t("approval.action." + a.action)
                            if a.stepNo > 0 { " · " + t("approval.step", String(a.stepNo)) }
                            " · " + PageShell.date(a.at, req.state.lang)
                            if a.action == "escalate", let reason = a.comment {
                                h("div", ["class": "timeline-body"]) { t("approval.escalate." + reason) }
                            } else if let c = a.comment {
                                h("div", ["class": "timeline-body"]) { c }
                            }
                        }
                    }
                    if r.approval.status == "pending" {
                        h("li", ["class": "muted"]) {
                            t(
                                "approval.waiting", String(r.approval.stepNo),
                                r.assignees.filter { $0.stepNo == r.approval.stepNo }.map { users[$0.userId] ?? "" }.joined(separator: "、"))
                        }
                    }
                }
            }
        }
    }
}
