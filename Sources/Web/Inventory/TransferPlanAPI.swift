import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for stock balancing: transfers suggested between warehouses, and applying them.
enum TransferPlanAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("stock", "transfer-suggestions", use: transferSuggestions)
        authed.post("stock", "transfer-suggestions", "apply", use: applyTransfers)
    }

    struct SuggestionDTO: Codable {
        var productId: String; var fromWarehouseId: String; var toWarehouseId: String; var quantity: String; var reason: String?
        init(_ s: TransferPlanning.Suggestion) {
            productId = String(s.productId); fromWarehouseId = String(s.fromWarehouseId); toWarehouseId = String(s.toWarehouseId);
            quantity = Fmt.qty(s.quantity)!
            reason = s.reason
        }
    }

    static func transferSuggestions(_ req: Request) async throws -> Response {
        var days: Int64 = 60
        if let t = req.query[String.self, at: "slowDays"] {
            guard let d = Int64(t), (1...3650).contains(d) else {
                throw DomainError(.badRequest, code: "wrong_type", field: "slowDays", args: ["slowDays"])
            }
            days = d
        }
        let rows = try await TransferPlanning.suggest(today: CalendarDate.chinaDate(req.services.nowMillis), slowDays: days, req.services)
        return try ListBody(items: rows.map(SuggestionDTO.init), nextCursor: nil).jsonResponse()
    }

    static func applyTransfers(_ req: Request) async throws -> Response {
        try req.services.require(.stock, .create)
        struct Body: Decodable { var postingDate: String?; var items: [SuggestionDTO]? }
        let b = try req.decodeJSON(Body.self)
        let date = b.postingDate.flatMap { $0.isEmpty ? nil : $0 } ?? CalendarDate.chinaDate(req.services.nowMillis)
        guard Validate.isDate(date) else { throw DomainError.invalid("postingDate", code: "invalid_date") }
        let items = try (b.items ?? []).enumerated().map { i, it -> TransferPlanning.Suggestion in
            guard let q = try Validate.quantity(it.quantity, "items[\(i)].quantity") else {
                throw DomainError.required("items[\(i)].quantity")
            }
            guard let p = try APIID.parse(it.productId, field: "items[\(i)].productId"),
                let f = try APIID.parse(it.fromWarehouseId, field: "items[\(i)].fromWarehouseId"),
                let to = try APIID.parse(it.toWarehouseId, field: "items[\(i)].toWarehouseId")
            else { throw DomainError.required("items[\(i)]") }
            return .init(productId: p, fromWarehouseId: f, toWarehouseId: to, quantity: q.units, reason: it.reason ?? "")
        }
        let ids = try await TransferPlanning.apply(items, date: date, req.services)
        struct R: Encodable { var documentIds: [String] }
        return try R(documentIds: ids.map(String.init)).jsonResponse(status: .created)
    }
}
