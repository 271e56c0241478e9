import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The schedule: a day or a week of one's tasks and meetings, and the form to plan one.
enum ScheduleWebPages {
    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let view = ScheduleModel.View(rawValue: req.query[String.self, at: "view"] ?? "") ?? .day
        let now = req.services.nowMillis
        let today = CalendarDate(chinaDayOf: now)
        let date = req.query[String.self, at: "date"].flatMap { CalendarDate($0) } ?? today
        // The days shown: one, the week from Monday, or the month's weeks from the Monday on or before the 1st.
        let first: CalendarDate, count: Int64, step: (previous: CalendarDate, next: CalendarDate)
        switch view {
        case .day:
            (first, count, step) = (date, 1, (date.adding(days: -1), date.adding(days: 1)))
        case .week:
            (first, count, step) = (date.monday, 7, (date.monday.adding(days: -7), date.monday.adding(days: 7)))
        case .month:
            let p = date.parts
            let firstOfMonth = date.adding(days: 1 - p.day)
            let days = CalendarDate.daysIn(month: p.month, year: p.year)
            let last = firstOfMonth.adding(days: days - 1)
            first = firstOfMonth.monday
            count = last.adding(days: 6 - last.weekday).day - first.day + 1
            step = (firstOfMonth.adding(days: -1), last.adding(days: 1))
        }
        let dayMs: Int64 = 86_400_000
        let start = first.chinaStartMillis
        let tasks = try await TaskService.list(from: start, to: start + count * dayMs, ownerId: req.state.principal?.userId, req.services)
        let followUps =
            req.state.principal?.can(.customers, .view) == true
            ? try await TaskService.followUps(from: first.text, through: first.adding(days: count - 1).text, req.services) : []
        let partners = try await PageShell.names(.partners, tasks.compactMap(\.partnerId), req)
        let openable = try await CustomerService.openable(tasks.compactMap(\.partnerId) + followUps.map(\.id), req.services)
        func link(_ v: ScheduleModel.View, _ d: CalendarDate) -> String { Paths.CRM.schedule() + "?view=\(v.rawValue)&date=" + d.text }
        var m = ScheduleModel()
        m.actions = [PageAction(label: t("task.new"), href: Paths.CRM.newTask() + "?date=\(date.text)", primary: true)]
        m.view = view
        m.heading = t("schedule.month_of", String(date.parts.year), String(date.parts.month))
        m.weekdays = (0..<7).map { t("schedule.weekday.\($0)") }
        m.links = (
            previous: link(view, step.previous), today: link(view, today), next: link(view, step.next),
            day: link(.day, date), week: link(.week, date), month: link(.month, date)
        )
        m.csrf = req.state.csrf
        m.days = (0..<count).map { n in
            let d = first.adding(days: n)
            let dayStart = d.chinaStartMillis
            var day = ScheduleModel.Day(
                title: d.text + " " + t("schedule.weekday.\(d.weekday)"),
                tasks: tasks.filter { $0.startsAt >= dayStart && $0.startsAt < dayStart + dayMs }.map { task in
                    .init(
                        id: task.id, time: String(CalendarDate.chinaDateTime(task.startsAt).suffix(5)), title: task.title,
                        meeting: task.kind == "meeting", done: task.doneAt != nil,
                        customer: task.partnerId.map { p in
                            CommonPages.link(partners[p] ?? "", Paths.CRM.customer(p), if: openable.contains(p))
                        })
                },
                followUps: followUps.filter { $0.nextFollowUp == d.text }.map { c in
                    CommonPages.link(c.name, Paths.CRM.customer(c.id), if: openable.contains(c.id))
                })
            day.dayOfMonth = String(d.parts.day)
            day.href = link(.day, d)
            day.inMonth = view != .month || d.parts.month == date.parts.month
            day.isToday = d == today
            return day
        }
        return PageShell.page(req, CRMViews.schedule(PageShell.context(req), m))
    }

    struct Form: Content {
        var title: String?; var kind: String?; var date: String?; var time: String?; var endTime: String?; var remindMinutes: String?;
        var partnerId: String?; var note: String?
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.activities, .create)
        return try await form(
            req,
            Form(
                kind: "task", date: req.query[String.self, at: "date"], time: "09:00", remindMinutes: "15",
                partnerId: req.query[String.self, at: "partnerId"]))
    }

    static func form(_ req: Request, _ f: Form, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let mine = try await CustomerService.list(
            filter: .init(ownerId: req.state.principal?.userId), limit: 200, cursor: nil, req.services
        ).items
        var model = FormModel(
            action: Paths.CRM.schedule(), csrf: req.state.csrf,
            fields: [
                .init("title", label: t("task.title"), value: f.title, required: true),
                .init(
                    "kind", label: t("activity.kind"), kind: .select([("task", t("task.kind.task")), ("meeting", t("task.kind.meeting"))]),
                    value: f.kind),
                .init("date", label: t("task.date"), kind: .date, value: f.date, required: true),
                .init("time", label: t("task.time"), value: f.time, required: true, hint: "09:30"),
                .init("endTime", label: t("task.end_time"), value: f.endTime),
                .init(
                    "remindMinutes", label: t("task.remind"),
                    kind: .select([
                        ("", t("task.remind.none")), ("0", t("task.remind.at_start")), ("15", "15"), ("30", "30"),
                        ("60", "60"), ("1440", "1440"),
                    ]), value: f.remindMinutes),
                .init(
                    "partnerId", label: t("customer.one"), kind: .select([("", "—")] + mine.map { (String($0.id), $0.name) }),
                    value: f.partnerId),
                .init("note", label: t("common.note"), kind: .textarea, value: f.note),
            ], submitLabel: t("action.save"), cancelHref: Paths.CRM.schedule())
        if let error { try PageShell.attach(error, to: &model, req) }
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: t("task.new"), model), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let date = (f.date ?? "").trimmingCharacters(in: .whitespaces)
        func at(_ time: String?) -> String? {
            guard let time = time?.trimmingCharacters(in: .whitespaces), !time.isEmpty else { return nil }
            return date + "T" + time
        }
        do {
            guard Validate.isDate(date) else { throw DomainError.invalid("date", code: "invalid_date") }
            let input = TaskService.Input(
                title: f.title, kind: f.kind, startsAt: at(f.time), endsAt: at(f.endTime),
                remindMinutes: f.remindMinutes.flatMap { Int64($0) },
                partnerId: PageShell.id(f.partnerId), note: f.note)
            _ = try await TaskService.create(input, req.services)
            return PageShell.redirect(req, to: Paths.CRM.schedule() + "?date=\(date)", flash: "task.saved")
        } catch var e as DomainError where e.kind == .invalid || e.kind == .conflict {
            if e.field == "startsAt" { e.field = "time" }
            if e.field == "endsAt" { e.field = "endTime" }
            return try await form(req, f, error: e)
        }
    }

    static func done(_ req: Request) async throws -> Response {
        let task = try await TaskService.complete(try req.id(), done: true, req.services)
        return PageShell.redirect(req, to: Paths.CRM.schedule() + "?date=" + CalendarDate.chinaDate(task.startsAt), flash: "task.completed")
    }
}
