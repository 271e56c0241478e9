import Paths

public enum LoginPage {
    public static func render(lang: Lang, csrf: String, username: String, error: String?, next: String?, sandbox: Bool = false) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: t("login.title"), path: Paths.Shell.login(), sandbox: sandbox) {
            h("section", ["class": "card login"]) {
                h("h1") { t("login.title") }
                if let error { h("div", ["class": "flash error", "role": "alert"]) { error } }
                h("form", ["method": "post", "action": Paths.Shell.login(), "class": "form"]) {
                    Layout.csrfField(csrf)
                    if let next { h("input", ["type": "hidden", "name": "next", "value": next]) }
                    h("div", ["class": "field"]) {
                        h("label", ["for": "username"]) { t("login.username") }
                        h(
                            "input",
                            [
                                "type": "text", "id": "username", "name": "username", "value": username, "autocomplete": "username",
                                "autocapitalize": "none", "required": "", "autofocus": "",
                            ])
                    }
                    h("div", ["class": "field"]) {
                        h("label", ["for": "password"]) { t("login.password") }
                        h(
                            "input",
                            ["type": "password", "id": "password", "name": "password", "autocomplete": "current-password", "required": ""])
                    }
                    h("div", ["class": "form-actions"]) {
                        h("button", ["type": "submit", "class": "primary"]) { t("login.submit") }
                    }
                }
            }
        }
    }
}
