import DocumentsCore
import Foundation
import Kernel
import Persistence

/// Branch and consolidated results (分支机构经营成果与合并报表): per accounting entity and month,
/// revenue (net of VAT; sales to other branches at their transfer price, without VAT), cost of
/// goods sold, gross profit, approved expenses and profit, and the balances with other branches.
/// The consolidated view adds the entities up and removes what they sold each other: the
/// internal revenue, its cost, and the margin still sitting in the receivers' stock at month end
/// (counted conservatively: internally received goods are taken to be the last to leave).
public enum BranchResults {
    public struct Figures: Sendable, Equatable, Codable {
        public var revenue: Int64 = 0
        public var internalRevenue: Int64 = 0
        public var costOfGoods: Int64 = 0
        public var expenses: Int64 = 0
        /// Revenue less cost of goods, and that less expenses: set by `settled()` once the sums are in.
        public private(set) var grossProfit: Int64 = 0
        public private(set) var profit: Int64 = 0
        public init() {}

        /// The figures with their profit lines worked out (checked: an overflow is refused, never wrapped).
        public func settled() throws -> Figures {
            var f = self
            f.grossProfit = try GrossMargin(netRevenue: Money(fen: revenue), costOfGoods: Money(fen: costOfGoods)).margin.fen
            f.profit = try f.grossProfit.minus(expenses)
            return f
        }
    }

    public struct EntityMonth: Sendable, Equatable {
        public var entityId: Int64
        public var month: String
        public var figures: Figures
        /// Open balances with other branches at month end: owed to this entity and owed by it.
        public var interReceivable: Int64
        public var interPayable: Int64
    }

    public struct Elimination: Sendable, Equatable {
        public var month: String
        public var internalRevenue: Int64
        /// Margin on internal sales still in the receivers' stock at the month's end, and at its start.
        public var unrealizedEnd: Int64
        public var unrealizedStart: Int64
        public var balances: Int64
        public var costOfGoods: Int64
        public var margin: Int64
        public var details: [(fromEntity: Int64, toEntity: Int64, productId: Int64, quantity: Int64, unrealized: Int64)]
        public static func == (a: Elimination, b: Elimination) -> Bool {
            a.month == b.month && a.internalRevenue == b.internalRevenue && a.unrealizedEnd == b.unrealizedEnd
                && a.unrealizedStart == b.unrealizedStart
                && a.balances == b.balances
        }
        /// What consolidation takes off the sum of the entities: the internal sales, their cost
        /// (less the margin still in stock), and so the margin that stays unrealized.
        public var revenue: Int64 { internalRevenue }
    }

    public struct Report: Sendable {
        public var months: [String]
        public var entities: [Int64]
        public var rows: [EntityMonth]
        public var eliminations: [Elimination]
        /// Per month: the entities added up less what was eliminated.
        public var consolidated: [String: Figures] = [:]

        static func consolidate(_ month: String, rows: [EntityMonth], eliminations: [Elimination]) throws -> Figures {
            var f = Figures()
            for r in rows where r.month == month {
                f.revenue = try f.revenue.plus(r.figures.revenue); f.internalRevenue = try f.internalRevenue.plus(r.figures.internalRevenue)
                f.costOfGoods = try f.costOfGoods.plus(r.figures.costOfGoods); f.expenses = try f.expenses.plus(r.figures.expenses)
            }
            if let e = eliminations.first(where: { $0.month == month }) {
                f.revenue = try f.revenue.minus(e.revenue); f.costOfGoods = try f.costOfGoods.minus(e.costOfGoods);
                f.internalRevenue = try f.internalRevenue.minus(e.internalRevenue)
            }
            return try f.settled()
        }
    }

    public static func monthEnd(_ m: String) -> String {
        CalendarDate.add(days: -1, to: CalendarDate.add(days: 32, to: m + "-01").prefix(7) + "-01")
    }

    public enum Figure: String, Sendable, CaseIterable {
        case sales, `internal`, expenses
    }

    /// What lies behind one figure of one entity's month: the very rows `run` added up.
    public enum Behind: Sendable {
        case sales([SalesQueries.Document])
        case expenses([ExpenseQueries.Claim])
    }

