import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Turns every error into an answer in one place: JSON under /api, a page in the user's
/// language elsewhere. Nothing internal leaks; a 500 is logged with the request id.
struct ConcordErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let e = Self.domainError(from: error, request: request)
            let status = Self.statusFor(e)
            if status == .internalServerError {
                request.logger.error("unhandled error: \(String(reflecting: error))")
            }
            let message = Self.message(e, request.t)
            if request.isAPI {
                return try APIError.response(status: status, code: e.code, message: message, field: e.field, resource: e.resource)
            }
            if status == .unauthorized {
                let next = request.url.path == "/" ? nil : request.url.string
                return request.redirect(to: Paths.Shell.login() + Query.string([("next", next)]))
            }
            let ctx = request.state.principal == nil ? nil : PageShell.context(request)
            let html = CommonPages.error(
                ctx, lang: request.state.lang, status: Int(status.code), message: message,
                requestId: status == .internalServerError ? request.state.requestId : nil)
            return Response.html(html, status: status)
        }
    }

    static func domainError(from error: any Error, request: Request) -> DomainError {
        switch error {
        case let e as DomainError:
            return e
        case let e as AmountOverflow:
            return e.domainError
        case let e as DecodingError:
            return APIError.decoding(e)
        case let d as LeadService.DuplicateFound:
            return d.error
        case let abort as any AbortError:
            switch abort.status {
            case .notFound: return DomainError(.notFound, code: "route_not_found")
            case .payloadTooLarge: return DomainError(.tooLarge, code: "too_large")
            case .unauthorized: return DomainError.unauthenticated
            case .forbidden: return DomainError.forbidden
            case .unsupportedMediaType, .badRequest: return DomainError(.badRequest, code: "bad_json", args: [abort.reason])
            case .methodNotAllowed: return DomainError(.notFound, code: "route_not_found")
            case .tooManyRequests: return DomainError(.tooManyRequests, code: "too_many_requests")
            default:
                return abort.status.code < 500
                    ? DomainError(.badRequest, code: "bad_json", args: [abort.reason]) : DomainError(.badRequest, code: "server")
            }
        default:
            switch DatabaseFailure.of(error) {
            case .duplicate: return DomainError(.conflict, code: "duplicate_key")
            case .missingReference: return DomainError(.invalid, code: "reference_not_found")
            case .outOfRange: return DomainError(.invalid, code: "value_not_allowed")
            case .overflow: return AmountOverflow().domainError
            case nil: return DomainError(.badRequest, code: "server")
            }
        }
    }

    static func status(_ kind: DomainError.Kind) -> HTTPResponseStatus {
        switch kind {
        case .badRequest: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooLarge: .payloadTooLarge
        case .invalid: .unprocessableEntity
        case .tooManyRequests: .tooManyRequests
        }
    }

    /// The message in the user's language; a field name among the arguments is translated too.
    static func message(_ e: DomainError, _ t: Translator) -> String {
        if e.code == "server" { return t("error.server") }
        var key = e.messageKey
        if e.code == "not_found", e.field != nil { key = "error.not_found_ref" }
        return t.format(key, e.args.map { fieldName($0, t) })
    }

    /// A field as a person reads it: `quantity` is 数量, `lines[2].quantity` 第 3 行的数量; any
    /// other argument (a number, a name) stays as it is.
    static func fieldName(_ arg: String, _ t: Translator) -> String {
        if t.has("field." + arg) { return t("field." + arg) }
        // "lines[2].quantity", "items[0].amount", "lines[1].targets[0].amount": the line and the last field.
        guard let open = arg.firstIndex(of: "["), let close = arg[open...].firstIndex(of: "]"),
            let index = Int(arg[arg.index(after: open)..<close]), let dot = arg.lastIndex(of: "."), dot > close
        else { return arg }
        let last = String(arg[arg.index(after: dot)...])
        guard t.has("field." + last) else { return arg }
        return t("field.line_of", String(index + 1), t("field." + last))
    }
}

extension DomainError {
    /// Internal errors are reported as a 500 by the status mapping below.
    static let server = DomainError(.badRequest, code: "server")
}

extension ConcordErrorMiddleware {
    static func statusFor(_ e: DomainError) -> HTTPResponseStatus { e.code == "server" ? .internalServerError : status(e.kind) }
}

extension Request {
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

extension Response {
    static func html(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
