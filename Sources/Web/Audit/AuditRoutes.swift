import Paths
import Vapor

extension Paths.Audit {
    /// The Audit pages (the audit log): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(log, use: AuditPages.list)
        pages.get(export, use: AuditExports.log)
    }
}
