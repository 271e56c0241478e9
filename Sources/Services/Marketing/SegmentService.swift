import DocumentsCore
import Foundation
import Kernel
import Persistence

/// 客户分群: a saved rule over customer facts (level, region, industry, branch, owner, tags), what
/// they bought (products or categories, amount and number of deliveries in a period, days since
/// the last one), what they owe, and birthdays this month — evaluated when used, over the customers
/// the reader may see. A send or an invitation freezes the list it used.
public enum SegmentService {
    public struct Input: Sendable, Equatable {
        public var name: String?
        public var description: String?
        public var levels: [String]?
        public var provinces: [String]?
        public var cities: [String]?
        public var industries: [String]?
        public var branchIds: [Int64]?
        public var ownerIds: [Int64]?
        public var tags: [String]?
        public var productIds: [Int64]?
        public var categoryIds: [Int64]?
        public var periodDays: String?
        public var minAmount: String?
        public var minDeliveries: String?
        public var inactiveDays: String?
        public var minOwed: String?
        public var birthdayThisMonth: Bool?
        /// Customer custom fields by key, each with the value it must have.
        public var customFields: [String: String]?
        public init(
            name: String? = nil, description: String? = nil, levels: [String]? = nil, provinces: [String]? = nil, cities: [String]? = nil,
            industries: [String]? = nil, branchIds: [Int64]? = nil, ownerIds: [Int64]? = nil, tags: [String]? = nil,
            productIds: [Int64]? = nil, categoryIds: [Int64]? = nil, periodDays: String? = nil, minAmount: String? = nil,
            minDeliveries: String? = nil, inactiveDays: String? = nil, minOwed: String? = nil, birthdayThisMonth: Bool? = nil,
            customFields: [String: String]? = nil
        ) {
            self.customFields = customFields
            self.name = name
            self.description = description
            self.levels = levels
            self.provinces = provinces
            self.cities = cities
            self.industries = industries
            self.branchIds = branchIds
            self.ownerIds = ownerIds
            self.tags = tags
            self.productIds = productIds
            self.categoryIds = categoryIds
            self.periodDays = periodDays
            self.minAmount = minAmount
            self.minDeliveries = minDeliveries
            self.inactiveDays = inactiveDays
            self.minOwed = minOwed
            self.birthdayThisMonth = birthdayThisMonth
        }

        /// The input a stored rule gives back (for the form).
        public init(name: String, description: String?, rule r: SegmentRule) {
            func text(_ v: Int64?) -> String? { v.map(String.init) }
            self.init(
                name: name, description: description, levels: r.levels, provinces: r.provinces, cities: r.cities, industries: r.industries,
                branchIds: r.branchIds, ownerIds: r.ownerIds, tags: r.tags, productIds: r.productIds, categoryIds: r.categoryIds,
                periodDays: text(r.periodDays), minAmount: r.minAmount.map { Money(fen: $0).description },
                minDeliveries: text(r.minDeliveries),
                inactiveDays: text(r.inactiveDays), minOwed: r.minOwed.map { Money(fen: $0).description },
                birthdayThisMonth: r.birthdayThisMonth, customFields: r.customFields)
        }
    }

    /// How many a rule finds now, and the first of them.
    public struct Preview: Sendable, Equatable {
        public var count: Int64
        public var first: [PartnerRow]
    }

    static func words(_ list: [String]?, _ field: String) throws -> [String]? {
        guard let list else { return nil }
        guard list.count <= 100 else { throw DomainError.invalid(field, code: "too_many", args: [field, "100"]) }
        let clean = try list.compactMap { try Validate.optional($0, field, max: 60) }
        return clean.isEmpty ? nil : Array(Set(clean)).sorted()
    }

    static func ids(_ list: [Int64]?, _ field: String) throws -> [Int64]? {
        guard let list, !list.isEmpty else { return nil }
        return try Validate.picked(list, field, max: 100)
    }

