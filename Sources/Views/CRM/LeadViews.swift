import Paths

/// 线索: the import page (paste or upload, preview, outcome per line), the duplicates a new lead
/// resembles, and the lead with take, assign, convert, log and disqualify.
public struct LeadImportModel: Sendable {
    public struct Row: Sendable {
        public var line = "", company = "", href: String?, outcome = "", reason = ""
        public init(line: String, company: String, href: String?, outcome: String, reason: String) {
            self.line = line
            self.company = company
            self.href = href
            self.outcome = outcome
            self.reason = reason
        }
    }
    public var csrf = ""
    public var text = ""
    public var error: String?
    /// nil before a preview or a run.
    public var rows: [Row]?
    public var summary = ""
    public var dryRun = false
    public init() {}
}

public struct LeadMatch: Sendable {
    /// nil: a record the reader may not open (another branch's).
    public var href: String?
    public var name = ""
    public var detail = ""
    public init(href: String?, name: String, detail: String) {
        self.href = href
        self.name = name
        self.detail = detail
    }
}

public struct LeadModel: Sendable {
    public var id: Int64 = 0
    public var company = ""
    public var csrf = ""
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    public var convertedTo: Int64?
    /// The actions a lead still open offers the reader; none when closed or not theirs.
    public var open = false
    public var mayTake = false
    public var assignees: [(id: String, name: String, current: Bool)] = []
    public var timeline: [(kind: String, when: String, content: String)] = []
    public init() {}
}

