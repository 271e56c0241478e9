extension Paths {
    /// The data map: where the customers came from, and one customer's lineage.
    public enum DataMap {
        public static let overview = PagePath("/datamap")
        public static let customer = PagePath("/datamap/customers/:id")

        public static let all: [PagePath] = [overview, customer]
    }
}
