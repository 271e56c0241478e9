import Paths
import Vapor

extension Paths.Duplicates {
    /// The Duplicates pages: every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(review, use: DuplicatePages.review)
        pages.post(scan, use: DuplicatePages.scan)
        pages.post(dismiss, use: DuplicatePages.dismiss)
        pages.get(merge, use: DuplicatePages.mergePage)
        pages.post(merge, use: DuplicatePages.merge)
        pages.get(merges, use: DuplicatePages.merges)
        pages.get(mergeRecord, use: DuplicatePages.record)
        pages.post(undo, use: DuplicatePages.undo)
        pages.get(quality, use: DuplicatePages.quality)
        pages.get(exportQuality, use: DuplicatePages.exportQuality)
    }
}
