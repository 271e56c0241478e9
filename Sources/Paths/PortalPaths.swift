extension Paths {
    /// The distributor portal, and the channel stock and portal users seen from inside.
    public enum Portal {
        public static let home = PagePath("/portal")
        public static let orders = PagePath("/portal/orders")
        public static let newOrder = PagePath("/portal/orders/new")
        public static let order = PagePath("/portal/orders/:id")
        public static let deliveries = PagePath("/portal/deliveries")
        public static let delivery = PagePath("/portal/deliveries/:id")
        public static let statement = PagePath("/portal/statement")
        public static let reports = PagePath("/portal/reports")
        public static let channelStock = PagePath("/portal/stock")
        public static let users = PagePath("/portal/users")

        public static let all: [PagePath] = [
            home, orders, newOrder, order, deliveries, delivery, statement, reports, channelStock, users,
        ]
    }
}
