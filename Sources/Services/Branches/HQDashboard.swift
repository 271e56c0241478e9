import DocumentsCore
import Foundation
import Kernel
import Persistence

/// The live head-office view (总部实时看板): per branch, today, this week and this month, sales
/// (net of VAT), gross profit, collections, and now the stock value and the alerts (stock under
/// safety, installments overdue, goods in transit to it). Read straight from the books: no
/// nightly aggregation, so it is as current as the last posted document.
public enum HQDashboard {
    public enum Period: String, Sendable, CaseIterable { case today, week, month }

    public struct Figures: Sendable, Equatable, Codable {
        public var sales: Int64 = 0
        public var grossProfit: Int64 = 0
        public var collections: Int64 = 0
        public init() {}
    }

    public struct BranchView: Sendable {
        public var branchId: Int64
        public var periods: [Period: Figures]
        public var stockValue: Int64
        public var belowSafety: Int64
        public var overdueInstallments: Int64
        public var inTransit: Int64
    }

    public static func start(of p: Period, today: String) -> String {
        switch p {
        case .today: return today
        case .month: return String(today.prefix(8)) + "01"
        case .week:
            return CalendarDate(today)?.monday.text ?? today
        }
    }

    public static func run(today: String, _ ctx: ServiceContext) async throws -> [BranchView] {
        let scope = try ctx.require(.costs, .view)
        let branches = try await OrganisationQueries.branches(on: ctx.store).filter {
            $0.active && scope.contains(branch: $0.id, department: nil, owner: nil)
        }
        var views = Dictionary(
            uniqueKeysWithValues: branches.map {
                ($0.id, BranchView(branchId: $0.id, periods: [:], stockValue: 0, belowSafety: 0, overdueInstallments: 0, inTransit: 0))
            })
        let monthStart = start(of: .month, today: today), weekStart = start(of: .week, today: today)
        let from = min(monthStart, weekStart)
        let sales = try await SalesQueries.days(from: from, to: today, on: ctx.store)
        let collections = try await BranchQueries.collectionsByDay(from: from, to: today, on: ctx.store)
        for p in Period.allCases {
            let s = start(of: p, today: today)
            for b in views.keys {
                var f = Figures()
                for r in sales where r.branchId == b && r.day >= s {
                    let m = try GrossMargin(netRevenue: Money(fen: r.amount.minus(r.tax)), costOfGoods: Money(fen: r.cost))
                    f.sales = try f.sales.plus(r.sign.times(m.revenue.fen))
                    f.grossProfit = try f.grossProfit.plus(r.sign.times(m.margin.fen))
                }
                f.collections = try Checked.sum(collections.filter { $0.branchId == b && $0.day >= s }.map(\.amount))
                views[b]?.periods[p] = f
            }
        }
        for (b, v) in try await BranchQueries.stockValue(on: ctx.store) { views[b]?.stockValue = v }
        for (b, v) in try await BranchQueries.belowSafety(on: ctx.store) { views[b]?.belowSafety = v }
        for (b, v) in try await BranchQueries.overdueInstallments(today: today, on: ctx.store) { views[b]?.overdueInstallments = v }
        for (b, v) in try await BranchQueries.inTransit(on: ctx.store) { views[b]?.inTransit = v }
        return branches.compactMap { views[$0.id] }
    }
}
