import Paths
import Vapor

extension Paths.Imports {
    /// The Imports pages: every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(jobs, use: ImportPages.list)
        pages.on(.POST, jobs, body: .collect(maxSize: "64mb"), use: ImportPages.upload)
        pages.get(job, use: ImportPages.showPage)
        pages.post(job, use: ImportPages.save)
        pages.get(errors, use: ImportPages.errors)
        pages.post(revert, use: ImportPages.revert)
    }
}
