import Foundation
import Kernel
import Vapor

/// Gives every request an id (kept from X-Request-Id when a proxy set one), logs one line per
/// request with it, and counts the request in the metrics.
struct RequestContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let incoming = request.headers.first(name: "X-Request-Id").flatMap {
            $0.count <= 64 && $0.allSatisfy { $0.isASCII && !$0.isWhitespace } ? $0 : nil
        }
        let id = incoming ?? request.concord.tokens.token(12)
        request.state.requestId = id
        // The sandbox, once loaded, for a browser that chose it or a program that names it.
        if let sandbox = request.concord.sandbox, sandbox.ready,
            request.cookies[Sandbox.cookie]?.string == "sandbox" || request.headers.first(name: Sandbox.header) == "1"
        {
            request.state.sandbox = true
        }
        request.logger[metadataKey: "request-id"] = .string(id)
        let response: Response
        if let query = request.url.query, query.range(of: "%00", options: .caseInsensitive) != nil || query.contains("\0") {
            // A NUL in a query parameter can reach no record; PostgreSQL would refuse it outright.
            response = try await ConcordErrorMiddleware().respond(to: request, chainingTo: NULRefusal())
        } else {
            response = try await next.respond(to: request)
        }
        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        request.concord.metrics.record(method: request.method.rawValue, status: Int(response.status.code), seconds: seconds)
        if request.url.path != "/healthz" {
            request.logger.info("\(request.method) \(request.url.path) \(response.status.code) \(String(format: "%.1f", seconds * 1000))ms")
        }
        return response
    }
}

struct NULRefusal: AsyncResponder {
    func respond(to request: Request) async throws -> Response {
        throw DomainError(.badRequest, code: "bad_json", args: ["NUL characters are not accepted"])
    }
}

/// Headers every answer carries.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if response.headers.contentType == .html {
            response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
            response.headers.replaceOrAdd(
                name: "Content-Security-Policy",
                value:
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
            )
        }
        // Nothing but the static assets is kept by a browser or a proxy: pages, API answers and
        // attachment downloads hold business data.
        if !request.url.path.hasPrefix("/assets/") { response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store") }
        if request.concord.secureCookies {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}
