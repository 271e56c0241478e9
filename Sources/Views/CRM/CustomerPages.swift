/// The customer's 360° profile (客户360度全貌): everything about one customer on one page.
public struct CustomerProfileModel: Sendable {
    public struct Contact: Sendable {
        public var name: String
        public var title: String
        public var phones: String
        public var email: String
        public var wechat: String
        public var birthday: String
        public var primary: Bool
        public var editHref: String?
        public init(
            name: String, title: String, phones: String, email: String, wechat: String, birthday: String, primary: Bool, editHref: String?
        ) {
            self.name = name
            self.title = title
            self.phones = phones
            self.email = email
            self.wechat = wechat
            self.birthday = birthday
            self.primary = primary
            self.editHref = editHref
        }
    }

    public struct Activity: Sendable {
        public var kind: String
        public var when: String
        public var who: String
        public var content: String
        public var next: String?
        public var checkIn: (label: String, href: String)?
        public init(kind: String, when: String, who: String, content: String, next: String?, checkIn: (label: String, href: String)?) {
            self.kind = kind
            self.when = when
            self.who = who
            self.content = content
            self.next = next
            self.checkIn = checkIn
        }
    }

    /// One node of the related-organisations tree.
    public struct GroupNode: Sendable {
        public var depth: Int
        public var label: String
        public var href: String?
        public var kind: String
        public var current: Bool
        public init(depth: Int, label: String, href: String?, kind: String, current: Bool) {
            self.depth = depth
            self.label = label
            self.href = href
            self.kind = kind
            self.current = current
        }
    }

    /// A block of linked records (orders, deliveries, opportunities…): title, columns, rows.
    public struct Block: Sendable {
        public var title: String
        public var columns: [String]
        public var rows: [[Node]]
        public var empty: String
        public var more: (label: String, href: String)?
        public init(title: String, columns: [String], rows: [[Node]], empty: String, more: (label: String, href: String)? = nil) {
            self.title = title
            self.columns = columns
            self.rows = rows
            self.empty = empty
            self.more = more
        }
    }

    public var title: String
    public var badges: [(String, String)]
    public var facts: [(String, Node)]
    public var actions: [PageAction]
    public var contacts: [Contact]
    public var addContactHref: String?
    public var activities: [Activity]
    public var moreActivitiesHref: String?
    /// The quick follow-up form, when the user may log one.
    public var followUp: FollowUpForm?
    public var group: [GroupNode]
    public var blocks: [Block]
    public var buttons: [Node]

    public init(
        title: String, badges: [(String, String)], facts: [(String, Node)], actions: [PageAction], contacts: [Contact],
        addContactHref: String?,
        activities: [Activity], moreActivitiesHref: String?, followUp: FollowUpForm?,
        group: [GroupNode], blocks: [Block], buttons: [Node] = []
    ) {
        self.title = title
        self.badges = badges
        self.facts = facts
        self.actions = actions
        self.contacts = contacts
        self.addContactHref = addContactHref
        self.activities = activities
        self.moreActivitiesHref = moreActivitiesHref
        self.followUp = followUp
        self.group = group
        self.blocks = blocks
        self.buttons = buttons
    }
}

/// The quick follow-up form on the profile; after a refused save it comes back with what was
/// typed and the reason.
public struct FollowUpForm: Sendable {
    public var action: String
    public var csrf: String
    public var partnerId: String
    public var contacts: [(value: String, label: String)]
    public var kind: String
    public var content: String
    public var nextFollowUp: String
    public var error: String?
    public init(
        action: String, csrf: String, partnerId: String, contacts: [(value: String, label: String)], kind: String = "call",
        content: String = "",
        nextFollowUp: String = "", error: String? = nil
    ) {
        self.action = action
        self.csrf = csrf
        self.partnerId = partnerId
        self.contacts = contacts
        self.kind = kind
        self.content = content
        self.nextFollowUp = nextFollowUp
        self.error = error
    }
}

