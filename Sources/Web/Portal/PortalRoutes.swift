import Paths
import Vapor

extension Paths.Portal {
    /// The Portal pages (the distributor portal and its users): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(home, use: PortalPages.home)
        pages.get(orders, use: PortalPages.orders)
        pages.get(newOrder, use: PortalPages.newOrder)
        pages.post(orders, use: PortalPages.placeOrder)
        pages.get(order, use: PortalPages.order)
        pages.get(deliveries, use: PortalPages.deliveries)
        pages.get(delivery, use: PortalPages.delivery)
        pages.get(statement, use: PortalPages.statement)
        pages.get(reports, use: PortalPages.reports)
        pages.post(reports, use: PortalPages.sendReport)
        pages.get(channelStock, use: PortalPages.channelStock)
        pages.get(users, use: PortalPages.users)
        pages.post(users, use: PortalPages.createUser)
    }
}
