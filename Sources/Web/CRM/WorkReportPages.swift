import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Work reports: filing one (pre-filled with the counts), reading the team's, commenting.
enum ReportWebPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await WorkReportService.list(userId: nil, limit: limit, cursor: cursor, req.services)
        let users = try await PageShell.names(.users, page.items.map(\.userId), req)
        var model = ListModel(
            basePath: Paths.CRM.reports(), query: nil,
            columns: [
                .init(t("report.period")), .init(t("workreport.kind")), .init(t("report.author")),
                .init(t("report.commented")),
            ],
            rows: page.items.map { r in
                [
                    CommonPages.link(r.periodStart + (r.periodEnd == r.periodStart ? "" : " ~ " + r.periodEnd), Paths.CRM.report(r.id)),
                    .text(t("report.kind." + r.kind)), .text(users[r.userId] ?? ""), .text(r.comment == nil ? "—" : "✓"),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("report.none"), searchable: false)
        model.onLaterPage = cursor != nil
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("report.title"),
                actions: [
                    PageAction(label: t("report.new.daily"), href: Paths.CRM.newReport() + "?kind=daily", primary: true),
                    PageAction(label: t("report.new.weekly"), href: Paths.CRM.newReport() + "?kind=weekly"),
                ], model))
    }

    static func statsFacts(_ s: WorkReportService.Stats, _ t: Translator) -> [(String, Node)] {
        [
            (t("report.stats.visits"), .text(String(s.visits))), (t("report.stats.follow_ups"), .text(String(s.followUps))),
            (t("report.stats.new_customers"), .text(String(s.newCustomers))), (t("report.stats.stage_moves"), .text(String(s.stageMoves))),
            (t("report.stats.deals_won"), .text(String(s.dealsWon))),
            (t("report.stats.amount_won"), .text(Money(fen: s.amountWon).description)),
        ]
    }

    struct Form: Content { var kind: String?; var date: String?; var content: String?; var plan: String? }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.activities, .create)
        let kind = req.query[String.self, at: "kind"] == "weekly" ? "weekly" : "daily"
        return try await form(
            req, Form(kind: kind, date: req.query[String.self, at: "date"] ?? CalendarDate.chinaDate(req.services.nowMillis)))
    }

    static func form(_ req: Request, _ f: Form, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        guard let me = req.state.principal?.userId else { throw DomainError.forbidden }
        let kind = WorkReportService.Kind(rawValue: f.kind ?? "daily") ?? .daily
        let date = f.date.flatMap { Validate.isDate($0) ? $0 : nil } ?? CalendarDate.chinaDate(req.services.nowMillis)
        let (from, to) = try WorkReportService.period(kind, containing: date)
        let stats = try await WorkReportService.stats(userId: me, from: from, to: to, req.store)
        var model = FormModel(
            action: Paths.CRM.reports(), csrf: req.state.csrf,
            fields: [
                .init("date", label: t("report.date"), kind: .date, value: date, hint: kind == .weekly ? t("report.week_hint") : nil),
                .init("content", label: t("report.content"), kind: .textarea, value: f.content, required: true),
                .init("plan", label: t("report.plan"), kind: .textarea, value: f.plan),
            ], hidden: [("kind", kind.rawValue)], submitLabel: t("report.submit"), cancelHref: Paths.CRM.reports())
        if let error { try PageShell.attach(error, to: &model, req) }
        let html = CRMViews.reportForm(
            PageShell.context(req), title: t("report.new." + kind.rawValue),
            statsTitle: t("report.stats") + " · " + from + (to == from ? "" : " ~ " + to), stats: statsFacts(stats, t), model)
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let r = try await WorkReportService.submit(.init(kind: f.kind, date: f.date, content: f.content, plan: f.plan), req.services)
            return PageShell.redirect(req, to: Paths.CRM.report(r.id), flash: "report.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let r = try await WorkReportService.find(try req.id(), req.services)
        let users = try await PageShell.names(.users, [r.userId] + [r.commentedBy].compactMap { $0 }, req)
        let p = req.state.principal
        let mayComment =
            r.userId != p?.userId
            && (p?.rowScope(.activities, .approve)?.contains(branch: r.branchId, department: r.departmentId, owner: r.userId) ?? false)
        var m = WorkReportModel()
        m.id = r.id
        m.title = t("report.kind." + r.kind) + " · " + (users[r.userId] ?? "")
        m.facts =
            [(t("report.period"), .text(r.periodStart + (r.periodEnd == r.periodStart ? "" : " ~ " + r.periodEnd)))]
            + (WorkReportService.decodeStats(r).map { statsFacts($0, t) } ?? [])
        m.content = r.content
        m.plan = r.plan
        m.comment = r.comment
        m.commentedBy = (r.commentedBy.flatMap { users[$0] } ?? "") + " · " + PageShell.date(r.commentedAt, req.state.lang)
        m.mayComment = mayComment
        m.csrf = req.state.csrf
        let html = CRMViews.report(PageShell.context(req), m)
        return PageShell.page(req, html)
    }

    static func comment(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var comment: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await WorkReportService.comment(id, text: f.comment, req.services)
            return PageShell.redirect(req, to: Paths.CRM.report(id), flash: "report.commented_flash")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await PoolWebPages.refused(req, e, back: Paths.CRM.report(id))
        }
    }
}
