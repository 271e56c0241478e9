import Foundation
import InventoryCore
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The inventory lists' filters, read one way for the page, the API and the export. Pages say
/// `role=customer|supplier` for partners, programs `isCustomer` / `isSupplier`; both work.
enum InventoryFilters {
    static func products(_ req: Request) throws -> InventoryQueries.ProductFilter {
        .init(
            q: CRMFilters.nonEmpty(req, "q"), categoryId: try APIID.query(req, "categoryId"),
            active: try InventoryAPI.boolQuery(req, "active"))
    }

    static func partners(_ req: Request) throws -> InventoryQueries.PartnerFilter {
        let role = req.query[String.self, at: "role"]
        return .init(
            q: CRMFilters.nonEmpty(req, "q"), customer: role == "customer" ? true : try InventoryAPI.boolQuery(req, "isCustomer"),
            supplier: role == "supplier" ? true : try InventoryAPI.boolQuery(req, "isSupplier"))
    }

    static func documents(_ req: Request) throws -> InventoryQueries.DocumentFilter {
        .init(
            type: CRMFilters.nonEmpty(req, "type"), status: CRMFilters.nonEmpty(req, "status"), q: CRMFilters.nonEmpty(req, "q"),
            from: try InventoryAPI.dateQuery(req, "from"), to: try InventoryAPI.dateQuery(req, "to"))
    }
}

/// Products (with their units and barcodes), partners, stock documents and stock on hand as
/// .xlsx or CSV. Costs (standard cost, stock value) go only to readers with `costs.view`, as on screen.
enum InventoryExports {
    static func products(_ req: Request) async throws -> Response {
        let filter = try InventoryFilters.products(req), t = req.t, costs = req.seesCosts
        let categories = Dictionary(uniqueKeysWithValues: try await InventoryQueries.categories(on: req.store).map { ($0.id, $0.name) })
        let active = t("common.active"), inactive = t("common.inactive")
        var columns: [ExportColumn<ProductLine>] = [
            .text(t("common.code")) { $0.product.code }, .text(t("common.name")) { $0.product.name },
            .text(t("product.spec")) { $0.product.spec }, .text(t("product.category")) { $0.product.categoryId.flatMap { categories[$0] } },
            .text(t("product.base_unit")) { $0.product.baseUnit },
            .text(t("product.base_barcode")) { $0.units.first { $0.factor == Quantity.one }?.barcode },
            // "箱=24" for each larger unit: what a person types back in an import.
            .text(t("product.units")) { line in
                let packs = line.units.filter { $0.factor != Quantity.one }
                return packs.isEmpty ? nil : packs.map { $0.name + "=" + Quantity(units: $0.factor).description }.joined(separator: "；")
            },
            .text(t("product.unit_barcode")) { line in
                let codes = line.units.filter { $0.factor != Quantity.one }.compactMap(\.barcode)
                return codes.isEmpty ? nil : codes.joined(separator: "；")
            },
            .text(t("product.costing_method")) { t("product.method." + $0.product.costingMethod) },
            .text(t("product.tracking")) { t("product.tracking." + $0.product.tracking) },
            ExportColumn(t("product.tax_rate")) { .number(Fmt.percent($0.product.taxRate)) },
            ExportColumn(t("product.purchase_price")) { .number(UnitPrice(units: $0.product.purchasePrice).description) },
            ExportColumn(t("product.sale_price")) { .number(UnitPrice(units: $0.product.salePrice).description) },
            ExportColumn(t("product.floor_price")) { .number(UnitPrice(units: $0.product.floorPrice).description) },
        ]
        if costs {
            columns.append(ExportColumn(t("product.standard_cost")) { .number(UnitPrice(units: $0.product.standardCost).description) })
        }
        columns += [
            ExportColumn(t("product.shelf_life_days")) { $0.product.shelfLifeDays.map { .number(String($0)) } ?? .empty },
            .text(t("common.status")) { $0.product.active ? active : inactive },
        ]
        columns += try await CustomFieldForms.columns(.product, req) { $0.product.customValues }
        return try await Exports.send(req, .products, entity: "product", title: t("product.title"), columns: columns) { cursor, limit in
            let page = try await ProductService.list(filter: filter, limit: limit, cursor: cursor, req.services)
            let units = try await InventoryQueries.units(of: page.items.map(\.id), on: req.store)
            return Page(items: page.items.map { ProductLine(product: $0, units: units[$0.id] ?? []) }, nextCursor: page.nextCursor)
        }
    }

