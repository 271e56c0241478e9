import Paths
import Vapor

extension Paths.Exports {
    /// The Exports pages: every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(jobs, use: ExportPages.list)
        pages.get(file, use: ExportsAPI.file)
    }
}
