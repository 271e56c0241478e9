import DocumentsCore
import Foundation
import Kernel
import Persistence

/// The price system (价格体系): sales regions as sets of provinces, each customer in one (named, or
/// found by its province), and price lists by region and customer level with validity dates and a
/// floor per item. Quotes, orders and deliveries take their price from the most specific list that
/// is valid on their date; the floor is the list item's, else the product's.
public enum PriceService {
    // MARK: - Regions

    public struct RegionInput: Sendable {
        public var code: String?
        public var name: String?
        public var provinces: [String]?
        public var active: Bool?
        public init(code: String? = nil, name: String? = nil, provinces: [String]? = nil, active: Bool? = nil) {
            self.code = code
            self.name = name
            self.provinces = provinces
            self.active = active
        }
    }

    public static func regions(_ store: Store) async throws -> [RegionRow] {
        try await PricingQueries.regions(on: store)
    }

    public static func regions(_ ctx: ServiceContext) async throws -> [RegionRow] {
        try ctx.require(.prices, .view)
        return try await regions(ctx.store)
    }

    public static func region(_ id: Int64, _ ctx: ServiceContext) async throws -> RegionRow {
        try ctx.require(.prices, .view)
        guard let r = try await PricingQueries.region(id, on: ctx.store) else {
            throw DomainError.notFound
        }
        return r
    }

    public static func saveRegion(_ id: Int64?, _ input: RegionInput, version: Int64?, _ ctx: ServiceContext) async throws -> RegionRow {
        try ctx.require(.prices, id == nil ? .create : .edit)
        return try await ctx.write { ctx in
            let code = try Validate.code(input.code, "code")
            let name = try Validate.required(input.name, "name", max: 60)
            var provinces: [String] = []
            guard (input.provinces ?? []).count <= 100 else {
                throw DomainError.invalid("provinces", code: "too_many", args: ["provinces", "100"])
            }
            for (i, p) in (input.provinces ?? []).enumerated() {
                let typed = try Validate.required(p, "provinces[\(i)]", max: 20)
                guard let v = ChineseRegions.province(named: typed)?.name else {
                    throw DomainError.invalid("provinces[\(i)]", code: "unknown_province", args: [typed])
                }
                if !provinces.contains(v) { provinces.append(v) }
            }
            guard !provinces.isEmpty else { throw DomainError.required("provinces") }
            // A province belongs to one region.
            for other in try await regions(ctx.store) where other.id != id && other.active {
                if let clash = provinces.first(where: { other.provinceList.contains($0) }) {
                    throw DomainError.invalid("provinces", code: "province_in_other_region", args: [clash, other.name])
                }
            }
            let text = "," + provinces.joined(separator: ",") + ","
            let now = ctx.nowMillis
            if let id {
                let old = try await region(id, ctx)
                try Validate.version(version, current: old.version)
                if old.code != code, try await PricingQueries.region(code: code, on: ctx.store) != nil {
                    throw DomainError.duplicate("code", value: code)
                }
                try await PricingWrites.updateRegion(
                    id, code: code, name: name, provinces: text, active: input.active ?? old.active, at: now, on: ctx.store)
                try await ctx.audit("update", "region", id, [FieldChange("provinces", old: old.provinces, new: text)])
                return try await region(id, ctx)
            }
            if try await PricingQueries.region(code: code, on: ctx.store) != nil {
                throw DomainError.duplicate("code", value: code)
            }
            let rid = try await PricingWrites.insertRegion(
                code: code, name: name, provinces: text, active: input.active ?? true, at: now, on: ctx.store)
            try await ctx.audit("create", "region", rid, [FieldChange("provinces", old: nil, new: text)])
            return try await region(rid, ctx)
        }
    }

    /// The customer's region: the one named on it, else the active region holding its province.
    public static func regionOf(_ p: PartnerRow, _ regions: [RegionRow]) -> Int64? {
        if let r = p.regionId { return r }
        guard let prov = p.province, !prov.isEmpty else { return nil }
        return regions.first { $0.active && $0.provinceList.contains(prov) }?.id
    }

    // MARK: - Price lists

    public struct ItemInput: Sendable, Codable, Equatable {
        public var productId: Int64?
        public var unit: String?
        public var price: String?
        public var floorPrice: String?
        public init(productId: Int64? = nil, unit: String? = nil, price: String? = nil, floorPrice: String? = nil) {
            self.productId = productId
            self.unit = unit
            self.price = price
            self.floorPrice = floorPrice
        }
    }

    public struct ListInput: Sendable {
        public var code: String?
        public var name: String?
        public var regionId: Int64?
        public var customerLevel: String?
        public var validFrom: String?
        public var validTo: String?
        public var active: Bool?
        public var note: String?
        public var items: [ItemInput]?
        public init(
            code: String? = nil, name: String? = nil, regionId: Int64? = nil, customerLevel: String? = nil, validFrom: String? = nil,
            validTo: String? = nil, active: Bool? = nil, note: String? = nil, items: [ItemInput]? = nil
        ) {
            self.code = code
            self.name = name
            self.regionId = regionId
            self.customerLevel = customerLevel
            self.validFrom = validFrom
            self.validTo = validTo
            self.active = active
            self.note = note
            self.items = items
        }
    }

