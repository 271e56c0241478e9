import Paths

/// CRM settings (lists, custom fields, stages), the schedule (a day or a week of tasks) and a
/// work report with its manager's comment.
public struct ScheduleModel: Sendable {
    public struct Day: Sendable {
        public var title = ""
        public var tasks: [Task] = []
        /// Customers due for a follow-up that day, linked where the reader may open them.
        public var followUps: [Node] = []
        /// In the month view: the day of the month, the day view's link, and whether it is of the month shown / today.
        public var dayOfMonth = ""
        public var href = ""
        public var inMonth = true
        public var isToday = false
        public init(title: String, tasks: [Task], followUps: [Node] = []) {
            self.title = title
            self.tasks = tasks
            self.followUps = followUps
        }
    }
    public struct Task: Sendable {
        public var id: Int64 = 0
        public var time = "", title = ""
        public var meeting = false, done = false
        /// The customer, linked when the reader may open it.
        public var customer: Node?
        public init(id: Int64, time: String, title: String, meeting: Bool, done: Bool, customer: Node?) {
            self.id = id
            self.time = time
            self.title = title
            self.meeting = meeting
            self.done = done
            self.customer = customer
        }
    }
    public var actions: [PageAction] = []
    public enum View: String, Sendable { case day, week, month }
    public var view = View.day
    public var week: Bool { view == .week }
    /// What the page shows: a day, a week, or the month's name.
    public var heading = ""
    /// The weekday names, Monday first (the month view's header).
    public var weekdays: [String] = []
    /// Previous, today, next, day view, week view, month view.
    public var links: (previous: String, today: String, next: String, day: String, week: String, month: String) = ("", "", "", "", "", "")
    public var days: [Day] = []
    public var csrf = ""
    public init() {}
}

public struct WorkReportModel: Sendable {
    public var id: Int64 = 0
    public var title = ""
    public var facts: [(String, Node)] = []
    public var content = ""
    public var plan: String?
    public var comment: String?
    public var commentedBy = ""
    public var mayComment = false
    public var csrf = ""
    public init() {}
}

public enum CRMViews {
    public static func settings(
        _ ctx: PageContext, lists: FormModel, newField: FormModel, fields: ListModel, stages: (list: ListModel, form: FormModel)?
    ) -> String {
        let t = ctx.t
        func card(_ title: String, _ body: Node) -> Node {
            h("section", ["class": "card"]) {
                h("h2") { title }; body
            }
        }
        return Layout.page(ctx, title: t("crm.settings.title")) {
            h("div", ["class": "grid2"]) {
                card(t("crm.settings.lists"), FormView.render(lists, t))
                card(t("crm.field.new"), FormView.render(newField, t))
            }
            card(t("crm.field.title"), ListView.render(fields, ctx))
            if let stages {
                h("div", ["class": "grid2"]) {
                    card(t("stage.title"), ListView.render(stages.list, ctx))
                    card(t("stage.new"), FormView.render(stages.form, t))
                }
            }
        }
    }

