extension Paths {
    /// Exports that ran as jobs: one's list of them and each finished file.
    public enum Exports {
        public static let jobs = PagePath("/exports")
        public static let file = PagePath("/exports/:id/file")

        public static let all: [PagePath] = [jobs, file]
    }
}
