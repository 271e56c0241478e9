import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1/message-triggers: birthday greetings, event reminders and quote follow-ups the calendar sends.
enum TriggerAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("message-triggers", use: list)
        authed.post("message-triggers", use: create)
        authed.get("message-triggers", ":id", use: show)
        authed.put("message-triggers", ":id", use: update)
    }

    struct Body: Decodable {
        var kind: String?
        var templateId: String?
        var days: Int64?
        var enabled: Bool?
        var version: Int64?
        func input() throws -> TriggerService.Input {
            .init(kind: kind, templateId: try APIID.parse(templateId, field: "templateId"), days: days.map(String.init), enabled: enabled)
        }
    }

    struct FiringDTO: Encodable {
        var occasion: String
        var sendId: String?
        var firedAt: String?
    }

    struct TriggerDTO: Encodable {
        var id: String
        var kind: String
        var templateId: String
        var days: Int64
        var enabled: Bool
        var lastRun: String?
        var version: Int64
        var firings: [FiringDTO]?
        init(_ t: TriggerRow, firings: [FiringRow]? = nil) {
            id = String(t.id); kind = t.kind; templateId = String(t.templateId); days = t.days; enabled = t.enabled; lastRun = t.lastRun
            version = t.version
            self.firings = firings?.map {
                FiringDTO(occasion: $0.occasion, sendId: $0.sendId.map(String.init), firedAt: ISOTime.string($0.firedAt))
            }
        }
    }

    static func list(_ req: Request) async throws -> Response {
        try ListBody(items: try await TriggerService.list(req.services).map { TriggerDTO($0) }, nextCursor: nil).jsonResponse()
    }

    static func show(_ req: Request) async throws -> Response {
        let (t, f) = try await TriggerService.find(try req.id(), req.services)
        return try TriggerDTO(t, firings: f).jsonResponse()
    }

    static func create(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(Body.self)
        let row = try await TriggerService.create(try b.input(), baseUrl: PageShell.absolute(req, ""), req.services)
        return try TriggerDTO(row).jsonResponse(status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(Body.self)
        return try TriggerDTO(try await TriggerService.update(id, try b.input(), version: b.version, req.services)).jsonResponse()
    }
}
