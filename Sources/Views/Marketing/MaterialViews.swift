import Paths

/// A material's page: its facts and status buttons, its figures, its versions (with the form
/// for the next), the share links (with the form for a new one) and the views they brought.
public struct MaterialModel: Sendable {
    public struct Version: Sendable {
        public var number: String
        public var name: String
        public var href: String
        public var size: String
        public var note: String
        public var at: String
        public init(number: String, name: String, href: String, size: String, note: String, at: String) {
            self.number = number
            self.name = name
            self.href = href
            self.size = size
            self.note = note
            self.at = at
        }
    }

    public struct Share: Sendable {
        public var link: String
        public var by: String
        public var expires: String
        public var state: String
        public var views: String
        public var visitors: String
        public var leads: String
        /// Where 撤销 posts, while the link is live and the reader may stop it.
        public var revoke: String?
        public init(
            link: String, by: String, expires: String, state: String, views: String, visitors: String, leads: String, revoke: String?
        ) {
            self.link = link
            self.by = by
            self.expires = expires
            self.state = state
            self.views = views
            self.visitors = visitors
            self.leads = leads
            self.revoke = revoke
        }
    }

    public struct View: Sendable {
        public var at: String
        public var sharedBy: String
        public var name: String
        public var phone: String
        public var lead: Node
        public init(at: String, sharedBy: String, name: String, phone: String, lead: Node) {
            self.at = at
            self.sharedBy = sharedBy
            self.name = name
            self.phone = phone
            self.lead = lead
        }
    }

    public var title: String
    public var csrf: String
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    /// 发布, 下架, 退回草稿: label and where the button posts.
    public var commands: [(label: String, action: String)] = []
    public var figures: [(String, String)] = []
    public var versions: [Version] = []
    public var versionForm: FormModel?
    public var shareForm: FormModel?
    /// Why the reader cannot share now (a draft, an expired material).
    public var shareHint: String?
    public var shares: [Share] = []
    public var views: [View] = []
    public init(title: String, csrf: String) {
        self.title = title
        self.csrf = csrf
    }
}

/// A shared material as the visitor sees it: what it is, the file or the link, and the form
/// that leaves a name and a phone number.
public struct SharedMaterialModel: Sendable {
    public var path: String
    public var csrf: String
    public var title: String
    public var description: String?
    public var sharedBy: String
    /// The file's address, its name, and whether the browser shows it in the page (a picture).
    public var fileHref: String?
    public var fileName: String?
    public var picture = false
    public var url: String?
    public var values: [String: String] = [:]
    public var error: (field: String?, message: String)?
    public var thanks: String?
    public init(path: String, csrf: String, title: String, description: String?, sharedBy: String) {
        self.path = path
        self.csrf = csrf
        self.title = title
        self.description = description
        self.sharedBy = sharedBy
    }
}

public enum MaterialViews {
    /// The library: the list with its folder and status filters, and for those who prepare
    /// materials the card that adds a folder.
    public static func library(
        _ ctx: PageContext, title: String, actions: [PageAction], intro: String, _ list: ListModel, folderForm: FormModel?
    ) -> String {
        Layout.page(ctx, title: title, actions: actions) {
            CommonPages.hint(intro)
            ListView.render(list, ctx)
            if let form = folderForm {
                h("section", ["class": "card"]) {
                    h("h2") { form.submitLabel }
                    FormView.render(form, ctx.t)
                }
            }
        }
    }

