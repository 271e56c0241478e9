import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// 总部看板: every branch today, this week, this month, and its stock and alerts now.
enum HQPages {
    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let today = StockPages.today(req)
        let views = try await HQDashboard.run(today: today, req.services)
        let names = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.branches(on: req.store).map { ($0.id, $0.name) })
        func money(_ v: Int64) -> String { FormKit.money(v) }
        let month = views.map { ($0.branchId, $0.periods[.month] ?? HQDashboard.Figures()) }
        let html = Layout.page(PageShell.context(req), title: t("nav.hq")) {
            h("p", ["class": "muted"]) { t("hq.as_of", today) }
            h("div", ["class": "cards"]) {
                h("section", ["class": "card"]) {
                    Chart.bar(t("hq.chart.sales"), month.map { Chart.Point(names[$0.0] ?? "", $0.1.sales, display: money($0.1.sales)) })
                }
                h("section", ["class": "card"]) {
                    Chart.bar(
                        t("hq.chart.gross"),
                        month.map { Chart.Point(names[$0.0] ?? "", $0.1.grossProfit, display: money($0.1.grossProfit)) })
                }
                h("section", ["class": "card"]) {
                    Chart.bar(
                        t("hq.chart.stock"),
                        views.map { Chart.Point(names[$0.branchId] ?? "", $0.stockValue, display: money($0.stockValue)) })
                }
            }
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("results.entity") }
                        for p in HQDashboard.Period.allCases {
                            h("th") { t("hq.sales." + p.rawValue) }; h("th") { t("hq.gross." + p.rawValue) };
                            h("th") { t("hq.collected." + p.rawValue) }
                        }
                        h("th") { t("hq.stock_value") }; h("th") { t("hq.alerts") }
                    }
                }
                h("tbody") {
                    for v in views {
                        h("tr", ["class": v.belowSafety + v.overdueInstallments > 0 ? "warn" : nil]) {
                            h("td") { names[v.branchId] ?? "" }
                            for p in HQDashboard.Period.allCases {
                                let f = v.periods[p] ?? HQDashboard.Figures()
                                h("td", ["class": "num"]) { money(f.sales) }; h("td", ["class": "num"]) { money(f.grossProfit) };
                                h("td", ["class": "num"]) { money(f.collections) }
                            }
                            h("td", ["class": "num"]) { money(v.stockValue) }
                            h("td") {
                                if v.belowSafety > 0 {
                                    CommonPages.link(t("hq.alert.below", String(v.belowSafety)), "/inventory/reports/alerts"); " "
                                }
                                if v.overdueInstallments > 0 {
                                    CommonPages.link(
                                        t("hq.alert.overdue", String(v.overdueInstallments)), "/deals/overdue",
                                        if: req.state.principal?.can(.contracts, .view) == true);
                                    " "
                                }
                                if v.inTransit > 0 {
                                    CommonPages.link(t("hq.alert.transit", money(v.inTransit)), "/branches/transfers?status=in_transit")
                                }
                            }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }
}
