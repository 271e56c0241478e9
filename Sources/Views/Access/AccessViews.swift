import Paths

/// The person's own account: their API tokens and their password; and an administrator's
/// password reset of someone else.
public enum AccessViews {
    /// The token list, the form for a new one, and a just-made token shown this once.
    public static func tokens(_ ctx: PageContext, _ list: ListModel, created: String?, csrf: String) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("token.title")) {
            if let created {
                h("div", ["class": "flash success", "role": "status"]) {
                    h("p") { t("token.created") }
                    h("pre", ["class": "secret"]) { created }
                }
            }
            h("form", ["method": "post", "action": Paths.Access.tokens(), "class": "form inline-form"]) {
                Layout.csrfField(csrf)
                h("div", ["class": "field"]) {
                    h("label", ["for": "token-name"]) { t("token.name") }
                    h("input", ["type": "text", "id": "token-name", "name": "name", "maxlength": "100"])
                }
                h("button", ["type": "submit", "class": "primary"]) { t("token.new") }
            }
            ListView.render(list, ctx)
        }
    }

    /// A token's hint: its first characters, never the secret.
    public static func tokenHint(_ hint: String) -> Node { h("code") { hint + "…" } }

    public static func changePassword(_ ctx: PageContext, csrf: String) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("account.password")) {
            h("form", ["method": "post", "action": Paths.Access.myPassword(), "class": "form"]) {
                Layout.csrfField(csrf)
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
    }

    /// An administrator sets a new password for a user.
    public static func resetPassword(userId: Int64, csrf: String, _ t: Translator) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { t("action.reset_password") }
            h("form", ["method": "post", "action": Paths.Access.userPassword(userId), "class": "form inline-form"]) {
                Layout.csrfField(csrf)
                h("div", ["class": "field"]) {
                    h("label", ["for": "new-password"]) { t("user.new_password") }
                    h("input", ["type": "password", "id": "new-password", "name": "password", "autocomplete": "new-password"])
                    h("div", ["class": "hint"]) { t("user.password_hint") }
                }
                h("button", ["type": "submit"]) { t("action.reset_password") }
            }
        }
    }
}