    public static func page(_ ctx: PageContext, _ m: MaterialModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, actions: m.actions, facts: m.facts) {
            if !m.commands.isEmpty {
                h("div", ["class": "form-actions"]) {
                    for c in m.commands { CommonPages.actionButton(c.label, action: c.action, csrf: m.csrf) }
                }
            }
            h("dl", ["class": "figures"]) {
                for (label, value) in m.figures {
                    h("div") {
                        h("dt") { label }
                        h("dd") { value }
                    }
                }
            }
            h("h2") { t("material.shares") }
            if let hint = m.shareHint { CommonPages.hint(hint) }
            if let form = m.shareForm { FormView.render(form, t) }
            if !m.shares.isEmpty {
                DataTable.render(
                    [
                        t("material.share_link"), t("material.shared_by"), t("material.expires"), t("common.status"), t("material.views"),
                        t("material.visitors"), t("material.leads"), t("common.actions"),
                    ],
                    m.shares.map { s in
                        [
                            DataTable.Cell(
                                h("input", ["type": "text", "readonly": "", "value": s.link, "aria-label": t("material.share_link")])),
                            .text(s.by), .text(s.expires), .text(s.state), .number(s.views), .number(s.visitors), .number(s.leads),
                            DataTable.Cell(
                                s.revoke.map {
                                    CommonPages.actionButton(
                                        t("material.revoke"), action: $0, csrf: m.csrf, confirm: t("material.revoke_confirm"))
                                } ?? .text("")),
                        ]
                    })
            }
            h("h2") { t("material.versions") }
            if m.versions.isEmpty {
                CommonPages.hint(t("material.no_versions"))
            } else {
                DataTable.render(
                    [t("material.version"), t("material.file"), t("material.size"), t("material.note"), t("common.created_at")],
                    m.versions.map { v in
                        [.number(v.number), DataTable.Cell(CommonPages.link(v.name, v.href)), .number(v.size), .text(v.note), .text(v.at)]
                    })
            }
            if let form = m.versionForm {
                h("section", ["class": "card"]) {
                    h("h2") { t("material.new_version") }
                    FormView.render(form, t)
                }
            }
            h("h2") { t("material.recent_views") }
            if m.views.isEmpty {
                CommonPages.hint(t("material.no_views"))
            } else {
                DataTable.render(
                    [t("material.viewed_at"), t("material.shared_by"), t("field.name"), t("field.phone"), t("material.lead")],
                    m.views.map { v in [.text(v.at), .text(v.sharedBy), .text(v.name), .text(v.phone), DataTable.Cell(v.lead)] })
            }
        }
    }

    /// The visitor's page at `/m/<secret>`: no sign-in, no menu.
    public static func shared(lang: Lang, _ m: SharedMaterialModel) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: m.title, path: m.path) {
            h("section", ["class": "card login material-shared"]) {
                h("h1") { m.title }
                h("p", ["class": "muted"]) { t("material.shared_note", m.sharedBy) }
                if let d = m.description { h("p", ["class": "agenda"]) { d } }
                if let href = m.fileHref {
                    if m.picture { h("img", ["src": href, "alt": m.title, "class": "material-picture"]) }
                    h("p") {
                        h("a", ["href": href, "class": "button primary", "rel": "noopener"]) { t("material.open_file", m.fileName ?? "") }
                    }
                }
                if let url = m.url {
                    h("p") {
                        h("a", ["href": url, "class": "button primary", "rel": "noopener noreferrer", "target": "_blank"]) {
                            t("material.open_link")
                        }
                    }
                }
                if let thanks = m.thanks {
                    h("div", ["class": "flash success", "role": "status"]) { thanks }
                } else {
                    h("h2") { t("material.leave_title") }
                    FormKit.formError(m.error, beside: ["name", "phone", "company"])
                    h("form", ["method": "post", "action": m.path, "class": "form"]) {
                        Layout.csrfField(m.csrf)
                        for (name, label, kind) in [
                            ("name", t("field.name"), FormModel.Field.Kind.text), ("phone", t("field.phone"), .tel),
                            ("company", t("field.company"), .text),
                        ] {
                            FormView.field(
                                .init(
                                    name, label: label, kind: kind, value: m.values[name], required: name != "company",
                                    error: m.error?.field == name ? m.error?.message : nil), t, idPrefix: "m-")
                        }
                        h("div", ["class": "form-actions"]) {
                            h("button", ["type": "submit", "class": "primary"]) { t("material.leave_submit") }
                        }
                    }
                    CommonPages.hint(t("material.leave_hint"))
                }
            }
        }
    }
}
