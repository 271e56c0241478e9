import Foundation
import Kernel
import Persistence

/// Opening stock (期初库存): what each warehouse holds on the day Concord takes over, at the
/// value the old books carry it at. Rows become posted other-receipt documents (reason 期初库存),
/// one per warehouse and date in each batch, so the stock ledger starts from them like from any
/// receipt and stock value = sum of the ledger holds from the first day. A row gives a unit cost
/// or a value (金额); a value is kept to the fen, whatever the quantity. Reverting cancels the
/// documents, refused once their goods have moved on.
enum OpeningStockImport: ImportKind {
    static let fields = [
        "warehouse", "product", "unit", "quantity", "unitCost", "value", "batch", "productionDate", "expiryDate", "date",
    ]
    static let keys = ["product"]
    static let modes = ["create"]
    static let module = Module.stock
    /// Posting the receipts needs `stock.edit` beside `stock.create`.
    static let actions: [Action] = [.create, .edit]
    static let reason = "期初库存"

    /// Chinese and English, and the opening-stock sheets of 管家婆 (仓库全名, 商品编号, 期初数量,
    /// 期初金额), 金蝶精斗云 (仓库, 商品编码, 期初数量, 期初单价, 期初金额), jshERP (仓库名称,
    /// 期初库存) and Odoo (Location, Product, Quantity, Value).
    static let columns = ImportColumns([
        "warehouse": ["仓库", "仓库名称", "仓库全名", "仓库编码", "仓库编号", "存放仓库", "warehouse", "location"],
        "product": [
            "商品", "商品编码", "商品编号", "产品编码", "存货编码", "货号", "条码", "商品条码", "product", "productcode", "sku", "internalreference",
            "defaultcode", "barcode",
        ],
        "unit": ["单位", "计量单位", "unit", "uom", "unitofmeasure"],
        "quantity": ["数量", "期初数量", "库存数量", "期初库存", "结存数量", "quantity", "qty", "onhand", "quantityonhand"],
        "unitCost": ["单价", "成本价", "期初单价", "成本单价", "单位成本", "unitcost", "cost", "costprice"],
        "value": ["金额", "期初金额", "库存金额", "成本金额", "结存金额", "value", "amount", "totalvalue", "inventoryvalue"],
        "batch": ["批号", "批次", "批次号", "batch", "lot", "lotnumber", "lot/serialnumber"],
        "productionDate": ["生产日期", "productiondate", "manufacturedate"],
        "expiryDate": ["有效期至", "到期日", "失效日期", "过期日期", "expirydate", "expirationdate", "bestbefore"],
        "date": ["日期", "期初日期", "入账日期", "建账日期", "date", "postingdate"],
    ])

    static func suggestedKey(_ mapping: [String]) -> String { "product" }

    static func check(_ s: ImportService.Settings) throws {
        let needed = ["warehouse", "product", "quantity"].allSatisfy(s.mapping.contains)
        guard needed, s.mapping.contains("unitCost") || s.mapping.contains("value") else {
            throw DomainError.invalid("mapping", code: "import_opening_columns")
        }
    }

    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if field != "warehouse", field != "unit" { v = Pinyin.halfWidth(v) }
            if ["quantity", "unitCost", "value"].contains(field) {
                v = ImportCells.money(v)
            }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// A row made ready: its line and, when the row gave one, the value to keep to the fen.
    struct Ready {
        var index: Int
        var line: StockDocumentService.LineInput
        var value: Money?
        var date: String
    }

    static func apply(_ rows: [ImportRowRow], _ run: inout ImportRun, _ ctx: ServiceContext) async throws -> [ImportService.Outcome] {
        var out: [ImportService.Outcome?] = Array(repeating: nil, count: rows.count)
        var names: [String?] = Array(repeating: nil, count: rows.count)
        let warehouses = try await InventoryQueries.warehouses(on: ctx.store)
        let today = CalendarDate.today(ctx.clock).description
        var groups: [String: [Ready]] = [:]
        var order: [String] = []
        for (i, r) in rows.enumerated() {
            let v = values(ImportService.decode(r.cells), mapping: run.mapping)
            names[i] = v["product"]
            do {
                let ready = try await prepare(v, index: i, warehouses: warehouses, today: today, ctx)
                let key = "\(ready.line.productId ?? 0)|\(ready.line.warehouseId ?? 0)|\(ready.line.batch ?? "")"
                if let e = run.repeated(key, "product", line: r.line) { throw e }
                let group = "\(ready.line.warehouseId ?? 0)|\(ready.date)"
                if groups[group] == nil { order.append(group) }
                groups[group, default: []].append(ready)
            } catch let e as DomainError where e.kind != .forbidden {
                out[i] = .refused(r.line, e, name: names[i])
            }
        }
        for g in order {
            // A line the document refuses is that row's refusal; the others go in without it.
            guard
                let (written, doc) = try await ImportService.together(
                    groups[g] ?? [], index: \.index, rows: rows, names: names, into: &out,
                    element: { ImportCells.element($0, of: "lines") },
                    write: { try await write($0, file: run.job.fileName, dryRun: run.dryRun, ctx) })
            else { continue }
            for x in written {
                var o = ImportService.Outcome(
                    line: rows[x.index].line, outcome: run.dryRun ? "would_create" : "created", recordId: doc?.id, args: [],
                    name: names[x.index])
                o.afterVersion = doc?.version
                out[x.index] = o
            }
        }
        return out.enumerated().map { i, o in o ?? .refused(rows[i].line, DomainError.required("product"), name: names[i]) }
    }

