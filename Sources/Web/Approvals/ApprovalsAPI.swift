import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for approvals and their rules.
enum ApprovalsAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("approval-rules", use: listRules)
        authed.post("approval-rules", use: createRule)
        authed.get("approval-rules", ":id", use: showRule)
        authed.put("approval-rules", ":id", use: updateRule)
        authed.get("approvals", use: listApprovals)
        authed.get("approvals", ":id", use: showApproval)
        for d in ApprovalService.Decision.allCases { authed.post("approvals", ":id", .constant(d.rawValue), use: decide(d)) }
    }

    // MARK: approvals

    static func listRules(_ req: Request) async throws -> Response {
        try ListBody(items: try await ApprovalService.rules(req.services).map(ApprovalRuleDTO.init), nextCursor: nil).jsonResponse()
    }
    static func showRule(_ req: Request) async throws -> Response {
        try ApprovalRuleDTO(try await ApprovalService.rule(try req.id(), req.services)).jsonResponse()
    }
    static func createRule(_ req: Request) async throws -> Response {
        try req.services.require(.approvals, .approve)
        let body = try req.decodeJSON(ApprovalRuleBody.self)
        return try ApprovalRuleDTO(try await ApprovalService.saveRule(nil, try body.input(), version: nil, req.services)).jsonResponse(
            status: .created)
    }
    static func updateRule(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.approvals, .approve)
        _ = try await ApprovalService.rule(id, req.services)
        let body = try req.decodeJSON(ApprovalRuleBody.self)
        return try ApprovalRuleDTO(try await ApprovalService.saveRule(id, try body.input(), version: body.version, req.services))
            .jsonResponse()
    }

    static func listApprovals(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let boxText = req.query[String.self, at: "box"] ?? "todo"
        guard let box = ApprovalService.Box(rawValue: boxText) else {
            throw DomainError(.badRequest, code: "wrong_type", field: "box", args: ["box"])
        }
        let page = try await ApprovalService.list(
            box, status: req.query[String.self, at: "status"], limit: limit, cursor: cursor, req.services)
        var items: [ApprovalRoundDTO] = []
        for a in page.items { items.append(ApprovalRoundDTO(try await ApprovalService.details(a.id, req.services))) }
        return try ListBody(items: items, nextCursor: page.nextCursor).jsonResponse()
    }
    static func showApproval(_ req: Request) async throws -> Response {
        try ApprovalRoundDTO(try await ApprovalService.details(try req.id(), req.services)).jsonResponse()
    }
    static func decide(_ d: ApprovalService.Decision) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            _ = try await ApprovalService.visible(id, req.services)
            struct Body: Decodable { var comment: String? }
            let body = (req.body.data?.readableBytes ?? 0) > 0 ? try req.decodeJSON(Body.self) : Body()
            let a = try await ApprovalService.decide(id, d, comment: body.comment, req.services)
            return try ApprovalRoundDTO(try await ApprovalService.details(a.id, req.services)).jsonResponse()
        }
    }
}
