import Foundation
import Kernel
import Paths
import Services
import Vapor
import Views

/// 邀请: the administrator makes a one-time link; the invited person opens it, chooses a password
/// and is signed in.
enum InvitePages {
    static func link(_ req: Request, _ token: String) -> String { PageShell.absolute(req, Paths.Access.invite(token)) }

    static func issue(_ req: Request) async throws -> Response {
        let id = try req.id()
        let issued = try await InviteService.issue(id, req.services)
        let user = try await UserService.find(id, req.services).user
        let html = InviteViews.issued(
            PageShell.context(req), name: user.displayName, link: link(req, issued.token),
            expires: PageShell.date(issued.expiresAt, req.state.lang))
        return Response.html(html)
    }

    static func show(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let user = try? await InviteService.invitee(token, req.services) else {
            return Response.html(InviteViews.invalid(lang: req.state.lang), status: .notFound)
        }
        return page(req, token: token, name: user.displayName, error: nil, status: .ok)
    }

    static func page(
        _ req: Request, token: String, name: String, error: (field: String?, message: String)?, status: HTTPResponseStatus
    )
        -> Response
    {
        let csrf = req.concord.tokens.token(24)
        let response = Response.html(
            InviteViews.accept(lang: req.state.lang, csrf: csrf, token: token, name: name, error: error), status: status)
        LoginPages.setPreAuthCSRF(response, csrf, req)
        return response
    }

    struct AcceptForm: Content { var password: String?; var passwordRepeat: String? }

    static func accept(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let f = try req.content.decode(AcceptForm.self)
        do {
            let user = try await InviteService.accept(token, password: f.password, repeated: f.passwordRepeat, req.services)
            let session = try await SessionService.open(for: user, req.services)
            let response = PageShell.redirect(req, to: Paths.Shell.home(), flash: "invite.welcome_in", args: [user.displayName])
            LoginPages.signIn(response, session, req)
            return response
        } catch let e as DomainError where e.kind == .invalid {
            let name = (try? await InviteService.invitee(token, req.services).displayName) ?? ""
            return page(
                req, token: token, name: name, error: (e.field, ConcordErrorMiddleware.message(e, req.t)), status: .unprocessableEntity)
        } catch let e as DomainError where e.code == "invite_invalid" {
            return Response.html(InviteViews.invalid(lang: req.state.lang), status: .notFound)
        }
    }

    // MARK: API

    /// POST /users/{id}/invite: the link, shown once.
    static func issueAPI(_ req: Request) async throws -> Response {
        try req.services.require(.users, .edit)
        let issued = try await InviteService.issue(try req.id(), req.services)
        struct Body: Encodable { var link: String; var token: String; var expiresAt: String? }
        return try Body(link: link(req, issued.token), token: issued.token, expiresAt: ISOTime.string(issued.expiresAt))
            .jsonResponse(status: .created)
    }

    /// POST /invites/{token}/accept: the invited person's password; then they sign in as usual.
    static func acceptAPI(_ req: Request) async throws -> Response {
        struct Body: Decodable { var password: String?; var passwordRepeat: String? }
        let b = try req.decodeJSON(Body.self)
        _ = try await InviteService.accept(
            req.parameters.get("token") ?? "", password: b.password, repeated: b.passwordRepeat ?? b.password, req.services)
        return Response(status: .noContent)
    }
}
