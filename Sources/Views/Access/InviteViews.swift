import Paths

/// 邀请: the one-time link an administrator copies to a colleague, and the page on which the
/// colleague chooses their password.
public enum InviteViews {
    /// On the user's page: make a link (a new one replaces the old).
    public static func issueForm(userId: Int64, csrf: String, _ t: Translator) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { t("invite.title") }
            h("p", ["class": "muted"]) { t("invite.intro") }
            h("form", ["method": "post", "action": Paths.Access.inviteUser(userId), "class": "inline-form"]) {
                Layout.csrfField(csrf)
                h("button", ["type": "submit"]) { t("invite.issue") }
            }
        }
    }

    /// The link, shown once.
    public static func issued(_ ctx: PageContext, name: String, link: String, expires: String) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("invite.title")) {
            h("section", ["class": "card"]) {
                h("p") { t("invite.copy", name, expires) }
                h("pre", ["class": "secret"]) { link }
                h("p", ["class": "muted"]) { t("invite.once") }
            }
        }
    }

    /// For the invited person, not signed in: choose a password (twice).
    public static func accept(lang: Lang, csrf: String, token: String, name: String, error: (field: String?, message: String)?) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: t("invite.welcome", name), path: Paths.Access.invite(token)) {
            h("section", ["class": "card login"]) {
                h("h1") { t("invite.welcome", name) }
                h("p") { t("invite.choose") }
                if let error { h("div", ["class": "flash error", "role": "alert"]) { error.message } }
                h("form", ["method": "post", "action": Paths.Access.invite(token), "class": "form"]) {
                    Layout.csrfField(csrf)
                    for (name, label) in [("password", t("invite.password")), ("passwordRepeat", t("invite.repeat"))] {
                        h("div", ["class": error?.field == name ? "field has-error" : "field"]) {
                            h("label", ["for": "invite-" + name]) { label }
                            h(
                                "input",
                                ["type": "password", "id": "invite-" + name, "name": name, "autocomplete": "new-password", "required": ""])
                        }
                    }
                    h("div", ["class": "hint"]) { t("user.password_hint") }
                    h("div", ["class": "form-actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("invite.accept") } }
                }
            }
        }
    }

    /// A link used, expired or replaced.
    public static func invalid(lang: Lang) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: t("invite.invalid_title"), path: Paths.Shell.login()) {
            h("section", ["class": "card login"]) {
                h("h1") { t("invite.invalid_title") }
                h("p") { t("error.invite_invalid") }
                h("p") { h("a", ["href": Paths.Shell.login(), "class": "button"]) { t("login.submit") } }
            }
        }
    }
}