public enum CustomerPages {
    public static func profile(_ ctx: PageContext, _ m: CustomerProfileModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: m.title, actions: m.actions) {
            if !m.badges.isEmpty || !m.buttons.isEmpty {
                h("div", ["class": "profile-badges"]) {
                    for (text, kind) in m.badges { CommonPages.badge(text, kind) }
                    for b in m.buttons { b }
                }
            }
            h("div", ["class": "grid2"]) {
                h("section", ["class": "card", "aria-labelledby": "base-title"]) {
                    h("h2", ["id": "base-title"]) { t("customer.section.base") }
                    CommonPages.factList(m.facts)
                }
                h("section", ["class": "card", "aria-labelledby": "contacts-title"]) {
                    h("div", ["class": "section-head"]) {
                        h("h2", ["id": "contacts-title"]) { t("customer.section.contacts") }
                        if let add = m.addContactHref { h("a", ["href": add, "class": "button"]) { t("contact.new") } }
                    }
                    if m.contacts.isEmpty { h("p", ["class": "empty"]) { t("contact.none") } }
                    for c in m.contacts {
                        h("div", ["class": "contact-card"]) {
                            h("strong") { c.name }
                            if c.primary { " "; CommonPages.badge(t("contact.primary"), "ok") }
                            if !c.title.isEmpty { h("span", ["class": "muted"]) { " · " + c.title } }
                            if !c.phones.isEmpty {
                                h("div") {
                                    "☎ ";
                                    h("a", ["href": "tel:" + (c.phones.split(separator: " ").first.map(String.init) ?? "")]) { c.phones }
                                }
                            }
                            if !c.email.isEmpty {
                                h("div") {
                                    "✉ "; h("a", ["href": "mailto:" + c.email]) { c.email }
                                }
                            }
                            if !c.wechat.isEmpty { h("div") { t("contact.wechat") + ": " + c.wechat } }
                            if !c.birthday.isEmpty { h("div", ["class": "muted"]) { t("contact.birthday") + ": " + c.birthday } }
                            if let e = c.editHref { h("a", ["href": e, "class": "small"]) { t("action.edit") } }
                        }
                    }
                }
            }
            h("section", ["class": "card", "aria-labelledby": "timeline-title"]) {
                h("h2", ["id": "timeline-title"]) { t("customer.section.timeline") }
                if let f = m.followUp { followUpForm(t, f) }
                if m.activities.isEmpty { h("p", ["class": "empty"]) { t("activity.none") } }
                h("ol", ["class": "timeline"]) {
                    for a in m.activities {
                        h("li") {
                            h("div", ["class": "timeline-head"]) {
                                CommonPages.badge(a.kind)
                                " "
                                h("span", ["class": "muted"]) { a.when + " · " + a.who }
                            }
                            h("p", ["class": "timeline-body"]) { a.content }
                            if let n = a.next { h("div", ["class": "muted"]) { t("activity.next") + ": " + n } }
                            if let c = a.checkIn {
                                h("div") {
                                    "📍 "; h("a", ["href": c.href, "rel": "noopener", "target": "_blank"]) { c.label }
                                }
                            }
                        }
                    }
                }
                if let more = m.moreActivitiesHref { h("a", ["href": more]) { t("activity.all") } }
            }
            if !m.group.isEmpty {
                h("section", ["class": "card", "aria-labelledby": "group-title"]) {
                    h("h2", ["id": "group-title"]) { t("customer.section.group") }
                    h("ul", ["class": "tree"]) {
                        for n in m.group {
                            h("li", ["style": nil, "class": "depth-\(min(n.depth, 6))" + (n.current ? " current" : "")]) {
                                if let href = n.href, !n.current { h("a", ["href": href]) { n.label } } else { h("strong") { n.label } }
                                if !n.kind.isEmpty { h("span", ["class": "muted"]) { " · " + n.kind } }
                            }
                        }
                    }
                }
            }
            // The linked records fold away: the page opens as a short summary, each block a tap away.
            for b in m.blocks {
                h("details", ["class": "card block"]) {
                    h("summary") { h("h2") { b.title + (b.rows.isEmpty ? "" : "（\(b.rows.count)）") } }
                    if b.rows.isEmpty {
                        h("p", ["class": "empty"]) { b.empty }
                    } else {
                        h("div", ["class": "table-wrap"]) {
                            h("table", ["class": "data"]) {
                                h("thead") { h("tr") { for c in b.columns { h("th") { c } } } }
                                h("tbody") {
                                    for r in b.rows {
                                        h("tr") {
                                            for (i, cell) in r.enumerated() {
                                                h("td", ["data-label": i < b.columns.count ? b.columns[i] : nil]) { cell }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if let more = b.more { h("a", ["href": more.href]) { more.label } }
                }
            }
            thumbBar(m, t)
        }
    }

    /// On a phone, what people do most with a customer, at the thumb: call, follow up, check in.
    static func thumbBar(_ m: CustomerProfileModel, _ t: Translator) -> Node {
        let phone = m.contacts.lazy.compactMap { $0.phones.split(separator: " ").first.map(String.init) }.first
        guard phone != nil || m.followUp != nil else { return .empty }
        return h("nav", ["class": "thumb-bar", "aria-label": t("customer.quick_actions")]) {
            if let phone { h("a", ["href": "tel:" + phone]) { "📞 " + t("customer.call") } }
            if m.followUp != nil {
                h("a", ["href": "#followup"]) { "✎ " + t("customer.follow_up") }
                h("a", ["href": "#followup"]) { "📍 " + t("activity.checkin") }
            }
        }
    }

    /// Log a call, visit, e-mail, meeting or note; a visit can take the phone's position.
    static func followUpForm(_ t: Translator, _ f: FollowUpForm) -> Node {
        h("form", ["method": "post", "action": f.action, "class": "followup-form", "id": "followup"]) {
            if let e = f.error { h("div", ["class": "flash error", "role": "alert"]) { e } }
            Layout.csrfField(f.csrf)
            h("input", ["type": "hidden", "name": "partnerId", "value": f.partnerId])
            h("div", ["class": "followup-row"]) {
                h("label", ["for": "fu-kind"]) { t("activity.kind") }
                h("select", ["id": "fu-kind", "name": "kind"]) {
                    for k in ["call", "visit", "email", "meeting", "note"] {
                        h("option", ["value": k, "selected": flag(k == f.kind)]) { t("activity.kind." + k) }
                    }
                }
                if !f.contacts.isEmpty {
                    h("label", ["for": "fu-contact"]) { t("activity.contact") }
                    h("select", ["id": "fu-contact", "name": "contactId"]) {
                        h("option", ["value": ""]) { "—" }
                        for (v, l) in f.contacts { h("option", ["value": v]) { l } }
                    }
                }
            }
            h("label", ["for": "fu-content", "class": "visually-hidden"]) { t("activity.content") }
            h(
                "textarea",
                ["id": "fu-content", "name": "content", "rows": "3", "required": "", "placeholder": t("activity.content_placeholder")]
            ) { f.content }
            h("div", ["class": "followup-row"]) {
                h("label", ["for": "fu-next"]) { t("activity.next") }
                h("input", ["type": "date", "id": "fu-next", "name": "nextFollowUp", "value": f.nextFollowUp])
                h(
                    "button",
                    [
                        "type": "button", "data-checkin": "fu-checkin-status", "data-locating": t("activity.checkin.locating"),
                        "data-done": t("activity.checkin.done"), "data-failed": t("activity.checkin.failed"),
                        "data-unavailable": t("activity.checkin.unavailable"),
                    ]
                ) { "📍 " + t("activity.checkin") }
                h("span", ["id": "fu-checkin-status", "class": "muted", "role": "status"]) { "" }
            }
            h("details", ["class": "checkin-fields"]) {
                h("summary") { t("activity.checkin.manual") }
                h("div", ["class": "followup-row"]) {
                    h("label", ["for": "fu-lat"]) { t("customer.latitude") }
                    h("input", ["id": "fu-lat", "name": "latitude", "inputmode": "decimal", "size": "12"])
                    h("label", ["for": "fu-lng"]) { t("customer.longitude") }
                    h("input", ["id": "fu-lng", "name": "longitude", "inputmode": "decimal", "size": "12"])
                    h("input", ["type": "hidden", "name": "accuracy", "value": ""])
                }
            }
            h("div", ["class": "form-actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("activity.save") } }
        }
    }
}