    public static func behind(entity: Int64, month: String, figure: Figure, _ ctx: ServiceContext) async throws -> Behind {
        let scope = try ctx.require(.costs, .view)
        guard month.count == 7, Validate.isDate(month + "-01") else { throw DomainError.invalid("month", code: "invalid_month") }
        guard scope.contains(branch: entity, department: nil, owner: nil) else { throw DomainError.notFound }
        let scopes = try await CostingScopes.load(ctx.store)
        let branches = scopes.branches.keys.filter { scopes.entity(ofBranch: $0) == entity }.sorted()
        let start = month + "-01", end = monthEnd(month)
        switch figure {
        case .expenses: return .expenses(try await ExpenseQueries.spent(branches: branches, from: start, to: end, on: ctx.store))
        case .sales, .internal:
            return .sales(
                try await SalesQueries.documents(
                    branches: branches, from: start, to: end, betweenBranchesOnly: figure == .internal, on: ctx.store))
        }
    }

    /// Months `from`…`to` (YYYY-MM), every entity the user's scope reaches.
    public static func run(from: String, to: String, _ ctx: ServiceContext) async throws -> Report {
        let scope = try ctx.require(.costs, .view)
        for (f, v) in [("from", from), ("to", to)] where !(v.count == 7 && Validate.isDate(v + "-01")) {
            throw DomainError.invalid(f, code: "invalid_month")
        }
        guard from <= to else { throw DomainError.invalid("to", code: "ends_before_start") }
        var months: [String] = []
        var m = from
        while m <= to, months.count < 120 { months.append(m); m = String(CalendarDate.add(days: 32, to: m + "-01").prefix(7)) }
        let scopes = try await CostingScopes.load(ctx.store)
        let entities = Set(scopes.branches.keys.map { scopes.entity(ofBranch: $0) }).filter {
            scope.contains(branch: $0, department: nil, owner: nil)
        }.sorted()
        let start = from + "-01", end = monthEnd(to)
        var rows: [String: EntityMonth] = [:]
        func row(_ e: Int64, _ m: String) -> EntityMonth {
            rows["\(e)|\(m)"] ?? EntityMonth(entityId: e, month: m, figures: Figures(), interReceivable: 0, interPayable: 0)
        }
        // Sales and returns by branch and month: amount, VAT in it (none between branches), cost.
        for s in try await SalesQueries.days(from: start, to: end, on: ctx.store) {
            let e = scopes.entity(ofBranch: s.branchId)
            guard entities.contains(e) else { continue }
            let month = String(s.day.prefix(7))
            var r = row(e, month)
            let sign = s.sign
            r.figures.revenue = try r.figures.revenue.plus(sign.times(s.amount.minus(s.tax)))
            if s.betweenBranches { r.figures.internalRevenue = try r.figures.internalRevenue.plus(sign.times(s.amount)) }
            r.figures.costOfGoods = try r.figures.costOfGoods.plus(sign.times(s.cost))
            rows["\(e)|\(month)"] = r
        }
        for x in try await ExpenseQueries.spentByMonth(from: start, to: end, on: ctx.store) {
            let e = scopes.entity(ofBranch: x.branchId)
            guard entities.contains(e) else { continue }
            var r = row(e, x.month)
            r.figures.expenses = try r.figures.expenses.plus(x.amount)
            rows["\(e)|\(x.month)"] = r
        }
        // Balances with other branches at each month end (open items with internal partners).
        let balances = try await BranchQueries.internalBalances(upTo: end, on: ctx.store)
        for mo in months {
            let e0 = monthEnd(mo)
            for e in entities {
                var r = row(e, mo)
                r.interReceivable = try Checked.sum(
                    balances.filter { scopes.entity(ofBranch: $0.branchId) == e && $0.side == "ar" && $0.docDate <= e0 }.map(\.residual))
                r.interPayable = try Checked.sum(
                    balances.filter { scopes.entity(ofBranch: $0.branchId) == e && $0.side == "ap" && $0.docDate <= e0 }.map(\.residual))
                rows["\(e)|\(mo)"] = r
            }
        }
        let eliminations = try await eliminate(months: months, scopes: scopes, rows: rows, ctx.store)
        let sorted = try rows.values.sorted { ($0.month, $0.entityId) < ($1.month, $1.entityId) }.map { r in
            var r = r
            r.figures = try r.figures.settled()
            return r
        }
        var report = Report(months: months, entities: entities, rows: sorted, eliminations: eliminations)
        for m in months { report.consolidated[m] = try Report.consolidate(m, rows: sorted, eliminations: eliminations) }
        return report
    }

