import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum AuditPages {
    static func list(_ req: Request) async throws -> Response {
        let ctx = req.services
        let t = req.t
        let scope = try ctx.require(.audit, .view)
        let (limit, cursor) = try req.paging()
        let filter = try AuditFilter.parse(req)
        let page = try await Audit.entries(filter: filter, scope: scope, limit: limit, cursor: cursor, on: ctx.store)
        var model = ListModel(
            basePath: Paths.Audit.log(), query: nil,
            filters: [
                .init(
                    name: "entity", label: t("audit.entity"), options: AuditWords.entities.map { ($0, AuditWords.entity($0, t)) },
                    selected: filter.entity),
                .init(
                    name: "action", label: t("audit.action"), options: AuditWords.actions.map { ($0, AuditWords.action($0, t)) },
                    selected: filter.action),
            ],
            columns: [
                .init(t("audit.at")), .init(t("audit.user")), .init(t("audit.ip")), .init(t("audit.event")), .init(t("audit.changes")),
            ],
            rows: page.items.map { a in
                [
                    .text(PageShell.date(a.at, req.state.lang)), .text(a.username ?? "—"), .text(a.ip ?? "—"),
                    .text(AuditWords.what(action: a.action, entity: a.entity, id: a.entityId, t)), changes(a.changes, t),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        let html = ShellViews.audit(
            PageShell.context(req), model, from: req.query[String.self, at: "from"] ?? "", to: req.query[String.self, at: "to"] ?? "",
            entityId: filter.entityId ?? "", entity: filter.entity ?? "", action: filter.action ?? "",
            actions: Exports.actions(req, .audit, Paths.Audit.export))
        return PageShell.page(req, html)
    }

    /// Each changed field by its name in the reader's language.
    static func changes(_ json: String, _ t: Translator) -> Node {
        let list = (try? JSONDecoder().decode([FieldChange].self, from: Data(json.utf8))) ?? []
        return ShellViews.changes(list.map { (field: ConcordErrorMiddleware.fieldName($0.field, t), old: $0.old, new: $0.new) })
    }
}

enum AuditFilter {
    /// The filters of the audit page and the audit API: user, record, action, and a date range
    /// (dates are days in China time).
    static func parse(_ req: Request) throws -> Audit.Filter {
        func day(_ name: String) throws -> Int64? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let d = CalendarDate(text) else { throw DomainError(.badRequest, code: "wrong_type", field: name, args: [name]) }
            return d.chinaStartMillis
        }
        let to = try day("to").map { $0 + 24 * 3600 * 1000 }
        return Audit.Filter(
            userId: try APIID.query(req, "userId"),
            entity: req.query[String.self, at: "entity"], entityId: req.query[String.self, at: "entityId"],
            action: req.query[String.self, at: "action"], from: try day("from"), to: to)
    }
}
