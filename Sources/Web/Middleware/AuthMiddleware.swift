import Kernel
import Persistence
import Services
import Vapor
import Views

enum Cookies {
    /// The session's cookie: the sandbox's sessions keep one of their own, so that entering and
    /// leaving it never signs anyone out of the real database.
    static func session(_ req: Request) -> String { req.state.sandbox ? "concord_sandbox_session" : "concord_session" }
    static let lang = "concord_lang"
    /// The CSRF token of a visitor not yet signed in (the login form), double-submitted.
    static let preAuthCSRF = "concord_csrf"
}

/// Finds who is asking: a session cookie for pages, a bearer token for the API. Also settles the
/// language: the remembered choice, then the user's setting, then the browser's.
struct AuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let state = request.state
        let now = Millis.from(request.concord.clock.now())
        let store = request.store
        if request.isAPI {
            if let bearer = request.headers.bearerAuthorization?.token, !bearer.isEmpty {
                let hash = SecretHash.sha256(bearer)
                let cache = request.concord.accessCache
                // The sandbox is another database: its tokens and users are remembered apart.
                let key = state.sandbox ? "sandbox:" + hash : hash
                let generation = request.gate.access.value
                if let hit = cache.get(key, now: now, generation: generation) {
                    state.user = hit.user
                    state.principal = hit.principal
                    state.viaToken = true
                } else if let token = try await AccessQueries.apiToken(hash: hash, now: now, on: store),
                    let (user, principal) = try await AccessQueries.principal(userId: token.userId, on: store)
                {
                    state.user = user
                    state.principal = principal
                    state.viaToken = true
                    cache.put(
                        key,
                        .init(
                            user: user, principal: principal, tokenId: token.id, tokenExpires: token.expiresAt, loadedAt: now,
                            generation: generation))
                    // Touch at most once a minute: a read should not write on every call.
                    if (token.lastUsedAt ?? 0) < now - 60_000 {
                        try? await AccessQueries.touch(tokenId: token.id, at: now, on: store)
                    }
                }
            }
        } else if let cookie = request.cookies[Cookies.session(request)]?.string, !cookie.isEmpty {
            if let session = try await AccessQueries.session(hash: SecretHash.sha256(cookie), now: now, on: store),
                let (user, principal) = try await AccessQueries.principal(userId: session.userId, on: store)
            {
                state.user = user
                state.principal = principal
                state.csrf = session.csrfToken
                // The bell in every page's header; an API call, a form post or a stylesheet does not need it.
                if request.method == .GET, !request.url.path.hasPrefix("/assets/") {
                    state.unread = (try? await NotificationQueries.unread(of: user.id, on: store)) ?? 0
                }
            }
        }
        if let chosen = request.cookies[Cookies.lang]?.string, let lang = Lang(rawValue: chosen) {
            state.lang = lang
        } else if let userLocale = state.user?.locale, let lang = Lang(rawValue: userLocale) {
            state.lang = lang
        } else {
            state.lang = Lang.from(acceptLanguage: request.headers.first(name: .acceptLanguage))
        }
        return try await next.respond(to: request)
    }
}

/// Pages behind sign-in: a visitor without a session goes to the login page.
struct RequireSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.state.principal != nil else { throw DomainError.unauthenticated }
        return try await next.respond(to: request)
    }
}

/// API calls behind a bearer token.
struct RequireTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.state.principal != nil, request.state.viaToken else { throw DomainError.unauthenticated }
        let response = try await next.respond(to: request)
        return response
    }
}

/// Every form POST carries the session's CSRF token (or, before sign-in, the token of the
/// pre-auth cookie). A mismatch is refused before any handler runs.
struct CSRFMiddleware: AsyncMiddleware {
    /// A route's own body limit (`userInfo` key), when it has one larger than the default.
    static let bodyLimit = "concord.bodyLimit"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            // Vapor reads a route's body after the middleware, and a body that did not arrive with
            // the headers (a form of a few kilobytes sent in two TCP segments, any upload) is still
            // streaming here: read as it was, the token would be missing and the form refused as
            // expired. So read it whole first, within the route's limit, as the route would.
            if request.body.data == nil {
                let limit = request.route?.userInfo[Self.bodyLimit] as? Int ?? request.application.routes.defaultMaxBodySize.value
                _ = try await request.body.collect(max: limit).get()
            }
            let sent = (try? request.content.get(String.self, at: "_csrf")) ?? request.headers.first(name: "X-CSRF-Token") ?? ""
            let expected = request.state.principal != nil ? request.state.csrf : (request.cookies[Cookies.preAuthCSRF]?.string ?? "")
            guard !expected.isEmpty, Self.constantTimeEqual(sent, expected) else { return Self.refused(request) }
        }
        return try await next.respond(to: request)
    }

    /// The refusal, with what was typed (never a password): a form is never simply lost. The values
    /// go back behind a button with a fresh token only to a person signed in whose browser says the
    /// form was one of our pages (`Sec-Fetch-Site`, else `Origin`); a post from another site gets
    /// them as text, which it cannot read and no one can send by mistake.
    static func refused(_ request: Request) -> Response {
        let fields = typed(request)
        let signedIn = request.state.principal != nil
        let resubmit =
            signedIn && sameOrigin(request) && !request.state.csrf.isEmpty
            ? (action: request.url.path + (request.url.query.map { "?" + $0 } ?? ""), csrf: request.state.csrf) : nil
        let html = CommonPages.refusedForm(
            signedIn ? PageShell.context(request) : nil, lang: request.state.lang, signedIn: signedIn, fields: fields, resubmit: resubmit)
        return Response.html(html, status: .forbidden)
    }

    /// The fields of a URL-encoded form body, in order, without the token and without passwords.
    static func typed(_ request: Request) -> [(name: String, value: String)] {
        guard request.headers.contentType == .urlEncodedForm, let body = request.body.string else { return [] }
        func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
        return body.split(separator: "&").prefix(2000).compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(kv[0])
            guard !name.isEmpty, name != "_csrf", !name.lowercased().contains("password") else { return nil }
            return (name, kv.count > 1 ? decode(kv[1]) : "")
        }
    }

    static func sameOrigin(_ request: Request) -> Bool {
        if let site = request.headers.first(name: "Sec-Fetch-Site") { return site == "same-origin" }
        guard let origin = request.headers.first(name: .origin), let host = request.headers.first(name: .host) else { return false }
        return origin == "http://" + host || origin == "https://" + host
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
