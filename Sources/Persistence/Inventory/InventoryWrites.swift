import DocumentsCore
import Kernel
import SQLKit

/// Writes to the inventory tables, called by the services inside their transactions (the
/// services decide and validate; these only say it in SQL).
public enum InventoryWrites {
    // MARK: the master data

    public static func insertCategory(parent: Int64?, code: String, name: String, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO product_categories (parent_id, code, name, version, created_at, updated_at)
            VALUES (\(bind: parent), \(bind: code), \(bind: name), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func updateCategory(
        _ id: Int64, parent: Int64?, code: String, name: String, version: Int64, at now: Int64, on store: Store
    ) async throws {
        try await store.run(
            """
            UPDATE product_categories SET parent_id = \(bind: parent), code = \(bind: code), name = \(bind: name), version = version + 1,
                updated_at = \(bind: now) WHERE id = \(bind: id) AND version = \(bind: version)
            """)
    }

    /// A warehouse as validated.
    public struct Warehouse: Sendable {
        public var code: String
        public var name: String
        public var branchId: Int64
        public var kind: String
        public var active: Bool
        public init(code: String, name: String, branchId: Int64, kind: String, active: Bool) {
            self.code = code
            self.name = name
            self.branchId = branchId
            self.kind = kind
            self.active = active
        }
    }

    public static func insert(_ v: Warehouse, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO warehouses (code, name, branch_id, kind, active, version, created_at, updated_at)
            VALUES (\(bind: v.code), \(bind: v.name), \(bind: v.branchId), \(bind: v.kind), \(bind: v.active), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func update(warehouse id: Int64, _ v: Warehouse, version: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE warehouses SET code = \(bind: v.code), name = \(bind: v.name), branch_id = \(bind: v.branchId), kind = \(bind: v.kind),
                active = \(bind: v.active), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """)
    }

    /// A product's record as validated (units and stock levels are written apart).
    public struct Product: Sendable {
        public var code: String
        public var name: String
        public var spec: String?
        public var searchText: String
        public var categoryId: Int64?
        public var baseUnit: String
        public var costingMethod: String
        public var tracking: String
        public var taxRate: Int64
        public var purchasePrice: Int64
        public var salePrice: Int64
        public var floorPrice: Int64
        public var standardCost: Int64
        public var active: Bool
        public var shelfLifeDays: Int64?
        public init(
            code: String, name: String, spec: String?, searchText: String, categoryId: Int64?, baseUnit: String, costingMethod: String,
            tracking: String, taxRate: Int64, purchasePrice: Int64, salePrice: Int64, floorPrice: Int64, standardCost: Int64, active: Bool,
            shelfLifeDays: Int64? = nil
        ) {
            self.shelfLifeDays = shelfLifeDays
            self.code = code
            self.name = name
            self.spec = spec
            self.searchText = searchText
            self.categoryId = categoryId
            self.baseUnit = baseUnit
            self.costingMethod = costingMethod
            self.tracking = tracking
            self.taxRate = taxRate
            self.purchasePrice = purchasePrice
            self.salePrice = salePrice
            self.floorPrice = floorPrice
            self.standardCost = standardCost
            self.active = active
        }
    }

    public static func insert(_ v: Product, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO products (code, name, spec, search_text, category_id, base_unit, costing_method, tracking, tax_rate, purchase_price,
                sale_price, floor_price, standard_cost, active, shelf_life_days, version, created_at, updated_at)
            VALUES (\(bind: v.code), \(bind: v.name), \(bind: v.spec), \(bind: v.searchText), \(bind: v.categoryId), \(bind: v.baseUnit),
                \(bind: v.costingMethod), \(bind: v.tracking), \(bind: v.taxRate), \(bind: v.purchasePrice), \(bind: v.salePrice),
                \(bind: v.floorPrice), \(bind: v.standardCost), \(bind: v.active), \(bind: v.shelfLifeDays), 1, \(bind: now), \(bind: now))
            """)
    }

    /// Changes the product if still at `version`, and drops its units (the caller writes them again).
    public static func update(product id: Int64, _ v: Product, version: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE products SET code = \(bind: v.code), name = \(bind: v.name), spec = \(bind: v.spec), search_text = \(bind: v.searchText),
                category_id = \(bind: v.categoryId), base_unit = \(bind: v.baseUnit), costing_method = \(bind: v.costingMethod),
                tracking = \(bind: v.tracking), tax_rate = \(bind: v.taxRate), purchase_price = \(bind: v.purchasePrice),
                sale_price = \(bind: v.salePrice), floor_price = \(bind: v.floorPrice), standard_cost = \(bind: v.standardCost),
                active = \(bind: v.active), shelf_life_days = \(bind: v.shelfLifeDays), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """)
        try await store.run("DELETE FROM product_units WHERE product_id = \(bind: id)")
    }

    /// Deletes a product with its units and stock levels; `inUse` when anything else names it.
    public static func delete(product id: Int64, inUse: @autoclosure () -> any Error, on store: Store) async throws {
        try await store.run("DELETE FROM product_units WHERE product_id = \(bind: id)")
        try await store.run("DELETE FROM stock_levels WHERE product_id = \(bind: id)")
        try await store.delete("DELETE FROM products WHERE id = \(bind: id)", inUse: inUse())
    }

    /// Drops the product's stock levels in these warehouses.
    public static func dropLevels(ofProduct id: Int64, inWarehouses warehouses: [Int64], on store: Store) async throws {
        guard !warehouses.isEmpty else { return }
        try await store.run(
            """
            DELETE FROM stock_levels WHERE product_id = \(bind: id) AND warehouse_id IN (\(binds: warehouses.map { $0 as any Encodable & Sendable }))
            """)
    }

    public static func addUnit(ofProduct id: Int64, name: String, factor: Int64, barcode: String?, on store: Store) async throws {
        try await store.run(
            "INSERT INTO product_units (product_id, name, factor, barcode) VALUES (\(bind: id), \(bind: name), \(bind: factor), \(bind: barcode))"
        )
    }

    public static func addLevel(ofProduct id: Int64, warehouse: Int64, safety: Int64, max: Int64?, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO stock_levels (product_id, warehouse_id, safety_qty, max_qty) VALUES (\(bind: id), \(bind: warehouse), \(bind: safety), \(bind: max))
            """)
    }

    /// Closes an entity's books through a date.
    public static func closePeriod(entity: Int64, through date: String, by user: Int64?, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO period_closes (entity_id, closed_through, closed_at, closed_by) VALUES (\(bind: entity), \(bind: date), \(bind: now), \(bind: user))
            """)
    }

    // MARK: orders

    /// An order's head as validated.
    public struct Order: Sendable {
        public var partnerId: Int64
        public var branchId: Int64
        public var orderDate: String
        public var expectedDate: String?
        public var note: String?
        public init(partnerId: Int64, branchId: Int64, orderDate: String, expectedDate: String?, note: String?) {
            self.partnerId = partnerId
            self.branchId = branchId
            self.orderDate = orderDate
            self.expectedDate = expectedDate
            self.note = note
        }
    }

    /// An order line as validated (quantities and prices in millionths).
    public struct OrderLine: Sendable {
        public var productId: Int64
        public var unit: String
        public var factor: Int64
        public var quantity: Int64
        public var baseQty: Int64
        public var unitPrice: Int64
        public var warehouseId: Int64
        public var listPrice: Int64?
        public init(
            productId: Int64, unit: String, factor: Int64, quantity: Int64, baseQty: Int64, unitPrice: Int64, warehouseId: Int64,
            listPrice: Int64?
        ) {
            self.productId = productId
            self.unit = unit
            self.factor = factor
            self.quantity = quantity
            self.baseQty = baseQty
            self.unitPrice = unitPrice
            self.warehouseId = warehouseId
            self.listPrice = listPrice
        }
    }

    public static func insert(
        _ v: Order, lines: [OrderLine], number: String, kind: String, owner: Int64?, at now: Int64, on store: Store
    ) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO orders (number, kind, status, branch_id, partner_id, order_date, expected_date, owner_id, note, version, created_at, updated_at)
            VALUES (\(bind: number), \(bind: kind), \(state: OrderFlow.State.draft), \(bind: v.branchId), \(bind: v.partnerId), \(bind: v.orderDate), \(bind: v.expectedDate),
                \(bind: owner), \(bind: v.note), 1, \(bind: now), \(bind: now))
            """)
        try await insertLines(order: id, lines, on: store)
        return id
    }

    public static func update(order id: Int64, _ v: Order, lines: [OrderLine], at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE orders SET partner_id = \(bind: v.partnerId), branch_id = \(bind: v.branchId), order_date = \(bind: v.orderDate), expected_date = \(bind: v.expectedDate),
                note = \(bind: v.note), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
        try await store.run("DELETE FROM order_lines WHERE order_id = \(bind: id)")
        try await insertLines(order: id, lines, on: store)
    }

    static func insertLines(order id: Int64, _ lines: [OrderLine], on store: Store) async throws {
        for (i, l) in lines.enumerated() {
            try await store.run(
                """
                INSERT INTO order_lines (order_id, line_no, product_id, unit, factor, quantity, base_qty, unit_price, warehouse_id, done_qty, list_price)
                VALUES (\(bind: id), \(bind: Int64(i + 1)), \(bind: l.productId), \(bind: l.unit), \(bind: l.factor), \(bind: l.quantity),
                    \(bind: l.baseQty), \(bind: l.unitPrice), \(bind: l.warehouseId), 0, \(bind: l.listPrice))
                """)
        }
    }

    /// The one statement that writes an order's state (the flow decides it).
    public static func setStatus(ofOrder id: Int64, _ to: OrderFlow.State, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE orders SET status = \(state: to), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)")
    }