public enum LeadViews {
    public static func importPage(_ ctx: PageContext, _ m: LeadImportModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("lead.import")) {
            CommonPages.hint(t("lead.import.hint"))
            if let error = m.error { h("div", ["class": "flash error", "role": "alert"]) { error } }
            if let rows = m.rows {
                h("div", ["class": "flash " + (m.dryRun ? "info" : "success"), "role": "status"]) { m.summary }
                h("div", ["class": "table-wrap"]) {
                    DataTable.render(
                        [t("lead.import.line"), t("lead.company"), t("lead.import.outcome"), t("lead.import.reason")],
                        rows.map { r in
                            [
                                .text(r.line), DataTable.Cell(r.href.map { CommonPages.link(r.company, $0) } ?? .text(r.company)),
                                .text(t("lead.import.outcome." + r.outcome)), .text(r.reason),
                            ]
                        })
                }
            }
            h("form", ["method": "post", "action": Paths.CRM.importLeads(), "enctype": "multipart/form-data", "class": "form"]) {
                Layout.csrfField(m.csrf)
                h("div", ["class": "field"]) {
                    h("label", ["for": "import-text"]) { t("lead.import.paste") }
                    h("textarea", ["id": "import-text", "name": "text", "rows": "8", "placeholder": "公司,联系人,电话,邮箱,来源"]) { m.text }
                }
                h("div", ["class": "field"]) {
                    h("label", ["for": "import-file"]) { t("lead.import.file") }
                    h(
                        "input",
                        [
                            "type": "file", "id": "import-file", "name": "file",
                            "accept": ".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        ])
                }
                h("div", ["class": "form-actions"]) {
                    h("button", ["type": "submit", "name": "dryRun", "value": "true"]) { t("lead.import.preview") }
                    h("button", ["type": "submit", "name": "dryRun", "value": "false", "class": "primary"]) { t("lead.import.run") }
                }
            }
        }
    }

    /// What a new lead resembles: leads and customers, linked where the reader may open them.
    public static func duplicates(_ matches: [LeadMatch], _ t: Translator) -> Node {
        guard !matches.isEmpty else { return .fragment([]) }
        return h("section", ["class": "card", "aria-labelledby": "dup-title"]) {
            h("h2", ["id": "dup-title"]) { t("lead.duplicates") }
            h("ul", ["class": "plain"]) {
                for m in matches {
                    h("li") {
                        if let href = m.href { h("a", ["href": href]) { m.name } } else { m.name }
                        h("span", ["class": "muted"]) { " · " + m.detail }
                    }
                }
            }
        }
    }

    public static func lead(_ ctx: PageContext, _ m: LeadModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.company, actions: m.actions, facts: m.facts) {
            if let cid = m.convertedTo {
                h("p", ["class": "flash success"]) {
                    t("lead.converted_to"); " "; h("a", ["href": Paths.CRM.customer(cid)]) { t("customer.one") }
                }
            }
            if m.open {
                h("div", ["class": "grid2"]) {
                    if m.mayTake {
                        h("section", ["class": "card"]) {
                            h("h2") { t("lead.take") }
                            CommonPages.actionButton(t("lead.take"), action: Paths.CRM.takeLead(m.id), csrf: m.csrf)
                        }
                    }
                    if !m.assignees.isEmpty {
                        h("section", ["class": "card"]) {
                            h("h2") { t("lead.assign") }
                            h("form", ["method": "post", "action": Paths.CRM.assignLead(m.id), "class": "inline-form"]) {
                                Layout.csrfField(m.csrf)
                                FormKit.labelled(t("lead.assign")) {
                                    h("select", ["name": "ownerId", "aria-label": t("lead.assign")]) {
                                        for a in m.assignees { h("option", ["value": a.id, "selected": flag(a.current)]) { a.name } }
                                    }
                                }
                                h("button", ["type": "submit"]) { t("lead.assign") }
                            }
                        }
                    }
                    h("section", ["class": "card"]) {
                        h("h2") { t("lead.convert") }
                        h("form", ["method": "post", "action": Paths.CRM.convertLead(m.id), "class": "form"]) {
                            Layout.csrfField(m.csrf)
                            h("div", ["class": "field checkbox"]) {
                                h("label") {
                                    h("input", ["type": "checkbox", "name": "createOpportunity", "value": "true", "checked": ""]);
                                    " " + t("lead.with_opportunity")
                                }
                            }
                            h("div", ["class": "field"]) {
                                h("label", ["for": "opp-name"]) { t("opportunity.name") }
                                h("input", ["id": "opp-name", "name": "opportunityName", "value": m.company])
                            }
                            h("div", ["class": "field"]) {
                                h("label", ["for": "opp-amount"]) { t("opportunity.amount") }
                                h("input", ["id": "opp-amount", "name": "amount", "inputmode": "decimal", "value": "0"])
                            }
                            h("button", ["type": "submit", "class": "primary"]) { t("lead.convert") }
                        }
                    }
                    h("section", ["class": "card"]) {
                        h("h2") { t("lead.log") }
                        h("form", ["method": "post", "action": Paths.CRM.leadActivities(m.id), "class": "followup-form"]) {
                            Layout.csrfField(m.csrf)
                            FormKit.labelled(t("activity.kind")) {
                                h("select", ["name": "kind", "aria-label": t("activity.kind")]) {
                                    for k in ["call", "email", "meeting", "visit", "note"] {
                                        h("option", ["value": k]) { t("activity.kind." + k) }
                                    }
                                }
                            }
                            FormKit.labelled(t("activity.content")) {
                                h("textarea", ["name": "content", "rows": "2", "required": "", "aria-label": t("activity.content")]) { "" }
                            }
                            h("button", ["type": "submit"]) { t("activity.save") }
                        }
                    }
                    h("section", ["class": "card"]) {
                        h("h2") { t("lead.disqualify") }
                        h("form", ["method": "post", "action": Paths.CRM.disqualifyLead(m.id), "class": "inline-form"]) {
                            Layout.csrfField(m.csrf)
                            FormKit.labelled(t("pool.reason")) {
                                h(
                                    "input",
                                    ["name": "reason", "required": "", "aria-label": t("pool.reason"), "placeholder": t("pool.reason")])
                            }
                            h("button", ["type": "submit", "class": "danger"]) { t("lead.disqualify") }
                        }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("customer.section.timeline") }
                if m.timeline.isEmpty { h("p", ["class": "empty"]) { t("activity.none") } }
                h("ol", ["class": "timeline"]) {
                    for a in m.timeline {
                        h("li") {
                            CommonPages.badge(t("activity.kind." + a.kind)); " "
                            h("span", ["class": "muted"]) { a.when }
                            h("p", ["class": "timeline-body"]) { a.content }
                        }
                    }
                }
            }
        }
    }
}
