import Paths
import Vapor

extension Paths.Webhooks {
    /// The Webhooks pages: every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(subscriptions, use: WebhookPages.list)
        pages.get(newSubscription, use: WebhookPages.new)
        pages.post(subscriptions, use: WebhookPages.create)
        pages.get(subscription, use: WebhookPages.show)
        pages.get(editSubscription, use: WebhookPages.edit)
        pages.post(subscription, use: WebhookPages.update)
        pages.post(deleteSubscription, use: WebhookPages.delete)
        pages.post(replay, use: WebhookPages.replay)
    }
}
