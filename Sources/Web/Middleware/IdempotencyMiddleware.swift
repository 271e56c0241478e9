import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// An API POST with an `Idempotency-Key` header is answered once: a repeat with the same key
/// and the same body gets the stored answer without doing the work again; the same key with a
/// different body is refused with 422. Keys live 24 hours.
struct IdempotencyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST, let key = request.headers.first(name: "Idempotency-Key"), !key.isEmpty,
              let user = request.state.user else {
            return try await next.respond(to: request)
        }
        guard key.count <= 200 else { throw DomainError(.badRequest, code: "wrong_type", field: "Idempotency-Key", args: ["Idempotency-Key"]) }
        let bodyHash = SecretHash.sha256(request.method.rawValue + " " + request.url.path + "\n" + (request.body.string ?? ""))
        let store = request.store
        if let saved = try await IdempotencyStore.find(userId: user.id, key: key, on: store) {
            guard saved.requestHash == bodyHash else { throw DomainError(.invalid, code: "idempotency_mismatch", field: "Idempotency-Key") }
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "Idempotent-Replayed", value: "true")
            return Response(status: HTTPResponseStatus(statusCode: Int(saved.status)), headers: headers, body: .init(string: saved.body))
        }
        let response = try await next.respond(to: request)
        if response.status.code < 500 {
            let body = response.body.string ?? ""
            let now = Millis.from(request.concord.clock.now())
            try await IdempotencyStore.save(IdempotencyRow(userId: user.id, idemKey: key, method: request.method.rawValue, path: request.url.path,
                                                           requestHash: bodyHash, status: Int64(response.status.code), body: body, createdAt: now),
                                            on: store)
            try await IdempotencyStore.purge(olderThan: now - 24 * 3600 * 1000, on: store)
        }
        return response
    }
}
