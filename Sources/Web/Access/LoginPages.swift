import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum LoginPages {
    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    static func show(_ req: Request) async throws -> Response {
        if req.state.principal != nil { return req.redirect(to: Paths.Shell.home()) }
        let csrf = req.cookies[Cookies.preAuthCSRF]?.string ?? req.concord.tokens.token(24)
        let html = LoginPage.render(
            lang: req.state.lang, csrf: csrf, username: "", error: nil, next: safeNext(req.query[String.self, at: "next"]),
            sandbox: req.state.sandbox)
        let response = Response.html(html)
        setPreAuthCSRF(response, csrf, req)
        return response
    }

    static func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let ctx = req.services
        let outcome = try await LoginService.authenticate(username: form.username, password: form.password, ctx)
        guard let user = outcome.user else {
            await req.concord.sleep(outcome.delayMillis)
            let csrf = req.concord.tokens.token(24)
            let html = LoginPage.render(
                lang: req.state.lang, csrf: csrf, username: form.username ?? "", error: req.t("login.failed"),
                next: safeNext(form.next), sandbox: req.state.sandbox)
            let response = Response.html(html, status: .unauthorized)
            setPreAuthCSRF(response, csrf, req)
            return response
        }
        let session = try await SessionService.open(for: user, ctx)
        let response = req.redirect(to: safeNext(form.next) ?? Paths.Shell.home(), redirectType: .normal)
        signIn(response, session, req)
        return response
    }

    /// The session's cookie on the answer that signs someone in, and the pre-sign-in token gone.
    static func signIn(_ response: Response, _ session: SessionService.Issued, _ req: Request) {
        response.cookies[Cookies.session(req)] = HTTPCookies.Value(
            string: session.token, expires: Millis.date(session.expiresAt), path: "/",
            isSecure: req.concord.secureCookies, isHTTPOnly: true, sameSite: .lax)
        response.cookies[Cookies.preAuthCSRF] = expired(req)
    }

    static func logout(_ req: Request) async throws -> Response {
        if let token = req.cookies[Cookies.session(req)]?.string { try await SessionService.close(token: token, req.services) }
        let response = req.redirect(to: Paths.Shell.login(), redirectType: .normal)
        response.cookies[Cookies.session(req)] = expired(req)
        return response
    }

    /// Remembers the chosen language in a cookie (and on the user, when signed in) and goes back.
    static func language(_ req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"), let lang = Lang(rawValue: code) else { throw DomainError.notFound }
        if req.state.user != nil { try await UserService.setOwnLocale(lang.rawValue, req.services) }
        let response = req.redirect(to: safeNext(req.query[String.self, at: "back"]) ?? Paths.Shell.home(), redirectType: .normal)
        response.cookies[Cookies.lang] = HTTPCookies.Value(
            string: lang.rawValue, maxAge: 365 * 24 * 3600, path: "/",
            isSecure: req.concord.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only local paths: a login link cannot send the user to another site. A browser drops tabs
    /// and line breaks from a URL and reads a backslash as a slash, so none of those is accepted
    /// anywhere, and what follows the first slash is never a second one.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.utf8.count <= 2000, next.hasPrefix("/") else { return nil }
        let bytes = Array(next.utf8)
        guard bytes.count == 1 || (bytes[1] != UInt8(ascii: "/") && bytes[1] != UInt8(ascii: "\\")),
            !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") })
        else { return nil }
        return next
    }

    static func setPreAuthCSRF(_ response: Response, _ token: String, _ req: Request) {
        response.cookies[Cookies.preAuthCSRF] = HTTPCookies.Value(
            string: token, maxAge: 3600, path: "/",
            isSecure: req.concord.secureCookies, isHTTPOnly: true, sameSite: .strict)
    }

    static func expired(_ req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: req.concord.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }
}
