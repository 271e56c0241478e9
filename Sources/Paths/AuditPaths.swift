extension Paths {
    /// The audit log.
    public enum Audit {
        public static let log = PagePath("/audit")
        public static let export = PagePath("/audit/export")

        public static let all: [PagePath] = [
            log, export,
        ]
    }
}
