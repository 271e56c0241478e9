import Foundation
import Kernel
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
            basePath: "/notifications", query: nil, columns: [.init(t("notify.when")), .init(t("notify.message")), .init("")],
            rows: page.items.map { n in
                [
                    .text(PageShell.date(n.createdAt, req.state.lang)),
                    h("span", ["class": n.readAt == nil ? "unread" : nil]) {
                        if let link = n.link {
                            h("a", ["href": link]) { t.format(n.kind, NotificationService.args(n)) }
                        } else {
                            t.format(n.kind, NotificationService.args(n))
                        }
                    },
                    n.readAt == nil
                        ? CommonPages.actionButton(t("notify.mark_read"), action: "/notifications/\(n.id)/read", csrf: req.state.csrf)
                        : .text(""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("notify.none"), searchable: false)
        model.onLaterPage = cursor != nil
        let html = Layout.page(PageShell.context(req), title: t("notify.title")) {
            h("div", ["class": "actions"]) {
                CommonPages.actionButton(t("notify.mark_all"), action: "/notifications/read-all", csrf: req.state.csrf)
            }
            ListView.render(model, t)
        }
        return PageShell.page(req, html)
    }

    static func read(_ req: Request) async throws -> Response {
        try await NotificationService.markRead(try req.id(), req.services)
        return PageShell.redirect(req, to: "/notifications")
    }

    static func readAll(_ req: Request) async throws -> Response {
        try await NotificationService.markRead(nil, req.services)
        return PageShell.redirect(req, to: "/notifications", flash: "notify.all_read")
    }
}