    public struct ListDetails: Sendable {
        public var list: PriceListRow
        public var items: [PriceListItemRow]
    }

    public static func lists(_ ctx: ServiceContext) async throws -> [PriceListRow] {
        try ctx.require(.prices, .view)
        return try await PricingQueries.lists(on: ctx.store)
    }

    public static func list(_ id: Int64, _ ctx: ServiceContext) async throws -> ListDetails {
        try ctx.require(.prices, .view)
        guard let l = try await PricingQueries.list(id, on: ctx.store) else {
            throw DomainError.notFound
        }
        return ListDetails(
            list: l,
            items: try await PricingQueries.items(ofList: id, on: ctx.store))
    }

    public static func saveList(_ id: Int64?, _ input: ListInput, version: Int64?, _ ctx: ServiceContext) async throws -> ListDetails {
        try ctx.require(.prices, id == nil ? .create : .edit)
        return try await ctx.write { ctx in
            let (code, name, level, from, to) = try await checkHead(input, ctx)
            let inputs = input.items ?? []
            guard inputs.count <= 2000 else { throw DomainError.invalid("items", code: "too_many", args: ["items", "2000"]) }
            let products = try await InventoryQueries.products(ids: inputs.compactMap(\.productId), on: ctx.store)
            let units = try await InventoryQueries.units(of: Array(products.keys), on: ctx.store)
            var items: [PricingWrites.Item] = []
            for (i, it) in inputs.enumerated() {
                let f = "items[\(i)]"
                guard let p = it.productId.flatMap({ products[$0] }) else { throw DomainError.invalid(f + ".productId", code: "not_found") }
                let unit = (it.unit?.isEmpty ?? true) ? p.baseUnit : it.unit!
                guard units[p.id]?.contains(where: { $0.name == unit }) == true else {
                    throw DomainError.invalid(f + ".unit", code: "unknown_unit", args: [p.code, unit])
                }
                guard let price = try Validate.unitPrice(it.price, f + ".price") else { throw DomainError.required(f + ".price") }
                var floor: Int64?
                if let v = try Validate.unitPrice(it.floorPrice, f + ".floorPrice") {
                    guard v <= price else { throw DomainError.invalid(f + ".floorPrice", code: "floor_above_sale") }
                    floor = v.units
                }
                guard !items.contains(where: { $0.productId == p.id && $0.unit == unit }) else {
                    throw DomainError.invalid(f + ".productId", code: "duplicate_line", args: [p.code, unit])
                }
                items.append(PricingWrites.Item(productId: p.id, unit: unit, price: price.units, floor: floor))
            }
            let now = ctx.nowMillis
            func head(active: Bool) -> PricingWrites.List {
                PricingWrites.List(
                    code: code, name: name, regionId: input.regionId, customerLevel: level, validFrom: from, validTo: to, active: active,
                    note: input.note)
            }
            let listId: Int64
            if let id {
                let old = try await list(id, ctx)
                try Validate.version(version, current: old.list.version)
                if old.list.code != code, try await PricingQueries.list(code: code, on: ctx.store) != nil {
                    throw DomainError.duplicate("code", value: code)
                }
                try await PricingWrites.update(list: id, head(active: input.active ?? old.list.active), at: now, on: ctx.store)
                listId = id
                try await ctx.audit(
                    "update", "price_list", id, [FieldChange("items", old: String(old.items.count), new: String(items.count))])
            } else {
                if try await PricingQueries.list(code: code, on: ctx.store) != nil {
                    throw DomainError.duplicate("code", value: code)
                }
                listId = try await PricingWrites.insert(head(active: input.active ?? true), at: now, on: ctx.store)
                try await ctx.audit("create", "price_list", listId, [FieldChange("items", old: nil, new: String(items.count))])
            }
            try await PricingWrites.setItems(ofList: listId, items, on: ctx.store)
            return try await list(listId, ctx)
        }
    }