    /// A row's warehouse (by code or name), product (by code or barcode), quantity and cost, checked.
    static func prepare(
        _ v: [String: String], index: Int, warehouses: [WarehouseRow], today: String, _ ctx: ServiceContext
    ) async throws -> Ready {
        guard let w = v["warehouse"] else { throw DomainError.required("warehouse") }
        guard let warehouse = warehouses.first(where: { $0.code == w }) ?? warehouses.first(where: { $0.name == w }) else {
            throw DomainError.invalid("warehouse", code: "import_warehouse_not_found", args: [w])
        }
        guard let p = v["product"] else { throw DomainError.required("product") }
        let (found, unit) = try await ImportCells.product(p, unit: v["unit"], ctx.store)
        let product = found.id
        guard let qty = try Validate.quantity(v["quantity"], "quantity") else { throw DomainError.required("quantity") }
        let value = try Validate.money(v["value"], "value")
        var unitCost = try Validate.unitPrice(v["unitCost"], "unitCost")
        if let value {
            // The unit cost shown beside a value: the value over the quantity, to six decimals.
            unitCost = UnitPrice(
                units: Int64(clamping: ScaledDecimal.divideRounded(Int128(value.fen) * 10_000 * 1_000_000, Int128(qty.units))))
        }
        guard let cost = unitCost else { throw DomainError.required("unitCost") }
        var date = today
        if let d = v["date"] {
            guard let day = ImportService.day(d), day.description <= today else { throw DomainError.invalid("date", code: "invalid_date") }
            date = day.description
        }
        func day(_ field: String) throws -> String? {
            guard let text = v[field] else { return nil }
            guard let d = ImportService.day(text) else { throw DomainError.invalid(field, code: "invalid_date") }
            return d.description
        }
        return Ready(
            index: index,
            line: StockDocumentService.LineInput(
                productId: product, unit: unit, quantity: qty.description, warehouseId: warehouse.id, batch: v["batch"],
                unitCost: cost.description, productionDate: try day("productionDate"), expiryDate: try day("expiryDate")),
            value: value, date: date)
    }

    /// One posted other receipt for the rows (checked only, in a dry run): nil in a dry run.
    static func write(_ ready: [Ready], file: String, dryRun: Bool, _ ctx: ServiceContext) async throws -> StockDocumentRow? {
        let input = StockDocumentService.Input(
            type: "otherReceipt", postingDate: ready[0].date, reason: reason, note: file, lines: ready.map(\.line))
        if dryRun {
            _ = try await StockDocumentService.validate(input, documentId: nil, scope: try ctx.require(.stock, .create), ctx)
            return nil
        }
        return try await ctx.store.savepoint {
            let draft = try await StockDocumentService.create(input, ctx)
            for (l, x) in zip(draft.lines, ready) {
                if let v = x.value { try await InventoryWrites.fixValue(ofLine: l.id, v.fen, on: ctx.store) }
            }
            return try await StockPosting.post(draft.document.id, ctx).document
        }
    }

    /// Cancels the documents the import posted, last first: refused (and nothing undone) once
    /// goods of one have left.
    static func revert(_ rows: [ImportRowRow], _ tx: ServiceContext) async throws -> (deleted: Int, restored: Int) {
        var done: Set<Int64> = []
        for r in rows {
            guard let id = r.recordId, done.insert(id).inserted, let doc = try await InventoryQueries.document(id, on: tx.store) else {
                continue
            }
            guard doc.version == r.afterVersion else {
                throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(r.line), doc.number])
            }
            try await StockPosting.cancel(id, tx)
        }
        return (done.count, 0)
    }
}
