import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for invoices, collections, payments, receivables and payables.
enum CashAPI {
    static func register(_ authed: any RoutesBuilder) {
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
        authed.get("receivables", "export", use: CashExports.ageing(.ar))
        authed.get("payables", "export", use: CashExports.ageing(.ap))
    }

    static func today(_ req: Request) -> String { CalendarDate.chinaDate(req.services.nowMillis) }

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
        try req.services.require(.cash, .create)
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
            try req.services.require(.cash, .create)
            let body = try req.decodeJSON(PaymentBody.self)
            let d = try await PaymentService.create(direction, try body.input(), req.services)
            return try PaymentDTO(d.payment, details: d).jsonResponse(status: .created)
        }
    }
    static func settlePayment(_ direction: PaymentService.Direction) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            try req.services.require(.cash, .edit)
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
            let report = try await AgeingReport.run(try CashFilters.ageing(req, side), req.services)
            return try AgeingDTO(report).jsonResponse()
        }
    }
}