    /// A list's head checked: code, name, region, customer level and dates.
    static func checkHead(
        _ input: ListInput, _ ctx: ServiceContext
    ) async throws -> (code: String, name: String, level: String?, from: String, to: String?) {
        let code = try Validate.code(input.code, "code")
        let name = try Validate.required(input.name, "name", max: 60)
        if let r = input.regionId, try await PricingQueries.region(r, on: ctx.store) == nil {
            throw DomainError.invalid("regionId", code: "not_found")
        }
        let level = try Validate.optional(input.customerLevel, "customerLevel", max: 40)
        if let level, !(try await CRMSettings.all(ctx.store)[.levels] ?? []).contains(level) {
            throw DomainError.invalid("customerLevel", code: "invalid_choice", args: ["customerLevel"])
        }
        let from = try Validate.date(input.validFrom, "validFrom")
        let to = try input.validTo.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "validTo") }
        if let to, to < from { throw DomainError.invalid("validTo", code: "ends_before_start") }
        return (code, name, level, from, to)
    }

    /// Deletes a list and its items: the undo of an import that made it (lists are otherwise
    /// ended, not deleted). Refused while a branch's transfer prices name it.
    static func deleteList(_ id: Int64, version: Int64, _ ctx: ServiceContext) async throws {
        try ctx.require(.prices, .create)
        try await ctx.write { ctx in
            let old = try await list(id, ctx)
            try Validate.version(version, current: old.list.version)
            guard try await PricingWrites.delete(list: id, on: ctx.store) else {
                throw DomainError(.conflict, code: "price_list_in_use", field: "code", args: [old.list.code])
            }
            try await ctx.audit("delete", "price_list", id, [FieldChange("items", old: String(old.items.count), new: nil)])
        }
    }

    // MARK: - Resolution

    /// A sales price as the system proposes it: the list price (per the line's unit), the floor,
    /// and which list it came from (nil: the product's own prices).
    public struct Proposal: Sendable, Equatable {
        public var price: UnitPrice
        public var floor: UnitPrice
        public var listId: Int64?
        public init(price: UnitPrice, floor: UnitPrice, listId: Int64?) {
            self.price = price
            self.floor = floor
            self.listId = listId
        }
    }

    /// Proposals for (product, unit, factor) lines sold to a customer on a date.
    public static func propose(
        for partner: PartnerRow?, date: String, _ lines: [(productId: Int64, unit: String, factor: Int64)],
        products: [Int64: ProductRow], _ store: Store
    ) async throws -> [Proposal] {
        var lists: [PriceListRow] = []
        if let partner {
            let regionId = regionOf(partner, try await regions(store))
            lists = try await PricingQueries.listsInForce(on: date, region: regionId, level: partner.level, on: store)
            lists.sort { a, b in
                let sa = (a.regionId != nil ? 2 : 0) + (a.customerLevel != nil ? 1 : 0),
                    sb = (b.regionId != nil ? 2 : 0) + (b.customerLevel != nil ? 1 : 0)
                return (sa, a.validFrom, a.id) > (sb, b.validFrom, b.id)
            }
        }
        let ids = Array(Set(lines.map(\.productId)))
        let items = try await PricingQueries.items(ofLists: lists.map(\.id), products: ids, on: store)
        // A price of the base unit scales to the line's unit; a product too dear for that unit is refused, never wrapped.
        return try lines.map { l in
            let product = products[l.productId]
            let factor = Quantity(units: l.factor)
            let productFloor = try Validate.perUnit(product?.floorPrice ?? 0, factor: factor)
            for list in lists {
                let mine = items.filter { $0.listId == list.id && $0.productId == l.productId }
                if let exact = mine.first(where: { $0.unit == l.unit }) {
                    return Proposal(
                        price: UnitPrice(units: exact.price), floor: exact.floorPrice.map { UnitPrice(units: $0) } ?? productFloor,
                        listId: list.id)
                }
                if let base = mine.first(where: { $0.unit == product?.baseUnit }) {
                    return Proposal(
                        price: try Validate.perUnit(base.price, factor: factor),
                        floor: try base.floorPrice.map { try Validate.perUnit($0, factor: factor) } ?? productFloor, listId: list.id)
                }
            }
            return Proposal(price: try Validate.perUnit(product?.salePrice ?? 0, factor: factor), floor: productFloor, listId: nil)
        }
    }

    // MARK: - Deviation

    public enum DeviationGroup: String, Sendable, CaseIterable { case region, product, salesperson }

    public struct DeviationRow: Codable, Sendable, Equatable {
        public var key: Int64?
        public var lines: Int64
        public var listAmount: Int64
        public var actualAmount: Int64
        public var belowFloor: Int64
        public var deviation: Int64 { actualAmount - listAmount }
    }

    /// Posted deliveries in a period against the list prices they were written with, grouped by the
    /// customer's region (its own, else its province's), the product, or the customer's salesperson.
    public static func deviation(from: String, to: String, by group: DeviationGroup, _ ctx: ServiceContext) async throws -> [DeviationRow] {
        let scope = try ctx.require(.prices, .view)
        let grouping: PricingQueries.DeviationGrouping =
            switch group {
            case .region: .region
            case .product: .product
            case .salesperson: .salesperson
            }
        let raw = try await PricingQueries.deviation(from: from, to: to, by: grouping, scope, on: ctx.store)
        // Customers without a region of their own fall in their province's.
        let regions = group == .region ? try await regions(ctx.store) : []
        var merged: [Int64?: DeviationRow] = [:]
        for r in raw {
            let k =
                group == .region
                ? (r.key ?? r.province.flatMap { p in regions.first { $0.active && $0.provinceList.contains(p) }?.id }) : r.key
            var row = merged[k] ?? DeviationRow(key: k, lines: 0, listAmount: 0, actualAmount: 0, belowFloor: 0)
            row.lines += r.lines; row.listAmount = try row.listAmount.plus(r.listAmount);
            row.actualAmount = try row.actualAmount.plus(r.actualAmount); row.belowFloor += r.belowFloor
            merged[k] = row
        }
        return merged.values.sorted { ($0.actualAmount, $0.key ?? 0) > ($1.actualAmount, $1.key ?? 0) }
    }
}
