import Paths

/// The public web-to-lead form (网站留资) and its thank-you page, for visitors who are not signed in.
public enum WebFormViews {
    public static func form(
        lang: Lang, key: String, csrf: String, values: [String: String], extra: [FormModel.Field] = [],
        error: (field: String?, message: String)?
    )
        -> String
    {
        let t = Translator(lang)
        let action = Paths.CRM.webForm(key)
        return Layout.bare(lang, title: t("webform.title"), path: action) {
            h("section", ["class": "card login"]) {
                h("h1") { t("webform.title") }
                h("p") { t("webform.intro") }
                if let error { h("div", ["class": "flash error", "role": "alert"]) { error.message } }
                h("form", ["method": "post", "action": action, "class": "form"]) {
                    Layout.csrfField(csrf)
                    // The campaign whose ad or QR code the visitor followed (`?c=CODE`), carried to the lead.
                    if let c = values["campaign"], !c.isEmpty { h("input", ["type": "hidden", "name": "campaign", "value": c]) }
                    for (name, type, required) in [
                        ("company", "text", true), ("name", "text", true), ("phone", "tel", false), ("email", "email", false),
                    ] {
                        h("div", ["class": error?.field == name ? "field has-error" : "field"]) {
                            h("label", ["for": "wf-" + name]) { t("webform." + name) }
                            h(
                                "input",
                                [
                                    "type": type, "id": "wf-" + name, "name": name, "value": values[name] ?? "",
                                    "required": required ? "" : nil, "maxlength": "200",
                                ])
                        }
                    }
                    // The lead's own fields an administrator chose to ask here.
                    for f in extra { FormView.field(f, t, idPrefix: "wf-") }
                    h("div", ["class": error?.field == "message" ? "field has-error" : "field"]) {
                        h("label", ["for": "wf-message"]) { t("webform.message") }
                        h("textarea", ["id": "wf-message", "name": "message", "rows": "4", "maxlength": "2000"]) { values["message"] ?? "" }
                    }
                    // Left empty by people (it is not shown); robots fill every field.
                    h("div", ["class": "honeypot", "aria-hidden": "true"]) {
                        h("label", ["for": "wf-website"]) { "Website" }
                        h("input", ["type": "text", "id": "wf-website", "name": "website", "tabindex": "-1", "autocomplete": "off"])
                    }
                    h("div", ["class": "hint"]) { t("webform.hint") }
                    h("div", ["class": "form-actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("webform.submit") } }
                }
            }
        }
    }

    public static func thanks(lang: Lang, key: String) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: t("webform.thanks_title"), path: Paths.CRM.webForm(key)) {
            h("section", ["class": "card login"]) {
                h("h1") { t("webform.thanks_title") }
                h("p") { t("webform.thanks") }
            }
        }
    }

    public static func closed(lang: Lang) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: t("webform.closed_title"), path: Paths.Shell.login()) {
            h("section", ["class": "card login"]) {
                h("h1") { t("webform.closed_title") }
                h("p") { t("webform.closed") }
            }
        }
    }
}
