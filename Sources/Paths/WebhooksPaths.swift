extension Paths {
    /// Webhooks: subscriptions and their delivery logs.
    public enum Webhooks {
        public static let subscriptions = PagePath("/webhooks")
        public static let newSubscription = PagePath("/webhooks/new")
        public static let subscription = PagePath("/webhooks/:id")
        public static let editSubscription = PagePath("/webhooks/:id/edit")
        public static let deleteSubscription = PagePath("/webhooks/:id/delete")
        public static let replay = PagePath("/webhooks/:id/deliveries/:delivery/replay")

        public static let all: [PagePath] = [
            subscriptions, newSubscription, subscription, editSubscription, deleteSubscription, replay,
        ]
    }
}