    struct ProductLine: Sendable {
        var product: ProductRow
        var units: [ProductUnitRow]
    }

    static func partners(_ req: Request) async throws -> Response {
        let filter = try InventoryFilters.partners(req), t = req.t
        let customer = t("partner.customer"), supplier = t("partner.supplier")
        let kinds = ["company": t("partner.kind.company"), "person": t("partner.kind.person")]
        let columns: [ExportColumn<Named<PartnerRow>>] = [
            .text(t("common.code")) { $0.row.code }, .text(t("common.name")) { $0.row.name },
            .text(t("partner.kind")) { kinds[$0.row.kind] ?? $0.row.kind },
            .text(t("partner.role")) { p in
                [p.row.isCustomer ? customer : nil, p.row.isSupplier ? supplier : nil].compactMap { $0 }.joined(separator: "、")
            },
            .text(t("partner.phone")) { $0.row.phone }, .text(t("field.email")) { $0.row.email },
            .text(t("partner.address")) { $0.row.street ?? $0.row.address }, .text(t("partner.uscc")) { $0.row.uscc },
            .text(t("customer.owner")) { $0.user($0.row.ownerId) }, .day(t("common.created_at")) { $0.row.createdAt },
        ]
        return try await Exports.run(
            req, .partners, entity: "partner", title: t("partner.title"), columns: columns, users: { [$0.ownerId] }
        ) {
            try await PartnerService.list(filter: filter, limit: $1, cursor: $0, req.services)
        }
    }

    static func documents(_ req: Request) async throws -> Response {
        let filter = try InventoryFilters.documents(req), t = req.t
        let columns: [ExportColumn<Named<StockDocumentRow>>] = [
            .text(t("stock.number")) { $0.row.number }, .text(t("stock.type")) { t("stock.type." + $0.row.docType) },
            .date(t("stock.posting_date")) { $0.row.postingDate }, .text(t("stock.partner")) { $0.partner($0.row.partnerId) },
            .text(t("common.status")) { t("stock.status." + $0.row.status) }, .text(t("stock.reason")) { $0.row.reason },
            .text(t("stock.note")) { $0.row.note }, .text(t("customer.owner")) { $0.user($0.row.ownerId) },
            .day(t("common.created_at")) { $0.row.createdAt },
        ]
        return try await Exports.run(
            req, .stock, entity: "stock_document", title: t("stock.title"), columns: columns, users: { [$0.ownerId] },
            partners: { [$0.partnerId] }
        ) { try await StockDocumentService.list(filter: filter, limit: $1, cursor: $0, req.services) }
    }

    /// Stock on hand per product, warehouse and batch, in the warehouses the reader may see.
    static func balances(_ req: Request) async throws -> Response {
        let t = req.t, costs = req.seesCosts
        let warehouses = try await InventoryAPI.visibleWarehouses(req, try APIID.query(req, "warehouseId"))
        let productId = try APIID.query(req, "productId"), q = CRMFilters.nonEmpty(req, "q")
        let includeZero = try InventoryAPI.boolQuery(req, "includeZero") ?? false
        var columns: [ExportColumn<StockReports.BalanceLine>] = [
            .text(t("common.code")) { $0.code }, .text(t("common.name")) { $0.name }, .text(t("stock.warehouse")) { $0.warehouse },
            .text(t("stock.batch")) { $0.batch.isEmpty ? nil : $0.batch },
            ExportColumn(t("stock.quantity")) { .number(Quantity(units: $0.qty).description) }, .text(t("stock.unit")) { $0.baseUnit },
        ]
        if costs {
            columns += [
                .money(t("stock.value")) { $0.value },
                ExportColumn(t("stock.unit_cost")) {
                    .number(UnitPrice.display(value: Money(fen: $0.value), per: Quantity(units: $0.qty)))
                },
            ]
        }
        return try await Exports.send(req, .stock, entity: "stock_balance", title: t("report.balances"), columns: columns) {
            cursor, limit in
            try await StockReports.balances(
                warehouses: warehouses, productId: productId, q: q, includeZero: includeZero, limit: limit, cursor: cursor, on: req.store)
        }
    }
}
