import Foundation
import Kernel
import Paths
import Services
import Vapor
import Views

/// 导出记录: one's exports that ran as jobs, newest first, each with its file once written.
enum ExportPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await ExportService.list(limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Exports.jobs(), query: nil,
            columns: [
                .init(t("export.file")), .init(t("common.status")), .init(t("export.rows"), numeric: true),
                .init(t("common.created_at")), .init(t("export.filter")),
            ],
            rows: page.items.map { j in
                let name = j.title + "." + j.format
                let status: Node =
                    ExportService.failure(j).map { .text(t("export.status.failed") + "：" + ExportsAPI.reason($0, t)) }
                    ?? .text(t("export.status." + j.status))
                return [
                    j.status == "done" ? CommonPages.link(name, Paths.Exports.file(j.id)) : .text(name), status,
                    .text(j.status == "done" ? String(j.rowCount) : ""), .text(PageShell.date(j.createdAt, req.state.lang)),
                    .text(j.filter),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        model.emptyHelp = t("export.empty_help")
        let running = page.items.contains { $0.status == "running" }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("export.title"),
                actions: running ? [PageAction(label: t("export.refresh"), href: Paths.Exports.jobs(), primary: true)] : [],
                intro: CommonPages.hint(t("export.intro", String(ExportService.inlineRows), String(ExportService.keepDays))), model))
    }
}
