import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor

/// /api/v1/message-templates, /api/v1/sends and /api/v1/opt-outs: 群发 for programs.
enum MessageAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("message-templates", use: templates)
        authed.post("message-templates", use: createTemplate)
        authed.get("message-templates", ":id", use: template)
        authed.put("message-templates", ":id", use: updateTemplate)
        authed.get("message-templates", ":id", "preview", use: preview)
        authed.get("sends", use: sends)
        authed.post("sends", use: queue)
        authed.get("sends", ":id", use: send)
        authed.post("sends", ":id", "transitions", use: transition)
        authed.get("sends", ":id", "recipients", use: recipients)
        authed.get("opt-outs", use: optOuts)
        authed.post("opt-outs", use: addOptOut)
        authed.delete("opt-outs", ":id", use: removeOptOut)
    }

    struct TemplateBody: Decodable {
        var name: String?
        var channel: String?
        var purpose: String?
        var subject: String?
        var body: String?
        var providerTemplate: String?
        var version: Int64?
        var input: MessageService.TemplateInput {
            .init(name: name, channel: channel, purpose: purpose, subject: subject, body: body, providerTemplate: providerTemplate)
        }
    }

    struct TemplateDTO: Encodable {
        var id: String
        var name: String
        var channel: String
        var purpose: String
        var subject: String?
        var body: String
        var providerTemplate: String?
        var version: Int64
        var updatedAt: String?
        init(_ t: MessageTemplateRow) {
            id = String(t.id); name = t.name; channel = t.channel; purpose = t.purpose; subject = t.subject; body = t.body
            providerTemplate = t.providerTemplate
            version = t.version; updatedAt = ISOTime.string(t.updatedAt)
        }
    }

    static func templates(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await MessageService.templates(limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(TemplateDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func template(_ req: Request) async throws -> Response {
        try TemplateDTO(try await MessageService.template(try req.id(), req.services)).jsonResponse()
    }

    static func createTemplate(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(TemplateBody.self)
        return try TemplateDTO(try await MessageService.createTemplate(b.input, req.services)).jsonResponse(status: .created)
    }

    static func updateTemplate(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(TemplateBody.self)
        return try TemplateDTO(try await MessageService.updateTemplate(id, b.input, version: b.version, req.services)).jsonResponse()
    }

    struct PreviewDTO: Encodable {
        var subject: String
        var text: String
    }

    /// `?contactId=`, `?leadId=` or `?invitationId=`: the template filled with that person's data.
    static func preview(_ req: Request) async throws -> Response {
        let id = try req.id()
        let contact = try APIID.query(req, "contactId"), lead = try APIID.query(req, "leadId")
        let invitation = try APIID.query(req, "invitationId")
        let p = try await MessageService.preview(
            id, contact: contact, lead: lead, invitation: invitation, baseUrl: PageShell.absolute(req, ""), req.services)
        return try PreviewDTO(subject: p.subject, text: p.text).jsonResponse()
    }

    struct SendDTO: Encodable {
        var id: String
        var templateId: String
        var campaignId: String?
        var eventId: String?
        var channel: String
        var purpose: String
        var status: String
        var subject: String?
        var createdAt: String?
        var finishedAt: String?
        var segmentId: String?
        var triggerId: String?
        var tracking: Bool
        /// Recipients by state: queued, sending, sent, failed, bounced, skipped, unknown.
        var progress: [String: Int64]
        init(_ s: MessageSendRow, _ progress: [String: Int64]) {
            triggerId = APIID.string(s.triggerId); tracking = s.tracking
            id = String(s.id); templateId = String(s.templateId); campaignId = APIID.string(s.campaignId); eventId = APIID.string(s.eventId)
            channel = s.channel; purpose = s.purpose; status = s.status; subject = s.subject; createdAt = ISOTime.string(s.createdAt)
            finishedAt = ISOTime.string(s.finishedAt); segmentId = APIID.string(s.segmentId); self.progress = progress
        }
    }

    static func sends(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let event = try APIID.query(req, "eventId")
        let page = try await MessageService.sends(event: event, limit: limit, cursor: cursor, req.services)
        var items: [SendDTO] = []
        for s in page.items { items.append(SendDTO(s, try await MessageService.send(s.id, req.services).1)) }
        return try ListBody(items: items, nextCursor: page.nextCursor).jsonResponse()
    }

    static func send(_ req: Request) async throws -> Response {
        let (s, p) = try await MessageService.send(try req.id(), req.services)
        return try SendDTO(s, p).jsonResponse()
    }

    struct QueueBody: Decodable {
        var templateId: String?
        var eventId: String?
        var statuses: [String]?
        var contactIds: [String]?
        var leadIds: [String]?
        var segmentId: String?
        var tracking: Bool?
    }

    struct QueuedDTO: Encodable {
        var send: SendDTO
        var queued: Int
        var skipped: Int
        var noAddress: Int
    }

    static func queue(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(QueueBody.self)
        let r = try await MessageService.queue(
            .init(
                templateId: try APIID.parse(b.templateId, field: "templateId"), eventId: try APIID.parse(b.eventId, field: "eventId"),
                statuses: b.statuses, contactIds: try APIID.parseList(b.contactIds, field: "contactIds") ?? [],
                leadIds: try APIID.parseList(b.leadIds, field: "leadIds") ?? [],
                segmentId: try APIID.parse(b.segmentId, field: "segmentId"),
                tracking: b.tracking ?? false),
            baseUrl: PageShell.absolute(req, ""), req.services)
        let progress = try await MessageService.send(r.send.id, req.services).1
        return try QueuedDTO(send: SendDTO(r.send, progress), queued: r.queued, skipped: r.skipped, noAddress: r.noAddress)
            .jsonResponse(status: .created)
    }

    struct TransitionBody: Decodable { var action: String? }

    /// `{"action": "pause" | "resume" | "cancel"}`.
    static func transition(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(TransitionBody.self)
        guard let raw = b.action, let c = SendFlow.Command(rawValue: raw), SendFlow.transitions.contains(c) else {
            throw DomainError.invalid("action", code: "invalid_choice", args: ["action"])
        }
        let s = try await MessageService.transition(id, c, req.services)
        return try SendDTO(s, try await MessageService.send(id, req.services).1).jsonResponse()
    }

    struct RecipientDTO: Encodable {
        var id: String
        var address: String
        var name: String
        var contactId: String?
        var leadId: String?
        var invitationId: String?
        var status: String
        var attempts: Int64
        var error: String?
        var sentAt: String?
        var unsubscribedAt: String?
        var openedAt: String?
        var clickedAt: String?
        var clicks: Int64
        init(_ r: MessageRecipientRow) {
            openedAt = ISOTime.string(r.openedAt); clickedAt = ISOTime.string(r.clickedAt); clicks = r.clicks
            id = String(r.id); address = r.address; name = r.name; contactId = APIID.string(r.contactId); leadId = APIID.string(r.leadId)
            invitationId = APIID.string(r.invitationId); status = r.status; attempts = r.attempts; error = r.error
            sentAt = ISOTime.string(r.sentAt); unsubscribedAt = ISOTime.string(r.unsubscribedAt)
        }
    }

    static let recipientStates = ["queued", "sending", "sent", "failed", "bounced", "skipped", "unknown"]

    static func recipients(_ req: Request) async throws -> Response {
        let id = try req.id()
        let (limit, cursor) = try req.paging()
        let status = req.query[String.self, at: "status"]
        if let s = status, !s.isEmpty, !recipientStates.contains(s) {
            throw DomainError(.badRequest, code: "wrong_type", field: "status", args: ["status"])
        }
        let page = try await MessageService.recipients(id, status: status, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(RecipientDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    struct OptOutDTO: Encodable {
        var id: String
        var channel: String
        var address: String
        var purpose: String
        var source: String
        var createdAt: String?
        init(_ o: OptOutRow) {
            id = String(o.id); channel = o.channel; address = o.address; purpose = o.purpose; source = o.source
            createdAt = ISOTime.string(o.createdAt)
        }
    }

    static func optOuts(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let channel = req.query[String.self, at: "channel"]
        if let c = channel, !c.isEmpty, MessageService.Channel(rawValue: c) == nil {
            throw DomainError(.badRequest, code: "wrong_type", field: "channel", args: ["channel"])
        }
        let page = try await MessageService.optOuts(channel: channel, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(OptOutDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    struct OptOutBody: Decodable {
        var channel: String?
        var address: String?
    }

    static func addOptOut(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(OptOutBody.self)
        return try OptOutDTO(try await MessageService.addOptOut(channel: b.channel, address: b.address, req.services))
            .jsonResponse(status: .created)
    }

    static func removeOptOut(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        try await MessageService.removeOptOut(id, req.services)
        return Response(status: .noContent)
    }
}
