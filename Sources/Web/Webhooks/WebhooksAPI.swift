import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1/webhooks: subscriptions, their delivery log and replays.
enum WebhooksAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("webhooks", use: list)
        authed.post("webhooks", use: create)
        authed.get("webhooks", ":id", use: show)
        authed.put("webhooks", ":id", use: update)
        authed.delete("webhooks", ":id", use: delete)
        authed.get("webhooks", ":id", "deliveries", use: deliveries)
        authed.post("webhooks", ":id", "deliveries", ":delivery", "replay", use: replay)
    }

    struct Body: Decodable {
        var url: String?
        var description: String?
        var events: [String]?
        var active: Bool?
        var version: Int64?
        var input: WebhookService.Input { .init(url: url, description: description, events: events, active: active) }
    }

    struct SubscriptionDTO: Encodable {
        var id: String
        var url: String
        var description: String?
        var events: [String]
        /// Only to those who may change the subscription.
        var secret: String?
        var active: Bool
        var disabledReason: String?
        var disabledAt: String?
        var version: Int64
        var createdAt: String?
        init(_ s: WebhookSubscriptionRow, secret: Bool) {
            id = String(s.id); url = s.url; description = s.description; events = s.patterns; self.secret = secret ? s.secret : nil
            active = s.active; disabledReason = s.disabledReason; disabledAt = ISOTime.string(s.disabledAt); version = s.version
            createdAt = ISOTime.string(s.createdAt)
        }
    }

    struct DeliveryDTO: Encodable {
        var id: String
        var eventId: String
        var replayOf: String?
        var status: String
        var attempts: Int64
        var nextAttemptAt: String?
        var lastAttemptAt: String?
        var responseCode: Int64?
        var responseBody: String?
        var error: String?
        var durationMs: Int64?
        var createdAt: String?
        init(_ d: WebhookDeliveryRow) {
            id = String(d.id); eventId = "evt_\(d.eventId)"; replayOf = d.replayOf.map(String.init); status = d.status;
            attempts = d.attempts
            nextAttemptAt = d.status == "pending" ? ISOTime.string(d.nextAttemptAt) : nil; lastAttemptAt = ISOTime.string(d.lastAttemptAt)
            responseCode = d.responseCode; responseBody = d.responseBody; error = d.error; durationMs = d.durationMs
            createdAt = ISOTime.string(d.createdAt)
        }
    }

    static func seesSecret(_ req: Request) -> Bool { req.state.principal?.can(.webhooks, .edit) ?? true }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let all = try await WebhookService.list(req.services).map { SubscriptionDTO($0, secret: seesSecret(req)) }
        let after = all.filter { cursor == nil || Int64($0.id)! > cursor!.id }
        let items = Array(after.prefix(limit))
        let next = after.count > limit ? items.last.map { Cursor(key: .int(Int64($0.id)!), id: Int64($0.id)!).encoded } : nil
        return try ListBody(items: items, nextCursor: next).jsonResponse()
    }

    static func show(_ req: Request) async throws -> Response {
        try SubscriptionDTO(try await WebhookService.find(try req.id(), req.services), secret: seesSecret(req)).jsonResponse()
    }

    /// The answer carries the signing secret: the receiver needs it to check signatures.
    static func create(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(Body.self)
        return try SubscriptionDTO(try await WebhookService.create(body.input, req.services), secret: true).jsonResponse(status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.webhooks, .edit)
        _ = try await WebhookService.find(id, req.services)
        let body = try req.decodeJSON(Body.self)
        return try SubscriptionDTO(try await WebhookService.update(id, body.input, version: body.version, req.services), secret: true)
            .jsonResponse()
    }

    static func delete(_ req: Request) async throws -> Response {
        try await WebhookService.delete(try req.id(), req.services)
        return Response(status: .noContent)
    }

    static func deliveries(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await WebhookService.deliveries(try req.id(), limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(DeliveryDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func replay(_ req: Request) async throws -> Response {
        try req.services.require(.webhooks, .edit)
        let d = try await WebhookService.replay(try req.id(), delivery: try req.id("delivery"), req.services)
        return try DeliveryDTO(d).jsonResponse(status: .created)
    }
}
