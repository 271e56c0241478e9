import Foundation
import Kernel
import Persistence

/// Price lists (价目表) from the old system: each row is one product's price (and floor) in one
/// unit on one list, the list named by its code. A list the file names and Concord lacks is made
/// from the row's list name, region, customer level and dates; an existing list keeps its head
/// and gains or changes the items the rows give (every other item stays). The lists are saved
/// through `PriceService.saveList`, once per list and batch, so its checks apply. A revert gives
/// each list the items it had (and deletes a list the import made), while nobody changed it since.
enum PriceListImport: ImportKind {
    static let fields = [
        "listCode", "listName", "region", "customerLevel", "validFrom", "validTo", "product", "unit", "price", "floorPrice",
    ]
    static let keys = ["product"]
    static let module = Module.prices
    /// Lists are made and changed.
    static let actions: [Action] = [.create, .edit]

    /// Chinese and English, and the price sheets of 管家婆 (价格体系, 商品编号, 单位, 预设售价),
    /// 金蝶精斗云 (价格方案, 商品编码, 计量单位, 销售单价), jshERP (商品条码, 单位, 批发价) and Odoo
    /// (Pricelist, Product, Fixed Price, Start Date, End Date).
    static let columns = ImportColumns([
        "listCode": ["价目表编码", "价目表编号", "价目表", "价格表", "价格表编码", "价格体系", "价格方案", "pricelist", "pricelistcode"],
        "listName": ["价目表名称", "价格表名称", "价格体系名称", "价格方案名称", "pricelistname"],
        "region": ["区域", "销售区域", "价格区域", "region", "area"],
        "customerLevel": ["客户级别", "客户等级", "会员等级", "customerlevel", "level"],
        "validFrom": ["生效日期", "开始日期", "启用日期", "validfrom", "startdate", "datestart"],
        "validTo": ["失效日期", "截止日期", "结束日期", "validto", "enddate", "dateend"],
        "product": [
            "商品", "商品编码", "商品编号", "产品编码", "存货编码", "货号", "条码", "商品条码", "product", "productcode", "sku", "internalreference",
            "defaultcode", "barcode",
        ],
        "unit": ["单位", "计量单位", "unit", "uom", "unitofmeasure"],
        "price": ["价格", "售价", "销售价", "销售单价", "预设售价", "批发价", "零售价", "price", "saleprice", "fixedprice", "unitprice"],
        "floorPrice": ["最低价", "最低售价", "底价", "限价", "floorprice", "minprice", "minimumprice"],
    ])

    static func suggestedKey(_ mapping: [String]) -> String { "product" }

    static func check(_ s: ImportService.Settings) throws {
        guard ["listCode", "product", "price"].allSatisfy(s.mapping.contains) else {
            throw DomainError.invalid("mapping", code: "import_price_columns")
        }
    }

    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if !["listName", "region", "customerLevel", "unit"].contains(field) { v = Pinyin.halfWidth(v) }
            if ["price", "floorPrice"].contains(field) {
                v = ImportCells.money(v)
            }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// A row checked: its list's code, the item it sets, and the list's head should the list be new.
    struct Ready {
        var index: Int
        var listCode: String
        var item: PriceService.ItemInput
        var head: [String: String]
    }

    /// What a revert needs of a row: whether the list was new, and the item it replaced (if any).
    struct Before: Codable {
        var newList: Bool
        /// The list's version before the row's batch saved it (nil: the batch made it).
        var from: Int64?
        var product: Int64
        var unit: String
        var price: Int64?
        var floor: Int64?
    }

