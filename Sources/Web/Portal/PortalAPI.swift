import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1/portal for a distributor's external users (their own account only), and the head
/// office's channel stock and portal accounts.
enum PortalAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("portal", "catalog", use: catalog)
        authed.get("portal", "orders", use: orders)
        authed.post("portal", "orders", use: placeOrder)
        authed.get("portal", "orders", ":id", use: order)
        authed.get("portal", "deliveries", use: deliveries)
        authed.get("portal", "deliveries", ":id", use: delivery)
        authed.get("portal", "statement", use: statement)
        authed.get("portal", "stock-reports", use: reports)
        authed.post("portal", "stock-reports", use: report)
        authed.get("channel-stock", use: channelStock)
        authed.get("portal-users", use: users)
        authed.post("portal-users", use: createUser)
    }

    static func catalog(_ req: Request) async throws -> Response {
        struct C: Encodable { var productId: String; var code: String; var name: String; var unit: String; var price: String }
        return try ListBody(
            items: try await PortalService.catalog(req.services).map {
                C(
                    productId: String($0.product.id), code: $0.product.code, name: $0.product.name,
                    unit: $0.unit, price: $0.price.description)
            }, nextCursor: nil
        ).jsonResponse()
    }
    static func orders(_ req: Request) async throws -> Response {
        try ListBody(items: try await PortalService.orders(req.services).map { InventoryAPI.OrderDTO($0) }, nextCursor: nil).jsonResponse()
    }
    static func order(_ req: Request) async throws -> Response {
        let d = try await PortalService.order(try req.id(), req.services)
        return try InventoryAPI.OrderDTO(d.order, lines: d.lines).jsonResponse()
    }
    static func placeOrder(_ req: Request) async throws -> Response {
        _ = try await PortalService.partner(req.services)
        struct L: Decodable { var productId: String?; var unit: String?; var quantity: String? }
        struct Body: Decodable { var note: String?; var lines: [L]? }
        let b = try req.decodeJSON(Body.self)
        let lines = try (b.lines ?? []).enumerated().map { i, l in
            PortalService.OrderLine(
                productId: try APIID.parse(l.productId, field: "lines[\(i)].productId"), unit: l.unit,
                quantity: l.quantity)
        }
        let d = try await PortalService.placeOrder(lines, note: b.note, req.services)
        return try InventoryAPI.OrderDTO(d.order, lines: d.lines).jsonResponse(status: .created)
    }
    struct DeliveryDTO: Encodable {
        struct Line: Encodable { var productId: String; var unit: String; var quantity: String; var batch: String?; var amount: String? }
        var id: String; var number: String; var type: String; var postingDate: String; var lines: [Line]?
        init(_ d: StockDocumentRow, lines: [StockLineRow]? = nil) {
            id = String(d.id); number = d.number; type = d.docType; postingDate = d.postingDate
            self.lines = lines?.map {
                Line(
                    productId: String($0.productId), unit: $0.unit, quantity: Fmt.qty($0.quantity)!, batch: $0.batch,
                    amount: Fmt.money($0.amount))
            }
        }
    }
    static func deliveries(_ req: Request) async throws -> Response {
        try ListBody(items: try await PortalService.deliveries(req.services).map { DeliveryDTO($0) }, nextCursor: nil).jsonResponse()
    }
    static func delivery(_ req: Request) async throws -> Response {
        let (d, lines) = try await PortalService.delivery(try req.id(), req.services)
        return try DeliveryDTO(d, lines: lines).jsonResponse()
    }
    static func statement(_ req: Request) async throws -> Response {
        let today = CalendarDate.chinaDate(req.services.nowMillis)
        let from = req.query[String.self, at: "from"] ?? String(today.prefix(8)) + "01", to = req.query[String.self, at: "to"] ?? today
        for (n, v) in [("from", from), ("to", to)] where !Validate.isDate(v) {
            throw DomainError(.badRequest, code: "wrong_type", field: n, args: [n])
        }
        let s = try await PortalService.statement(from: from, to: to, req.services)
        struct L: Encodable {
            var date: String; var document: String; var kind: String; var charge: String; var payment: String; var balance: String
        }
        struct Body: Encodable {
            var from: String; var to: String; var opening: String; var closing: String; var open: String; var lines: [L]
        }
        return try Body(
            from: s.from, to: s.to, opening: Fmt.money(s.opening)!, closing: Fmt.money(s.closing)!, open: Fmt.money(s.open)!,
            lines: s.lines.map {
                L(
                    date: $0.date, document: $0.document, kind: $0.kind, charge: Fmt.money($0.charge)!, payment: Fmt.money($0.payment)!,
                    balance: Fmt.money($0.balance)!)
            }
        ).jsonResponse()
    }
    struct ReportDTO: Encodable {
        var partnerId: String; var week: String; var productId: String; var onHand: String; var sold: String
        init(_ r: ChannelReportRow) {
            partnerId = String(r.partnerId); week = r.week; productId = String(r.productId); onHand = Fmt.qty(r.onHand)!;
            sold = Fmt.qty(r.sold)!
        }
    }
    static func reports(_ req: Request) async throws -> Response {
        try ListBody(items: try await PortalService.reports(req.services).map(ReportDTO.init), nextCursor: nil).jsonResponse()
    }
    static func report(_ req: Request) async throws -> Response {
        _ = try await PortalService.partner(req.services)
        struct L: Decodable { var productId: String?; var onHand: String?; var sold: String? }
        struct Body: Decodable { var week: String?; var lines: [L]? }
        let b = try req.decodeJSON(Body.self)
        let rows = try await PortalService.report(
            week: b.week,
            try (b.lines ?? []).enumerated().map { i, l in
                .init(productId: try APIID.parse(l.productId, field: "lines[\(i)].productId"), onHand: l.onHand, sold: l.sold)
            }, req.services)
        return try ListBody(items: rows.map(ReportDTO.init), nextCursor: nil).jsonResponse(status: .created)
    }
    static func channelStock(_ req: Request) async throws -> Response {
        try ListBody(items: try await PortalService.channelStock(req.services).map(ReportDTO.init), nextCursor: nil).jsonResponse()
    }
    static func users(_ req: Request) async throws -> Response {
        struct U: Encodable { var id: String; var username: String; var displayName: String; var partnerId: String? }
        return try ListBody(
            items: try await PortalService.users(req.services).map {
                U(
                    id: String($0.id), username: $0.username, displayName: $0.displayName,
                    partnerId: APIID.string($0.partnerId))
            }, nextCursor: nil
        ).jsonResponse()
    }
    static func createUser(_ req: Request) async throws -> Response {
        try req.services.require(.users, .create)
        struct Body: Decodable { var partnerId: String?; var username: String?; var displayName: String?; var password: String? }
        let b = try req.decodeJSON(Body.self)
        let u = try await PortalService.createUser(
            partnerId: try APIID.parse(b.partnerId, field: "partnerId"), username: b.username, displayName: b.displayName,
            password: b.password, req.services)
        struct U: Encodable { var id: String; var username: String; var displayName: String; var partnerId: String? }
        return try U(id: String(u.id), username: u.username, displayName: u.displayName, partnerId: APIID.string(u.partnerId)).jsonResponse(
            status: .created)
    }
}
