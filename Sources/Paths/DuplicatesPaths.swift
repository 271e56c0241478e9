extension Paths {
    /// Duplicates: the finder's review list, merging two customers and undoing a merge.
    public enum Duplicates {
        public static let review = PagePath("/duplicates")
        public static let scan = PagePath("/duplicates/scan")
        public static let dismiss = PagePath("/duplicates/dismiss")
        public static let merge = PagePath("/duplicates/merge")
        public static let merges = PagePath("/duplicates/merges")
        public static let mergeRecord = PagePath("/duplicates/merges/:id")
        public static let undo = PagePath("/duplicates/merges/:id/undo")
        public static let quality = PagePath("/duplicates/quality")
        public static let exportQuality = PagePath("/duplicates/quality/export")

        public static let all: [PagePath] = [review, scan, dismiss, merge, merges, mergeRecord, undo, quality, exportQuality]
    }
}
