import Kernel
import Paths
import Services
import Vapor
import Views

/// The signed-in person's own account: changing their password with the current one.
enum AccountPages {
    static func password(_ req: Request) async throws -> Response {
        let html = AccessViews.changePassword(PageShell.context(req), csrf: req.state.csrf)
        return PageShell.page(req, html)
    }

    static func changePassword(_ req: Request) async throws -> Response {
        struct F: Content { var currentPassword: String?; var newPassword: String? }
        let f = try req.content.decode(F.self)
        let keep = req.cookies[Cookies.session(req)].map { SecretHash.sha256($0.string) }
        do {
            try await UserService.changeOwnPassword(current: f.currentPassword, new: f.newPassword, keepSession: keep, req.services)
            return PageShell.redirect(req, to: Paths.Access.myPassword(), flash: "account.password_changed")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: Paths.Access.myPassword(), error: e)
        }
    }
}