    static func days(_ text: String?, _ field: String) throws -> Int64? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        guard let n = Int64(t), n >= 0, n <= 3660 else { throw DomainError.invalid(field, code: "not_a_count", args: [field]) }
        return n
    }

    /// The rule an input names, its ids checked (products and categories that exist).
    public static func rule(_ i: Input, _ ctx: ServiceContext) async throws -> SegmentRule {
        var r = SegmentRule()
        r.levels = try words(i.levels, "levels")
        r.provinces = try words(i.provinces, "provinces")
        r.cities = try words(i.cities, "cities")
        r.industries = try words(i.industries, "industries")
        r.tags = try words(i.tags, "tags")
        r.branchIds = try ids(i.branchIds, "branchIds")
        r.ownerIds = try ids(i.ownerIds, "ownerIds")
        r.productIds = try ids(i.productIds, "productIds")
        r.categoryIds = try ids(i.categoryIds, "categoryIds")
        for id in r.productIds ?? [] where try await InventoryQueries.product(id, on: ctx.store) == nil {
            throw DomainError.invalid("productIds", code: "not_found", args: [String(id)])
        }
        for id in r.categoryIds ?? [] where try await !InventoryQueries.categoryExists(id, on: ctx.store) {
            throw DomainError.invalid("categoryIds", code: "not_found", args: [String(id)])
        }
        r.periodDays = try days(i.periodDays, "periodDays")
        r.minDeliveries = try CampaignService.count(i.minDeliveries, "minDeliveries").nonZero
        r.inactiveDays = try days(i.inactiveDays, "inactiveDays")
        r.minAmount = try Validate.money(i.minAmount, "minAmount")?.fen
        r.minOwed = try Validate.money(i.minOwed, "minOwed")?.fen
        r.birthdayThisMonth = i.birthdayThisMonth == true ? true : nil
        var custom: [String: String] = [:]
        if let given = i.customFields, !given.isEmpty {
            let fields = try await CRMQueries.customFields(
                entity: CustomFieldService.Entity.customer.rawValue, activeOnly: true, on: ctx.store)
            for (key, raw) in given {
                let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !v.isEmpty else { continue }
                guard let f = fields.first(where: { $0.fieldKey == key }) else {
                    throw DomainError.invalid("customFields." + key, code: "unknown_field", args: [key])
                }
                custom[key] = try CustomFieldService.normalised(v, f, name: "customFields." + key)
            }
        }
        r.customFields = custom.isEmpty ? nil : custom
        return r
    }

    static func encode(_ r: SegmentRule) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: try e.encode(r), as: UTF8.self)
    }

    public static func decode(_ s: SegmentRow) -> SegmentRule {
        (try? JSONDecoder().decode(SegmentRule.self, from: Data(s.rule.utf8))) ?? SegmentRule()
    }

    public static func list(limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<SegmentRow> {
        try ctx.require(.marketing, .view)
        let rows = try await SegmentQueries.segments(limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> SegmentRow {
        try ctx.require(.marketing, .view)
        guard let s = try await SegmentQueries.segment(id, on: ctx.store) else { throw DomainError.notFound }
        return s
    }

    /// The customers the reader may see (none for someone who sees no customers: a segment then finds nobody).
    static func reach(_ ctx: ServiceContext) throws -> RowScope? {
        guard let p = ctx.principal else { return try ctx.require(.customers, .view) }
        return p.rowScope(.customers, .view)
    }

    /// What a rule finds among the customers the reader may see: the count and the first 20.
    public static func preview(_ r: SegmentRule, _ ctx: ServiceContext) async throws -> Preview {
        try ctx.require(.marketing, .view)
        guard let scope = try reach(ctx) else { return Preview(count: 0, first: []) }
        let today = CalendarDate.today(ctx.clock)
        return Preview(
            count: try await SegmentQueries.count(r, scope: scope, today: today, on: ctx.store),
            first: try await SegmentQueries.customers(r, scope: scope, today: today, limit: 20, after: nil, on: ctx.store))
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> SegmentRow {
        try ctx.require(.marketing, .edit)
        let name = try Validate.required(input.name, "name", max: 100)
        let description = try Validate.optional(input.description, "description", max: 500)
        let r = try await rule(input, ctx)
        return try await ctx.write { tx in
            let row = try await SegmentWrites.insert(
                name: name, description: description, rule: try encode(r), owner: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await tx.audit(
                "create", "segment", row.id, [FieldChange("name", old: nil, new: name), FieldChange("rule", old: nil, new: row.rule)])
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> SegmentRow {
        try ctx.require(.marketing, .edit)
        let name = try Validate.required(input.name, "name", max: 100)
        let description = try Validate.optional(input.description, "description", max: 500)
        let r = try await rule(input, ctx)
        return try await ctx.write { tx in
            guard let old = try await SegmentQueries.segment(id, on: tx.store) else { throw DomainError.notFound }
            try Validate.version(version, current: old.version)
            guard
                let row = try await SegmentWrites.update(
                    id, name: name, description: description, rule: try encode(r), version: old.version, at: tx.nowMillis, on: tx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1) }
            try await tx.audit(
                "update", "segment", id, [FieldChange("name", old: old.name, new: name), FieldChange("rule", old: old.rule, new: row.rule)])
            return row
        }
    }

    /// The customers a segment finds now, by id, a page at a time.
    public static func customers(_ id: Int64, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<PartnerRow> {
        let s = try await find(id, ctx)
        guard let scope = try reach(ctx) else { return Page(items: [], nextCursor: nil) }
        let rows = try await SegmentQueries.customers(
            decode(s), scope: scope, today: CalendarDate.today(ctx.clock), limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// The contacts a segment reaches now (of the customers the caller may see), for a send or an
    /// invitation to freeze; at most `cap`.
    static func contacts(_ segmentId: Int64, cap: Int = 100_000, _ ctx: ServiceContext) async throws -> [SegmentQueries.Contact] {
        guard let s = try await SegmentQueries.segment(segmentId, on: ctx.store) else {
            throw DomainError.invalid("segmentId", code: "not_found")
        }
        guard let scope = try reach(ctx) else { return [] }
        let r = decode(s), today = CalendarDate.today(ctx.clock)
        var out: [SegmentQueries.Contact] = []
        var after: Int64?
        while out.count < cap {
            let page = try await SegmentQueries.contacts(r, scope: scope, today: today, limit: 2000, after: after, on: ctx.store)
            out += page
            guard page.count == 2000 else { break }
            after = page.last?.id
        }
        return Array(out.prefix(cap))
    }
}

extension Int64 {
    /// nil for zero: a "0 or more" condition that narrows nothing.
    var nonZero: Int64? { self == 0 ? nil : self }
}
