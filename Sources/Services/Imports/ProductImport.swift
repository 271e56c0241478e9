import Foundation
import Kernel
import Persistence

/// What an import of products knows: code, name, spec, category (by name or code), base unit
/// and its barcode, larger units written as the export writes them (`箱=24；盒=6`), tax rate and
/// prices; a product is found again by its code or a barcode.
enum ProductImport: RowImportKind {
    static let module = Module.products
    static let fields = [
        "code", "name", "spec", "category", "baseUnit", "barcode", "units", "taxRate", "purchasePrice", "salePrice", "floorPrice",
        "costingMethod", "shelfLifeDays",
    ]
    static let keys = ["code", "barcode"]

    static func suggestedKey(_ mapping: [String]) -> String {
        mapping.contains("code") || !mapping.contains("barcode") ? "code" : "barcode"
    }

    static func check(_ s: ImportService.Settings) throws {
        if s.mode != "update", !s.mapping.contains("name") { throw DomainError.invalid("mapping", code: "import_name_not_mapped") }
        if s.mode != "update", !s.mapping.contains("code") || !s.mapping.contains("baseUnit") {
            throw DomainError.invalid("mapping", code: "import_product_columns")
        }
    }

    /// One row: found again by code or barcode, created or updated; its category named by name
    /// or code, its units as the export writes them.
    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws
        -> ImportService.Outcome
    {
        let job = run.job, via = run.via(r), dryRun = run.dryRun
        func category() async throws -> Int64? {
            guard let named = v["category"] else { return nil }
            guard let c = try await Self.category(named, ctx.store) else {
                throw DomainError.invalid("category", code: "import_category_not_found", args: [named])
            }
            return c
        }
        func units() throws -> [ProductService.UnitInput]? {
            guard let text = v["units"] else { return nil }
            guard let u = Self.units(text) else { throw DomainError.invalid("units", code: "import_units_format", args: [text]) }
            return u
        }
        return try await row(
            r, v, &run, key: { $0 },
            find: { try await existing(v, key: job.matchKey, ctx.store).asyncMap { try await ProductService.find($0, ctx) } },
            name: { ($0.product.name, $0.product.code) },
            update: { d in
                let before = Before(product: d.product, units: d.units)
                let input = input(v, over: before, category: try await category(), units: try units())
                if dryRun {
                    _ = try await ProductService.validate(input, id: d.product.id, ctx)
                    return ImportService.Outcome(
                        line: r.line, outcome: "would_update", recordId: d.product.id, args: [], name: d.product.name)
                }
                let row = try await ctx.store.savepoint {
                    try await ProductService.update(d.product.id, input, version: d.product.version, ctx.through("import", via: via))
                }
                return try written(r, "updated", id: row.product.id, name: row.product.name, version: row.product.version, before: before)
            },
            create: {
                let input = input(v, over: nil, category: try await category(), units: try units())
                if dryRun {
                    _ = try await ProductService.validate(input, id: nil, ctx)
                    return ImportService.Outcome(line: r.line, outcome: "would_create", args: [], name: v["name"])
                }
                let row = try await ctx.store.savepoint { try await ProductService.create(input, ctx.through("import", via: via)) }
                return try written(r, "created", id: row.product.id, name: row.product.name, version: row.product.version)
            })
    }

    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await InventoryQueries.product(rid, on: tx.store) else { return false }
        try unchanged(r, version: current.version, name: current.name)
        if r.outcome == "created" {
            try await ProductService.delete(rid, tx)
            return true
        }
        if let text = r.before, let before = try? JSONDecoder().decode(Before.self, from: Data(text.utf8)) {
            _ = try await ProductService.update(rid, input([:], over: before, category: nil, units: nil), version: current.version, tx)
        }
        return false
    }

    /// Header names → field, Chinese and English, and the columns of 管家婆 (商品编号, 商品全名,
    /// 预设售价), 金蝶精斗云 (商品编码, 规格型号, 基本单位), jshERP (型号, 类别, 最低售价), Odoo
    /// (Internal Reference, Sales Price, Product Category).
    static let columns = ImportColumns([
        "code": ["编码", "编号", "商品编码", "商品编号", "产品编码", "存货编码", "货号", "code", "sku", "internalreference", "defaultcode", "ref"],
        "name": ["名称", "商品名称", "商品全名", "产品名称", "存货名称", "品名", "name", "product", "productname"],
        "spec": ["规格", "规格型号", "型号", "spec", "specification", "model"],
        "category": ["分类", "类别", "商品分类", "商品类别", "产品类别", "category", "productcategory"],
        "baseUnit": ["单位", "基本单位", "计量单位", "主单位", "unit", "baseunit", "unitofmeasure", "uom"],
        "barcode": ["条码", "条形码", "商品条码", "barcode", "ean", "ean13"],
        "units": ["辅助单位", "多单位", "包装单位", "换算", "units", "packaging"],
        "taxRate": ["税率", "税率(%)", "增值税率", "taxrate", "tax", "vat"],
        "purchasePrice": ["进价", "采购价", "采购单价", "参考进价", "purchaseprice", "cost", "costprice"],
        "salePrice": ["售价", "零售价", "销售价", "销售单价", "预设售价", "预设售价1", "saleprice", "salesprice", "price", "listprice"],
        "floorPrice": ["最低售价", "最低价", "底价", "floorprice", "minimumprice"],
        "costingMethod": ["计价方法", "成本计价方法", "costingmethod", "costmethod"],
        "shelfLifeDays": ["保质期", "保质期(天)", "保质期天数", "shelflife", "shelflifedays"],
    ])

    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if field != "name", field != "spec", field != "category", field != "baseUnit", field != "units" { v = Pinyin.halfWidth(v) }
            if ["purchasePrice", "salePrice", "floorPrice"].contains(field) {
                v = v.replacingOccurrences(of: "¥", with: "").replacingOccurrences(of: "￥", with: "").replacingOccurrences(
                    of: ",", with: "")
            }
            if field == "taxRate" { v = v.replacingOccurrences(of: "%", with: "") }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// The product a row stands for, by code or by barcode (of any of its units).
    static func existing(_ v: [String: String], key: String, _ store: Store) async throws -> Int64? {
        switch key {
        case "code": return try await v["code"].asyncMap { try await InventoryQueries.product(code: $0, on: store)?.id }
        case "barcode": return try await v["barcode"].asyncMap { try await InventoryQueries.unit(barcode: $0, on: store)?.productId }
        default: return nil
        }
    }

    /// `箱=24；盒=6` (or `箱:24`, `1箱=24瓶`) as units; nil when the text is not so written.
    static func units(_ text: String) -> [ProductService.UnitInput]? {
        var out: [ProductService.UnitInput] = []
        for part in text.split(whereSeparator: { ";；,，、 ".contains($0) }) {
            let pair = part.split(whereSeparator: { "=:：".contains($0) }).map { String($0) }
            guard pair.count == 2 else { return nil }
            let name = String(pair[0].drop { $0.isASCII && $0.isNumber })
            let factor = String(pair[1].prefix { ($0.isASCII && $0.isNumber) || $0 == "." })
            guard !name.isEmpty, !factor.isEmpty else { return nil }
            out.append(.init(name: name, factor: factor))
        }
        return out
    }

    /// The category a row names, by name or code; nil when none is.
    static func category(_ text: String?, _ store: Store) async throws -> Int64? {
        guard let t = text else { return nil }
        let all = try await InventoryQueries.categories(on: store)
        return all.first { $0.name == t || $0.code == t }?.id
    }

    /// What a product was, to put back on a revert.
    struct Before: Codable {
        var product: ProductRow
        var units: [ProductUnitRow]
    }

    static func input(
        _ v: [String: String], over old: Before?, category: Int64?, units: [ProductService.UnitInput]?
    )
        -> ProductService.Input
    {
        let p = old?.product
        func price(_ field: String, _ current: Int64?) -> String? { v[field] ?? current.map { UnitPrice(units: $0).description } }
        let base = old?.units.first { $0.factor == Quantity(1).units }
        return ProductService.Input(
            code: v["code"] ?? p?.code, name: v["name"] ?? p?.name, spec: v["spec"] ?? p?.spec, categoryId: category ?? p?.categoryId,
            baseUnit: v["baseUnit"] ?? p?.baseUnit, baseBarcode: v["barcode"] ?? base?.barcode,
            units: units
                ?? old?.units.filter { $0.factor != Quantity(1).units }.map {
                    .init(name: $0.name, factor: Quantity(units: $0.factor).description, barcode: $0.barcode)
                },
            costingMethod: method(v["costingMethod"]) ?? p?.costingMethod, tracking: p?.tracking,
            taxRate: v["taxRate"] ?? p.map { ScaledDecimal.format($0.taxRate, scale: 2, minDecimals: 0) },
            purchasePrice: price("purchasePrice", p?.purchasePrice), salePrice: price("salePrice", p?.salePrice),
            floorPrice: price("floorPrice", p?.floorPrice), standardCost: p.map { UnitPrice(units: $0.standardCost).description },
            active: p?.active, shelfLifeDays: v["shelfLifeDays"].flatMap { Int64($0) } ?? p?.shelfLifeDays,
            customFields: CustomFieldService.imported(v))
    }

    /// 移动加权平均 / 先进先出 / 后进先出 / 个别计价 and their English names, as stored.
    static func method(_ text: String?) -> String? {
        guard let t = text?.lowercased().filter({ !$0.isWhitespace }) else { return nil }
        let words = [
            "移动加权平均": "moving_average", "移动平均": "moving_average", "加权平均": "moving_average", "movingaverage": "moving_average",
            "先进先出": "fifo", "后进先出": "lifo", "个别计价": "specific", "个别计价法": "specific",
        ]
        return words[t] ?? t
    }
}
