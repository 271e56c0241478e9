import Paths

/// An event's page: its facts, the door's figures, what it brought, and the invitations.
public struct EventModel: Sendable {
    public struct Invitee: Sendable {
        public var name: String
        public var company: String
        public var phone: String
        public var status: String
        public var statusKind: String
        public var answered: String
        /// Where the invitee answers (the RSVP link), for staff to send by WeChat or text.
        public var link: String
        /// Accept or decline on the invitee's behalf: label and where the button posts.
        public var actions: [(label: String, action: String)]
        public init(
            name: String, company: String, phone: String, status: String, statusKind: String, answered: String, link: String,
            actions: [(label: String, action: String)]
        ) {
            self.name = name
            self.company = company
            self.phone = phone
            self.status = status
            self.statusKind = statusKind
            self.answered = answered
            self.link = link
            self.actions = actions
        }
    }

    public var title: String
    public var csrf: String
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    /// The door's figures and what the event brought: label and figure.
    public var figures: [(String, String)] = []
    public var outcomeTitle = ""
    public var outcome: [(String, String)] = []
    public var invitees: [Invitee] = []
    public var moreInvitees: String?
    public init(title: String, csrf: String) {
        self.title = title
        self.csrf = csrf
    }
}

/// The check-in board: phone first, one big answer at the top, the code field under the thumb.
public struct BoardModel: Sendable {
    public enum Answer: Sendable {
        case ok(String)
        case refused(String)
    }
    public struct Found: Sendable {
        public var name: String
        public var company: String
        public var phone: String
        public var status: String
        /// Where "check in" posts, when this person may still be checked in.
        public var checkIn: String?
        public init(name: String, company: String, phone: String, status: String, checkIn: String?) {
            self.name = name
            self.company = company
            self.phone = phone
            self.status = status
            self.checkIn = checkIn
        }
    }

    public var title: String
    public var csrf: String
    public var eventHref: String
    public var answer: Answer?
    /// Undo of the last check-in: its label and where it posts.
    public var undo: (label: String, action: String)?
    public var checkInAction: String
    public var countsHref: String
    /// accepted, checked in, walk-ins: label and figure, refreshed by the page's script.
    public var counts: [(key: String, label: String, value: Int64)] = []
    public var query: String
    public var found: [Found] = []
    public var searched = false
    public var walkIn: FormModel?
    public init(title: String, csrf: String, eventHref: String, checkInAction: String, countsHref: String, query: String) {
        self.title = title
        self.csrf = csrf
        self.eventHref = eventHref
        self.checkInAction = checkInAction
        self.countsHref = countsHref
        self.query = query
    }
}

/// The invitee's own page, reached from the invitation's link without signing in.
public struct RSVPModel: Sendable {
    public var path: String
    public var csrf: String
    public var event: String
    public var facts: [(String, String)]
    public var agenda: String?
    public var greeting: String
    public var status: String
    /// Whether the answer buttons show (the event still takes answers).
    public var open: Bool
    public var accepted: Bool
    public var declined: Bool
    public var ticket: String?
    public var ticketQR: String?
    public var message: String?
    public var error: String?
    public init(path: String, csrf: String, event: String, facts: [(String, String)], agenda: String?, greeting: String, status: String) {
        self.path = path
        self.csrf = csrf
        self.event = event
        self.facts = facts
        self.agenda = agenda
        self.greeting = greeting
        self.status = status
        self.open = false
        self.accepted = false
        self.declined = false
    }
}