    // MARK: documents

    /// A stock document's head as validated.
    public struct Document: Sendable {
        public var type: String
        public var branchId: Int64
        public var partnerId: Int64?
        public var postingDate: String
        public var reason: String?
        public var note: String?
        public var orderId: Int64?
        public init(type: String, branchId: Int64, partnerId: Int64?, postingDate: String, reason: String?, note: String?, orderId: Int64?)
        {
            self.type = type
            self.branchId = branchId
            self.partnerId = partnerId
            self.postingDate = postingDate
            self.reason = reason
            self.note = note
            self.orderId = orderId
        }
    }

    /// A stock document line as validated, with its amounts worked out (quantities and prices in
    /// millionths, amounts in fen).
    public struct DocumentLine: Sendable {
        public var productId: Int64
        public var unit: String
        public var factor: Int64
        public var quantity: Int64
        public var baseQty: Int64
        public var warehouseId: Int64
        public var toWarehouseId: Int64?
        public var batch: String?
        public var unitCost: Int64?
        public var unitPrice: Int64?
        public var returnOfLineId: Int64?
        public var orderLineId: Int64?
        public var bookQty: Int64?
        public var amount: Int64?
        public var listPrice: Int64?
        public var listAmount: Int64?
        public var floorPrice: Int64?
        public init(
            productId: Int64, unit: String, factor: Int64, quantity: Int64, baseQty: Int64, warehouseId: Int64, toWarehouseId: Int64?,
            batch: String?, unitCost: Int64?, unitPrice: Int64?, returnOfLineId: Int64?, orderLineId: Int64?, bookQty: Int64?,
            amount: Int64?,
            listPrice: Int64?, listAmount: Int64?, floorPrice: Int64?
        ) {
            self.productId = productId
            self.unit = unit
            self.factor = factor
            self.quantity = quantity
            self.baseQty = baseQty
            self.warehouseId = warehouseId
            self.toWarehouseId = toWarehouseId
            self.batch = batch
            self.unitCost = unitCost
            self.unitPrice = unitPrice
            self.returnOfLineId = returnOfLineId
            self.orderLineId = orderLineId
            self.bookQty = bookQty
            self.amount = amount
            self.listPrice = listPrice
            self.listAmount = listAmount
            self.floorPrice = floorPrice
        }
    }

