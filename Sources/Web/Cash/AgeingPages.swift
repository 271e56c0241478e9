import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// 应收 and 应付: open items aged, by party, document or product, per branch or in total.
enum AgeingPages {
    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let side: OpenItems.Side = req.url.path.hasSuffix("payables") ? .ap : .ar
        let group = AgeingReport.GroupBy(rawValue: req.query[String.self, at: "groupBy"] ?? "partner") ?? .partner
        let branch = PageShell.id(req.query[String.self, at: "branchId"])
        let partner = PageShell.id(req.query[String.self, at: "partnerId"])
        let asOfText = req.query[String.self, at: "asOf"] ?? ""
        let asOf = Validate.isDate(asOfText) ? asOfText : nil
        let r = try await AgeingReport.run(
            .init(side: side, groupBy: group, partnerId: partner, branchId: branch, asOf: asOf), limit: 500, req.services)
        let partners = try await PageShell.names(.partners, r.rows.map(\.partnerId) + Array(r.credits.keys), req)
        let products = try await InventoryQueries.products(ids: r.rows.compactMap(\.productId), on: req.store)
        let branches = try await OrganisationQueries.branches(on: req.store).map { (String($0.id), $0.name) }
        let path = side == .ar ? "/finance/receivables" : "/finance/payables"
        let html = Layout.page(PageShell.context(req), title: t(side == .ar ? "nav.receivables" : "nav.payables")) {
            h("form", ["method": "get", "action": path, "class": "filters"]) {
                DealForms.select(
                    "groupBy", t("ageing.group"), AgeingReport.GroupBy.allCases.map { ($0.rawValue, t("ageing.group." + $0.rawValue)) },
                    selected: group.rawValue)
                DealForms.select(
                    "branchId", t("approval.rule.branch"), branches, selected: branch.map(String.init), blank: t("ageing.all_branches"))
                DealForms.field("asOf", t("ageing.as_of"), r.asOf, type: "date")
                if let partner { h("input", ["type": "hidden", "name": "partnerId", "value": String(partner)]) }
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("contract.party") }
                        if group == .document { h("th") { t("approval.document") }; h("th") { t("invoice.date") } }
                        if group == .product { h("th") { t("deal.product") } }
                        h("th") { t("ageing.open") }; h("th") { "0-30" }; h("th") { "31-60" }; h("th") { "61-90" };
                        h("th") { t("ageing.over90") }
                        if group == .partner { h("th") { t(side == .ar ? "ageing.credit_in" : "ageing.credit_out") } }
                    }
                }
                h("tbody") {
                    for row in r.rows {
                        h("tr") {
                            h("td") {
                                CommonPages.link(partners[row.partnerId] ?? "", path + "?partnerId=\(row.partnerId)&groupBy=document")
                            }
                            if group == .document { h("td") { row.key ?? "" }; h("td") { row.docDate ?? "" } }
                            if group == .product {
                                h("td") { row.productId.flatMap { products[$0] }.map { $0.code + " " + $0.name } ?? "" }
                            }
                            h("td", ["class": "num"]) { DealForms.money(row.open) };
                            h("td", ["class": "num"]) { DealForms.money(row.d0to30) }
                            h("td", ["class": "num"]) { DealForms.money(row.d31to60) };
                            h("td", ["class": "num"]) { DealForms.money(row.d61to90) }
                            h("td", ["class": "num"]) { DealForms.money(row.over90) }
                            if group == .partner { h("td", ["class": "num"]) { DealForms.money(r.credits[row.partnerId] ?? 0) } }
                        }
                    }
                }
                h("tfoot") {
                    h("tr") {
                        h("th") { t("ageing.total") }
                        if group == .document { h("th") { "" }; h("th") { "" } }
                        if group == .product { h("th") { "" } }
                        h("th", ["class": "num"]) { DealForms.money(r.total.open) };
                        h("th", ["class": "num"]) { DealForms.money(r.total.d0to30) }
                        h("th", ["class": "num"]) { DealForms.money(r.total.d31to60) };
                        h("th", ["class": "num"]) { DealForms.money(r.total.d61to90) }
                        h("th", ["class": "num"]) { DealForms.money(r.total.over90) }
                        if group == .partner { h("th", ["class": "num"]) { DealForms.money((try? Checked.sum(r.credits.values)) ?? 0) } }
                    }
                }
            }
            if r.rows.isEmpty { h("p", ["class": "empty"]) { t("ageing.nothing_open") } }
        }
        return PageShell.page(req, html)
    }
}
