import Foundation
import InventoryCore
import Kernel
import Persistence
import SQLKit
import Services

/// A small company to post stock documents in: head office warehouses 北京一仓 and 北京二仓, an
/// independent Shanghai branch with 上海仓, products under each costing method, a supplier and
/// a customer.
public struct InventoryFixture: Sendable {
    public var hq: Int64
    public var sh: Int64
    public var w1: Int64
    public var w2: Int64
    public var w3: Int64
    public var supplier: Int64
    public var customer: Int64
    public var products: [String: Int64]

    public static func make(_ t: any TestWorld) async throws -> InventoryFixture {
        let ctx = t.system
        let hq = try await OrganisationQueries.headOffice(on: t.store)!.id
        let sh = try await BranchService.create(
            .init(code: "SH", name: "上海分公司", parentId: hq, kind: "branch", accounting: "independent"), ctx
        ).id
        let w1 = try await WarehouseService.create(.init(code: "BJ1", name: "北京一仓", branchId: hq, kind: "central"), ctx).id
        let w2 = try await WarehouseService.create(.init(code: "BJ2", name: "北京二仓", branchId: hq, kind: "branch"), ctx).id
        let w3 = try await WarehouseService.create(.init(code: "SH1", name: "上海仓", branchId: sh, kind: "branch"), ctx).id
        let supplier = try await PartnerService.create(.init(code: "S001", name: "杭州娃哈哈食品有限公司", isSupplier: true), ctx).id
        let customer = try await PartnerService.create(.init(code: "C001", name: "北京快普科技有限公司", isCustomer: true), ctx).id
        var products: [String: Int64] = [:]
        for (code, name, method, tracking) in [
            ("MA", "矿泉水", "moving_average", "none"), ("FIFO", "饼干", "fifo", "none"),
            ("LIFO", "大米", "lifo", "none"), ("LOT", "奶粉", "specific", "batch"),
        ] {
            products[code] = try await ProductService.create(
                .init(
                    code: code, name: name, baseUnit: "袋",
                    units: [.init(name: "箱", factor: "24", barcode: "690\(code)24"), .init(name: "半袋", factor: "0.5")],
                    costingMethod: method, tracking: tracking, purchasePrice: "2", salePrice: "3", floorPrice: "2.5",
                    standardCost: "2"), ctx
            ).product.id
        }
        return InventoryFixture(hq: hq, sh: sh, w1: w1, w2: w2, w3: w3, supplier: supplier, customer: customer, products: products)
    }

    /// Creates and posts a document in one go; answers its lines.
    @discardableResult
    public func post(
        _ t: any TestWorld, _ type: StockDocumentType, date: String, lines: [StockDocumentService.LineInput], reason: String? = nil,
        as ctx: ServiceContext? = nil
    ) async throws -> StockDocumentService.Details {
        let ctx = ctx ?? t.system
        let partner: Int64? = type.needsPartner ? (type.partnerIsSupplier ? supplier : customer) : nil
        let d = try await StockDocumentService.create(
            .init(type: type.rawValue, postingDate: date, partnerId: partner, reason: reason, lines: lines), ctx)
        return try await StockPosting.post(d.document.id, ctx)
    }

    public func receipt(
        _ product: String, _ qty: String, at cost: String, warehouse: Int64? = nil, unit: String? = nil, batch: String? = nil
    ) -> StockDocumentService.LineInput {
        .init(productId: products[product], unit: unit, quantity: qty, warehouseId: warehouse ?? w1, batch: batch, unitCost: cost)
    }

    public func issue(
        _ product: String, _ qty: String, price: String? = nil, warehouse: Int64? = nil, unit: String? = nil, batch: String? = nil
    ) -> StockDocumentService.LineInput {
        .init(productId: products[product], unit: unit, quantity: qty, warehouseId: warehouse ?? w1, batch: batch, unitPrice: price)
    }