    /// A new draft; answers it as stored.
    public static func insert(
        _ v: Document, number: String, owner: Int64?, at now: Int64, on store: Store
    ) async throws -> StockDocumentRow {
        guard
            let doc = try await store.first(
                """
                INSERT INTO stock_documents (number, doc_type, status, branch_id, partner_id, posting_date, reason, note, order_id, owner_id, version,
                    created_at, updated_at)
                VALUES (\(bind: number), \(bind: v.type), \(state: StockDocumentFlow.State.draft), \(bind: v.branchId), \(bind: v.partnerId), \(bind: v.postingDate),
                    \(bind: v.reason), \(bind: v.note), \(bind: v.orderId), \(bind: owner), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: StockDocumentRow.self)
        else { throw StoreError.noRowReturned }
        return doc
    }

    /// Changes a draft's head and drops its lines (the caller inserts them again); answers it as stored.
    public static func update(document id: Int64, _ v: Document, at now: Int64, on store: Store) async throws -> StockDocumentRow? {
        let doc = try await store.first(
            """
            UPDATE stock_documents SET partner_id = \(bind: v.partnerId), branch_id = \(bind: v.branchId), posting_date = \(bind: v.postingDate), reason = \(bind: v.reason),
                note = \(bind: v.note), order_id = \(bind: v.orderId), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id)
            RETURNING *
            """, as: StockDocumentRow.self)
        try await store.run("DELETE FROM stock_document_lines WHERE document_id = \(bind: id)")
        return doc
    }

    /// Inserts a document's lines in one statement and answers them as stored, in order.
    public static func insertLines(document id: Int64, _ lines: [DocumentLine], on store: Store) async throws -> [StockLineRow] {
        guard !lines.isEmpty else { return [] }
        var q: SQLQueryString = """
            INSERT INTO stock_document_lines (document_id, line_no, product_id, unit, factor, quantity, base_qty, warehouse_id, to_warehouse_id, batch,
                unit_cost, unit_price, return_of_line_id, order_line_id, book_qty, amount, list_price, list_amount, floor_price)
            VALUES
            """
        for (i, l) in lines.enumerated() {
            q += i == 0 ? " " : ", "
            q += """
                (\(bind: id), \(bind: Int64(i + 1)), \(bind: l.productId), \(bind: l.unit), \(bind: l.factor), \(bind: l.quantity),
                \(bind: l.baseQty), \(bind: l.warehouseId), \(bind: l.toWarehouseId), \(bind: l.batch), \(bind: l.unitCost),
                \(bind: l.unitPrice), \(bind: l.returnOfLineId), \(bind: l.orderLineId), \(bind: l.bookQty), \(bind: l.amount),
                \(bind: l.listPrice), \(bind: l.listAmount), \(bind: l.floorPrice))
                """
        }
        q += " RETURNING *"
        return try await store.all(q, as: StockLineRow.self).sorted { $0.lineNo < $1.lineNo }
    }

    /// Marks a document posted; answers it as stored.
    public static func markPosted(
        document id: Int64, _ to: StockDocumentFlow.State, at now: Int64, on store: Store
    ) async throws
        -> StockDocumentRow?
    {
        try await store.first(
            """
            UPDATE stock_documents SET status = \(state: to), posted_at = \(bind: now), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id)
            RETURNING *
            """, as: StockDocumentRow.self)
    }

    public static func markCancelled(document id: Int64, _ to: StockDocumentFlow.State, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE stock_documents SET status = \(state: to), cancelled_at = \(bind: now), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
    }

    /// The posted mirror of a document that cancels it: `<number>-R`, each line with its warehouses
    /// swapped for transfers and pointing back at the line it reverses. Answers its id.
    public static func insertReversal(
        of doc: StockDocumentRow, lines: [StockLineRow], by user: Int64?, at now: Int64, on store: Store
    ) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO stock_documents (number, doc_type, status, branch_id, partner_id, posting_date, reason, note, order_id, reversal_of, owner_id,
                version, created_at, updated_at, posted_at)
            VALUES (\(bind: doc.number + "-R"), \(bind: doc.docType), \(state: StockDocumentFlow.State.posted), \(bind: doc.branchId), \(bind: doc.partnerId), \(bind: doc.postingDate),
                \(bind: "cancel " + doc.number), NULL, \(bind: doc.orderId), \(bind: doc.id), \(bind: user), 1, \(bind: now), \(bind: now), \(bind: now))
            """)
        for l in lines {
            try await store.run(
                """
                INSERT INTO stock_document_lines (document_id, line_no, product_id, unit, factor, quantity, base_qty, warehouse_id, to_warehouse_id, batch,
                    unit_cost, unit_price, return_of_line_id, order_line_id, book_qty)
                VALUES (\(bind: id), \(bind: l.lineNo), \(bind: l.productId), \(bind: l.unit), \(bind: l.factor), \(bind: l.quantity), \(bind: l.baseQty),
                    \(bind: l.toWarehouseId ?? l.warehouseId), \(bind: l.toWarehouseId == nil ? nil : l.warehouseId), \(bind: l.batch), \(bind: l.unitCost),
                    \(bind: l.unitPrice), \(bind: l.id), \(bind: l.orderLineId), \(bind: l.bookQty))
                """)
        }
        return id
    }

    /// Adds to a line's cost of goods (an append-only posting costed the line).
    public static func addCost(toLine id: Int64, _ cost: Int64, on store: Store) async throws {
        try await store.run("UPDATE stock_document_lines SET cost_value = COALESCE(cost_value, 0) + \(bind: cost) WHERE id = \(bind: id)")
    }

    /// Sets each of `lines` to the value of its ledger entries (issues, less what settles it
    /// later): the lines' cost after a replay changed their entries.
    public static func recomputeLineCosts(lines: [Int64], on store: Store) async throws {
        for part in lines.chunkedBinds() {
            try await store.run(
                """
                UPDATE stock_document_lines SET cost_value =
                    (SELECT COALESCE(SUM(ABS(e.value)), 0) FROM stock_entries e WHERE e.line_id = stock_document_lines.id AND e.kind NOT IN ('move_in', 'adjust'))
                    - (SELECT COALESCE(SUM(a.value), 0) FROM stock_entries a WHERE a.settles_line_id = stock_document_lines.id)
                WHERE id IN (\(binds: part))
                """)
        }
    }

    /// Moves what an order line has delivered (or received) by `delta`, unless that would take it
    /// past what was ordered or under zero; answers whether it moved.
    public static func advance(orderLine id: Int64, by delta: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            UPDATE order_lines SET done_qty = done_qty + \(bind: delta) WHERE id = \(bind: id)
            AND done_qty + \(bind: delta) <= base_qty AND done_qty + \(bind: delta) >= 0 RETURNING id
            """, as: R.self) != nil
    }

    /// Deletes a draft with its lines.
    public static func delete(document id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM stock_document_lines WHERE document_id = \(bind: id)")
        try await store.run("DELETE FROM stock_documents WHERE id = \(bind: id)")
    }

    /// An order made from a contract: it carries the contract and belongs to the contract's owner.
    public static func tie(order: Int64, toContract contract: Int64, owner: Int64?, on store: Store) async throws {
        try await store.run(
            "UPDATE orders SET contract_id = \(bind: contract), owner_id = COALESCE(\(bind: owner), owner_id) WHERE id = \(bind: order)")
    }

    /// Fixes a receipt line's value (its cost comes from elsewhere: a transfer, a switch of books).
    public static func fixValue(ofLine id: Int64, _ value: Int64, on store: Store) async throws {
        try await store.run("UPDATE stock_document_lines SET fixed_value = \(bind: value) WHERE id = \(bind: id)")
    }

    /// A delivery line's price and amount, set after it was posted (an inter-branch transfer's price).
    public static func setPrice(ofLine id: Int64, unitPrice: Int64, amount: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE stock_document_lines SET unit_price = \(bind: unitPrice), amount = \(bind: amount) WHERE id = \(bind: id)")
    }

    /// A receipt line's fixed value and unit cost, re-priced.
    public static func fixValue(ofLine id: Int64, _ value: Int64, unitCost: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE stock_document_lines SET fixed_value = \(bind: value), unit_cost = \(bind: unitCost) WHERE id = \(bind: id)")
    }

    /// Moves a draft document's posting date.
    public static func setPostingDate(ofDocument id: Int64, _ date: String, on store: Store) async throws {
        try await store.run("UPDATE stock_documents SET posting_date = \(bind: date) WHERE id = \(bind: id)")
    }

    public static func setOwner(ofOrder id: Int64, _ owner: Int64?, on store: Store) async throws {
        try await store.run("UPDATE orders SET owner_id = \(bind: owner) WHERE id = \(bind: id)")
    }

    public static func tie(orderLine: Int64, toContractLine contractLine: Int64, on store: Store) async throws {
        try await store.run("UPDATE order_lines SET contract_line_id = \(bind: contractLine) WHERE id = \(bind: orderLine)")
    }
}
