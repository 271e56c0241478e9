import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for 进销存: products and units, warehouses, partners, orders, stock documents with
/// post and cancel, stock reports, period close. A program can do everything a person can.
enum InventoryAPI {
    // MARK: products and units
    static func listProducts(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let filter = try InventoryFilters.products(req)
        let page = try await ProductService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { ProductDTO($0, costs: req.seesCosts) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func showProduct(_ req: Request) async throws -> Response {
        try ProductDTO(try await ProductService.find(try req.id(), req.services), costs: req.seesCosts).jsonResponse()
    }

    static func createProduct(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(ProductBody.self)
        return try ProductDTO(try await ProductService.create(try body.input(), req.services), costs: req.seesCosts).jsonResponse(
            status: .created)
    }

    static func updateProduct(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.products, .edit)
        _ = try await ProductService.find(id, req.services)
        let body = try req.decodeJSON(ProductBody.self)
        return try ProductDTO(
            try await ProductService.update(id, try body.input(), version: body.version, req.services), costs: req.seesCosts
        ).jsonResponse()
    }

    /// GET /units?productId= (a product's units) or ?barcode= (what a scanned code is).
    static func listUnits(_ req: Request) async throws -> Response {
        try req.services.require(.products, .view)
        struct Item: Encodable { var productId: String; var name: String; var factor: String; var barcode: String? }
        var rows: [ProductUnitRow] = []
        if let barcode = req.query[String.self, at: "barcode"], !barcode.isEmpty {
            rows = try await InventoryQueries.unit(barcode: barcode, on: req.store).map { [$0] } ?? []
        } else if let p = try APIID.query(req, "productId") {
            rows = try await InventoryQueries.units(of: p, on: req.store)
        } else {
            throw DomainError(.badRequest, code: "wrong_type", field: "productId", args: ["productId"])
        }
        return try ListBody(
            items: rows.map { Item(productId: String($0.productId), name: $0.name, factor: Fmt.qty($0.factor)!, barcode: $0.barcode) },
            nextCursor: nil
        ).jsonResponse()
    }

    // MARK: categories
    struct CategoryDTO: Encodable {
        var id: String; var code: String; var name: String; var parentId: String?; var path: String; var version: Int64
    }
    struct CategoryBody: Decodable {
        var code: String?; var name: String?; var parentId: String?; var version: Int64?
        func input() throws -> CategoryService.Input {
            .init(code: code, name: name, parentId: try APIID.parse(parentId, field: "parentId"))
        }
    }

    static func categoryDTO(_ c: CategoryRow, _ all: [CategoryRow]) -> CategoryDTO {
        CategoryDTO(
            id: String(c.id), code: c.code, name: c.name, parentId: APIID.string(c.parentId),
            path: CategoryService.paths(all)[c.id] ?? c.name, version: c.version)
    }

    static func listCategories(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let all = try await CategoryService.all(req.services)
        return try OrganisationAPI.pageInMemory(all.sorted { $0.id < $1.id }, limit: limit, cursor: cursor, id: \.id).map {
            categoryDTO($0, all)
        }.jsonResponse()
    }

    static func showCategory(_ req: Request) async throws -> Response {
        let c = try await CategoryService.find(try req.id(), req.services)
        return try categoryDTO(c, try await CategoryService.all(req.services)).jsonResponse()
    }

    static func createCategory(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(CategoryBody.self)
        let c = try await CategoryService.create(try body.input(), req.services)
        return try categoryDTO(c, try await CategoryService.all(req.services)).jsonResponse(status: .created)
    }

    static func updateCategory(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.products, .edit)
        _ = try await CategoryService.find(id, req.services)
        let body = try req.decodeJSON(CategoryBody.self)
        let c = try await CategoryService.update(id, try body.input(), version: body.version, req.services)
        return try categoryDTO(c, try await CategoryService.all(req.services)).jsonResponse()
    }

    // MARK: warehouses
    static func listWarehouses(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let rows = try await WarehouseService.visible(req.services).sorted { $0.id < $1.id }
        return try OrganisationAPI.pageInMemory(rows, limit: limit, cursor: cursor, id: \.id).map(WarehouseDTO.init).jsonResponse()
    }