    public static func schedule(_ ctx: PageContext, _ m: ScheduleModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("schedule.title"), actions: m.actions) {
            h("div", ["class": "actions schedule-nav"]) {
                h("a", ["class": "button", "href": m.links.previous]) { "‹ " + t("schedule.previous") }
                h("a", ["class": "button", "href": m.links.today]) { t("schedule.today") }
                h("a", ["class": "button", "href": m.links.next]) { t("schedule.next") + " ›" }
                for (v, href) in [(ScheduleModel.View.day, m.links.day), (.week, m.links.week), (.month, m.links.month)] {
                    h("a", ["class": m.view == v ? "button primary" : "button", "href": href]) { t("schedule." + v.rawValue) }
                }
            }
            if m.view == .month {
                month(m, t)
            } else {
                days(m, t)
            }
        }
    }

    /// A month as a calendar, Monday first: each day's follow-ups and tasks (the first three,
    /// then how many more), the day view one tap away. On a phone a day shows its count.
    static func month(_ m: ScheduleModel, _ t: Translator) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { m.heading }
            h("div", ["class": "month-grid", "role": "grid"]) {
                for w in m.weekdays { h("div", ["class": "month-head", "role": "columnheader"]) { w } }
                for d in m.days {
                    let entries = d.followUps.count + d.tasks.count
                    h(
                        "div",
                        [
                            "class": "month-day" + (d.inMonth ? "" : " other") + (d.isToday ? " today" : ""), "role": "gridcell",
                            "aria-label": d.title,
                        ]
                    ) {
                        h("a", ["class": "month-date", "href": d.href]) { d.dayOfMonth }
                        if entries > 0 { h("span", ["class": "month-count"]) { String(entries) } }
                        h("ul", ["class": "plain month-items"]) {
                            for f in d.followUps.prefix(3) {
                                h("li", ["class": "follow-up"]) {
                                    t("schedule.follow_up") + " "; f
                                }
                            }
                            for task in d.tasks.prefix(max(0, 3 - d.followUps.count)) {
                                h("li", ["class": task.done ? "task done" : "task"]) { task.time + " " + task.title }
                            }
                            if entries > 3 {
                                h("li") { h("a", ["href": d.href]) { t("schedule.more", String(entries - 3)) } }
                            }
                        }
                    }
                }
            }
        }
    }

    static func days(_ m: ScheduleModel, _ t: Translator) -> Node {
        h("div", ["class": m.week ? "week-grid" : ""]) {
            for d in m.days {
                h("section", ["class": "card day-column"]) {
                    h("h2") { d.title }
                    if d.tasks.isEmpty && d.followUps.isEmpty { h("p", ["class": "empty"]) { t("schedule.free") } }
                    if !d.followUps.isEmpty {
                        h("ul", ["class": "plain"]) {
                            for f in d.followUps {
                                h("li", ["class": "follow-up"]) {
                                    t("schedule.follow_up") + " "; f
                                }
                            }
                        }
                    }
                    h("ul", ["class": "plain"]) {
                        for task in d.tasks {
                            h("li", ["class": task.done ? "task done" : "task"]) {
                                h("strong") { task.time }
                                " " + (task.meeting ? "👥 " : "☐ ") + task.title
                                if let c = task.customer { " · "; c }
                                if !task.done {
                                    " "
                                    CommonPages.actionButton(t("task.done"), action: Paths.CRM.taskDone(task.id), csrf: m.csrf)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The new report form under the figures of its period.
    public static func reportForm(
        _ ctx: PageContext, title: String, statsTitle: String, stats: [(String, Node)], _ form: FormModel
    ) -> String {
        Layout.page(ctx, title: title) {
            h("section", ["class": "card"]) {
                h("h2") { statsTitle }; CommonPages.factList(stats)
            }
            FormView.render(form, ctx.t)
        }
    }

    public static func report(_ ctx: PageContext, _ m: WorkReportModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, facts: m.facts) {
            h("section", ["class": "card"]) {
                h("h2") { t("report.content") }; h("p", ["class": "timeline-body"]) { m.content }
            }
            if let plan = m.plan {
                h("section", ["class": "card"]) {
                    h("h2") { t("report.plan") }; h("p", ["class": "timeline-body"]) { plan }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("report.comment") }
                if let c = m.comment {
                    h("p", ["class": "timeline-body"]) { c }
                    h("p", ["class": "muted"]) { m.commentedBy }
                } else if !m.mayComment {
                    h("p", ["class": "empty"]) { t("report.no_comment") }
                }
                if m.mayComment {
                    h("form", ["method": "post", "action": Paths.CRM.commentReport(m.id), "class": "followup-form"]) {
                        Layout.csrfField(m.csrf)
                        FormKit.labelled(t("report.comment")) {
                            h("textarea", ["name": "comment", "rows": "3", "required": "", "aria-label": t("report.comment")]) {
                                m.comment ?? ""
                            }
                        }
                        h("button", ["type": "submit", "class": "primary"]) { t("report.comment_save") }
                    }
                }
            }
        }
    }
}
