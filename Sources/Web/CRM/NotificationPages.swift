import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The notifications inbox.
enum NotificationPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await NotificationService.list(unreadOnly: false, limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Shell.notifications(), query: nil,
            columns: [.init(t("notify.when")), .init(t("notify.message")), .init(t("common.actions"))],
            rows: page.items.map { n in
                [
                    .text(PageShell.date(n.createdAt, req.state.lang)),
                    ShellViews.notification(t.format(n.kind, NotificationService.args(n)), link: n.link, unread: n.readAt == nil),
                    n.readAt == nil
                        ? CommonPages.actionButton(t("notify.mark_read"), action: Paths.Shell.readNotification(n.id), csrf: req.state.csrf)
                        : .text(""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("notify.none"), searchable: false)
        model.onLaterPage = cursor != nil
        let html = ShellViews.notifications(PageShell.context(req), model, csrf: req.state.csrf)
        return PageShell.page(req, html)
    }

    static func read(_ req: Request) async throws -> Response {
        try await NotificationService.markRead(try req.id(), req.services)
        return PageShell.redirect(req, to: Paths.Shell.notifications())
    }

    static func readAll(_ req: Request) async throws -> Response {
        try await NotificationService.markRead(nil, req.services)
        return PageShell.redirect(req, to: Paths.Shell.notifications(), flash: "notify.all_read")
    }
}