public enum EventViews {
    public static func page(_ ctx: PageContext, _ m: EventModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, actions: m.actions, facts: m.facts) {
            h("h2") { t("event.door") }
            h("dl", ["class": "figures"]) {
                for (label, value) in m.figures {
                    h("div") {
                        h("dt") { label }
                        h("dd") { value }
                    }
                }
            }
            h("h2") { m.outcomeTitle }
            DataTable.render([t("event.measure"), t("event.figure")], m.outcome.map { [.text($0.0), .number($0.1)] })
            CommonPages.hint(t("event.outcome_hint"))
            h("h2") { t("event.invitees") }
            if m.invitees.isEmpty {
                CommonPages.hint(t("event.no_invitees"))
            } else {
                DataTable.render(
                    [
                        t("event.invitee"), t("field.company"), t("field.phone"), t("common.status"), t("event.answered"),
                        t("event.rsvp_link"),
                        t("common.actions"),
                    ],
                    m.invitees.map { i in
                        [
                            .text(i.name), .text(i.company), .text(i.phone), DataTable.Cell(CommonPages.badge(i.status, i.statusKind)),
                            .text(i.answered), DataTable.Cell(CommonPages.link(t("event.open_link"), i.link)),
                            DataTable.Cell(
                                .fragment(i.actions.map { CommonPages.actionButton($0.label, action: $0.action, csrf: m.csrf) })),
                        ]
                    })
                if let more = m.moreInvitees { CommonPages.hint(more) }
            }
        }
    }

    /// Whom to invite: a search over contacts and leads, then the boxes to tick.
    public static func invite(_ ctx: PageContext, title: String, query: String, hint: String, _ form: FormModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: title) {
            h("form", ["method": "get", "action": form.action, "class": "list-filters", "role": "search"]) {
                h(
                    "input",
                    [
                        "type": "search", "name": "q", "value": query, "placeholder": t("event.search_people"),
                        "aria-label": t("event.search_people"),
                    ])
                h("button", ["type": "submit"]) { t("list.search") }
            }
            CommonPages.hint(hint)
            FormView.render(form, t)
        }
    }

    public static func board(_ ctx: PageContext, _ m: BoardModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: m.title, actions: [PageAction(label: t("event.back"), href: m.eventHref)]) {
            h("section", ["class": "board"]) {
                switch m.answer {
                case .ok(let text): h("div", ["class": "board-answer ok", "role": "status"]) { "✓ " + text }
                case .refused(let text): h("div", ["class": "board-answer refused", "role": "alert"]) { "✗ " + text }
                case nil: Node.fragment([])
                }
                if let undo = m.undo { CommonPages.actionButton(undo.label, action: undo.action, csrf: m.csrf) }
                h("dl", ["class": "figures board-counts", "data-counts": m.countsHref]) {
                    for c in m.counts {
                        h("div") {
                            h("dt") { c.label }
                            h("dd", ["data-count": c.key]) { String(c.value) }
                        }
                    }
                }
                h("form", ["method": "post", "action": m.checkInAction, "class": "form board-scan"]) {
                    Layout.csrfField(m.csrf)
                    h("div", ["class": "field"]) {
                        h("label", ["for": "board-code"]) { t("event.ticket_code") }
                        h(
                            "input",
                            [
                                "type": "text", "id": "board-code", "name": "code", "autocomplete": "off", "autocapitalize": "characters",
                                "autofocus": "", "maxlength": "40", "required": "",
                            ])
                    }
                    h("div", ["class": "form-actions"]) {
                        h("button", ["type": "submit", "class": "primary"]) { t("event.check_in") }
                        h(
                            "button",
                            ["type": "button", "data-scan": "board-code", "data-scan-failed": t("event.scan_failed"), "hidden": ""]
                        ) {
                            t("event.scan")
                        }
                    }
                    h("video", ["class": "scanner", "data-scanner": "", "muted": "", "playsinline": "", "hidden": ""]) { "" }
                }
                h("form", ["method": "get", "action": ctx.path, "class": "list-filters", "role": "search"]) {
                    h(
                        "input",
                        [
                            "type": "search", "name": "q", "value": m.query, "placeholder": t("event.search_person"),
                            "aria-label": t("event.search_person"),
                        ])
                    h("button", ["type": "submit"]) { t("list.search") }
                }
                if m.searched && m.found.isEmpty { CommonPages.hint(t("event.nobody_found")) }
                if !m.found.isEmpty {
                    DataTable.render(
                        [t("event.invitee"), t("field.company"), t("field.phone"), t("common.status"), t("common.actions")],
                        m.found.map { f in
                            [
                                .text(f.name), .text(f.company), .text(f.phone), .text(f.status),
                                DataTable.Cell(
                                    f.checkIn.map {
                                        h("form", ["method": "post", "action": $0, "class": "inline"]) {
                                            Layout.csrfField(m.csrf)
                                            h("button", ["type": "submit", "class": "primary"]) { t("event.check_in") }
                                        }
                                    } ?? .text("")),
                            ]
                        })
                }
                if let form = m.walkIn {
                    h("details", ["class": "walk-in", "open": form.fields.contains { $0.error != nil } ? "" : nil]) {
                        h("summary") { t("event.walk_in") }
                        FormView.render(form, t)
                    }
                }
            }
        }
    }

    public static func rsvp(lang: Lang, _ m: RSVPModel) -> String {
        let t = Translator(lang)
        return Layout.bare(lang, title: m.event, path: m.path) {
            h("section", ["class": "card login rsvp"]) {
                h("h1") { m.event }
                h("p") { m.greeting }
                if let error = m.error { h("div", ["class": "flash error", "role": "alert"]) { error } }
                if let message = m.message { h("div", ["class": "flash success", "role": "status"]) { message } }
                CommonPages.factList(m.facts.map { ($0.0, .text($0.1)) })
                if let agenda = m.agenda {
                    h("h2") { t("event.agenda") }
                    h("p", ["class": "agenda"]) { agenda }
                }
                h("p") { t("event.your_answer", m.status) }
                if let qr = m.ticketQR, let ticket = m.ticket {
                    h("figure", ["class": "qr ticket"]) {
                        Node.raw(qr)
                        h("figcaption") { t("event.ticket_caption", ticket) }
                    }
                }
                if m.open {
                    h("form", ["method": "post", "action": m.path, "class": "form rsvp-answer"]) {
                        Layout.csrfField(m.csrf)
                        h("div", ["class": "form-actions"]) {
                            if !m.accepted {
                                h("button", ["type": "submit", "name": "answer", "value": "accept", "class": "primary"]) {
                                    t("event.accept")
                                }
                            }
                            if !m.declined {
                                h("button", ["type": "submit", "name": "answer", "value": "decline"]) { t("event.decline") }
                            }
                        }
                    }
                }
            }
        }
    }
}
