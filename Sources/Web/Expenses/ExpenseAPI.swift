import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for expense budgets and claims.
enum ExpenseAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("expense-categories", use: categories)
        authed.get("expense-budgets", use: budgets)
        authed.put("expense-budgets", use: setBudgets)
        authed.get("expense-report", use: report)
        authed.get("expense-claims", use: list)
        authed.post("expense-claims", use: create)
        authed.get("expense-claims", ":id", use: show)
        authed.put("expense-claims", ":id", use: update)
        for t in ExpenseClaimFlow.transitions { authed.post("expense-claims", ":id", .constant(t.rawValue), use: transition(t)) }
        authed.on(.POST, "expense-claims", ":id", "attachments", body: .collect(maxSize: "6mb"), use: upload)
        authed.get("expense-claims", ":id", "attachments", ":aid", use: download)
    }

    static func month(_ req: Request) throws -> String {
        let m = req.query[String.self, at: "month"] ?? String(CalendarDate.chinaDate(req.services.nowMillis).prefix(7))
        guard m.count == 7, Validate.isDate(m + "-01") else {
            throw DomainError(.badRequest, code: "wrong_type", field: "month", args: ["month"])
        }
        return m
    }

    static func categories(_ req: Request) async throws -> Response {
        try req.services.require(.expenses, .view)
        struct C: Encodable { var id: String; var code: String; var name: String; var active: Bool }
        return try ListBody(
            items: try await ExpenseService.categories(req.store).map {
                C(id: String($0.id), code: $0.code, name: $0.name, active: $0.active)
            },
            nextCursor: nil
        ).jsonResponse()
    }

    struct BudgetDTO: Encodable {
        var branchId: String; var departmentId: String?; var month: String; var categoryId: String; var amount: String
        init(_ b: ExpenseBudgetRow) {
            branchId = String(b.branchId); departmentId = APIID.string(b.departmentId); month = b.month; categoryId = String(b.categoryId);
            amount = Fmt.money(b.amount)!
        }
    }

    static func budgets(_ req: Request) async throws -> Response {
        try ListBody(
            items: try await ExpenseService.budgets(month: try month(req), branchId: try APIID.query(req, "branchId"), req.services).map(
                BudgetDTO.init),
            nextCursor: nil
        ).jsonResponse()
    }

    static func setBudgets(_ req: Request) async throws -> Response {
        try req.services.require(.expenses, .approve)
        struct Item: Decodable { var categoryId: String?; var amount: String? }
        struct Body: Decodable { var month: String?; var branchId: String?; var departmentId: String?; var items: [Item]? }
        let b = try req.decodeJSON(Body.self)
        let items = try (b.items ?? []).enumerated().map { i, it in
            ExpenseService.BudgetInput(categoryId: try APIID.parse(it.categoryId, field: "items[\(i)].categoryId"), amount: it.amount)
        }
        let rows = try await ExpenseService.setBudgets(
            month: b.month, branchId: try APIID.parse(b.branchId, field: "branchId"),
            departmentId: try APIID.parse(b.departmentId, field: "departmentId"), items, req.services)
        return try ListBody(items: rows.map(BudgetDTO.init), nextCursor: nil).jsonResponse()
    }

    static func report(_ req: Request) async throws -> Response {
        let rows = try await ExpenseService.report(month: try month(req), branchId: try APIID.query(req, "branchId"), req.services)
        struct R: Encodable {
            var branchId: String; var categoryId: String; var budget: String; var actual: String; var pending: String; var remaining: String
        }
        return try ListBody(
            items: rows.map {
                R(
                    branchId: String($0.branchId), categoryId: String($0.categoryId), budget: Fmt.money($0.budget)!,
                    actual: Fmt.money($0.actual)!,
                    pending: Fmt.money($0.pending)!, remaining: Fmt.money($0.budget - $0.actual - $0.pending)!)
            }, nextCursor: nil
        ).jsonResponse()
    }

    struct ClaimDTO: Encodable {
        struct Line: Encodable {
            var id: String; var categoryId: String; var expenseDate: String; var amount: String; var description: String?
        }
        var id: String; var number: String; var status: String; var branchId: String; var departmentId: String?; var ownerId: String;
        var claimDate: String
        var title: String; var total: String; var overBudget: Bool; var partnerId: String?; var contractId: String?; var campaign: String?;
        var note: String?; var campaignId: String?
        var version: Int64; var lines: [Line]?; var attachments: [AttachmentDTO]?; var approvals: [ApprovalRoundDTO]?
        init(_ c: ExpenseClaimRow, details: ExpenseService.Details? = nil, approvals: [ApprovalService.Details]? = nil) {
            id = String(c.id); number = c.number; status = c.status; branchId = String(c.branchId);
            departmentId = APIID.string(c.departmentId); ownerId = String(c.ownerId)
            claimDate = c.claimDate; title = c.title; total = Fmt.money(c.total)!; overBudget = c.overBudget;
            partnerId = APIID.string(c.partnerId)
            contractId = APIID.string(c.contractId); campaign = c.campaign; note = c.note; version = c.version
            campaignId = APIID.string(c.campaignId)
            lines = details?.lines.map {
                Line(
                    id: String($0.id), categoryId: String($0.categoryId), expenseDate: $0.expenseDate, amount: Fmt.money($0.amount)!,
                    description: $0.description)
            }
            attachments = details?.attachments.map(AttachmentDTO.init); self.approvals = approvals?.map(ApprovalRoundDTO.init)
        }
    }

    struct ClaimBody: Decodable {
        struct Line: Decodable { var categoryId: String?; var expenseDate: String?; var amount: String?; var description: String? }
        var title: String?; var claimDate: String?; var partnerId: String?; var contractId: String?; var campaign: String?;
        var note: String?; var lines: [Line]?; var campaignId: String?
        var version: Int64?
        func input() throws -> ExpenseService.Input {
            .init(
                title: title, claimDate: claimDate, partnerId: try APIID.parse(partnerId, field: "partnerId"),
                contractId: try APIID.parse(contractId, field: "contractId"),
                campaign: campaign, note: note,
                lines: try lines?.enumerated().map { i, l in
                    .init(
                        categoryId: try APIID.parse(l.categoryId, field: "lines[\(i)].categoryId"), expenseDate: l.expenseDate,
                        amount: l.amount, description: l.description)
                }, campaignId: try APIID.parse(campaignId, field: "campaignId"))
        }
    }

    static func dto(_ d: ExpenseService.Details, _ req: Request) async throws -> ClaimDTO {
        ClaimDTO(d.claim, details: d, approvals: try await ApprovalService.history(.expenseClaim, docId: d.claim.id, req.services))
    }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await ExpenseService.list(
            status: req.query[String.self, at: "status"], mine: req.query[String.self, at: "mine"] == "true", limit: limit,
            cursor: cursor, req.services)
        return try ListBody(items: page.items.map { ClaimDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }
    static func show(_ req: Request) async throws -> Response {
        try await dto(try await ExpenseService.find(try req.id(), req.services), req).jsonResponse()
    }
    static func create(_ req: Request) async throws -> Response {
        try req.services.require(.expenses, .create)
        let b = try req.decodeJSON(ClaimBody.self)
        return try await dto(try await ExpenseService.create(try b.input(), req.services), req).jsonResponse(status: .created)
    }
    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.expenses, .edit)
        _ = try await ExpenseService.row(id, req.services, action: .edit)
        let b = try req.decodeJSON(ClaimBody.self)
        return try await dto(try await ExpenseService.update(id, try b.input(), version: b.version, req.services), req).jsonResponse()
    }
    static func transition(_ t: ExpenseClaimFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in try await dto(try await ExpenseService.transition(try req.id(), t, req.services), req).jsonResponse() }
    }
    static func upload(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.expenses, .edit)
        _ = try await ExpenseService.row(id, req.services, action: .edit)
        let a = try await AttachmentService.add(
            .claim, id, fileName: req.query[String.self, at: "fileName"], data: req.body.data.map { Data(buffer: $0) } ?? Data(),
            directory: req.application.concord.filesDirectory, req.services)
        return try AttachmentDTO(a).jsonResponse(status: .created)
    }
    static func download(_ req: Request) async throws -> Response {
        guard let aid = req.parameters.get("aid").flatMap(Int64.init) else { throw DomainError.notFound }
        let (a, data) = try await AttachmentService.read(
            .claim, try req.id(), attachment: aid, directory: req.application.concord.filesDirectory, req.services)
        return AttachmentResponse.make(a, data)
    }
}
