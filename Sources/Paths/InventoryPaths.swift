extension Paths {
    /// Products, categories, warehouses, partners, orders, stock documents, stock reports, periods.
    public enum Inventory {
        public static let products = PagePath("/inventory/products")
        public static let newProduct = PagePath("/inventory/products/new")
        public static let exportProducts = PagePath("/inventory/products/export")
        public static let product = PagePath("/inventory/products/:id")
        public static let editProduct = PagePath("/inventory/products/:id/edit")
        public static let categories = PagePath("/inventory/categories")
        public static let warehouses = PagePath("/inventory/warehouses")
        public static let newWarehouse = PagePath("/inventory/warehouses/new")
        public static let warehouse = PagePath("/inventory/warehouses/:id")
        public static let editWarehouse = PagePath("/inventory/warehouses/:id/edit")
        public static let partners = PagePath("/inventory/partners")
        public static let newPartner = PagePath("/inventory/partners/new")
        public static let exportPartners = PagePath("/inventory/partners/export")
        public static let partner = PagePath("/inventory/partners/:id")
        public static let editPartner = PagePath("/inventory/partners/:id/edit")
        public static let documents = PagePath("/inventory/documents")
        public static let newDocument = PagePath("/inventory/documents/new")
        public static let exportDocuments = PagePath("/inventory/documents/export")
        public static let document = PagePath("/inventory/documents/:id")
        public static let editDocument = PagePath("/inventory/documents/:id/edit")
        public static let printDocument = PagePath("/inventory/documents/:id/print")
        public static let postDocument = PagePath("/inventory/documents/:id/post")
        public static let cancelDocument = PagePath("/inventory/documents/:id/cancel")
        public static let deleteDocument = PagePath("/inventory/documents/:id/delete")
        public static let orders = PagePath("/inventory/orders")
        public static let newOrder = PagePath("/inventory/orders/new")
        public static let order = PagePath("/inventory/orders/:id")
        public static let orderAction = PagePath("/inventory/orders/:id/:action")
        public static let fulfilOrder = PagePath("/inventory/orders/:id/fulfil")
        public static let balances = PagePath("/inventory/reports/balances")
        public static let exportBalances = PagePath("/inventory/reports/balances/export")
        public static let ledger = PagePath("/inventory/reports/ledger")
        public static let movement = PagePath("/inventory/reports/movement")
        public static let alerts = PagePath("/inventory/reports/alerts")
        public static let expiring = PagePath("/inventory/reports/expiring")
        public static let margins = PagePath("/inventory/reports/margins")
        public static let transferPlan = PagePath("/inventory/reports/transfer-plan")
        public static let periods = PagePath("/inventory/periods")

        public static let all: [PagePath] = [
            exportProducts, exportPartners, exportDocuments, exportBalances,
            products, newProduct, product, editProduct, categories, warehouses, newWarehouse, warehouse, editWarehouse, partners,
            newPartner, partner, editPartner, documents, newDocument, document, editDocument, printDocument, postDocument, cancelDocument,
            deleteDocument, orders, newOrder, order, orderAction, fulfilOrder, balances, ledger, movement, alerts, expiring, margins,
            transferPlan,
            periods,
        ]
    }
}