    /// The books reconcile: every balance equals the sum of its ledger entries, every costing
    /// state holds what the entries of its product and scope add up to, and every line with
    /// entries costs what its entries moved less what settled it. Answers the mismatches.
    public static func reconcile(_ t: any TestWorld) async throws -> [String] {
        var problems: [String] = []
        struct Sum: Decodable { var productId: Int64; var warehouseId: Int64; var batch: String; var q: Int64; var v: Int64 }
        let sums = try await t.store.all(
            """
            SELECT product_id, warehouse_id, batch, CAST(SUM(qty) AS BIGINT) AS q, CAST(SUM(value) AS BIGINT) AS v FROM stock_entries GROUP BY product_id, warehouse_id, batch
            """, as: Sum.self)
        let balances = try await t.store.all("SELECT * FROM stock_balances", as: BalanceRow.self)
        for s in sums {
            let b = balances.first { $0.productId == s.productId && $0.warehouseId == s.warehouseId && $0.batch == s.batch }
            if b?.qty ?? 0 != s.q || b?.value ?? 0 != s.v {
                problems.append(
                    "balance \(s.productId)/\(s.warehouseId)/\(s.batch): \(b.map { "\($0.qty)/\($0.value)" } ?? "none") vs ledger \(s.q)/\(s.v)"
                )
            }
        }
        for b in balances
        where !sums.contains(where: { $0.productId == b.productId && $0.warehouseId == b.warehouseId && $0.batch == b.batch })
            && (b.qty != 0 || b.value != 0)
        {
            problems.append("balance without entries \(b)")
        }
        struct ScopeSum: Decodable { var productId: Int64; var scopeKey: String; var q: Int64; var v: Int64 }
        let scopeSums = try await t.store.all(
            "SELECT product_id, scope_key, CAST(SUM(qty) AS BIGINT) AS q, CAST(SUM(value) AS BIGINT) AS v FROM stock_entries GROUP BY product_id, scope_key",
            as: ScopeSum.self)
        for s in scopeSums {
            guard
                let row = try await t.store.first(
                    "SELECT * FROM costing_states WHERE product_id = \(bind: s.productId) AND scope_key = \(bind: s.scopeKey)",
                    as: CostingStateRow.self)
            else { problems.append("no state for \(s.productId)/\(s.scopeKey)"); continue }
            let state = try JSONDecoder().decode(CostingState.self, from: Data(row.state.utf8))
            let (quantity, value) = (try state.quantity, try state.value)
            if quantity.units != s.q || value.fen != s.v {
                problems.append("state \(s.productId)/\(s.scopeKey): \(quantity)/\(value) vs ledger \(s.q)/\(s.v)")
            }
            for (batch, pool) in state.pools where pool.quantity.isZero && !pool.value.isZero {
                problems.append("pool \(batch) of \(s.productId) has value \(pool.value) without goods")
            }
        }
        struct LineCost: Decodable { var id: Int64; var cost: Int64?; var expected: Int64 }
        let lines = try await t.store.all(
            """
            SELECT l.id, l.cost_value AS cost, CAST(
                (SELECT COALESCE(SUM(ABS(e.value)), 0) FROM stock_entries e WHERE e.line_id = l.id AND e.kind NOT IN ('move_in', 'adjust'))
                - (SELECT COALESCE(SUM(a.value), 0) FROM stock_entries a WHERE a.settles_line_id = l.id) AS BIGINT) AS expected
            FROM stock_document_lines l WHERE EXISTS (SELECT 1 FROM stock_entries e WHERE e.line_id = l.id)
            """, as: LineCost.self)
        for l in lines where l.cost ?? 0 != l.expected {
            problems.append("line \(l.id) costs \(l.cost.map(String.init) ?? "nothing") vs its entries \(l.expected)")
        }
        return problems
    }

    public static func balance(
        _ t: any TestWorld, _ product: Int64, _ warehouse: Int64, batch: String = ""
    ) async throws -> (qty: Quantity, value: Money) {
        let b = try await Ledger.balance(product: product, warehouse: warehouse, batch: batch, on: t.store)
        return (Quantity(units: b?.qty ?? 0), Money(fen: b?.value ?? 0))
    }
}