    static func apply(_ rows: [ImportRowRow], _ run: inout ImportRun, _ ctx: ServiceContext) async throws -> [ImportService.Outcome] {
        var out: [ImportService.Outcome?] = Array(repeating: nil, count: rows.count)
        var names: [String?] = Array(repeating: nil, count: rows.count)
        var groups: [String: [Ready]] = [:]
        var order: [String] = []
        for (i, r) in rows.enumerated() {
            let v = values(ImportService.decode(r.cells), mapping: run.mapping)
            names[i] = v["product"]
            do {
                let ready = try await prepare(v, index: i, ctx)
                if let e = run.repeated("\(ready.listCode)|\(ready.item.productId ?? 0)|\(ready.item.unit ?? "")", "product", line: r.line)
                {
                    throw e
                }
                if groups[ready.listCode] == nil { order.append(ready.listCode) }
                groups[ready.listCode, default: []].append(ready)
            } catch let e as DomainError where e.kind != .forbidden {
                out[i] = .refused(r.line, e, name: names[i])
            }
        }
        for code in order {
            var ready = groups[code] ?? []
            let existing = try await PricingQueries.list(code: code, on: ctx.store)
            if existing == nil, run.job.mode == "update" {
                for x in ready {
                    out[x.index] = .refused(
                        rows[x.index].line, DomainError.invalid("listCode", code: "import_not_found", args: [code]), name: names[x.index])
                }
                continue
            }
            let items = try await existing.asyncMap { try await PricingQueries.items(ofList: $0.id, on: ctx.store) } ?? []
            // Rows the mode refuses: an item that exists in create mode, a new one in update mode.
            ready = ready.filter { x in
                let had = items.contains { $0.productId == x.item.productId && $0.unit == x.item.unit }
                let refusal: DomainError? =
                    had && run.job.mode == "create"
                    ? DomainError(.conflict, code: "import_exists", field: "product", args: [names[x.index] ?? "", code])
                    : !had && run.job.mode == "update"
                        ? DomainError.invalid("product", code: "import_not_found", args: [names[x.index] ?? ""]) : nil
                if let refusal { out[x.index] = .refused(rows[x.index].line, refusal, name: names[x.index]) }
                return refusal == nil
            }
            // An item the list refuses is that row's refusal; the others go in without it.
            guard
                let (written, saved) = try await ImportService.together(
                    ready, index: \.index, rows: rows, names: names, into: &out, element: { ImportCells.element($0, of: "items") },
                    field: { $0.map { ["code": "listCode", "name": "listName", "regionId": "region"][$0] ?? $0 } },
                    write: { try await save(code, existing, items, $0, dryRun: run.dryRun, ctx) })
            else { continue }
            for x in written {
                let old = items.first { $0.productId == x.item.productId && $0.unit == x.item.unit }
                let outcome = old == nil ? (run.dryRun ? "would_create" : "created") : (run.dryRun ? "would_update" : "updated")
                var o = ImportService.Outcome(
                    line: rows[x.index].line, outcome: outcome, recordId: saved?.id ?? existing?.id, args: [], name: names[x.index])
                o.before = try CompactJSON.string(
                    Before(
                        newList: existing == nil, from: existing?.version, product: x.item.productId ?? 0, unit: x.item.unit ?? "",
                        price: old?.price,
                        floor: old?.floorPrice))
                o.afterVersion = saved?.version
                out[x.index] = o
            }
        }
        return out.enumerated().map { i, o in o ?? .refused(rows[i].line, DomainError.required("product"), name: names[i]) }
    }

    /// A row's list code, product (by code or barcode; a unit's barcode names the unit), unit
    /// (the base unit when none), price and floor, checked.
    static func prepare(_ v: [String: String], index: Int, _ ctx: ServiceContext) async throws -> Ready {
        guard let code = v["listCode"] else { throw DomainError.required("listCode") }
        guard let p = v["product"] else { throw DomainError.required("product") }
        let (product, unit) = try await ImportCells.product(p, unit: v["unit"], ctx.store)
        let named = unit ?? product.baseUnit
        guard try await InventoryQueries.units(of: product.id, on: ctx.store).contains(where: { $0.name == named }) else {
            throw DomainError.invalid("unit", code: "unknown_unit", args: [product.code, named])
        }
        guard let price = try Validate.unitPrice(v["price"], "price") else { throw DomainError.required("price") }
        if let floor = try Validate.unitPrice(v["floorPrice"], "floorPrice"), floor > price {
            throw DomainError.invalid("floorPrice", code: "floor_above_sale")
        }
        var head: [String: String] = [:]
        for f in ["listName", "region", "customerLevel", "validFrom", "validTo"] { head[f] = v[f] }
        return Ready(
            index: index, listCode: code,
            item: .init(productId: product.id, unit: unit ?? product.baseUnit, price: price.description, floorPrice: v["floorPrice"]),
            head: head)
    }

