extension Paths {
    /// Duplicates: the finder's review lists (customers, contacts), merging two and undoing a merge.
    public enum Duplicates {
        public static let review = PagePath("/duplicates")
        public static let scan = PagePath("/duplicates/scan")
        public static let dismiss = PagePath("/duplicates/dismiss")
        public static let merge = PagePath("/duplicates/merge")
        public static let merges = PagePath("/duplicates/merges")
        public static let mergeRecord = PagePath("/duplicates/merges/:id")
        public static let undo = PagePath("/duplicates/merges/:id/undo")
        public static let contacts = PagePath("/duplicates/contacts")
        public static let contactScan = PagePath("/duplicates/contacts/scan")
        public static let contactDismiss = PagePath("/duplicates/contacts/dismiss")
        public static let contactMerge = PagePath("/duplicates/contacts/merge")
        public static let products = PagePath("/duplicates/products")
        public static let productScan = PagePath("/duplicates/products/scan")
        public static let productDismiss = PagePath("/duplicates/products/dismiss")
        public static let productMerge = PagePath("/duplicates/products/merge")
        public static let quality = PagePath("/duplicates/quality")
        public static let exportQuality = PagePath("/duplicates/quality/export")

        public static let all: [PagePath] = [
            review, scan, dismiss, merge, merges, mergeRecord, undo, contacts, contactScan, contactDismiss, contactMerge, products,
            productScan, productDismiss, productMerge, quality,
            exportQuality,
        ]
    }
}
