import DocumentsCore
import Foundation
import Kernel
import Paths
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
        var m = HQModel()
        m.today = today
        m.periods = HQDashboard.Period.allCases.map(\.rawValue)
        m.sales = Chart.money(month.map { (names[$0.0] ?? "", $0.1.sales) })
        m.gross = Chart.money(month.map { (names[$0.0] ?? "", $0.1.grossProfit) })
        m.stock = Chart.money(views.map { (names[$0.branchId] ?? "", $0.stockValue) })
        m.rows = views.map { v in
            var alerts: [Node] = []
            if v.belowSafety > 0 {
                alerts.append(CommonPages.link(t("hq.alert.below", String(v.belowSafety)), Paths.Inventory.alerts()))
            }
            if v.overdueInstallments > 0 {
                alerts.append(
                    CommonPages.link(
                        t("hq.alert.overdue", String(v.overdueInstallments)), Paths.Contracts.overdue(),
                        if: req.state.principal?.can(.contracts, .view) == true))
            }
            if v.inTransit > 0 {
                alerts.append(
                    CommonPages.link(t("hq.alert.transit", money(v.inTransit)), Paths.Branches.transfers() + "?status=in_transit"))
            }
            return .init(
                branch: names[v.branchId] ?? "",
                figures: HQDashboard.Period.allCases.flatMap { p in
                    let f = v.periods[p] ?? HQDashboard.Figures()
                    return [money(f.sales), money(f.grossProfit), money(f.collections)]
                }, stockValue: money(v.stockValue), alerts: alerts, warn: v.belowSafety + v.overdueInstallments > 0)
        }
        return PageShell.page(req, BranchViews.hq(PageShell.context(req), m))
    }
}
