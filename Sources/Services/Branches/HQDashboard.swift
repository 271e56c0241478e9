import DocumentsCore
import Foundation
import Kernel
import Persistence
import SQLKit

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
        let scope = try ctx.require(.stock, .view)
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
        struct C: Decodable { var branchId: Int64; var day: String; var amount: Int64 }
        let collections = try await ctx.store.all(
            """
            SELECT branch_id, payment_date AS day, CAST(SUM(amount) AS BIGINT) AS amount FROM payments
            WHERE direction = 'in' AND status IN (\(states: PaymentFlow.open)) AND payment_date >= \(bind: from) AND payment_date <= \(bind: today) GROUP BY branch_id, payment_date
            """, as: C.self)
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
        struct V: Decodable { var branchId: Int64; var v: Int64 }
        for r in try await ctx.store.all(
            """
            SELECT w.branch_id, CAST(COALESCE(SUM(b.value), 0) AS BIGINT) AS v FROM stock_balances b JOIN warehouses w ON w.id = b.warehouse_id GROUP BY w.branch_id
            """, as: V.self)
        { views[r.branchId]?.stockValue = r.v }
        for r in try await ctx.store.all(
            """
            SELECT w.branch_id, COUNT(*) AS v FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id
            LEFT JOIN (SELECT product_id, warehouse_id, SUM(qty) AS qty FROM stock_balances GROUP BY product_id, warehouse_id) b
                ON b.product_id = l.product_id AND b.warehouse_id = l.warehouse_id
            WHERE COALESCE(b.qty, 0) < l.safety_qty GROUP BY w.branch_id
            """, as: V.self)
        { views[r.branchId]?.belowSafety = r.v }
        for r in try await ctx.store.all(
            """
            SELECT c.branch_id, COUNT(*) AS v FROM installments i JOIN contracts c ON c.id = i.contract_id
            WHERE i.due_date < \(bind: today) AND i.settled < i.amount AND c.status IN (\(states: ContractFlow.inForce)) GROUP BY c.branch_id
            """, as: V.self)
        { views[r.branchId]?.overdueInstallments = r.v }
        for r in try await ctx.store.all(
            """
            SELECT w.branch_id, CAST(COALESCE(SUM(t.total_amount), 0) AS BIGINT) AS v FROM branch_transfers t JOIN warehouses w ON w.id = t.to_warehouse_id
            WHERE t.status = \(state: BranchTransferFlow.State.inTransit) GROUP BY w.branch_id
            """, as: V.self)
        { views[r.branchId]?.inTransit = r.v }
        return branches.compactMap { views[$0.id] }
    }
}
