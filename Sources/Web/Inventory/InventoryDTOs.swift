import Foundation
import InventoryCore
import Kernel
import Persistence
import Services

enum Fmt {
    static func qty(_ units: Int64?) -> String? { units.map { Quantity(units: $0).description } }
    static func money(_ fen: Int64?) -> String? { fen.map { Money(fen: $0).description } }
    static func price(_ units: Int64?) -> String? { units.map { UnitPrice(units: $0).description } }
    static func percent(_ bp: Int64) -> String { ScaledDecimal.format(bp, scale: 2, minDecimals: 0) }
}

struct UnitDTO: Codable {
    var name: String
    var factor: String
    var barcode: String?
    init(_ u: ProductUnitRow) { name = u.name; factor = Fmt.qty(u.factor)!; barcode = u.barcode }
}

struct LevelDTO: Codable {
    var warehouseId: String
    var safetyQty: String
    var maxQty: String?
    init(_ l: StockLevelRow) { warehouseId = String(l.warehouseId); safetyQty = Fmt.qty(l.safetyQty)!; maxQty = Fmt.qty(l.maxQty) }
}

struct ProductDTO: Encodable {
    var id: String
    var code: String
    var name: String
    var spec: String?
    var categoryId: String?
    var baseUnit: String
    var units: [UnitDTO]?
    var costingMethod: String
    var tracking: String
    var taxRate: String
    var purchasePrice: String
    var salePrice: String
    var floorPrice: String
    /// Left out for a reader without `costs.view`.
    var standardCost: String?
    var active: Bool
    var shelfLifeDays: Int64?
    var stockLevels: [LevelDTO]?
    var version: Int64
    var createdAt: String?
    var updatedAt: String?
    var customFields: [String: String]?

    init(_ p: ProductRow, units: [ProductUnitRow]? = nil, levels: [StockLevelRow]? = nil, costs: Bool) {
        customFields = p.customValues.map(CustomFieldService.decode)
        id = String(p.id); code = p.code; name = p.name; spec = p.spec; categoryId = APIID.string(p.categoryId); baseUnit = p.baseUnit
        self.units = units?.map(UnitDTO.init); costingMethod = p.costingMethod; tracking = p.tracking; taxRate = Fmt.percent(p.taxRate)
        purchasePrice = Fmt.price(p.purchasePrice)!; salePrice = Fmt.price(p.salePrice)!; floorPrice = Fmt.price(p.floorPrice)!
        standardCost = costs ? Fmt.price(p.standardCost) : nil; active = p.active; stockLevels = levels?.map(LevelDTO.init);
        shelfLifeDays = p.shelfLifeDays; version = p.version
        createdAt = ISOTime.string(p.createdAt); updatedAt = ISOTime.string(p.updatedAt)
    }

    init(_ d: ProductService.Details, costs: Bool) { self.init(d.product, units: d.units, levels: d.levels, costs: costs) }
}

struct ProductBody: Decodable {
    struct Unit: Decodable { var name: String?; var factor: String?; var barcode: String? }
    struct Level: Decodable { var warehouseId: String?; var safetyQty: String?; var maxQty: String? }
    var code: String?
    var name: String?
    var spec: String?
    var categoryId: String?
    var baseUnit: String?
    var baseBarcode: String?
    var units: [Unit]?
    var costingMethod: String?
    var tracking: String?
    var taxRate: String?
    var purchasePrice: String?
    var salePrice: String?
    var floorPrice: String?
    var standardCost: String?
    var active: Bool?
    var shelfLifeDays: Int64?
    var stockLevels: [Level]?
    var customFields: [String: String]?
    var version: Int64?

    func input() throws -> ProductService.Input {
        ProductService.Input(
            code: code, name: name, spec: spec, categoryId: try APIID.parse(categoryId, field: "categoryId"), baseUnit: baseUnit,
            baseBarcode: baseBarcode, units: units?.map { .init(name: $0.name, factor: $0.factor, barcode: $0.barcode) },
            costingMethod: costingMethod, tracking: tracking, taxRate: taxRate, purchasePrice: purchasePrice, salePrice: salePrice,
            floorPrice: floorPrice, standardCost: standardCost, active: active,
            stockLevels: try stockLevels?.enumerated().map { i, l in
                .init(
                    warehouseId: try APIID.parse(l.warehouseId, field: "stockLevels[\(i)].warehouseId"), safetyQty: l.safetyQty,
                    maxQty: l.maxQty)
            }, shelfLifeDays: shelfLifeDays, customFields: customFields)
    }
}

struct WarehouseDTO: Encodable {
    var id: String
    var code: String
    var name: String
    var branchId: String
    var kind: String
    var active: Bool
    var version: Int64
    init(_ w: WarehouseRow) {
        id = String(w.id); code = w.code; name = w.name; branchId = String(w.branchId); kind = w.kind; active = w.active;
        version = w.version
    }
}

struct WarehouseBody: Decodable {
    var code: String?
    var name: String?
    var branchId: String?
    var kind: String?
    var active: Bool?
    var version: Int64?
    func input() throws -> WarehouseService.Input {
        .init(code: code, name: name, branchId: try APIID.parse(branchId, field: "branchId"), kind: kind, active: active)
    }
}

