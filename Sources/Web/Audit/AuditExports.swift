import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The audit log as .xlsx or CSV, with the page's filters: for an auditor's working papers.
enum AuditExports {
    static func log(_ req: Request) async throws -> Response {
        let scope = try req.services.require(.audit, .view)
        let filter = try AuditFilter.parse(req), t = req.t
        let columns: [ExportColumn<AuditRow>] = [
            .text(t("audit.at")) { CalendarDate.chinaDateTime($0.at) }, .text(t("audit.user")) { $0.username },
            .text(t("audit.ip")) { $0.ip },
            .text(t("audit.event")) { AuditWords.what(action: $0.action, entity: $0.entity, id: $0.entityId, t) },
            .text(t("audit.changes")) { Self.changes($0.changes, t) }, .text(t("audit.request")) { $0.requestId },
        ]
        return try await Exports.send(req, .audit, entity: "audit", title: t("audit.title"), columns: columns) { cursor, limit in
            try await Audit.entries(filter: filter, scope: scope, limit: limit, cursor: cursor, on: req.store)
        }
    }

    /// "名称：旧 → 新；…" in the reader's language.
    static func changes(_ json: String, _ t: Translator) -> String? {
        let list = (try? JSONDecoder().decode([FieldChange].self, from: Data(json.utf8))) ?? []
        guard !list.isEmpty else { return nil }
        return list.map { ConcordErrorMiddleware.fieldName($0.field, t) + "：" + ($0.old ?? "—") + " → " + ($0.new ?? "—") }
            .joined(separator: "；")
    }
}
