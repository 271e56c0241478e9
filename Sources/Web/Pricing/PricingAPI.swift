import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for the price system and cross-region (窜货) control: regions, price lists, the price a
/// customer would be quoted, and the price-deviation report.
enum PricingAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("regions", use: listRegions)
        authed.post("regions", use: createRegion)
        authed.get("regions", ":id", use: showRegion)
        authed.put("regions", ":id", use: updateRegion)
        authed.get("price-lists", use: listPriceLists)
        authed.post("price-lists", use: createPriceList)
        authed.get("price-lists", ":id", use: showPriceList)
        authed.put("price-lists", ":id", use: updatePriceList)
        authed.get("prices", use: proposePrice)
        authed.get("price-deviation", use: deviation)
        authed.get("sightings", use: listSightings)
        authed.post("sightings", use: recordSighting)
        authed.get("sightings", ":id", use: showSighting)
        authed.post("sightings", ":id", "close", use: closeSighting)
        authed.get("traces", use: trace)
    }

    struct SightingDTO: Encodable {
        var id: String; var code: String; var productId: String?; var province: String; var city: String?; var place: String?;
        var regionId: String?
        var buyerId: String?; var buyerRegionId: String?; var sellerId: String?; var documentId: String?; var flagged: Bool;
        var status: String
        var resolution: String?; var createdAt: String?; var closedAt: String?
        /// `saleVisible` false: the buyer, the seller and the delivery stay out (the sale is beyond the reader's reach).
        init(_ s: SightingRow, saleVisible: Bool = true) {
            id = String(s.id); code = s.code; productId = APIID.string(s.productId); province = s.province; city = s.city; place = s.place
            regionId = APIID.string(s.regionId); buyerRegionId = APIID.string(s.buyerRegionId)
            if saleVisible {
                buyerId = APIID.string(s.buyerId); sellerId = APIID.string(s.sellerId); documentId = APIID.string(s.documentId)
            }
            flagged = s.flagged; status = s.status; resolution = s.resolution; createdAt = ISOTime.string(s.createdAt)
            closedAt = ISOTime.string(s.closedAt)
        }
    }

    static func listSightings(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await SightingService.list(
            openOnly: req.query[String.self, at: "open"] == "true", limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { SightingDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }
    static func showSighting(_ req: Request) async throws -> Response {
        let s = try await SightingService.find(try req.id(), req.services)
        return try SightingDTO(s, saleVisible: SightingService.saleVisible(s, req.services)).jsonResponse()
    }
    static func recordSighting(_ req: Request) async throws -> Response {
        try req.services.require(.channel, .create)
        struct Body: Decodable { var code: String?; var productId: String?; var province: String?; var city: String?; var place: String? }
        let b = try req.decodeJSON(Body.self)
        let s = try await SightingService.record(
            .init(
                code: b.code, productId: try APIID.parse(b.productId, field: "productId"), province: b.province, city: b.city,
                place: b.place), req.services)
        return try SightingDTO(s, saleVisible: SightingService.saleVisible(s, req.services)).jsonResponse(status: .created)
    }
    static func closeSighting(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.channel, .edit)
        _ = try await SightingService.find(id, req.services)
        struct Body: Decodable { var resolution: String? }
        let b = try req.decodeJSON(Body.self)
        let closed = try await SightingService.close(id, resolution: b.resolution, req.services)
        return try SightingDTO(closed, saleVisible: SightingService.saleVisible(closed, req.services)).jsonResponse()
    }
    /// GET /traces?code=: who bought a batch or serial.
    static func trace(_ req: Request) async throws -> Response {
        try req.services.require(.channel, .view)
        guard let code = req.query[String.self, at: "code"], !code.isEmpty else {
            throw DomainError(.badRequest, code: "wrong_type", field: "code", args: ["code"])
        }
        guard let s = try await SightingService.trace(code: code, productId: try APIID.query(req, "productId"), req.store) else {
            throw DomainError.notFound
        }
        struct Body: Encodable {
            var code: String; var branch: String; var documentId: String?; var documentNumber: String?; var date: String?;
            var productId: String
            var buyerId: String?; var regionId: String?; var sellerId: String?
        }
        let branch = try await OrganisationQueries.branch(s.buyer.branchId, on: req.store)?.name ?? ""
        // Beyond the caller's reach: that it was sold, and in which branch.
        guard SightingService.saleVisible(s, req.services) else {
            return try Body(code: code, branch: branch, productId: String(s.productId)).jsonResponse()
        }
        return try Body(
            code: code, branch: branch, documentId: String(s.documentId), documentNumber: s.documentNumber, date: s.date,
            productId: String(s.productId),
            buyerId: String(s.buyer.id), regionId: APIID.string(s.regionId), sellerId: APIID.string(s.buyer.ownerId)
        ).jsonResponse()
    }

    struct RegionDTO: Encodable {
        var id: String; var code: String; var name: String; var provinces: [String]; var active: Bool; var version: Int64
        init(_ r: RegionRow) {
            id = String(r.id); code = r.code; name = r.name; provinces = r.provinceList; active = r.active; version = r.version
        }
    }
    struct RegionBody: Decodable {
        var code: String?; var name: String?; var provinces: [String]?; var active: Bool?; var version: Int64?
        var input: PriceService.RegionInput { .init(code: code, name: name, provinces: provinces, active: active) }
    }

    static func listRegions(_ req: Request) async throws -> Response {
        try ListBody(items: try await PriceService.regions(req.services).map(RegionDTO.init), nextCursor: nil).jsonResponse()
    }
    static func showRegion(_ req: Request) async throws -> Response {
        try RegionDTO(try await PriceService.region(try req.id(), req.services)).jsonResponse()
    }
    static func createRegion(_ req: Request) async throws -> Response {
        try req.services.require(.prices, .create)
        let body = try req.decodeJSON(RegionBody.self)
        return try RegionDTO(try await PriceService.saveRegion(nil, body.input, version: nil, req.services)).jsonResponse(status: .created)
    }
    static func updateRegion(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.prices, .edit)
        _ = try await PriceService.region(id, req.services)
        let body = try req.decodeJSON(RegionBody.self)
        return try RegionDTO(try await PriceService.saveRegion(id, body.input, version: body.version, req.services)).jsonResponse()
    }

    struct PriceListDTO: Encodable {
        struct Item: Encodable { var productId: String; var unit: String; var price: String; var floorPrice: String? }
        var id: String; var code: String; var name: String; var regionId: String?; var customerLevel: String?; var validFrom: String;
        var validTo: String?
        var active: Bool; var note: String?; var version: Int64; var items: [Item]?
        init(_ l: PriceListRow, items: [PriceListItemRow]? = nil) {
            id = String(l.id); code = l.code; name = l.name; regionId = APIID.string(l.regionId); customerLevel = l.customerLevel;
            validFrom = l.validFrom
            validTo = l.validTo; active = l.active; note = l.note; version = l.version
            self.items = items?.map {
                Item(productId: String($0.productId), unit: $0.unit, price: Fmt.price($0.price)!, floorPrice: Fmt.price($0.floorPrice))
            }
        }
    }
    struct PriceListBody: Decodable {
        struct Item: Decodable { var productId: String?; var unit: String?; var price: String?; var floorPrice: String? }
        var code: String?; var name: String?; var regionId: String?; var customerLevel: String?; var validFrom: String?;
        var validTo: String?
        var active: Bool?; var note: String?; var items: [Item]?; var version: Int64?
        func input() throws -> PriceService.ListInput {
            .init(
                code: code, name: name, regionId: try APIID.parse(regionId, field: "regionId"), customerLevel: customerLevel,
                validFrom: validFrom, validTo: validTo,
                active: active, note: note,
                items: try items?.enumerated().map { i, it in
                    .init(
                        productId: try APIID.parse(it.productId, field: "items[\(i)].productId"), unit: it.unit, price: it.price,
                        floorPrice: it.floorPrice)
                })
        }
    }

    static func listPriceLists(_ req: Request) async throws -> Response {
        try ListBody(items: try await PriceService.lists(req.services).map { PriceListDTO($0) }, nextCursor: nil).jsonResponse()
    }
    static func showPriceList(_ req: Request) async throws -> Response {
        let d = try await PriceService.list(try req.id(), req.services)
        return try PriceListDTO(d.list, items: d.items).jsonResponse()
    }
    static func createPriceList(_ req: Request) async throws -> Response {
        try req.services.require(.prices, .create)
        let body = try req.decodeJSON(PriceListBody.self)
        let d = try await PriceService.saveList(nil, try body.input(), version: nil, req.services)
        return try PriceListDTO(d.list, items: d.items).jsonResponse(status: .created)
    }
    static func updatePriceList(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.prices, .edit)
        _ = try await PriceService.list(id, req.services)
        let body = try req.decodeJSON(PriceListBody.self)
        let d = try await PriceService.saveList(id, try body.input(), version: body.version, req.services)
        return try PriceListDTO(d.list, items: d.items).jsonResponse()
    }

    /// GET /prices?partnerId=&productId=&unit=&date=: what this customer would be charged, and the floor.
    static func proposePrice(_ req: Request) async throws -> Response {
        try req.services.require(.prices, .view)
        guard let pid = try APIID.query(req, "productId") else {
            throw DomainError(.badRequest, code: "wrong_type", field: "productId", args: ["productId"])
        }
        guard let product = try await InventoryQueries.product(pid, on: req.store) else { throw DomainError.notFound }
        let unitName = req.query[String.self, at: "unit"].flatMap { $0.isEmpty ? nil : $0 } ?? product.baseUnit
        guard let unit = try await InventoryQueries.units(of: pid, on: req.store).first(where: { $0.name == unitName }) else {
            throw DomainError(.badRequest, code: "wrong_type", field: "unit", args: ["unit"])
        }
        var partner: PartnerRow?
        if let p = try APIID.query(req, "partnerId") {
            partner = try await DealLines.party(p, sales: true, req.services)
        }
        let date = req.query[String.self, at: "date"].flatMap { $0.isEmpty ? nil : $0 } ?? CalendarDate.chinaDate(req.services.nowMillis)
        guard Validate.isDate(date) else { throw DomainError(.badRequest, code: "wrong_type", field: "date", args: ["date"]) }
        let p = try await PriceService.propose(
            for: partner, date: date, [(pid, unitName, unit.factor)], products: [pid: product], req.store)[0]
        struct Body: Encodable {
            var productId: String; var unit: String; var price: String; var floorPrice: String; var priceListId: String?; var date: String
        }
        return try Body(
            productId: String(pid), unit: unitName, price: p.price.description, floorPrice: p.floor.description,
            priceListId: APIID.string(p.listId),
            date: date
        ).jsonResponse()
    }

    static func deviation(_ req: Request) async throws -> Response {
        let by = PriceService.DeviationGroup(rawValue: req.query[String.self, at: "groupBy"] ?? "region")
        guard let by else { throw DomainError(.badRequest, code: "wrong_type", field: "groupBy", args: ["groupBy"]) }
        func day(_ name: String, _ fallback: String) throws -> String {
            guard let v = req.query[String.self, at: name], !v.isEmpty else { return fallback }
            guard Validate.isDate(v) else { throw DomainError(.badRequest, code: "wrong_type", field: name, args: [name]) }
            return v
        }
        let today = CalendarDate.chinaDate(req.services.nowMillis)
        let rows = try await PriceService.deviation(
            from: try day("from", String(today.prefix(8)) + "01"), to: try day("to", today), by: by, req.services)
        struct Row: Encodable {
            var key: String?; var lines: Int64; var listAmount: String; var actualAmount: String; var deviation: String;
            var belowFloor: Int64
        }
        return try ListBody(
            items: rows.map {
                Row(
                    key: APIID.string($0.key), lines: $0.lines, listAmount: Fmt.money($0.listAmount)!,
                    actualAmount: Fmt.money($0.actualAmount)!,
                    deviation: Fmt.money($0.deviation)!, belowFloor: $0.belowFloor)
            }, nextCursor: nil
        ).jsonResponse()
    }
}