struct PartnerDTO: Encodable {
    var id: String
    var code: String
    var name: String
    var kind: String
    var isCustomer: Bool
    var isSupplier: Bool
    var uscc: String?
    var phone: String?
    var email: String?
    var address: String?
    var branchId: String
    var ownerId: String?
    var active: Bool
    var version: Int64
    init(_ p: PartnerRow) {
        id = String(p.id); code = p.code; name = p.name; kind = p.kind; isCustomer = p.isCustomer; isSupplier = p.isSupplier; uscc = p.uscc
        phone = p.phone; email = p.email; address = p.address; branchId = String(p.branchId); ownerId = APIID.string(p.ownerId);
        active = p.active
        version = p.version
    }
}

struct PartnerBody: Decodable {
    var code: String?
    var name: String?
    var kind: String?
    var isCustomer: Bool?
    var isSupplier: Bool?
    var uscc: String?
    var phone: String?
    var email: String?
    var address: String?
    var branchId: String?
    var ownerId: String?
    var active: Bool?
    var version: Int64?
    func input() throws -> PartnerService.Input {
        .init(
            code: code, name: name, kind: kind, isCustomer: isCustomer, isSupplier: isSupplier, uscc: uscc, phone: phone, email: email,
            address: address,
            branchId: try APIID.parse(branchId, field: "branchId"), ownerId: try APIID.parse(ownerId, field: "ownerId"), active: active)
    }
}

struct StockLineDTO: Encodable {
    var id: String
    var lineNo: Int64
    var productId: String
    var unit: String
    var quantity: String
    var baseQuantity: String
    var warehouseId: String
    var toWarehouseId: String?
    var batch: String?
    var productionDate: String?
    var expiryDate: String?
    var unitCost: String?
    var unitPrice: String?
    var returnOfLineId: String?
    var orderLineId: String?
    var bookQuantity: String?
    /// The cost of goods the line moved: left out for a reader without `costs.view`.
    var costValue: String?
    var amount: String?
    init(_ l: StockLineRow, costs: Bool) {
        id = String(l.id); lineNo = l.lineNo; productId = String(l.productId); unit = l.unit; quantity = Fmt.qty(l.quantity)!;
        baseQuantity = Fmt.qty(l.baseQty)!
        warehouseId = String(l.warehouseId); toWarehouseId = APIID.string(l.toWarehouseId); batch = l.batch;
        productionDate = l.productionDate; expiryDate = l.expiryDate; unitCost = Fmt.price(l.unitCost)
        unitPrice = Fmt.price(l.unitPrice); returnOfLineId = APIID.string(l.returnOfLineId); orderLineId = APIID.string(l.orderLineId)
        bookQuantity = Fmt.qty(l.bookQty); costValue = costs ? Fmt.money(l.costValue) : nil; amount = Fmt.money(l.amount)
    }
}

struct StockDocumentDTO: Encodable {
    var id: String
    var number: String
    var type: String
    var status: String
    var branchId: String
    var partnerId: String?
    var postingDate: String
    var reason: String?
    var note: String?
    var orderId: String?
    var reversalOf: String?
    var lines: [StockLineDTO]?
    var version: Int64
    var createdAt: String?
    var postedAt: String?
    var cancelledAt: String?
    init(_ d: StockDocumentRow, lines: [StockLineRow]? = nil, costs: Bool = false) {
        id = String(d.id); number = d.number; type = d.docType; status = d.status; branchId = String(d.branchId);
        partnerId = APIID.string(d.partnerId)
        postingDate = d.postingDate; reason = d.reason; note = d.note; orderId = APIID.string(d.orderId);
        reversalOf = APIID.string(d.reversalOf)
        self.lines = lines?.map { StockLineDTO($0, costs: costs) }; version = d.version; createdAt = ISOTime.string(d.createdAt);
        postedAt = ISOTime.string(d.postedAt)
        cancelledAt = ISOTime.string(d.cancelledAt)
    }
    init(_ d: StockDocumentService.Details, costs: Bool) { self.init(d.document, lines: d.lines, costs: costs) }
}

struct StockDocumentBody: Decodable {
    struct Line: Decodable {
        var productId: String?
        var unit: String?
        var quantity: String?
        var warehouseId: String?
        var toWarehouseId: String?
        var batch: String?
        var unitCost: String?
        var unitPrice: String?
        var returnOfLineId: String?
        var orderLineId: String?
        var productionDate: String?
        var expiryDate: String?
    }
    var type: String?
    var postingDate: String?
    var partnerId: String?
    var branchId: String?
    var reason: String?
    var note: String?
    var orderId: String?
    var lines: [Line]?
    var version: Int64?
    /// Post in the same request (and transaction) as the save.
    var post: Bool?

    func input() throws -> StockDocumentService.Input {
        .init(
            type: type, postingDate: postingDate, partnerId: try APIID.parse(partnerId, field: "partnerId"),
            branchId: try APIID.parse(branchId, field: "branchId"),
            reason: reason, note: note, orderId: try APIID.parse(orderId, field: "orderId"),
            lines: try lines?.enumerated().map { i, l in
                let f = "lines[\(i)]."
                return .init(
                    productId: try APIID.parse(l.productId, field: f + "productId"), unit: l.unit, quantity: l.quantity,
                    warehouseId: try APIID.parse(l.warehouseId, field: f + "warehouseId"),
                    toWarehouseId: try APIID.parse(l.toWarehouseId, field: f + "toWarehouseId"),
                    batch: l.batch, unitCost: l.unitCost, unitPrice: l.unitPrice,
                    returnOfLineId: try APIID.parse(l.returnOfLineId, field: f + "returnOfLineId"),
                    orderLineId: try APIID.parse(l.orderLineId, field: f + "orderLineId"), productionDate: l.productionDate,
                    expiryDate: l.expiryDate)
            })
    }
}
