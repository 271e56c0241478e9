import Paths

/// One campaign's page: its facts, the state buttons, what it brought (the funnel and the return
/// three ways), its budget and cost lines, and the leads it brought.
public struct CampaignModel: Sendable {
    public struct Cost: Sendable {
        public var date: String
        public var channel: String
        public var supplier: String
        public var claim: (text: String, href: String)?
        public var amount: String
        public var note: String
        /// Where the delete button posts, when the reader may take it away.
        public var deleteAction: String?
        public init(
            date: String, channel: String, supplier: String, claim: (text: String, href: String)?, amount: String, note: String,
            deleteAction: String?
        ) {
            self.date = date
            self.channel = channel
            self.supplier = supplier
            self.claim = claim
            self.amount = amount
            self.note = note
            self.deleteAction = deleteAction
        }
    }

    public struct Return: Sendable {
        public var basis: String
        public var amount: String
        public var net: String
        public var roi: String
        public init(basis: String, amount: String, net: String, roi: String) {
            self.basis = basis
            self.amount = amount
            self.net = net
            self.roi = roi
        }
    }

    public struct Lead: Sendable {
        public var company: String
        public var href: String
        public var status: String
        public var owner: String
        public var created: String
        public init(company: String, href: String, status: String, owner: String, created: String) {
            self.company = company
            self.href = href
            self.status = status
            self.owner = owner
            self.created = created
        }
    }

    public var title: String
    public var csrf: String
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    /// The state commands the reader may give: label and where the button posts.
    public var transitions: [(label: String, action: String)] = []
    public var funnel: [(label: String, count: Int64)] = []
    public var returns: [Return] = []
    public var costs: [Cost] = []
    public var costForm: FormModel?
    public var leads: [Lead] = []
    /// Its events: name (linked), when, where, how many came of how many accepted.
    public var events: [(name: String, href: String, when: String, venue: String, came: String)] = []
    /// Where a new event is planned, for those who may.
    public var newEvent: String?
    /// The web form's link for this campaign as a QR code (SVG, drawn on the server), to print at the booth.
    public var formQR: String?
    public init(title: String, csrf: String) {
        self.title = title
        self.csrf = csrf
    }
}

public enum CampaignViews {
    public static func page(_ ctx: PageContext, _ m: CampaignModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, actions: m.actions, facts: m.facts) {
            if !m.transitions.isEmpty {
                h("div", ["class": "actions"]) {
                    for tr in m.transitions { CommonPages.actionButton(tr.label, action: tr.action, csrf: m.csrf) }
                }
            }
            if let qr = m.formQR {
                h("figure", ["class": "qr"]) {
                    Node.raw(qr)
                    h("figcaption") { t("campaign.form_qr") }
                }
            }
            h("h2") { t("campaign.results") }
            if m.funnel.contains(where: { $0.count > 0 }) {
                Chart.funnel(t("campaign.funnel"), Chart.counts(m.funnel).points)
            } else {
                CommonPages.hint(t("campaign.no_results"))
            }
            DataTable.render(
                [t("campaign.basis"), t("campaign.return"), t("campaign.net"), t("campaign.roi")],
                m.returns.map { [.text($0.basis), .number($0.amount), .number($0.net), .number($0.roi)] })
            CommonPages.hint(t("campaign.roi_hint"))
            h("h2") { t("campaign.events") }
            if m.events.isEmpty { CommonPages.hint(t("campaign.no_events")) }
            if !m.events.isEmpty {
                DataTable.render(
                    [t("event.name"), t("event.when"), t("event.venue"), t("event.count.checked_in")],
                    m.events.map {
                        [DataTable.Cell(CommonPages.link($0.name, $0.href)), .text($0.when), .text($0.venue), .number($0.came)]
                    })
            }
            if let href = m.newEvent {
                h("p") { h("a", ["href": href, "class": "button"]) { t("campaign.new_event") } }
            }
            h("h2") { t("campaign.costs") }
            if m.costs.isEmpty { CommonPages.hint(t("campaign.no_costs")) }
            if !m.costs.isEmpty {
                DataTable.render(
                    [
                        t("campaign.cost_date"), t("campaign.cost_item"), t("campaign.supplier"), t("campaign.claim"), t("campaign.amount"),
                        t("common.note"), t("common.actions"),
                    ],
                    m.costs.map { c in
                        [
                            .text(c.date), .text(c.channel), .text(c.supplier),
                            DataTable.Cell(c.claim.map { CommonPages.link($0.text, $0.href) } ?? .text("")), .number(c.amount),
                            .text(c.note),
                            DataTable.Cell(
                                c.deleteAction.map {
                                    CommonPages.actionButton(
                                        t("action.delete"), action: $0, csrf: m.csrf, confirm: t("campaign.delete_cost_confirm"))
                                } ?? .text("")),
                        ]
                    })
            }
            if let form = m.costForm {
                h("h3", ["id": "add-cost"]) { t("campaign.add_cost") }
                FormView.render(form, t)
            }
            h("h2") { t("campaign.leads") }
            if m.leads.isEmpty {
                CommonPages.hint(t("campaign.no_leads"))
            } else {
                DataTable.render(
                    [t("field.company"), t("common.status"), t("field.owner"), t("common.created_at")],
                    m.leads.map {
                        [DataTable.Cell(CommonPages.link($0.company, $0.href)), .text($0.status), .text($0.owner), .text($0.created)]
                    })
            }
        }
    }
}
