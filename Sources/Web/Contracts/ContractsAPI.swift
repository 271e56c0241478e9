import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for quotes, contracts with payment plans and attachments.
enum ContractsAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("quotes", use: listQuotes)
        authed.post("quotes", use: createQuote)
        authed.get("quotes", ":id", use: showQuote)
        authed.put("quotes", ":id", use: updateQuote)
        for t in QuoteFlow.transitions { authed.post("quotes", ":id", .constant(t.rawValue), use: quoteTransition(t)) }
        authed.get("contracts", use: listContracts)
        authed.get("contracts", "export", use: ContractsExports.contracts)
        authed.post("contracts", use: createContract)
        authed.get("contracts", ":id", use: showContract)
        authed.put("contracts", ":id", use: updateContract)
        authed.delete("contracts", ":id", use: deleteContract)
        for t in ContractFlow.transitions { authed.post("contracts", ":id", .constant(t.rawValue), use: contractTransition(t)) }
        authed.post("contracts", ":id", "renew", use: renewContract)
        authed.get("contracts", ":id", "progress", use: contractProgress)
        authed.post("contracts", ":id", "orders", use: contractOrder)
        authed.on(.POST, "contracts", ":id", "attachments", body: .collect(maxSize: "6mb"), use: uploadAttachment)
        authed.get("contracts", ":id", "attachments", ":aid", use: downloadAttachment)
        authed.delete("contracts", ":id", "attachments", ":aid", use: deleteAttachment)
        authed.get("payment-plans", "overdue", use: overdue)
        authed.get("payment-plans", ":id", use: showPlan)
        authed.put("payment-plans", ":id", use: setPlan)
    }

    static func today(_ req: Request) -> String { CalendarDate.chinaDate(req.services.nowMillis) }

    // MARK: quotes

    static func quoteDTO(_ d: QuoteService.Details, _ req: Request) async throws -> QuoteDTO {
        QuoteDTO(
            d.quote, lines: d.lines, expired: d.expired,
            approvals: try await ApprovalService.history(.quote, docId: d.quote.id, req.services))
    }
    static func listQuotes(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let f = QuoteService.Filter(
            partnerId: try APIID.query(req, "partnerId"), opportunityId: try APIID.query(req, "opportunityId"),
            status: req.query[String.self, at: "status"])
        let page = try await QuoteService.list(f, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { QuoteDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }
    static func showQuote(_ req: Request) async throws -> Response {
        try await quoteDTO(try await QuoteService.find(try req.id(), req.services), req).jsonResponse()
    }
    static func createQuote(_ req: Request) async throws -> Response {
        try req.services.require(.quotes, .create)
        let body = try req.decodeJSON(QuoteBody.self)
        return try await quoteDTO(try await QuoteService.create(try body.input(), req.services), req).jsonResponse(status: .created)
    }
    static func updateQuote(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.quotes, .edit)
        _ = try await QuoteService.find(id, req.services, action: .edit)
        let body = try req.decodeJSON(QuoteBody.self)
        return try await quoteDTO(try await QuoteService.update(id, try body.input(), version: body.version, req.services), req)
            .jsonResponse()
    }
    static func quoteTransition(_ t: QuoteFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in try await quoteDTO(try await QuoteService.transition(try req.id(), t, req.services), req).jsonResponse() }
    }

    // MARK: contracts

    static func contractDTO(_ d: ContractService.Details, _ req: Request) async throws -> ContractDTO {
        ContractDTO(
            d.contract, details: d, today: today(req),
            approvals: try await ApprovalService.history(.contract, docId: d.contract.id, req.services))
    }
    static func listContracts(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await ContractService.list(try ContractsFilters.contracts(req), limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { ContractDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }
    static func showContract(_ req: Request) async throws -> Response {
        try await contractDTO(try await ContractService.find(try req.id(), req.services), req).jsonResponse()
    }
    static func createContract(_ req: Request) async throws -> Response {
        try req.services.require(.contracts, .create)
        let body = try req.decodeJSON(ContractBody.self)
        return try await contractDTO(try await ContractService.create(try body.input(), req.services), req).jsonResponse(status: .created)
    }
    static func updateContract(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.contracts, .edit)
        _ = try await ContractService.row(id, req.services, action: .edit)
        let body = try req.decodeJSON(ContractBody.self)
        return try await contractDTO(try await ContractService.update(id, try body.input(), version: body.version, req.services), req)
            .jsonResponse()
    }
    static func deleteContract(_ req: Request) async throws -> Response {
        try await ContractService.delete(try req.id(), req.services)
        return Response(status: .noContent)
    }
    static func contractTransition(_ t: ContractFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            try req.services.require(.contracts, t == .submit || t == .withdraw ? .edit : .approve)
            _ = try await ContractService.row(id, req.services)
            struct Body: Decodable { var reason: String? }
            let body = (req.body.data?.readableBytes ?? 0) > 0 ? try req.decodeJSON(Body.self) : Body()
            return try await contractDTO(try await ContractService.transition(id, t, reason: body.reason, req.services), req).jsonResponse()
        }
    }
    static func renewContract(_ req: Request) async throws -> Response {
        try req.services.require(.contracts, .create)
        return try await contractDTO(try await ContractService.renew(try req.id(), req.services), req).jsonResponse(status: .created)
    }
    static func contractProgress(_ req: Request) async throws -> Response {
        try ProgressDTO(try await ContractService.progress(try req.id(), req.services), costs: req.seesCosts).jsonResponse()
    }
    static func contractOrder(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.orders, .create)
        _ = try await ContractService.row(id, req.services)
        struct Line: Decodable { var contractLineId: String?; var quantity: String?; var warehouseId: String? }
        struct Body: Decodable { var warehouseId: String?; var orderDate: String?; var lines: [Line]? }
        let body = try req.decodeJSON(Body.self)
        let lines = try (body.lines ?? []).enumerated().map { i, l in
            ContractService.OrderLineInput(
                contractLineId: try APIID.parse(l.contractLineId, field: "lines[\(i)].contractLineId"), quantity: l.quantity,
                warehouseId: try APIID.parse(l.warehouseId, field: "lines[\(i)].warehouseId"))
        }
        if let d = body.orderDate, !d.isEmpty, !Validate.isDate(d) { throw DomainError.invalid("orderDate", code: "invalid_date") }
        let d = try await ContractToOrder.make(
            id, lines: lines, warehouseId: try APIID.parse(body.warehouseId, field: "warehouseId"),
            orderDate: body.orderDate, req.services)
        return try InventoryAPI.OrderDTO(d.order, lines: d.lines).jsonResponse(status: .created)
    }

    static func uploadAttachment(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.contracts, .edit)
        _ = try await ContractService.row(id, req.services, action: .edit)
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let a = try await AttachmentService.add(
            contract: id, fileName: req.query[String.self, at: "fileName"], data: data,
            directory: req.application.concord.filesDirectory, req.services)
        return try AttachmentDTO(a).jsonResponse(status: .created)
    }
    static func downloadAttachment(_ req: Request) async throws -> Response {
        guard let aid = req.parameters.get("aid").flatMap(Int64.init) else { throw DomainError.notFound }
        let (a, data) = try await AttachmentService.read(
            contract: try req.id(), attachment: aid, directory: req.application.concord.filesDirectory, req.services)
        return AttachmentResponse.make(a, data)
    }

    static func deleteAttachment(_ req: Request) async throws -> Response {
        guard let aid = req.parameters.get("aid").flatMap(Int64.init) else { throw DomainError.notFound }
        try await AttachmentService.delete(
            contract: try req.id(), attachment: aid, directory: req.application.concord.filesDirectory, req.services)
        return Response(status: .noContent)
    }

    // MARK: payment plans

    static func planBody(_ d: ContractService.Details, _ req: Request) -> some Encodable {
        struct Plan: Encodable { var contractId: String; var total: String; var items: [InstallmentDTO] }
        return Plan(
            contractId: String(d.contract.id), total: Fmt.money(d.contract.totalAmount)!,
            items: d.installments.map { InstallmentDTO($0, today: today(req)) })
    }
    static func showPlan(_ req: Request) async throws -> Response {
        try planBody(try await ContractService.find(try req.id(), req.services), req).jsonResponse()
    }
    static func setPlan(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.contracts, .edit)
        _ = try await ContractService.row(id, req.services, action: .edit)
        struct Body: Decodable { var items: [ContractService.InstallmentInput]? }
        let body = try req.decodeJSON(Body.self)
        return try planBody(try await ContractService.setPlan(id, body.items ?? [], req.services), req).jsonResponse()
    }
    static func overdue(_ req: Request) async throws -> Response {
        let rows = try await ContractService.overdue(asOf: today(req), limit: 500, req.services)
        struct O: Encodable {
            var installmentId: String; var contractId: String; var number: String; var partnerId: String; var seq: Int64;
            var dueDate: String
            var amount: String; var collected: String
        }
        return try ListBody(
            items: rows.map {
                O(
                    installmentId: String($0.installmentId), contractId: String($0.contractId), number: $0.number,
                    partnerId: String($0.partnerId), seq: $0.seq, dueDate: $0.dueDate, amount: Fmt.money($0.amount)!,
                    collected: Fmt.money($0.settled)!)
            }, nextCursor: nil
        ).jsonResponse()
    }
}
