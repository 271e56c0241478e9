import DocumentsCore
import Paths
import Vapor

extension Paths.Inventory {
    /// The Inventory pages (products to periods): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(products, use: ProductPages.list)
        pages.get(newProduct, use: ProductPages.new)
        pages.post(products, use: ProductPages.create)
        pages.get(product, use: ProductPages.show)
        pages.get(editProduct, use: ProductPages.edit)
        pages.post(product, use: ProductPages.update)
        pages.get(categories, use: { try await CategoryPages.list($0) })
        pages.post(categories, use: CategoryPages.create)
        pages.get(warehouses, use: WarehousePages.list)
        pages.get(newWarehouse, use: WarehousePages.new)
        pages.post(warehouses, use: WarehousePages.create)
        pages.get(editWarehouse, use: WarehousePages.edit)
        pages.post(warehouse, use: WarehousePages.update)
        pages.get(partners, use: PartnerPages.list)
        pages.get(newPartner, use: PartnerPages.new)
        pages.post(partners, use: PartnerPages.create)
        pages.get(editPartner, use: PartnerPages.edit)
        pages.post(partner, use: PartnerPages.update)
        pages.get(documents, use: StockPages.list)
        pages.get(newDocument, use: StockPages.new)
        pages.post(documents, use: StockPages.create)
        pages.get(document, use: StockPages.show)
        pages.get(editDocument, use: StockPages.edit)
        pages.get(printDocument, use: StockPages.print)
        pages.post(document, use: StockPages.update)
        pages.post(postDocument, use: StockPages.post)
        pages.post(cancelDocument, use: StockPages.cancel)
        pages.post(deleteDocument, use: StockPages.delete)
        pages.get(orders, use: OrderWebPages.list)
        pages.get(newOrder, use: OrderWebPages.new)
        pages.post(orders, use: OrderWebPages.create)
        pages.get(order, use: OrderWebPages.show)
        pages.post(fulfilOrder, use: OrderWebPages.fulfil)
        pages.get(balances, use: StockReportPages.balances)
        pages.get(ledger, use: StockReportPages.ledger)
        pages.get(movement, use: StockReportPages.movement)
        pages.get(alerts, use: StockReportPages.alerts)
        pages.get(expiring, use: StockReportPages.expiring)
        pages.get(margins, use: StockReportPages.margins)
        pages.get(transferPlan, use: TransferPlanPages.show)
        pages.post(transferPlan, use: TransferPlanPages.apply)
        pages.get(periods, use: StockReportPages.periods)
        pages.post(periods, use: StockReportPages.closePeriod)
        for t in OrderFlow.transitions { pages.post(orderAction.fixing("action", t.rawValue), use: OrderWebPages.transition(t)) }
    }
}