    static func eliminate(
        months: [String], scopes: CostingScopes, rows: [String: EntityMonth], _ store: Store
    ) async throws -> [Elimination] {
        // Every internal receipt (received) with its quantity, transfer value and the sender's cost.
        let transfers = try await BranchQueries.receivedTransferLines(on: store)
        let products = Array(Set(transfers.map(\.productId)))
        // On hand at each month end in the receiving entities, for the products traded inside.
        let moves = try await BranchQueries.monthlyMoves(ofProducts: products, on: store)
        let warehouses = try await InventoryQueries.warehouses(on: store)
        let entityOfWarehouse = Dictionary(uniqueKeysWithValues: warehouses.map { ($0.id, scopes.entity(ofBranch: $0.branchId)) })
        // On hand per (entity, product) by month, cumulative.
        struct EP: Hashable { var entity: Int64; var product: Int64 }
        var monthly: [EP: [String: Int64]] = [:]
        for mv in moves {
            if let e = entityOfWarehouse[mv.warehouseId] {
                let k = EP(entity: e, product: mv.productId)
                monthly[k, default: [:]][mv.month] = try (monthly[k]?[mv.month] ?? 0).plus(mv.qty)
            }
        }
        func onHand(_ k: EP, upTo month: String) throws -> Int64 {
            try Checked.sum((monthly[k] ?? [:]).filter { $0.key <= month }.map(\.value))
        }
        // Internal receipts per (receiver, product, sender), in date order.
        struct G: Hashable { var to: Int64; var product: Int64; var from: Int64 }
        let groups = Dictionary(grouping: transfers) {
            G(to: scopes.entity(ofBranch: $0.toBranchId), product: $0.productId, from: scopes.entity(ofBranch: $0.fromBranchId))
        }
        .mapValues { $0.sorted { $0.receivedDate < $1.receivedDate } }
        func unrealized(at end: String) throws -> (Int64, [(Int64, Int64, Int64, Int64, Int64)]) {
            var total: Int64 = 0
            var details: [(Int64, Int64, Int64, Int64, Int64)] = []
            let month = String(end.prefix(7))
            for (g, list) in groups.sorted(by: { ($0.key.to, $0.key.product, $0.key.from) < ($1.key.to, $1.key.product, $1.key.from) }) {
                var qtyIn: Int64 = 0, margin: Int64 = 0
                for x in list where x.receivedDate <= end {
                    qtyIn = try qtyIn.plus(x.baseQty); margin = try margin.plus(x.amount.minus(x.cost))
                }
                guard qtyIn > 0 else { continue }
                let remaining = max(0, min(try onHand(EP(entity: g.to, product: g.product), upTo: month), qtyIn))
                guard remaining > 0 else { continue }
                let u = try Checked.narrow(ScaledDecimal.divideRounded(Int128(margin) * Int128(remaining), Int128(qtyIn)))
                total = try total.plus(u)
                details.append((g.from, g.to, g.product, remaining, u))
            }
            return (total, details)
        }
        return try months.map { m in
            let (endU, details) = try unrealized(at: monthEnd(m))
            let (startU, _) = try unrealized(at: CalendarDate.add(days: -1, to: m + "-01"))
            let internalRevenue = try Checked.sum(rows.values.filter { $0.month == m }.map(\.figures.internalRevenue))
            let balances = try Checked.sum(rows.values.filter { $0.month == m }.map(\.interReceivable))
            let cost = try internalRevenue.minus(endU.minus(startU))
            return Elimination(
                month: m, internalRevenue: internalRevenue, unrealizedEnd: endU, unrealizedStart: startU, balances: balances,
                costOfGoods: cost, margin: try internalRevenue.minus(cost),
                details: details.map { (fromEntity: $0.0, toEntity: $0.1, productId: $0.2, quantity: $0.3, unrealized: $0.4) })
        }
    }
}
