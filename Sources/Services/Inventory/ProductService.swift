import Foundation
import InventoryCore
import Kernel
import Persistence

public enum ProductService {
    public struct UnitInput: Sendable, Codable, Equatable {
        public var name: String?
        public var factor: String?
        public var barcode: String?
        public init(name: String? = nil, factor: String? = nil, barcode: String? = nil) {
            self.name = name
            self.factor = factor
            self.barcode = barcode
        }
    }

    public struct LevelInput: Sendable, Codable, Equatable {
        public var warehouseId: Int64?
        public var safetyQty: String?
        public var maxQty: String?
        public init(warehouseId: Int64? = nil, safetyQty: String? = nil, maxQty: String? = nil) {
            self.warehouseId = warehouseId
            self.safetyQty = safetyQty
            self.maxQty = maxQty
        }
    }

    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var spec: String?
        public var categoryId: Int64?
        public var baseUnit: String?
        public var baseBarcode: String?
        public var units: [UnitInput]?
        public var costingMethod: String?
        public var tracking: String?
        public var taxRate: String?
        public var purchasePrice: String?
        public var salePrice: String?
        public var floorPrice: String?
        public var standardCost: String?
        public var active: Bool?
        public var stockLevels: [LevelInput]?
        /// 保质期 in days: a batch received with a production date and no expiry date expires after it.
        public var shelfLifeDays: Int64?
        /// Custom field values by key (those not named stay).
        public var customFields: [String: String]?
        public init(
            code: String? = nil, name: String? = nil, spec: String? = nil, categoryId: Int64? = nil, baseUnit: String? = nil,
            baseBarcode: String? = nil, units: [UnitInput]? = nil, costingMethod: String? = nil, tracking: String? = nil,
            taxRate: String? = nil, purchasePrice: String? = nil, salePrice: String? = nil, floorPrice: String? = nil,
            standardCost: String? = nil, active: Bool? = nil, stockLevels: [LevelInput]? = nil, shelfLifeDays: Int64? = nil,
            customFields: [String: String]? = nil
        ) {
            self.customFields = customFields
            self.shelfLifeDays = shelfLifeDays
            self.code = code
            self.name = name
            self.spec = spec
            self.categoryId = categoryId
            self.baseUnit = baseUnit
            self.baseBarcode = baseBarcode
            self.units = units
            self.costingMethod = costingMethod
            self.tracking = tracking
            self.taxRate = taxRate
            self.purchasePrice = purchasePrice
            self.salePrice = salePrice
            self.floorPrice = floorPrice
            self.standardCost = standardCost
            self.active = active
            self.stockLevels = stockLevels
        }
    }

    public enum Tracking: String, Sendable, CaseIterable { case none, batch, serial }

    /// A product with its units (base first) and stock levels.
    public struct Details: Sendable, Equatable {
        public var product: ProductRow
        public var units: [ProductUnitRow]
        public var levels: [StockLevelRow]
        public init(product: ProductRow, units: [ProductUnitRow], levels: [StockLevelRow]) {
            self.product = product
            self.units = units
            self.levels = levels
        }

        public var productUnits: [ProductUnit] { units.map { ProductUnit(name: $0.name, factor: Quantity(units: $0.factor)) } }
        /// The largest unit, for "3 箱 5 袋".
        public var pack: ProductUnit? { productUnits.filter { $0.factor > Quantity(1) }.max { $0.factor < $1.factor } }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.products, .view)
        var d = try await details(id, ctx.store)
        // The product is everyone's; the levels of other branches' warehouses are theirs.
        if case .some = scope {
            let mine = Set(
                try await InventoryQueries.warehouses(on: ctx.store).filter {
                    scope.contains(branch: $0.branchId, department: nil, owner: nil)
                }.map(\.id))
            d.levels = d.levels.filter { mine.contains($0.warehouseId) }
        }
        return d
    }

    /// The product a stock report is about: whoever may see the stock may see which product it is.
    public static func forStockReport(_ id: Int64, _ ctx: ServiceContext) async throws -> ProductRow {
        try ctx.require(.stock, .view)
        guard let p = try await InventoryQueries.product(id, on: ctx.store) else { throw DomainError.notFound }
        return p
    }

    static func details(_ id: Int64, _ store: Store) async throws -> Details {
        guard let p = try await InventoryQueries.product(id, on: store) else { throw DomainError.notFound }
        return Details(
            product: p, units: try await InventoryQueries.units(of: id, on: store),
            levels: try await InventoryQueries.stockLevels(productId: id, on: store))
    }

    public static func list(
        filter: InventoryQueries.ProductFilter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<ProductRow> {
        try ctx.require(.products, .view)
        return try await InventoryQueries.products(filter: filter, limit: limit, cursor: cursor, on: ctx.store)
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.products, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, ctx)
            let now = ctx.nowMillis
            let id = try await InventoryWrites.insert(v.record, at: now, on: ctx.store)
            _ = try await CustomFieldService.apply(input.customFields, entity: .product, id: id, existing: "{}", ctx)
            try await writeChildren(id, v, ctx)
            let d = try await details(id, ctx.store)
            try await ctx.audit("create", "product", id, Audit.diff([:], snapshot(d)))
            return d
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.products, .edit)
        return try await ctx.write { ctx in
            let old = try await details(id, ctx.store)
            try Validate.version(version, current: old.product.version)
            var v = try await validate(input, id: id, ctx)
            let hasStock = try await InventoryQueries.hasMoved(product: id, on: ctx.store)
            if hasStock {
                // The ledger was costed and counted under these; changing them would rewrite history.
                if v.method.rawValue != old.product.costingMethod { throw DomainError.invalid("costingMethod", code: "locked_by_stock") }
                if v.baseUnit != old.product.baseUnit { throw DomainError.invalid("baseUnit", code: "locked_by_stock") }
                for u in old.units where !v.units.contains(where: { $0.name == u.name && $0.factor == Quantity(units: u.factor) }) {
                    throw DomainError.invalid("units", code: "locked_by_stock")
                }
            }
            try await InventoryWrites.update(product: id, v.record, version: old.product.version, at: ctx.nowMillis, on: ctx.store)
            _ = try await CustomFieldService.apply(
                input.customFields, entity: .product, id: id, existing: old.product.customValues ?? "{}", ctx)
            // Levels sent replace those of the warehouses the user reaches; the others stay, and
            // an edit that sends none (the product form) keeps them all.
            if input.stockLevels == nil {
                v.levels = []
            } else {
                let reach = try ctx.require(.products, .edit)
                let mine = try await InventoryQueries.warehouses(on: ctx.store).filter {
                    reach.contains(branch: $0.branchId, department: nil, owner: nil)
                }.map(\.id)
                try await InventoryWrites.dropLevels(ofProduct: id, inWarehouses: mine, on: ctx.store)
            }
            try await writeChildren(id, v, ctx)
            let d = try await details(id, ctx.store)
            try Validate.bumped(d.product.version, from: old.product.version)
            try await ctx.audit("update", "product", id, Audit.diff(snapshot(old), snapshot(d)))
            return d
        }
    }

    /// Deletes a product nothing names yet (no stock moved, no document, price or report line):
    /// one created by mistake, or by an import being reverted. Otherwise 409 `product_in_use`.
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        try ctx.require(.products, .delete)
        try await ctx.write { ctx in
            let old = try await details(id, ctx.store)
            let inUse = DomainError(.conflict, code: "product_in_use", args: [old.product.name])
            if try await InventoryQueries.hasMoved(product: id, on: ctx.store) { throw inUse }
            try await InventoryWrites.delete(product: id, inUse: inUse, on: ctx.store)
            try await ctx.audit("delete", "product", id, Audit.diff(snapshot(old), [:]))
        }
    }

    struct Valid {
        var code: String
        var name: String
        var spec: String?
        var searchText: String
        var categoryId: Int64?
        var baseUnit: String
        var units: [(name: String, factor: Quantity, barcode: String?)]
        var method: CostingMethod
        var tracking: Tracking
        var taxRate: Int64
        var purchasePrice: Int64
        var salePrice: Int64
        var floorPrice: Int64
        var standardCost: Int64
        var active: Bool
        var levels: [(warehouse: Int64, safety: Quantity, max: Quantity?)]
        var shelfLifeDays: Int64?

        var record: InventoryWrites.Product {
            InventoryWrites.Product(
                code: code, name: name, spec: spec, searchText: searchText, categoryId: categoryId, baseUnit: baseUnit,
                costingMethod: method.rawValue, tracking: tracking.rawValue, taxRate: taxRate, purchasePrice: purchasePrice,
                salePrice: salePrice,
                floorPrice: floorPrice, standardCost: standardCost, active: active, shelfLifeDays: shelfLifeDays)
        }
    }

    static func price(_ text: String?, _ field: String) throws -> Int64 {
        try Validate.unitPrice(text, field)?.units ?? 0
    }

    static func quantity(_ text: String?, _ field: String, required: Bool = false) throws -> Quantity? {
        guard let text, !text.isEmpty else {
            if required { throw DomainError.required(field) }
            return nil
        }
        guard let q = try? Quantity(parsing: text) else { throw DomainError.invalid(field, code: "invalid_decimal", args: [field, "6"]) }
        guard !q.isNegative else { throw DomainError.invalid(field, code: "negative", args: [field]) }
        guard q <= Limits.baseQuantity else { throw AmountOverflow(field: field).domainError }
        return q
    }

    static func validate(_ input: Input, id: Int64?, _ ctx: ServiceContext) async throws -> Valid {
        let code = try Validate.code(input.code, "code", max: 40)
        let name = try Validate.required(input.name, "name", max: 200)
        let spec = try Validate.optional(input.spec, "spec", max: 200)
        let baseUnit = try Validate.required(input.baseUnit, "baseUnit", max: 20)
        let method = try Validate.oneOf(
            input.costingMethod ?? CostingMethod.movingAverage.rawValue, "costingMethod", as: CostingMethod.self)
        let tracking = try Validate.oneOf(input.tracking ?? Tracking.none.rawValue, "tracking", as: Tracking.self)
        if method == .specific, tracking != .batch { throw DomainError.invalid("tracking", code: "specific_needs_batch") }
        var taxRate: Int64 = 1300
        if let t = input.taxRate, !t.isEmpty {
            guard let r = try? ScaledDecimal.parse(t, scale: 2), (0...10000).contains(r) else {
                throw DomainError.invalid("taxRate", code: "invalid_percent")
            }
            taxRate = r
        }
        var units: [(String, Quantity, String?)] = [
            (baseUnit, Quantity(1), try Validate.optional(input.baseBarcode, "baseBarcode", max: 64))
        ]
        for (i, u) in (input.units ?? []).enumerated() {
            let field = "units[\(i)]"
            let n = try Validate.required(u.name, field + ".name", max: 20)
            if n == baseUnit { continue }
            guard let f = try quantity(u.factor, field + ".factor", required: true), f.isPositive else {
                throw DomainError.invalid(field + ".factor", code: "not_positive", args: [field + ".factor"])
            }
            guard f <= Limits.factor else { throw AmountOverflow(field: field + ".factor").domainError }
            if units.contains(where: { $0.0 == n }) { throw DomainError.duplicate(field + ".name", value: n) }
            units.append((n, f, try Validate.optional(u.barcode, field + ".barcode", max: 64)))
        }
        for u in units {
            guard let barcode = u.2 else { continue }
            if units.filter({ $0.2 == barcode }).count > 1 { throw DomainError.duplicate("units", value: barcode) }
            if let other = try await InventoryQueries.unit(barcode: barcode, on: ctx.store), other.productId != id {
                throw DomainError.duplicate("barcode", value: barcode)
            }
        }
        if let existing = try await InventoryQueries.product(code: code, on: ctx.store), existing.id != id {
            throw DomainError.duplicate("code", value: code)
        }
        if let c = input.categoryId, try await !InventoryQueries.categoryExists(c, on: ctx.store) {
            throw DomainError.invalid("categoryId", code: "not_found")
        }
        var levels: [(Int64, Quantity, Quantity?)] = []
        for (i, l) in (input.stockLevels ?? []).enumerated() {
            // A warehouse the user reaches.
            guard let w = l.warehouseId, let wh = try await InventoryQueries.warehouse(w, on: ctx.store),
                ctx.principal == nil
                    || ctx.principal?.rowScope(.products, .view)?.contains(branch: wh.branchId, department: nil, owner: nil) == true
            else {
                throw DomainError.invalid("stockLevels[\(i)].warehouseId", code: "not_found")
            }
            let safety = try quantity(l.safetyQty, "stockLevels[\(i)].safetyQty") ?? .zero
            let max = try quantity(l.maxQty, "stockLevels[\(i)].maxQty")
            if let max, max < safety { throw DomainError.invalid("stockLevels[\(i)].maxQty", code: "max_below_safety") }
            if levels.contains(where: { $0.0 == w }) { throw DomainError.duplicate("stockLevels[\(i)].warehouseId", value: String(w)) }
            levels.append((w, safety, max))
        }
        let salePrice = try price(input.salePrice, "salePrice")
        let floorPrice = try price(input.floorPrice, "floorPrice")
        if floorPrice > 0, salePrice > 0, floorPrice > salePrice { throw DomainError.invalid("floorPrice", code: "floor_above_sale") }
        let searchText = Self.searchText(name: name, spec: spec, code: code)
        let shelfLife = input.shelfLifeDays
        if let d = shelfLife, !(1...36_500).contains(d) {
            throw DomainError.invalid("shelfLifeDays", code: "out_of_range", args: ["shelfLifeDays"])
        }
        if shelfLife != nil, tracking != .batch {
            throw DomainError.invalid("shelfLifeDays", code: "shelf_life_needs_batch")
        }
        return Valid(
            code: code, name: name, spec: spec, searchText: searchText, categoryId: input.categoryId, baseUnit: baseUnit,
            units: units.map { (name: $0.0, factor: $0.1, barcode: $0.2) }, method: method, tracking: tracking, taxRate: taxRate,
            purchasePrice: try price(input.purchasePrice, "purchasePrice"), salePrice: salePrice, floorPrice: floorPrice,
            standardCost: try price(input.standardCost, "standardCost"), active: input.active ?? true,
            levels: levels.map { (warehouse: $0.0, safety: $0.1, max: $0.2) }, shelfLifeDays: shelfLife)
    }

    static func writeChildren(_ id: Int64, _ v: Valid, _ ctx: ServiceContext) async throws {
        for u in v.units {
            try await InventoryWrites.addUnit(ofProduct: id, name: u.name, factor: u.factor.units, barcode: u.barcode, on: ctx.store)
        }
        for l in v.levels {
            try await InventoryWrites.addLevel(
                ofProduct: id, warehouse: l.warehouse, safety: l.safety.units, max: l.max?.units, on: ctx.store)
        }
    }

    /// What a product is found by: the pinyin of its name and spec, and its code.
    public static func searchText(name: String, spec: String?, code: String) -> String {
        Pinyin.searchText(name, spec) + " " + code.lowercased()
    }

    static func snapshot(_ d: Details) -> [String: String?] {
        let p = d.product
        return [
            "code": p.code, "name": p.name, "spec": p.spec, "categoryId": p.categoryId.map(String.init), "baseUnit": p.baseUnit,
            "costingMethod": p.costingMethod, "tracking": p.tracking, "taxRate": ScaledDecimal.format(p.taxRate, scale: 2, minDecimals: 0),
            "purchasePrice": UnitPrice(units: p.purchasePrice).description, "salePrice": UnitPrice(units: p.salePrice).description,
            "floorPrice": UnitPrice(units: p.floorPrice).description, "standardCost": UnitPrice(units: p.standardCost).description,
            "active": String(p.active), "shelfLifeDays": p.shelfLifeDays.map(String.init),
            "customFields": p.customValues == "{}" ? nil : p.customValues,
            "units": d.units.map { "\($0.name)=\(Quantity(units: $0.factor))\($0.barcode.map { "#" + $0 } ?? "")" }.joined(separator: ","),
            "stockLevels": d.levels.map {
                "\($0.warehouseId):\(Quantity(units: $0.safetyQty))-\($0.maxQty.map { String(describing: Quantity(units: $0)) } ?? "")"
            }.joined(separator: ","),
        ]
    }
}
