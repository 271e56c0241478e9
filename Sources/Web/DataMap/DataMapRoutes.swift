import Paths
import Vapor

extension Paths.DataMap {
    /// The DataMap pages: every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(overview, use: DataMapPages.overview)
        pages.get(customer, use: DataMapPages.customer)
    }
}