    /// The list saved with its items and the rows' (nothing written in a dry run: the list's
    /// own checks are run on a new list's head). Answers the list as saved.
    static func save(
        _ code: String, _ existing: PriceListRow?, _ items: [PriceListItemRow], _ ready: [Ready], dryRun: Bool, _ ctx: ServiceContext
    ) async throws -> PriceListRow? {
        func input(_ i: PriceListItemRow) -> PriceService.ItemInput {
            .init(
                productId: i.productId, unit: i.unit, price: UnitPrice(units: i.price).description,
                floorPrice: i.floorPrice.map { UnitPrice(units: $0).description })
        }
        // The rows' items first, in file order (item i is row i: a refusal names its row), then the
        // list's others as they are. A row that gives no floor keeps the one the item had.
        var inputs: [PriceService.ItemInput] = ready.map { x in
            var item = x.item
            if item.floorPrice == nil, let old = items.first(where: { $0.productId == item.productId && $0.unit == item.unit }) {
                item.floorPrice = input(old).floorPrice
            }
            return item
        }
        inputs += items.filter { i in !ready.contains { $0.item.productId == i.productId && $0.item.unit == i.unit } }.map(input)
        let head = ready[0].head
        let from = try head["validFrom"].map { try day($0, "validFrom") } ?? CalendarDate.today(ctx.clock).description
        let to = try head["validTo"].map { try day($0, "validTo") }
        var input = PriceService.ListInput(
            code: code, name: existing?.name ?? head["listName"], regionId: existing?.regionId,
            customerLevel: existing == nil ? head["customerLevel"] : existing?.customerLevel, validFrom: existing?.validFrom ?? from,
            validTo: existing == nil ? to : existing?.validTo, active: existing?.active ?? true, note: existing?.note, items: inputs)
        if existing == nil, let r = head["region"] {
            let regions = try await PricingQueries.regions(on: ctx.store)
            guard let region = regions.first(where: { $0.code == r }) ?? regions.first(where: { $0.name == r }) else {
                throw DomainError.invalid("region", code: "import_region_not_found", args: [r])
            }
            input.regionId = region.id
        }
        if dryRun {
            if existing == nil { _ = try await PriceService.checkHead(input, ctx) }
            return nil
        }
        return try await ctx.store.savepoint {
            try await PriceService.saveList(existing?.id, input, version: existing?.version, ctx).list
        }
    }

    static func day(_ text: String, _ field: String) throws -> String {
        guard let d = ImportService.day(text) else { throw DomainError.invalid(field, code: "invalid_date") }
        return d.description
    }

    /// Gives each list the items it had before the import, last rows first; deletes a list the
    /// import made. Refused (409 naming the line) when a list changed since.
    static func revert(_ rows: [ImportRowRow], _ tx: ServiceContext) async throws -> (deleted: Int, restored: Int) {
        var byList: [Int64: [ImportRowRow]] = [:]
        for r in rows { if let id = r.recordId { byList[id, default: []].append(r) } }
        var deleted = 0, restored = 0
        for (id, written) in byList.sorted(by: { $0.key < $1.key }) {
            let details = try await PriceService.list(id, tx)
            let last = written.max { ($0.afterVersion ?? 0) < ($1.afterVersion ?? 0) }!
            guard details.list.version == last.afterVersion else {
                throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(last.line), details.list.code])
            }
            let befores = written.map { r in (r, r.before.flatMap { try? JSONDecoder().decode(Before.self, from: Data($0.utf8)) }) }
            // Each batch saved the list from the version the one before left: a gap is someone else's change.
            var saves = Set(befores.compactMap { r, b in b.map { "\($0.from ?? 0)|\(r.afterVersion ?? 0)" } }).compactMap {
                s -> (Int64, Int64)? in
                let p = s.split(separator: "|").compactMap { Int64($0) }
                return p.count == 2 ? (p[0], p[1]) : nil
            }
            saves.sort { $0.1 < $1.1 }
            for (a, b) in zip(saves, saves.dropFirst()) where b.0 != a.1 {
                throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(last.line), details.list.code])
            }
            if befores.contains(where: { $0.1?.newList == true }) {
                try await PriceService.deleteList(id, version: details.list.version, tx)
                deleted += 1
                continue
            }
            var items = details.items
            for (_, before) in befores.reversed() {
                guard let b = before, let at = items.firstIndex(where: { $0.productId == b.product && $0.unit == b.unit }) else { continue }
                if let price = b.price {
                    items[at].price = price
                    items[at].floorPrice = b.floor
                } else {
                    items.remove(at: at)
                }
            }
            _ = try await PriceService.saveList(
                id,
                .init(
                    code: details.list.code, name: details.list.name, regionId: details.list.regionId,
                    customerLevel: details.list.customerLevel,
                    validFrom: details.list.validFrom, validTo: details.list.validTo, active: details.list.active, note: details.list.note,
                    items: items.map {
                        .init(
                            productId: $0.productId, unit: $0.unit, price: UnitPrice(units: $0.price).description,
                            floorPrice: $0.floorPrice.map { UnitPrice(units: $0).description })
                    }), version: details.list.version, tx)
            restored += 1
        }
        return (deleted, restored)
    }
}
