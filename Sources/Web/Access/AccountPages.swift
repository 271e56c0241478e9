import Kernel
import Services
import Vapor
import Views

/// The signed-in person's own account: changing their password with the current one.
enum AccountPages {
    static func password(_ req: Request) async throws -> Response {
        let t = req.t
        let html = Layout.page(PageShell.context(req), title: t("account.password")) {
            h("form", ["method": "post", "action": "/me/password", "class": "form"]) {
                Layout.csrfField(req.state.csrf)
                h("div", ["class": "field"]) {
                    h("label", ["for": "current-password"]) { t("field.currentPassword") }
                    h(
                        "input",
                        [
                            "type": "password", "id": "current-password", "name": "currentPassword", "autocomplete": "current-password",
                            "required": "",
                        ])
                }
                h("div", ["class": "field"]) {
                    h("label", ["for": "new-password"]) { t("field.newPassword") }
                    h(
                        "input",
                        ["type": "password", "id": "new-password", "name": "newPassword", "autocomplete": "new-password", "required": ""])
                    h("div", ["class": "hint"]) { t("user.password_hint") }
                }
                h("button", ["type": "submit", "class": "primary"]) { t("account.change_password") }
            }
            h("p", ["class": "hint"]) { t("account.password_effect") }
        }
        return PageShell.page(req, html)
    }

    static func changePassword(_ req: Request) async throws -> Response {
        struct F: Content { var currentPassword: String?; var newPassword: String? }
        let f = try req.content.decode(F.self)
        let keep = req.cookies[Cookies.session].map { SecretHash.sha256($0.string) }
        do {
            try await UserService.changeOwnPassword(current: f.currentPassword, new: f.newPassword, keepSession: keep, req.services)
            return PageShell.redirect(req, to: "/me/password", flash: "account.password_changed")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: "/me/password", error: e)
        }
    }
}
