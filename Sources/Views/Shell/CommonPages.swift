import Paths

/// Pages made of the shared components: a list, a form, a detail view, an error.
public enum CommonPages {
    public static func list(_ ctx: PageContext, title: String, actions: [PageAction] = [], intro: Node? = nil, _ model: ListModel) -> String
    {
        var model = model
        // An empty list that nobody filtered says what it is for and offers the first thing to do.
        if model.rows.isEmpty, !model.onLaterPage { model.emptyAction = actions.first { $0.primary } ?? actions.first }
        return Layout.page(ctx, title: title, actions: actions) {
            if let intro { intro }
            ListView.render(model, ctx)
        }
    }

    public static func form(_ ctx: PageContext, title: String, _ model: FormModel, @HTMLBuilder after: () -> [Node] = { [] }) -> String {
        Layout.page(ctx, title: title) {
            FormView.render(model, ctx.t)
            after()
        }
    }

    /// Label and value pairs, then any further sections.
    public static func detail(
        _ ctx: PageContext, title: String, actions: [PageAction] = [], facts: [(String, Node)],
        @HTMLBuilder sections: () -> [Node] = { [] }
    ) -> String {
        Layout.page(ctx, title: title, actions: actions) {
            factList(facts)
            sections()
        }
    }

    public static func factList(_ facts: [(String, Node)]) -> Node {
        h("dl", ["class": "facts"]) {
            for (label, value) in facts {
                h("dt") { label }
                h("dd") { value }
            }
        }
    }

    /// 404, 403 and 500 in the user's language, inside the shell when signed in.
    public static func error(_ ctx: PageContext?, lang: Lang, status: Int, message: String, requestId: String?) -> String {
        let t = Translator(lang)
        let titleKey =
            switch status {
            case 404: "error.page.not_found"
            case 403: "error.page.forbidden"
            case 400, 413, 422: "error.page.bad_request"
            default: "error.page.server"
            }
        let content: () -> [Node] = {
            [
                h("div", ["class": "error-page"]) {
                    h("p", ["class": "status"]) { String(status) }
                    h("p") { message }
                    if let requestId { h("p", ["class": "muted"]) { t("error.request_id", requestId) } }
                    h("p") { h("a", ["href": Paths.Shell.home(), "class": "button"]) { t("error.back_home") } }
                }
            ]
        }
        if let ctx { return Layout.page(ctx, title: t(titleKey), content) }
        return Layout.bare(lang, title: t(titleKey), path: "/", content)
    }

    /// A form refused as expired, with what the person typed: nothing is lost. When the request
    /// provably came from one of our own pages (`resubmit`), the same values go back with a fresh
    /// token behind a button; otherwise they are only shown, to be copied into the form again.
    public static func refusedForm(
        _ ctx: PageContext?, lang: Lang, signedIn: Bool, fields: [(name: String, value: String)], resubmit: (action: String, csrf: String)?
    ) -> String {
        let t = Translator(lang)
        let content: () -> [Node] = {
            [
                h("div", ["class": "error-page"]) {
                    h("p", ["class": "status"]) { "403" }
                    h("p") { t(signedIn ? "error.csrf" : "error.csrf_signed_out") }
                    if !fields.isEmpty {
                        h("p") { t(resubmit == nil ? "error.csrf_typed" : "error.csrf_resubmit") }
                        if let resubmit {
                            h("form", ["method": "post", "action": resubmit.action]) {
                                Layout.csrfField(resubmit.csrf)
                                for f in fields { h("input", ["type": "hidden", "name": f.name, "value": f.value]) }
                                h("button", ["type": "submit", "class": "primary"]) { t("error.csrf_send_again") }
                            }
                        }
                        h("dl", ["class": "facts typed"]) {
                            for f in fields where !f.value.isEmpty {
                                h("dt") { h("code") { f.name } }
                                h("dd") { f.value }
                            }
                        }
                    }
                    h("p") {
                        if signedIn {
                            h("a", ["href": Paths.Shell.home(), "class": "button"]) { t("error.back_home") }
                        } else {
                            h("a", ["href": Paths.Shell.login(), "class": "button", "target": "_blank", "rel": "noopener"]) {
                                t("error.sign_in_again")
                            }
                        }
                    }
                }
            ]
        }
        if let ctx { return Layout.page(ctx, title: t("error.page.forbidden"), content) }
        return Layout.bare(lang, title: t("error.page.forbidden"), path: "/", content)
    }

    public static func link(_ text: String, _ href: String) -> Node { h("a", ["href": href]) { text } }

    /// A list with, for who may add to it, a card holding the form that does.
    public static func listWithForm(_ ctx: PageContext, title: String, _ list: ListModel, formTitle: String, _ form: FormModel?) -> String {
        Layout.page(ctx, title: title) {
            ListView.render(list, ctx)
            if let form {
                h("section", ["class": "card"]) {
                    h("h2") { formTitle }; FormView.render(form, ctx.t)
                }
            }
        }
    }

    /// Text in bold (a total's label in a table).
    public static func strong(_ text: String) -> Node { h("strong") { text } }

    /// A quiet line of explanation under a title or above a form.
    public static func hint(_ text: String) -> Node { h("p", ["class": "muted"]) { text } }
    /// A link only for someone who may follow it; plain text for everyone else.
    public static func link(_ text: String, _ href: String, if allowed: Bool) -> Node { allowed ? link(text, href) : .text(text) }

    /// A line of choices: "label: a · b · c".
    public static func linkRow(_ label: String, _ links: [(text: String, href: String)]) -> Node {
        h("p", ["class": "hint link-row"]) {
            label + "："
            for (i, l) in links.enumerated() {
                if i > 0 { " · " }
                link(l.text, l.href)
            }
        }
    }

    public static func badge(_ text: String, _ kind: String = "") -> Node { h("span", ["class": "badge " + kind]) { text } }

    /// A small POST form with one button (revoke, delete, post): forms, not links, change data.
    public static func actionButton(_ label: String, action: String, csrf: String, confirm: String? = nil, danger: Bool = false) -> Node {
        h("form", ["method": "post", "action": action, "class": "inline", "data-confirm": confirm]) {
            Layout.csrfField(csrf)
            h("button", ["type": "submit", "class": danger ? "danger" : nil]) { label }
        }
    }
}
