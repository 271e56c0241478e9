import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// An API POST with an `Idempotency-Key` header is done once. The key is reserved before the
/// handler runs: a duplicate arriving while the first runs gets 409 (in flight), a later one the
/// stored answer, the same key with a different body 422. The key is marked in the same
/// transaction as the request's work, so a crash after the work committed but before the answer
/// was stored never runs it again (the retry hears 409: done, answer lost). Keys live 24 hours.
struct IdempotencyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST, let key = request.headers.first(name: "Idempotency-Key"), !key.isEmpty,
            let user = request.state.user
        else {
            return try await next.respond(to: request)
        }
        guard key.count <= 200 else {
            throw DomainError(.badRequest, code: "wrong_type", field: "Idempotency-Key", args: ["Idempotency-Key"])
        }
        let bodyHash = SecretHash.sha256(request.method.rawValue + " " + request.url.path + "\n" + (request.body.string ?? ""))
        let store = request.store
        let now = Millis.from(request.concord.clock.now())
        switch try await IdempotencyStore.reserve(
            userId: user.id, key: key, method: request.method.rawValue, path: request.url.path, hash: bodyHash,
            now: now, on: store)
        {
        case .mismatch:
            throw DomainError(.invalid, code: "idempotency_mismatch", field: "Idempotency-Key")
        case .inFlight:
            throw DomainError(.conflict, code: "idempotency_in_flight", field: "Idempotency-Key")
        case .committed:
            throw DomainError(.conflict, code: "idempotency_answer_lost", field: "Idempotency-Key")
        case let .done(saved):
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "Idempotent-Replayed", value: "true")
            return Response(status: HTTPResponseStatus(statusCode: Int(saved.status)), headers: headers, body: .init(string: saved.body))
        case .reserved:
            break
        }
        let userId = user.id
        let response: Response
        do {
            response = try await WriteHooks.$beforeCommit.withValue({ tx in
                try await IdempotencyStore.markCommitted(userId: userId, key: key, on: tx)
            }) {
                try await next.respond(to: request)
            }
        } catch {
            // Nothing committed (or the key stays marked): a retry may run it.
            try? await IdempotencyStore.release(userId: userId, key: key, on: store)
            throw error
        }
        if response.status.code < 500 {
            try await IdempotencyStore.finish(
                userId: userId, key: key, status: Int64(response.status.code), body: response.body.string ?? "", on: store)
            try await IdempotencyStore.purge(olderThan: now - 24 * 3600 * 1000, on: store)
        } else {
            try? await IdempotencyStore.release(userId: userId, key: key, on: store)
        }
        return response
    }
}
