import Foundation
import InventoryCore
import Kernel
import Persistence
import Services

/// The demo company's 进销存: warehouses in Beijing, Shanghai and Chengdu, everyday goods under
/// each costing method, suppliers and customers, and a month of receipts, deliveries, a
/// transfer, a count and a return, all posted through the same services a person uses.
public enum DemoInventory {
    public static func load(month: String, _ ctx: ServiceContext) async throws {
        guard try await InventoryQueries.warehouses(on: ctx.store).isEmpty else { return }
        let branches = try await OrganisationQueries.branches(on: ctx.store)
        guard let hq = branches.first(where: { $0.parentId == nil })?.id,
            let sh = branches.first(where: { $0.code == "SH" })?.id,
            let cd = branches.first(where: { $0.code == "CD" })?.id
        else { return }
        let bj = try await WarehouseService.create(.init(code: "BJ-C", name: "北京总仓", branchId: hq, kind: "central"), ctx).id
        let bjStore = try await WarehouseService.create(.init(code: "BJ-S1", name: "北京朝阳门店", branchId: hq, kind: "store"), ctx).id
        let shW = try await WarehouseService.create(.init(code: "SH-C", name: "上海仓", branchId: sh, kind: "branch"), ctx).id
        let cdW = try await WarehouseService.create(.init(code: "CD-C", name: "成都仓", branchId: cd, kind: "branch"), ctx).id

        func product(
            _ code: String, _ name: String, _ base: String, _ pack: String?, _ factor: String?, _ barcode: String?, _ method: CostingMethod,
            tracking: String = "none", shelfLife: Int64? = nil, buy: String, sell: String, floor: String
        ) async throws -> Int64 {
            try await ProductService.create(
                .init(
                    code: code, name: name, baseUnit: base,
                    units: pack.map { [.init(name: $0, factor: factor, barcode: barcode)] } ?? [],
                    costingMethod: method.rawValue, tracking: tracking, purchasePrice: buy, salePrice: sell, floorPrice: floor,
                    standardCost: buy, stockLevels: [.init(warehouseId: bj, safetyQty: "48", maxQty: "2400")], shelfLifeDays: shelfLife),
                ctx
            ).product.id
        }
        let cola = try await product(
            "KL-330", "可口可乐 330ml", "罐", "箱", "24", "6954767423579", .movingAverage, buy: "1.80", sell: "3.00", floor: "2.40")
        let water = try await product(
            "NF-550", "农夫山泉 550ml", "瓶", "箱", "24", "6921168509256", .movingAverage, buy: "0.95", sell: "2.00", floor: "1.50")
        let oreo = try await product(
            "AL-97", "奥利奥原味饼干 97g", "盒", "箱", "12", "6901668005779", .fifo, buy: "4.20", sell: "6.80", floor: "5.50")
        let rice = try await product("WC-5KG", "五常大米 5kg", "袋", nil, nil, nil, .lifo, buy: "38", sell: "59", floor: "48")
        let milk = try await product(
            "FH-900", "飞鹤星飞帆奶粉 900g", "罐", "箱", "6", "6945167500125", .specific, tracking: "batch", shelfLife: 720, buy: "238",
            sell: "328", floor: "288")
        // Fresh milk keeps seven days: its batches are dated, the first to expire goes out first.
        let freshMilk = try await product(
            "GM-950", "光明优倍鲜牛奶 950ml", "盒", "箱", "12", nil, .fifo, tracking: "batch", shelfLife: 7, buy: "11.50", sell: "17.80",
            floor: "15.00")

        func partner(
            _ code: String, _ name: String, customer: Bool, supplier: Bool, branch: Int64, uscc: String? = nil, phone: String
        ) async throws -> Int64 {
            try await PartnerService.create(
                .init(code: code, name: name, isCustomer: customer, isSupplier: supplier, uscc: uscc, phone: phone, branchId: branch), ctx
            ).id
        }
        let coke = try await partner(
            "S-001", "太古可口可乐饮料（北京）有限公司", customer: false, supplier: true, branch: hq, uscc: "91110000600037341L", phone: "010-67890123")
        let nongfu = try await partner("S-002", "农夫山泉股份有限公司", customer: false, supplier: true, branch: hq, phone: "0571-87631800")
        let mondelez = try await partner("S-003", "亿滋食品（苏州）有限公司", customer: false, supplier: true, branch: hq, phone: "0512-62881234")
        let kuaipu = try await partner("C-001", "北京快普科技有限公司", customer: true, supplier: false, branch: hq, phone: "010-82345678")
        let hualian = try await partner("C-002", "上海华联超市有限公司", customer: true, supplier: false, branch: sh, phone: "021-63581234")
        let hongqi = try await partner(
            "C-003", "成都红旗连锁股份有限公司", customer: true, supplier: true, branch: cd, uscc: "91440300708461136T", phone: "028-87654321")

        // A document of the month (by its day), or dated as given, posted as a person would.
        @discardableResult
        func doc(
            _ type: StockDocumentType, _ day: Int, partner: Int64?, reason: String? = nil, _ lines: [StockDocumentService.LineInput]
        ) async throws -> StockDocumentService.Details {
            try await dated(type, month + "-" + (day < 10 ? "0\(day)" : "\(day)"), partner: partner, reason: reason, lines)
        }
        @discardableResult
        func dated(
            _ type: StockDocumentType, _ date: String, partner: Int64?, reason: String? = nil, _ lines: [StockDocumentService.LineInput]
        ) async throws -> StockDocumentService.Details {
            let d = try await StockDocumentService.create(
                .init(type: type.rawValue, postingDate: date, partnerId: partner, reason: reason, lines: lines), ctx)
            return try await StockPosting.post(d.document.id, ctx)
        }
        func line(
            _ p: Int64, _ qty: String, unit: String? = nil, _ w: Int64, cost: String? = nil, price: String? = nil, batch: String? = nil,
            to: Int64? = nil, returnOf: Int64? = nil, produced: String? = nil
        ) -> StockDocumentService.LineInput {
            .init(
                productId: p, unit: unit, quantity: qty, warehouseId: w, toWarehouseId: to, batch: batch, unitCost: cost, unitPrice: price,
                returnOfLineId: returnOf, productionDate: produced)
        }
        let firstOfMonth = month + "-01"
        _ = try await doc(
            .purchaseReceipt, 2, partner: coke,
            [line(cola, "100", unit: "箱", bj, cost: "43.20"), line(cola, "20", unit: "箱", cdW, cost: "43.20")])
        _ = try await doc(.purchaseReceipt, 2, partner: nongfu, [line(water, "200", unit: "箱", bj, cost: "22.80")])
        _ = try await doc(.purchaseReceipt, 3, partner: mondelez, [line(oreo, "50", unit: "箱", bj, cost: "50.40")])
        _ = try await doc(.purchaseReceipt, 3, partner: hongqi, [line(rice, "80", bj, cost: "38")])
        _ = try await doc(
            .purchaseReceipt, 4, partner: mondelez,
            [
                line(milk, "10", unit: "箱", bj, cost: "1428", batch: "FH20261001", produced: CalendarDate.add(days: -60, to: firstOfMonth)),
                line(milk, "5", unit: "箱", bj, cost: "1458", batch: "FH20261015", produced: CalendarDate.add(days: -45, to: firstOfMonth)),
            ])
        _ = try await doc(.purchaseReceipt, 5, partner: coke, reason: "供应商促销赠品", [line(cola, "5", unit: "箱", bj, cost: "0")])
        _ = try await doc(
            .otherReceipt, 5, partner: nil, reason: "上海分公司期初库存",
            [line(cola, "40", unit: "箱", shW, cost: "44.40"), line(water, "60", unit: "箱", shW, cost: "23.04")])
        _ = try await doc(
            .transfer, 6, partner: nil, [line(cola, "10", unit: "箱", bj, to: bjStore), line(water, "20", unit: "箱", bj, to: bjStore)])
        let sale = try await doc(
            .salesDelivery, 8, partner: kuaipu,
            [
                line(cola, "30", unit: "箱", bj, price: "72"), line(oreo, "10", unit: "箱", bj, price: "81.60"),
                line(milk, "12", bj, price: "328", batch: "FH20261001"),
            ])
        _ = try await doc(
            .salesDelivery, 9, partner: hualian,
            [line(cola, "15", unit: "箱", shW, price: "72"), line(water, "30", unit: "箱", shW, price: "48")])
        _ = try await doc(
            .salesDelivery, 10, partner: hongqi, [line(cola, "12", unit: "箱", cdW, price: "70"), line(rice, "20", bj, price: "59")])
        _ = try await doc(.salesDelivery, 11, partner: kuaipu, reason: "客户答谢赠品", [line(water, "2", unit: "箱", bjStore, price: "0")])
        _ = try await doc(.salesReturn, 12, partner: kuaipu, [line(oreo, "2", unit: "箱", bj, returnOf: sale.lines[1].id)])
        _ = try await doc(.purchaseReceipt, 15, partner: coke, [line(cola, "60", unit: "箱", bj, cost: "44.40")])
        _ = try await doc(.stockCount, 20, partner: nil, [line(water, "4310", bj), line(rice, "59", bj)])
        _ = try await doc(.otherIssue, 22, partner: nil, reason: "样品领用", [line(oreo, "6", bj)])

        // This week's fresh milk: an older batch near its expiry, a fresh one, and a delivery that
        // named no batch and so took the older (先到期先出).
        let today = CalendarDate(chinaDayOf: ctx.nowMillis)
        func day(_ n: Int64) -> String { today.adding(days: n).text }
        let older = "GM" + day(-5).replacingOccurrences(of: "-", with: "")
        let fresher = "GM" + day(-1).replacingOccurrences(of: "-", with: "")
        try await dated(
            .otherReceipt, day(-4), partner: nil, reason: "鲜奶日配到货",
            [line(freshMilk, "20", unit: "箱", bj, cost: "138", batch: older, produced: day(-5))])
        try await dated(.salesDelivery, day(-2), partner: kuaipu, [line(freshMilk, "6", unit: "箱", bj, price: "213.60")])
        try await dated(
            .otherReceipt, day(-1), partner: nil, reason: "鲜奶日配到货",
            [line(freshMilk, "30", unit: "箱", bj, cost: "138", batch: fresher, produced: day(-1))])
    }
}
