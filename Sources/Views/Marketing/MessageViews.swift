import Paths

/// A send's page: its facts, the state buttons, how far it got, and each recipient's trace.
public struct SendModel: Sendable {
    public struct Recipient: Sendable {
        public var name: String
        public var address: String
        public var status: String
        public var error: String
        public var sent: String
        public var unsubscribed: String
        /// Opened or clicked, with when (on a tracked send).
        public var engaged: String
        public init(name: String, address: String, status: String, error: String, sent: String, unsubscribed: String, engaged: String = "")
        {
            self.engaged = engaged
            self.name = name
            self.address = address
            self.status = status
            self.error = error
            self.sent = sent
            self.unsubscribed = unsubscribed
        }
    }
    public var title: String
    public var csrf: String
    public var facts: [(String, Node)] = []
    public var figures: [(String, Int64)] = []
    public var transitions: [(label: String, action: String)] = []
    public var recipients: [Recipient] = []
    /// While it is being sent: the page shows a link to look again.
    public var refresh = false
    public init(title: String, csrf: String) {
        self.title = title
        self.csrf = csrf
    }
}

public enum MessageViews {
    /// A template: how it reads for a real recipient, then its form.
    public static func template(
        _ ctx: PageContext, title: String, previewTitle: String, subject: String, text: String, form: FormModel?
    ) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: title) {
            h("section", ["class": "card preview"]) {
                h("h2") { previewTitle }
                if !subject.isEmpty { h("p") { h("strong") { t("message.subject") + "：" + subject } } }
                h("div", ["class": "message-text"]) { text }
            }
            if let form { FormView.render(form, t) }
        }
    }

    public static func send(_ ctx: PageContext, _ m: SendModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, facts: m.facts) {
            if !m.transitions.isEmpty {
                h("div", ["class": "actions"]) {
                    for tr in m.transitions { CommonPages.actionButton(tr.label, action: tr.action, csrf: m.csrf) }
                }
            }
            h("dl", ["class": "figures"]) {
                for (label, value) in m.figures {
                    h("div") {
                        h("dt") { label }
                        h("dd") { String(value) }
                    }
                }
            }
            if m.refresh { h("p") { h("a", ["href": ctx.path, "class": "button"]) { t("send.look_again") } } }
            h("h2") { t("send.recipients") }
            DataTable.render(
                [
                    t("event.invitee"), t("field.email"), t("common.status"), t("send.error"), t("send.sent_at"),
                    t("recipient.unsubscribed"), t("recipient.engaged"),
                ],
                m.recipients.map {
                    [
                        .text($0.name), .text($0.address), .text($0.status), .text($0.error), .text($0.sent), .text($0.unsubscribed),
                        .text($0.engaged),
                    ]
                })
        }
    }

    /// The recipient's page: one button, or the word that it is done.
    public static func unsubscribe(lang: Lang, path: String, address: String, done: Bool) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: t("unsubscribe.title"), path: path) {
            h("section", ["class": "card login"]) {
                h("h1") { t("unsubscribe.title") }
                if done {
                    h("div", ["class": "flash success", "role": "status"]) { t("unsubscribe.done", address) }
                } else {
                    h("p") { t("unsubscribe.ask", address) }
                    h("form", ["method": "post", "action": path, "class": "form"]) {
                        h("div", ["class": "form-actions"]) {
                            h("button", ["type": "submit", "class": "primary"]) { t("unsubscribe.confirm") }
                        }
                    }
                }
            }
        }
    }
}