    static func showWarehouse(_ req: Request) async throws -> Response {
        try WarehouseDTO(try await WarehouseService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createWarehouse(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(WarehouseBody.self)
        return try WarehouseDTO(try await WarehouseService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateWarehouse(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.products, .edit)
        _ = try await WarehouseService.find(id, req.services)
        let body = try req.decodeJSON(WarehouseBody.self)
        return try WarehouseDTO(try await WarehouseService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    // MARK: partners
    static func listPartners(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let filter = try InventoryFilters.partners(req)
        let page = try await PartnerService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(PartnerDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func showPartner(_ req: Request) async throws -> Response {
        try PartnerDTO(try await PartnerService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createPartner(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(PartnerBody.self)
        return try PartnerDTO(try await PartnerService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updatePartner(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.partners, .edit)
        _ = try await PartnerService.find(id, req.services)
        let body = try req.decodeJSON(PartnerBody.self)
        return try PartnerDTO(try await PartnerService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    // MARK: stock documents
    static func listDocuments(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let filter = try InventoryFilters.documents(req)
        let page = try await StockDocumentService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { StockDocumentDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func showDocument(_ req: Request) async throws -> Response {
        try StockDocumentDTO(try await StockDocumentService.find(try req.id(), req.services), costs: req.seesCosts).jsonResponse()
    }

    static func createDocument(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(StockDocumentBody.self)
        return try StockDocumentDTO(
            try await StockDocumentService.create(try body.input(), post: body.post ?? false, req.services), costs: req.seesCosts
        )
        .jsonResponse(status: .created)
    }

    static func updateDocument(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.stock, .edit)
        _ = try await StockDocumentService.find(id, req.services)
        let body = try req.decodeJSON(StockDocumentBody.self)
        return try StockDocumentDTO(
            try await StockDocumentService.update(id, try body.input(), version: body.version, post: body.post ?? false, req.services),
            costs: req.seesCosts
        ).jsonResponse()
    }

    static func deleteDocument(_ req: Request) async throws -> Response {
        try await StockDocumentService.delete(try req.id(), req.services)
        return Response(status: .noContent)
    }

    static func postDocument(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.stock, .edit)
        _ = try await StockDocumentService.find(id, req.services)
        return try StockDocumentDTO(try await StockPosting.post(id, req.services), costs: req.seesCosts).jsonResponse()
    }

    static func cancelDocument(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.stock, .edit)
        _ = try await StockDocumentService.find(id, req.services)
        return try StockDocumentDTO(try await StockPosting.cancel(id, req.services), costs: req.seesCosts).jsonResponse()
    }

    // MARK: orders
    static func orderKind(_ req: Request) -> OrderService.Kind { req.url.path.contains("purchase-orders") ? .purchase : .sales }

    struct OrderLineDTO: Encodable {
        var id: String; var lineNo: Int64; var productId: String; var unit: String; var quantity: String; var baseQuantity: String
        var doneQuantity: String; var remainingQuantity: String; var unitPrice: String; var warehouseId: String
        init(_ l: OrderLineRow) {
            id = String(l.id); lineNo = l.lineNo; productId = String(l.productId); unit = l.unit; quantity = Fmt.qty(l.quantity)!
            baseQuantity = Fmt.qty(l.baseQty)!; doneQuantity = Fmt.qty(l.doneQty)!;
            remainingQuantity = Fmt.qty(max(l.baseQty - l.doneQty, 0))!
            unitPrice = Fmt.price(l.unitPrice)!; warehouseId = String(l.warehouseId)
        }
    }

    struct OrderDTO: Encodable {
        var id: String; var number: String; var kind: String; var status: String; var branchId: String; var partnerId: String
        var orderDate: String; var expectedDate: String?; var note: String?; var lines: [OrderLineDTO]?; var version: Int64;
        var contractId: String?; var customFields: [String: String]?
        init(_ o: OrderRow, lines: [OrderLineRow]? = nil) {
            customFields = o.customValues.map(CustomFieldService.decode)
            id = String(o.id); number = o.number; kind = o.kind; status = o.status; branchId = String(o.branchId);
            partnerId = String(o.partnerId)
            contractId = APIID.string(o.contractId)
            orderDate = o.orderDate; expectedDate = o.expectedDate; note = o.note; self.lines = lines?.map(OrderLineDTO.init);
            version = o.version
        }
    }

    struct OrderBody: Decodable {
        struct Line: Decodable {
            var productId: String?; var unit: String?; var quantity: String?; var unitPrice: String?; var warehouseId: String?
        }
        var partnerId: String?; var orderDate: String?; var expectedDate: String?; var note: String?; var lines: [Line]?;
        var version: Int64?; var customFields: [String: String]?
        func input() throws -> OrderService.Input {
            .init(
                partnerId: try APIID.parse(partnerId, field: "partnerId"), orderDate: orderDate, expectedDate: expectedDate, note: note,
                lines: try lines?.enumerated().map { i, l in
                    .init(
                        productId: try APIID.parse(l.productId, field: "lines[\(i)].productId"), unit: l.unit, quantity: l.quantity,
                        unitPrice: l.unitPrice,
                        warehouseId: try APIID.parse(l.warehouseId, field: "lines[\(i)].warehouseId"))
                }, customFields: customFields)
        }
    }

    static func listOrders(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await OrderService.list(
            kind: orderKind(req), status: req.query[String.self, at: "status"], limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { OrderDTO($0) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func showOrder(_ req: Request) async throws -> Response {
        let d = try await OrderService.find(try req.id(), kind: orderKind(req), req.services)
        return try OrderDTO(d.order, lines: d.lines).jsonResponse()
    }

    static func createOrder(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(OrderBody.self)
        let d = try await OrderService.create(kind: orderKind(req), try body.input(), req.services)
        return try OrderDTO(d.order, lines: d.lines).jsonResponse(status: .created)
    }

    static func updateOrder(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.orders, .edit)
        _ = try await OrderService.find(id, kind: orderKind(req), req.services)
        let body = try req.decodeJSON(OrderBody.self)
        let d = try await OrderService.update(id, kind: orderKind(req), try body.input(), version: body.version, req.services)
        return try OrderDTO(d.order, lines: d.lines).jsonResponse()
    }

    static func orderTransition(_ t: OrderFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            try req.services.require(.orders, .edit)
            _ = try await OrderService.find(id, kind: orderKind(req), req.services)
            let d = try await OrderService.transition(id, kind: orderKind(req), t, req.services)
            return try OrderDTO(d.order, lines: d.lines).jsonResponse()
        }
    }

    // MARK: stock reports
    static func visibleWarehouses(_ req: Request, _ filter: Int64?) async throws -> [Int64] {
        let scope = try req.services.require(.stock, .view)
        let all = try await InventoryQueries.warehouses(on: req.store).filter {
            scope.contains(branch: $0.branchId, department: nil, owner: nil)
        }.map(\.id)
        if let filter { return all.contains(filter) ? [filter] : [] }
        return all
    }

    struct BalanceDTO: Encodable {
        var productId: String; var productCode: String; var productName: String; var warehouseId: String; var warehouse: String;
        var batch: String?
        var quantity: String; var baseUnit: String
        /// Left out for a reader without `costs.view`.
        var value: String?; var unitCost: String?
    }

    static func balances(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let warehouses = try await visibleWarehouses(req, try APIID.query(req, "warehouseId"))
        let page = try await StockReports.balances(
            warehouses: warehouses, productId: try APIID.query(req, "productId"), q: req.query[String.self, at: "q"],
            includeZero: try boolQuery(req, "includeZero") ?? false, limit: limit, cursor: cursor, on: req.store)
        let costs = req.seesCosts
        return try ListBody(
            items: page.items.map {
                BalanceDTO(
                    productId: String($0.productId), productCode: $0.code, productName: $0.name, warehouseId: String($0.warehouseId),
                    warehouse: $0.warehouse,
                    batch: $0.batch.isEmpty ? nil : $0.batch, quantity: Fmt.qty($0.qty)!, baseUnit: $0.baseUnit,
                    value: costs ? Fmt.money($0.value) : nil,
                    unitCost: costs ? UnitPrice.display(value: Money(fen: $0.value), per: Quantity(units: $0.qty)) : nil)
            }, nextCursor: page.nextCursor
        ).jsonResponse()
    }

    static func ledger(_ req: Request) async throws -> Response {
        try req.services.require(.stock, .view)
        guard let productId = try APIID.query(req, "productId") else {
            throw DomainError(.invalid, code: "required", field: "productId", args: ["productId"])
        }
        _ = try await ProductService.forStockReport(productId, req.services)
        let warehouses = try await visibleWarehouses(req, try APIID.query(req, "warehouseId"))
        let r = try await StockReports.ledger(
            productId: productId, warehouses: warehouses, from: try dateQuery(req, "from"), to: try dateQuery(req, "to"),
            limit: 5000, on: req.store)
        struct Line: Encodable {
            var entryId: String; var postingDate: String; var documentId: String; var number: String; var documentType: String;
            var warehouseId: String
            var batch: String?; var kind: String; var quantity: String; var value: String?; var balanceQuantity: String;
            var balanceValue: String?
        }
        struct Body: Encodable {
            var productId: String; var openingQuantity: String; var openingValue: String?; var items: [Line]; var closingQuantity: String;
            var closingValue: String?
        }
        let costs = req.seesCosts
        func money(_ fen: Int64) -> String? { costs ? Fmt.money(fen) : nil }
        var q = r.openingQty, v = r.openingValue
        let lines = try r.lines.map { l -> Line in
            q = try q.plus(l.qty)
            v = try v.plus(l.value)
            return Line(
                entryId: String(l.id), postingDate: l.postingDate, documentId: String(l.documentId), number: l.number,
                documentType: l.docType,
                warehouseId: String(l.warehouseId), batch: l.batch.isEmpty ? nil : l.batch, kind: l.kind, quantity: Fmt.qty(l.qty)!,
                value: money(l.value),
                balanceQuantity: Fmt.qty(q)!, balanceValue: money(v))
        }
        return try Body(
            productId: String(productId), openingQuantity: Fmt.qty(r.openingQty)!, openingValue: money(r.openingValue), items: lines,
            closingQuantity: Fmt.qty(q)!, closingValue: money(v)
        ).jsonResponse()
    }

    static func movementSummary(_ req: Request) async throws -> Response {
        try req.services.require(.stock, .view)
        guard let from = try dateQuery(req, "from") else { throw DomainError(.invalid, code: "required", field: "from", args: ["from"]) }
        guard let to = try dateQuery(req, "to") else { throw DomainError(.invalid, code: "required", field: "to", args: ["to"]) }
        let byWarehouse = try boolQuery(req, "byWarehouse") ?? false
        let warehouses = try await visibleWarehouses(req, try APIID.query(req, "warehouseId"))
        let rows = try await StockReports.movementSummary(
            from: from, to: to, warehouses: warehouses, byWarehouse: byWarehouse, on: req.store)
        struct Line: Encodable {
            var productId: String; var productCode: String; var productName: String; var warehouseId: String?; var baseUnit: String
            var openingQuantity: String; var openingValue: String?; var inQuantity: String; var inValue: String?
            var outQuantity: String; var outValue: String?; var closingQuantity: String; var closingValue: String?
        }
        let costs = req.seesCosts
        func money(_ fen: Int64) -> String? { costs ? Fmt.money(fen) : nil }
        return try ListBody(
            items: rows.map {
                Line(
                    productId: String($0.productId), productCode: $0.code, productName: $0.name, warehouseId: APIID.string($0.warehouseId),
                    baseUnit: $0.baseUnit,
                    openingQuantity: Fmt.qty($0.openQty)!, openingValue: money($0.openValue), inQuantity: Fmt.qty($0.inQty)!,
                    inValue: money($0.inValue),
                    outQuantity: Fmt.qty($0.outQty)!, outValue: money($0.outValue), closingQuantity: Fmt.qty($0.closeQty)!,
                    closingValue: money($0.closeValue))
            }, nextCursor: nil
        ).jsonResponse()
    }

    static func levelAlerts(below: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let warehouses = try await visibleWarehouses(req, try APIID.query(req, "warehouseId"))
            let rows = try await StockReports.levelAlerts(below: below, warehouses: warehouses, on: req.store)
            struct Line: Encodable {
                var productId: String; var productCode: String; var productName: String; var warehouseId: String; var quantity: String
                var safetyQuantity: String; var maxQuantity: String?
            }
            return try ListBody(
                items: rows.map {
                    Line(
                        productId: String($0.productId), productCode: $0.code, productName: $0.name, warehouseId: String($0.warehouseId),
                        quantity: Fmt.qty($0.qty)!, safetyQuantity: Fmt.qty($0.safetyQty)!, maxQuantity: Fmt.qty($0.maxQty))
                },
                nextCursor: nil
            ).jsonResponse()
        }
    }

    /// The batches of a product a warehouse holds, first to expire first (the order FEFO takes them).
    static func batches(_ req: Request) async throws -> Response {
        _ = try req.services.require(.stock, .view)
        guard let product = try APIID.query(req, "productId") else { throw DomainError.required("productId") }
        guard let warehouse = try APIID.query(req, "warehouseId") else { throw DomainError.required("warehouseId") }
        let rows = try await BatchService.onHand(product: product, warehouse: warehouse, req.services)
        struct Line: Encodable { var batch: String; var quantity: String; var productionDate: String?; var expiryDate: String? }
        return try ListBody(
            items: rows.map {
                Line(batch: $0.batch, quantity: Fmt.qty($0.qty)!, productionDate: $0.productionDate, expiryDate: $0.expiryDate)
            },
            nextCursor: nil
        ).jsonResponse()
    }

    /// Stock near or past its expiry (临期 / 过期).
    static func expiring(_ req: Request) async throws -> Response {
        let days: Int64?
        if let d = req.query[String.self, at: "days"], !d.isEmpty {
            guard let n = Int64(d) else { throw DomainError.invalid("days", code: "out_of_range", args: ["days"]) }
            days = n
        } else {
            days = nil
        }
        let rows = try await BatchService.expiring(
            today: CalendarDate(chinaDayOf: req.services.nowMillis), days: days, warehouse: try APIID.query(req, "warehouseId"),
            req.services)
        let costs = req.seesCosts
        struct Line: Encodable {
            var productId: String; var productCode: String; var productName: String; var warehouseId: String; var warehouse: String
            var batch: String; var quantity: String; var baseUnit: String; var productionDate: String?; var expiryDate: String
            var daysLeft: Int64; var state: String; var warningDays: Int64; var value: String?
        }
        return try ListBody(
            items: rows.map {
                Line(
                    productId: String($0.row.productId), productCode: $0.row.code, productName: $0.row.name,
                    warehouseId: String($0.row.warehouseId), warehouse: $0.row.warehouse, batch: $0.row.batch,
                    quantity: Fmt.qty($0.row.qty)!, baseUnit: $0.row.baseUnit, productionDate: $0.row.productionDate,
                    expiryDate: $0.row.expiryDate, daysLeft: $0.daysLeft, state: $0.state.rawValue, warningDays: $0.warningDays,
                    value: costs ? Fmt.money($0.row.value) : nil)
            },
            nextCursor: nil
        ).jsonResponse()
    }

    static func margins(_ req: Request) async throws -> Response {
        let scope = try req.services.require(.costs, .view)
        let (limit, cursor) = try req.paging()
        let from = try dateQuery(req, "from") ?? "0000-01-01", to = try dateQuery(req, "to") ?? "9999-12-31"
        let page = try await StockReports.margins(from: from, to: to, scope: scope, limit: limit, cursor: cursor, on: req.store)
        struct Line: Encodable {
            var lineId: String; var documentId: String; var number: String; var postingDate: String; var partnerId: String?
            var productId: String; var productCode: String; var quantity: String; var amount: String; var revenue: String;
            var costOfGoods: String;
            var grossMargin: String; var marginRate: String?
        }
        return try ListBody(
            items: page.items.map {
                let g = try $0.margin()
                return Line(
                    lineId: String($0.lineId), documentId: String($0.documentId), number: $0.number, postingDate: $0.postingDate,
                    partnerId: APIID.string($0.partnerId),
                    productId: String($0.productId), productCode: $0.code, quantity: Fmt.qty($0.baseQty)!, amount: Fmt.money($0.amount)!,
                    revenue: g.revenue.description, costOfGoods: g.costOfGoods.description, grossMargin: g.margin.description,
                    marginRate: g.rate.map { ScaledDecimal.format($0, scale: 2, minDecimals: 2) })
            }, nextCursor: page.nextCursor
        ).jsonResponse()
    }

    static func atp(_ req: Request) async throws -> Response {
        try req.services.require(.stock, .view)
        guard let productId = try APIID.query(req, "productId") else {
            throw DomainError(.invalid, code: "required", field: "productId", args: ["productId"])
        }
        _ = try await ProductService.find(productId, req.services)
        let rows = try await OrderService.availableToPromise(productId: productId, req.services)
        struct Line: Encodable {
            var productId: String; var warehouseId: String; var onHand: String; var reserved: String; var incoming: String;
            var available: String
        }
        return try ListBody(
            items: rows.map {
                Line(
                    productId: String($0.productId), warehouseId: String($0.warehouseId), onHand: Fmt.qty($0.onHand)!,
                    reserved: Fmt.qty($0.reserved)!, incoming: Fmt.qty($0.incoming)!, available: Fmt.qty($0.available)!)
            },
            nextCursor: nil
        ).jsonResponse()
    }

    static func closePeriod(_ req: Request) async throws -> Response {
        try req.services.require(.stock, .approve)
        struct Body: Decodable { var through: String? }
        let entity = try req.id("entity")
        let body = try req.decodeJSON(Body.self)
        guard let through = body.through, !through.isEmpty else { throw DomainError.required("through") }
        let closed = try await PeriodService.close(entity: entity, through: through, req.services)
        return try ["entityId": String(entity), "closedThrough": closed].jsonResponse()
    }

    // MARK: helpers
    static func boolQuery(_ req: Request, _ name: String) throws -> Bool? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw DomainError(.badRequest, code: "wrong_type", field: name, args: [name])
        }
    }

    static func dateQuery(_ req: Request, _ name: String) throws -> String? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        guard Validate.isDate(text) else { throw DomainError(.badRequest, code: "wrong_type", field: name, args: [name]) }
        return text
    }
}
