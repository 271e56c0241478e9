import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for order to cash: approvals and their rules, quotes, contracts with payment plans
/// and attachments, invoices, collections, payments, receivables and payables.
enum FinanceAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("approval-rules", use: listRules)
        authed.post("approval-rules", use: createRule)
        authed.get("approval-rules", ":id", use: showRule)
        authed.put("approval-rules", ":id", use: updateRule)
        authed.get("approvals", use: listApprovals)
        authed.get("approvals", ":id", use: showApproval)
        for d in ApprovalService.Decision.allCases { authed.post("approvals", ":id", .constant(d.rawValue), use: decide(d)) }
        authed.get("quotes", use: listQuotes)
        authed.post("quotes", use: createQuote)
        authed.get("quotes", ":id", use: showQuote)
        authed.put("quotes", ":id", use: updateQuote)
        for t in QuoteFlow.transitions { authed.post("quotes", ":id", .constant(t.rawValue), use: quoteTransition(t)) }
        authed.get("contracts", use: listContracts)
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
        authed.get("invoices", use: listInvoices)
        authed.post("invoices", use: createInvoice)
        authed.get("invoices", ":id", use: showInvoice)
        authed.post("invoices", ":id", "cancel", use: cancelInvoice)
        for (path, direction) in [("collections", PaymentService.Direction.in), ("payments", .out)] {
            authed.get(.constant(path), use: listPayments(direction))
            authed.post(.constant(path), use: createPayment(direction))
            authed.get(.constant(path), ":id", use: showPayment(direction))
            authed.post(.constant(path), ":id", "settle", use: settlePayment(direction))
            authed.post(.constant(path), ":id", "cancel", use: cancelPayment(direction))
        }
        authed.get("receivables", use: ageing(.ar))
        authed.get("payables", use: ageing(.ap))
    }

    static func today(_ req: Request) -> String { CalendarDate.chinaDate(req.services.nowMillis) }

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
        let f = ContractService.Filter(
            kind: req.query[String.self, at: "kind"], partnerId: try APIID.query(req, "partnerId"),
            status: req.query[String.self, at: "status"], q: req.query[String.self, at: "q"])
        let page = try await ContractService.list(f, limit: limit, cursor: cursor, req.services)
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
        try ProgressDTO(try await ContractService.progress(try req.id(), req.services)).jsonResponse()
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
        let d = try await ContractService.makeOrder(
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
        return attachmentResponse(a, data)
    }
    static func attachmentResponse(_ a: AttachmentRow, _ data: Data) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: a.contentType)
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename*=UTF-8''" + (a.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
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

    // MARK: invoices

    static func listInvoices(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        var side: InvoiceService.Side?
        if let s = req.query[String.self, at: "side"], !s.isEmpty {
            guard let v = InvoiceService.Side(rawValue: s) else {
                throw DomainError(.badRequest, code: "wrong_type", field: "side", args: ["side"])
            }
            side = v
        }
        let page = try await InvoiceService.list(
            side: side, partnerId: try APIID.query(req, "partnerId"), contractId: try APIID.query(req, "contractId"),
            limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { InvoiceDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }
    static func showInvoice(_ req: Request) async throws -> Response {
        let d = try await InvoiceService.find(try req.id(), req.services)
        return try InvoiceDTO(d.invoice, lines: d.lines, open: d.open).jsonResponse()
    }
    static func createInvoice(_ req: Request) async throws -> Response {
        try req.services.require(.finance, .create)
        let body = try req.decodeJSON(InvoiceBody.self)
        let d = try await InvoiceService.create(try body.input(), req.services)
        return try InvoiceDTO(d.invoice, lines: d.lines, open: d.open).jsonResponse(status: .created)
    }
    static func cancelInvoice(_ req: Request) async throws -> Response {
        let d = try await InvoiceService.cancel(try req.id(), req.services)
        return try InvoiceDTO(d.invoice, lines: d.lines, open: d.open).jsonResponse()
    }

    // MARK: collections and payments

    static func listPayments(_ direction: PaymentService.Direction) -> @Sendable (Request) async throws -> Response {
        { req in
            let (limit, cursor) = try req.paging()
            let page = try await PaymentService.list(
                direction, partnerId: try APIID.query(req, "partnerId"), contractId: try APIID.query(req, "contractId"),
                limit: limit, cursor: cursor, req.services)
            return try ListBody(items: page.items.map { PaymentDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
        }
    }
    static func showPayment(_ direction: PaymentService.Direction) -> @Sendable (Request) async throws -> Response {
        { req in
            let d = try await PaymentService.find(try req.id(), direction: direction, req.services)
            return try PaymentDTO(d.payment, details: d).jsonResponse()
        }
    }
    static func createPayment(_ direction: PaymentService.Direction) -> @Sendable (Request) async throws -> Response {
        { req in
            try req.services.require(.finance, .create)
            let body = try req.decodeJSON(PaymentBody.self)
            let d = try await PaymentService.create(direction, try body.input(), req.services)
            return try PaymentDTO(d.payment, details: d).jsonResponse(status: .created)
        }
    }
    static func settlePayment(_ direction: PaymentService.Direction) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            try req.services.require(.finance, .edit)
            _ = try await PaymentService.find(id, direction: direction, req.services)
            struct Body: Decodable { var mode: String?; var targets: [TargetBody]? }
            let body = try req.decodeJSON(Body.self)
            let d = try await PaymentService.settle(
                id, direction: direction, mode: body.mode,
                targets: try (body.targets ?? []).enumerated().map { try $1.target($0) }, req.services)
            return try PaymentDTO(d.payment, details: d).jsonResponse()
        }
    }
    static func cancelPayment(_ direction: PaymentService.Direction) -> @Sendable (Request) async throws -> Response {
        { req in
            let d = try await PaymentService.cancel(try req.id(), direction: direction, req.services)
            return try PaymentDTO(d.payment, details: d).jsonResponse()
        }
    }

    // MARK: receivables and payables

    static func ageing(_ side: OpenItems.Side) -> @Sendable (Request) async throws -> Response {
        { req in
            let groupText = req.query[String.self, at: "groupBy"] ?? "partner"
            guard let group = AgeingReport.GroupBy(rawValue: groupText) else {
                throw DomainError(.badRequest, code: "wrong_type", field: "groupBy", args: ["groupBy"])
            }
            let asOf = req.query[String.self, at: "asOf"].flatMap { $0.isEmpty ? nil : $0 }
            if let a = asOf, !Validate.isDate(a) { throw DomainError(.badRequest, code: "wrong_type", field: "asOf", args: ["asOf"]) }
            let report = try await AgeingReport.run(
                .init(
                    side: side, groupBy: group, partnerId: try APIID.query(req, "partnerId"),
                    branchId: try APIID.query(req, "branchId"), asOf: asOf), req.services)
            return try AgeingDTO(report).jsonResponse()
        }
    }
}
