import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for inter-branch trade and branch results.
enum BranchAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("branch-transfer-prices", use: rules)
        authed.put("branch-transfer-prices", use: setRule)
        authed.get("branch-transfers", use: list)
        authed.post("branch-transfers", use: send)
        authed.get("branch-transfers", ":id", use: show)
        authed.post("branch-transfers", ":id", "receive", use: receive)
        authed.get("branch-results", use: results)
        authed.get("hq-dashboard", use: hq)
        authed.get("branches", ":id", "accounting-switch", use: switchPlan)
        authed.post("branches", ":id", "accounting-switch", use: switchApply)
    }

    struct PlanDTO: Encodable {
        struct Move: Encodable {
            var productId: String; var warehouseId: String; var batch: String; var quantity: String; var value: String
        }
        var branchId: String; var from: String; var to: String; var effective: String; var warehouseIds: [String]; var moves: [Move];
        var openReceivables: String
        var openPayables: String; var postedThisMonth: Int64
        init(_ p: AccountingSwitch.Plan) {
            branchId = String(p.branchId); from = p.from.rawValue; to = p.to.rawValue; effective = p.effective;
            warehouseIds = p.warehouses.map(String.init)
            moves = p.moves.map {
                Move(
                    productId: String($0.productId), warehouseId: String($0.warehouseId), batch: $0.batch, quantity: Fmt.qty($0.qty)!,
                    value: Fmt.money($0.value)!)
            }
            openReceivables = Fmt.money(p.openReceivables)!; openPayables = Fmt.money(p.openPayables)!; postedThisMonth = p.postedThisMonth
        }
    }

    static func switchPlan(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        let to = req.query[String.self, at: "to"]
        guard let t = to, AccountingMode(rawValue: t) != nil else {
            throw DomainError(.badRequest, code: "wrong_type", field: "to", args: ["to"])
        }
        return try PlanDTO(try await AccountingSwitch.plan(try req.id(), to: t, req.services)).jsonResponse()
    }

    static func switchApply(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct Body: Decodable { var to: String?; var version: Int64? }
        let b = try req.decodeJSON(Body.self)
        let row = try await AccountingSwitch.apply(id, to: b.to, version: b.version, req.services)
        struct R: Encodable { var id: String; var accounting: String; var version: Int64 }
        return try R(id: String(row.id), accounting: row.accounting, version: row.version).jsonResponse()
    }

    /// GET /hq-dashboard: per branch, today, this week and this month, and its stock and alerts now.
    static func hq(_ req: Request) async throws -> Response {
        let today = CalendarDate.chinaDate(req.services.nowMillis)
        let views = try await HQDashboard.run(today: today, req.services)
        struct F: Encodable { var sales: String; var grossProfit: String; var collections: String }
        struct B: Encodable {
            var branchId: String; var today: F; var week: F; var month: F; var stockValue: String; var belowSafety: Int64;
            var overdueInstallments: Int64
            var inTransit: String
        }
        struct Body: Encodable { var asOf: String; var items: [B] }
        func f(_ x: HQDashboard.Figures?) -> F {
            let x = x ?? HQDashboard.Figures()
            return F(sales: Fmt.money(x.sales)!, grossProfit: Fmt.money(x.grossProfit)!, collections: Fmt.money(x.collections)!)
        }
        return try Body(
            asOf: today,
            items: views.map {
                B(
                    branchId: String($0.branchId), today: f($0.periods[.today]), week: f($0.periods[.week]), month: f($0.periods[.month]),
                    stockValue: Fmt.money($0.stockValue)!, belowSafety: $0.belowSafety, overdueInstallments: $0.overdueInstallments,
                    inTransit: Fmt.money($0.inTransit)!)
            }
        ).jsonResponse()
    }

    struct FiguresDTO: Encodable {
        var revenue: String; var internalRevenue: String; var costOfGoods: String; var grossProfit: String; var expenses: String;
        var profit: String
        init(_ f: BranchResults.Figures) {
            revenue = Fmt.money(f.revenue)!; internalRevenue = Fmt.money(f.internalRevenue)!; costOfGoods = Fmt.money(f.costOfGoods)!
            grossProfit = Fmt.money(f.grossProfit)!; expenses = Fmt.money(f.expenses)!; profit = Fmt.money(f.profit)!
        }
    }

    /// GET /branch-results?from=YYYY-MM&to=YYYY-MM: per entity and month, and consolidated with what was eliminated.
    static func results(_ req: Request) async throws -> Response {
        let this = String(CalendarDate.chinaDate(req.services.nowMillis).prefix(7))
        let from = req.query[String.self, at: "from"] ?? this, to = req.query[String.self, at: "to"] ?? from
        for (n, v) in [("from", from), ("to", to)] where !(v.count == 7 && Validate.isDate(v + "-01")) {
            throw DomainError(.badRequest, code: "wrong_type", field: n, args: [n])
        }
        let r = try await BranchResults.run(from: from, to: to, req.services)
        struct Row: Encodable {
            var branchId: String; var month: String; var figures: FiguresDTO; var interReceivable: String; var interPayable: String
        }
        struct Elim: Encodable {
            var month: String; var revenue: String; var costOfGoods: String; var unrealizedMargin: String; var unrealizedAtStart: String;
            var balances: String
        }
        struct Cons: Encodable { var month: String; var figures: FiguresDTO }
        struct Body: Encodable { var items: [Row]; var eliminations: [Elim]; var consolidated: [Cons] }
        return try Body(
            items: r.rows.map {
                Row(
                    branchId: String($0.entityId), month: $0.month, figures: FiguresDTO($0.figures),
                    interReceivable: Fmt.money($0.interReceivable)!,
                    interPayable: Fmt.money($0.interPayable)!)
            },
            eliminations: r.eliminations.map {
                Elim(
                    month: $0.month, revenue: Fmt.money($0.revenue)!, costOfGoods: Fmt.money($0.costOfGoods)!,
                    unrealizedMargin: Fmt.money($0.unrealizedEnd)!, unrealizedAtStart: Fmt.money($0.unrealizedStart)!,
                    balances: Fmt.money($0.balances)!)
            },
            consolidated: r.months.map { Cons(month: $0, figures: FiguresDTO(r.consolidated[$0] ?? BranchResults.Figures())) }
        ).jsonResponse()
    }

    struct RuleDTO: Encodable {
        var fromBranchId: String; var toBranchId: String; var method: String; var markup: String; var priceListId: String?
        init(_ r: TransferPriceRow) {
            fromBranchId = String(r.fromBranchId); toBranchId = String(r.toBranchId); method = r.method; markup = Fmt.percent(r.markup);
            priceListId = APIID.string(r.priceListId)
        }
    }

    static func rules(_ req: Request) async throws -> Response {
        try ListBody(items: try await BranchTradeService.rules(req.services).map(RuleDTO.init), nextCursor: nil).jsonResponse()
    }

    static func setRule(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        struct Body: Decodable {
            var fromBranchId: String?; var toBranchId: String?; var method: String?; var markup: String?; var priceListId: String?
        }
        let b = try req.decodeJSON(Body.self)
        let r = try await BranchTradeService.setRule(
            from: try APIID.parse(b.fromBranchId, field: "fromBranchId"), to: try APIID.parse(b.toBranchId, field: "toBranchId"),
            method: b.method, markup: b.markup, priceListId: try APIID.parse(b.priceListId, field: "priceListId"), req.services)
        return try RuleDTO(r).jsonResponse()
    }

    struct TransferDTO: Encodable {
        struct Line: Encodable {
            var productId: String; var quantity: String; var cost: String?; var amount: String; var deliveryLineId: String;
            var receiptLineId: String
        }
        var id: String; var number: String; var status: String; var fromBranchId: String; var toBranchId: String;
        var fromWarehouseId: String; var toWarehouseId: String
        var sentDate: String; var receivedDate: String?; var deliveryId: String; var receiptId: String; var method: String;
        /// The sender's cost: left out for a reader without `costs.view`.
        var markup: String; var totalCost: String?
        var totalAmount: String; var lines: [Line]?
        init(_ t: BranchTransferRow, lines: [BranchTransferLineRow]? = nil, costs: Bool) {
            id = String(t.id); number = t.number; status = t.status; fromBranchId = String(t.fromBranchId);
            toBranchId = String(t.toBranchId)
            fromWarehouseId = String(t.fromWarehouseId); toWarehouseId = String(t.toWarehouseId); sentDate = t.sentDate;
            receivedDate = t.receivedDate
            deliveryId = String(t.deliveryId); receiptId = String(t.receiptId); method = t.method; markup = Fmt.percent(t.markup);
            totalCost = costs ? Fmt.money(t.totalCost) : nil
            totalAmount = Fmt.money(t.totalAmount)!
            self.lines = lines?.map {
                Line(
                    productId: String($0.productId), quantity: Fmt.qty($0.baseQty)!, cost: costs ? Fmt.money($0.cost) : nil,
                    amount: Fmt.money($0.amount)!,
                    deliveryLineId: String($0.deliveryLineId), receiptLineId: String($0.receiptLineId))
            }
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await BranchTradeService.list(
            status: req.query[String.self, at: "status"], limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { TransferDTO($0, costs: req.seesCosts) }, nextCursor: page.nextCursor).jsonResponse()
    }
    static func show(_ req: Request) async throws -> Response {
        let d = try await BranchTradeService.find(try req.id(), req.services)
        return try TransferDTO(d.transfer, lines: d.lines, costs: req.seesCosts).jsonResponse()
    }
    static func send(_ req: Request) async throws -> Response {
        try req.services.require(.stock, .create)
        struct Line: Decodable { var productId: String?; var unit: String?; var quantity: String?; var batch: String? }
        struct Body: Decodable {
            var fromWarehouseId: String?; var toWarehouseId: String?; var date: String?; var note: String?; var lines: [Line]?
        }
        let b = try req.decodeJSON(Body.self)
        let lines = try (b.lines ?? []).enumerated().map { i, l in
            BranchTradeService.LineInput(
                productId: try APIID.parse(l.productId, field: "lines[\(i)].productId"), unit: l.unit, quantity: l.quantity, batch: l.batch)
        }
        let d = try await BranchTradeService.send(
            fromWarehouseId: try APIID.parse(b.fromWarehouseId, field: "fromWarehouseId"),
            toWarehouseId: try APIID.parse(b.toWarehouseId, field: "toWarehouseId"), date: b.date, lines: lines, note: b.note, req.services)
        return try TransferDTO(d.transfer, lines: d.lines, costs: req.seesCosts).jsonResponse(status: .created)
    }
    static func receive(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.stock, .edit)
        _ = try await BranchTradeService.find(id, req.services)
        struct Body: Decodable { var date: String? }
        let b = (req.body.data?.readableBytes ?? 0) > 0 ? try req.decodeJSON(Body.self) : Body()
        let d = try await BranchTradeService.receive(id, date: b.date, req.services)
        return try TransferDTO(d.transfer, lines: d.lines, costs: req.seesCosts).jsonResponse()
    }
}
