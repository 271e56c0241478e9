import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor

/// /api/v1/segments: saved rules over customers, their count now and the customers they find.
enum SegmentAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("segments", use: list)
        authed.post("segments", use: create)
        authed.post("segments", "preview", use: preview)
        authed.get("segments", ":id", use: show)
        authed.put("segments", ":id", use: update)
        authed.get("segments", ":id", "customers", use: customers)
    }

    struct Body: Decodable {
        var name: String?
        var description: String?
        var levels: [String]?
        var provinces: [String]?
        var cities: [String]?
        var industries: [String]?
        var branchIds: [String]?
        var ownerIds: [String]?
        var tags: [String]?
        var productIds: [String]?
        var categoryIds: [String]?
        var periodDays: Int64?
        var minAmount: String?
        var minDeliveries: Int64?
        var inactiveDays: Int64?
        var minOwed: String?
        var birthdayThisMonth: Bool?
        var customFields: [String: String]?
        var version: Int64?
        func input() throws -> SegmentService.Input {
            .init(
                name: name, description: description, levels: levels, provinces: provinces, cities: cities, industries: industries,
                branchIds: try APIID.parseList(branchIds, field: "branchIds"), ownerIds: try APIID.parseList(ownerIds, field: "ownerIds"),
                tags: tags, productIds: try APIID.parseList(productIds, field: "productIds"),
                categoryIds: try APIID.parseList(categoryIds, field: "categoryIds"), periodDays: periodDays.map(String.init),
                minAmount: minAmount, minDeliveries: minDeliveries.map(String.init), inactiveDays: inactiveDays.map(String.init),
                minOwed: minOwed, birthdayThisMonth: birthdayThisMonth, customFields: customFields)
        }
    }

    struct RuleDTO: Encodable {
        var levels: [String]?
        var provinces: [String]?
        var cities: [String]?
        var industries: [String]?
        var branchIds: [String]?
        var ownerIds: [String]?
        var tags: [String]?
        var productIds: [String]?
        var categoryIds: [String]?
        var periodDays: Int64?
        var minAmount: String?
        var minDeliveries: Int64?
        var inactiveDays: Int64?
        var minOwed: String?
        var birthdayThisMonth: Bool?
        var customFields: [String: String]?
        init(_ r: SegmentRule) {
            customFields = r.customFields
            func s(_ v: [Int64]?) -> [String]? { v?.map(String.init) }
            levels = r.levels; provinces = r.provinces; cities = r.cities; industries = r.industries; branchIds = s(r.branchIds)
            ownerIds = s(r.ownerIds); tags = r.tags; productIds = s(r.productIds); categoryIds = s(r.categoryIds); periodDays = r.periodDays
            minAmount = r.minAmount.flatMap { Fmt.money($0) }; minDeliveries = r.minDeliveries; inactiveDays = r.inactiveDays
            minOwed = r.minOwed.flatMap { Fmt.money($0) }; birthdayThisMonth = r.birthdayThisMonth
        }
    }

    struct SegmentDTO: Encodable {
        var id: String
        var name: String
        var description: String?
        var rule: RuleDTO
        var version: Int64
        var updatedAt: String?
        /// How many customers the caller may see it finds now (on GET of one).
        var count: Int64?
        init(_ s: SegmentRow, count: Int64? = nil) {
            id = String(s.id); name = s.name; description = s.description; rule = RuleDTO(SegmentService.decode(s)); version = s.version
            updatedAt = ISOTime.string(s.updatedAt); self.count = count
        }
    }

    struct FoundDTO: Encodable {
        var id: String
        var code: String
        var name: String
        var level: String?
        var province: String?
        var city: String?
        init(_ p: PartnerRow) {
            id = String(p.id); code = p.code; name = p.name; level = p.level; province = p.province; city = p.city
        }
    }

    struct PreviewDTO: Encodable {
        var count: Int64
        var first: [FoundDTO]
    }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await SegmentService.list(limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { SegmentDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func show(_ req: Request) async throws -> Response {
        let s = try await SegmentService.find(try req.id(), req.services)
        let p = try await SegmentService.preview(SegmentService.decode(s), req.services)
        return try SegmentDTO(s, count: p.count).jsonResponse()
    }

    static func create(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(Body.self)
        return try SegmentDTO(try await SegmentService.create(try b.input(), req.services)).jsonResponse(status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(Body.self)
        return try SegmentDTO(try await SegmentService.update(id, try b.input(), version: b.version, req.services)).jsonResponse()
    }

    /// The count and first customers of a rule as the editor types it, without saving it.
    static func preview(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .view)
        let b = try req.decodeJSON(Body.self)
        let rule = try await SegmentService.rule(try b.input(), req.services)
        let p = try await SegmentService.preview(rule, req.services)
        return try PreviewDTO(count: p.count, first: p.first.map(FoundDTO.init)).jsonResponse()
    }

    static func customers(_ req: Request) async throws -> Response {
        let id = try req.id()
        let (limit, cursor) = try req.paging()
        let page = try await SegmentService.customers(id, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(FoundDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }
}
