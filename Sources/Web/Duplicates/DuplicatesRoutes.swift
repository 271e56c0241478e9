import Paths
import Vapor

extension Paths.Duplicates {
    /// The Duplicates pages: every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        for kind in [DuplicatePages.Kind.customers, .contacts, .products] {
            pages.get(kind.review, use: DuplicatePages.review(kind))
            pages.post(kind.scan, use: DuplicatePages.scan(kind))
            pages.post(kind.dismiss, use: DuplicatePages.dismiss(kind))
            pages.get(kind.merge, use: DuplicatePages.mergePage(kind))
            pages.post(kind.merge, use: DuplicatePages.merge(kind))
        }
        pages.get(merges, use: DuplicatePages.merges)
        pages.get(mergeRecord, use: DuplicatePages.record)
        pages.post(undo, use: DuplicatePages.undo)
        pages.get(quality, use: DuplicatePages.quality)
        pages.get(exportQuality, use: DuplicatePages.exportQuality)
    }
}
