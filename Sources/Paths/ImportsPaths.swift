extension Paths {
    /// Import jobs: upload, mapping and preview, progress, the refused rows.
    public enum Imports {
        public static let jobs = PagePath("/imports")
        public static let job = PagePath("/imports/:id")
        public static let errors = PagePath("/imports/:id/errors")
        public static let revert = PagePath("/imports/:id/revert")

        public static let all: [PagePath] = [jobs, job, errors, revert]
    }
}
