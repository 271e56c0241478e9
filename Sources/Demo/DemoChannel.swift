import Foundation
import InventoryCore
import Kernel
import Persistence
import Services

/// The demo company's branches and channels: sales regions, price lists (one for the south-west
/// distributors), Beijing sending cola to Shanghai at cost plus 5%, a distributor in Chengdu
/// ordering at its price list, expense budgets and a claim, and a batch of milk sold in Beijing
/// and found in Shanghai.
public enum DemoChannel {
    /// `password`: for the distributor's portal account (`chuanyu`), as the demo users'.
    public static func load(month: String, password: String = "demo-password-1", _ ctx: ServiceContext) async throws {
        guard try await PriceService.regions(ctx.store).isEmpty else { return }
        func user(_ name: String) async throws -> UserRow? { try await OrganisationQueries.user(username: name, on: ctx.store) }
        guard let wang = try await user("wangfang"), let boss = try await user("zhangwei"),
            let hq = try await ctx.store.first("SELECT * FROM branches WHERE code = 'HQ'", as: BranchRow.self),
            let sh = try await ctx.store.first("SELECT * FROM branches WHERE code = 'SH'", as: BranchRow.self),
            let bj = try await ctx.store.first("SELECT * FROM warehouses WHERE code = 'BJ-C'", as: WarehouseRow.self),
            let shW = try await ctx.store.first("SELECT * FROM warehouses WHERE code = 'SH-C'", as: WarehouseRow.self),
            let cola = try await InventoryQueries.product(code: "KL-330", on: ctx.store),
            let water = try await InventoryQueries.product(code: "NF-550", on: ctx.store)
        else { return }
        func day(_ d: Int) -> String { month + "-" + (d < 10 ? "0\(d)" : "\(d)") }
        // The 进销存 demo's customers get their provinces (and so their sales regions).
        for (code, province) in [("C-001", "北京市"), ("C-002", "上海市"), ("C-003", "四川省")] {
            try await ctx.store.run(
                "UPDATE partners SET province = \(bind: province), city = \(bind: province == "四川省" ? "成都市" : province) WHERE code = \(bind: code) AND province IS NULL"
            )
        }
        _ = try await PriceService.saveRegion(nil, .init(code: "NORTH", name: "华北", provinces: ["北京市", "天津市", "河北省"]), version: nil, ctx)
        _ = try await PriceService.saveRegion(nil, .init(code: "EAST", name: "华东", provinces: ["上海市", "江苏省", "浙江省"]), version: nil, ctx)
        let sw = try await PriceService.saveRegion(
            nil, .init(code: "SOUTHWEST", name: "西南", provinces: ["四川省", "重庆市", "云南省", "贵州省"]), version: nil, ctx)
        _ = try await PriceService.saveList(
            nil,
            .init(
                code: "STD", name: "全国标准价", validFrom: month + "-01",
                items: [
                    .init(productId: cola.id, unit: "箱", price: "72", floorPrice: "60"),
                    .init(productId: water.id, unit: "箱", price: "48", floorPrice: "38"),
                ]), version: nil, ctx)
        _ = try await PriceService.saveList(
            nil,
            .init(
                code: "SW-DIST", name: "西南经销商价", regionId: sw.id, validFrom: month + "-01",
                items: [
                    .init(productId: cola.id, unit: "箱", price: "62", floorPrice: "58"),
                    .init(productId: water.id, unit: "箱", price: "40", floorPrice: "36"),
                ]), version: nil, ctx)
        // Beijing sends 20 cases of cola to Shanghai at cost plus 5%; Shanghai confirms the next day.
        _ = try await BranchTradeService.setRule(from: hq.id, to: sh.id, method: "cost_plus", markup: "5", priceListId: nil, ctx)
        let sent = try await BranchTradeService.send(
            fromWarehouseId: bj.id, toWarehouseId: shW.id, date: day(16),
            lines: [.init(productId: cola.id, unit: "箱", quantity: "20")], ctx)
        _ = try await BranchTradeService.receive(sent.transfer.id, date: day(17), ctx)
        // The Chengdu distributor orders at its list price.
        let dist = try await CustomerService.create(
            .init(
                name: "成都川渝经销有限公司", level: "B", source: "渠道", status: "active",
                tags: ["经销商"], province: "四川省", city: "成都市", phone: "028-86660000"), try await ctx.acting(as: wang, requestId: "demo"))
        let order = try await OrderService.create(
            kind: .sales,
            .init(
                partnerId: dist.id, orderDate: day(18),
                lines: [
                    .init(productId: cola.id, unit: "箱", quantity: "10", warehouseId: bj.id),
                    .init(productId: water.id, unit: "箱", quantity: "20", warehouseId: bj.id),
                ]), ctx)
        _ = try await OrderService.transition(order.order.id, kind: .sales, .confirm, ctx)
        let delivery = try await StockDocumentService.create(
            .init(
                type: "salesDelivery", postingDate: day(19), partnerId: dist.id, orderId: order.order.id,
                lines: order.lines.map {
                    .init(
                        productId: $0.productId, unit: $0.unit,
                        quantity: Quantity(units: $0.quantity).description, warehouseId: $0.warehouseId,
                        orderLineId: $0.id)
                }), ctx)
        _ = try await StockPosting.post(delivery.document.id, ctx)
        // The distributor's portal account, and its first weekly report.
        let portal = try await PortalService.createUser(
            partnerId: dist.id, username: "chuanyu", displayName: "川渝经销·李总", password: password, ctx)
        var portalCtx = try await ctx.acting(as: portal, requestId: "demo")
        portalCtx.principal?.partnerId = dist.id
        _ = try await PortalService.report(
            week: day(24), [.init(productId: cola.id, onHand: "96", sold: "144"), .init(productId: water.id, onHand: "240", sold: "240")],
            portalCtx)
        // Budgets for the month and a claim within them.
        let cats = try await ExpenseService.categories(ctx.store)
        if let travel = cats.first(where: { $0.code == "TRAVEL" })?.id, let entertain = cats.first(where: { $0.code == "ENTERTAIN" })?.id {
            for b in [hq.id, sh.id] {
                _ = try await ExpenseService.setBudgets(
                    month: month, branchId: b, departmentId: nil,
                    [.init(categoryId: travel, amount: "5000"), .init(categoryId: entertain, amount: "3000")], ctx)
            }
            let wangCtx = try await ctx.acting(as: wang, requestId: "demo")
            let claim = try await ExpenseService.create(
                .init(
                    title: "成都经销商拜访", claimDate: day(21), partnerId: nil, campaign: "西南渠道拓展",
                    lines: [
                        .init(categoryId: travel, expenseDate: day(20), amount: "1280", description: "往返机票"),
                        .init(categoryId: entertain, expenseDate: day(20), amount: "460", description: "客户晚餐"),
                    ]), wangCtx)
            _ = try await ExpenseService.transition(claim.claim.id, .submit, wangCtx)
            let bossCtx = try await ctx.acting(as: boss, requestId: "demo")
            if let a = try await ApprovalService.list(.todo, status: nil, limit: 5, cursor: nil, bossCtx).items.first(where: {
                $0.docType == "expense_claim"
            }) {
                _ = try await ApprovalService.decide(a.id, .approve, comment: "同意", bossCtx)
            }
        }
        // A tin of milk sold to a Beijing customer turns up in a Shanghai market.
        _ = try await SightingService.record(.init(code: "FH20261001", province: "上海市", city: "上海市", place: "七浦路市场"), ctx)
    }
}
