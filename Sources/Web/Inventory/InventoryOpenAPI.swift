import DocumentsCore
import Foundation

/// The Inventory module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Inventory operations of /api/v1.
    static func inventoryPaths() -> Object {
        var paths: Object = [
            "/api/v1/products": [
                "get": list(
                    "products", "Product",
                    params: [query("q"), query("categoryId"), query("active", ["type": "string", "enum": ["true", "false"]])],
                    summary: "Products by code; q matches code, name, pinyin, initials or a barcode."),
                "post": create("products", "Product", input: "ProductInput", summary: "Create a product with its units and stock levels."),
            ],
            "/api/v1/products/{id}": [
                "get": show("products", "Product", summary: "One product with units and stock levels."),
                "put": update("products", "Product", input: "ProductUpdate", summary: "Update a product."),
            ],
            "/api/v1/units": [
                "get": report(
                    ["type": "object", "properties": ["productId": str, "name": str, "factor": str, "barcode": str]],
                    summary: "A product's units (?productId=) or what a barcode is (?barcode=).",
                    params: [query("productId"), query("barcode")])
            ],
            "/api/v1/product-categories": [
                "get": list("products", "Category", summary: "The product category tree, each with its path."),
                "post": create("products", "Category", input: "CategoryInput", summary: "Create a category."),
            ],
            "/api/v1/product-categories/{id}": [
                "get": show("products", "Category", summary: "One category."),
                "put": update("products", "Category", input: "CategoryUpdate", summary: "Rename or move a category."),
            ],
            "/api/v1/warehouses": [
                "get": list("products", "Warehouse", summary: "Warehouses in the caller's scope."),
                "post": create("products", "Warehouse", input: "WarehouseInput", summary: "Create a warehouse."),
            ],
            "/api/v1/warehouses/{id}": [
                "get": show("products", "Warehouse", summary: "One warehouse."),
                "put": update("products", "Warehouse", input: "WarehouseUpdate", summary: "Update a warehouse."),
            ],
            "/api/v1/products/export": [
                "get": export(
                    "products",
                    params: [query("q"), query("categoryId"), query("active", ["type": "string", "enum": ["true", "false"]])],
                    summary: "The products list as a file: units as 箱=24, barcodes, prices (standard cost only with costs.view).")
            ],
            "/api/v1/partners/export": [
                "get": export(
                    "partners",
                    params: [
                        query("q"), query("isCustomer", ["type": "string", "enum": ["true", "false"]]),
                        query("isSupplier", ["type": "string", "enum": ["true", "false"]]),
                    ],
                    summary: "The partners list (same filters as GET /partners) as a file.")
            ],
            "/api/v1/stock-documents/export": [
                "get": export(
                    "stock",
                    params: [
                        query("type"), query("status"), query("q"), query("from", ["type": "string", "format": "date"]),
                        query("to", ["type": "string", "format": "date"]),
                    ], summary: "The stock documents list (same filters as GET /stock-documents) as a file.")
            ],
            "/api/v1/stock/balances/export": [
                "get": export(
                    "stock",
                    params: [
                        query("productId"), query("warehouseId"), query("q"),
                        query("includeZero", ["type": "string", "enum": ["true", "false"]]),
                    ],
                    summary: "Stock on hand by product, warehouse and batch as a file (value and unit cost only with costs.view).")
            ],
            "/api/v1/partners": [
                "get": list(
                    "partners", "Partner",
                    params: [
                        query("q"), query("isCustomer", ["type": "string", "enum": ["true", "false"]]),
                        query("isSupplier", ["type": "string", "enum": ["true", "false"]]),
                    ], summary: "Customers and suppliers."),
                "post": create("partners", "Partner", input: "PartnerInput", summary: "Create a partner (customer, supplier or both)."),
            ],
            "/api/v1/partners/{id}": [
                "get": show("partners", "Partner", summary: "One partner."),
                "put": update("partners", "Partner", input: "PartnerUpdate", summary: "Update a partner."),
            ],
            "/api/v1/stock-documents": [
                "get": list(
                    "stock", "StockDocument",
                    params: [
                        query("type"), query("status"), query("q"), query("from", ["type": "string", "format": "date"]),
                        query("to", ["type": "string", "format": "date"]),
                    ], summary: "Stock documents, newest first."),
                "post": create(
                    "stock", "StockDocument", input: "StockDocumentInput",
                    summary: "Create a stock document: a draft, or posted at once with `post: true`."),
            ],
            "/api/v1/stock-documents/{id}": [
                "get": show("stock", "StockDocument", summary: "One stock document with its lines."),
                "put": update("stock", "StockDocument", input: "StockDocumentUpdate", summary: "Update a draft."),
                "delete": [
                    "tags": ["stock"], "summary": "Delete a draft (a posted document is cancelled instead).", "parameters": [idParam],
                    "responses": merge(["204": ["description": "Deleted."]], errors([401, 403, 404, 409])),
                ],
            ],
            "/api/v1/stock-documents/{id}/post": [
                "post": action(
                    "stock", "StockDocument",
                    summary: "Post: writes the costed ledger; posting twice changes nothing; back-dated posting re-costs what follows.")
            ],
            "/api/v1/stock-documents/{id}/cancel": [
                "post": action("stock", "StockDocument", summary: "Cancel by a reversal document dated like the original.")
            ],
            "/api/v1/stock/balances": [
                "get": report(
                    ref("Balance"), summary: "Stock on hand by product, warehouse and batch.",
                    params: [
                        query("productId"), query("warehouseId"), query("q"),
                        query("includeZero", ["type": "string", "enum": ["true", "false"]]),
                    ], paged: true)
            ],
            "/api/v1/stock/ledger": [
                "get": [
                    "tags": ["stock"], "summary": "One product's ledger with running balances.",
                    "parameters": [
                        ["name": "productId", "in": "query", "required": true, "schema": ["type": "string"]], query("warehouseId"),
                        query("from", ["type": "string", "format": "date"]), query("to", ["type": "string", "format": "date"]),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The ledger.",
                                "content": jsonContent([
                                    "type": "object", "required": ["items"],
                                    "properties": [
                                        "items": ["type": "array", "items": ["type": "object"]], "openingQuantity": str,
                                        "openingValue": str,
                                        "closingQuantity": str, "closingValue": str, "productId": str,
                                    ],
                                ]),
                            ]
                        ], errors([400, 401, 403, 404, 422])),
                ]
            ],
            "/api/v1/stock/movement-summary": [
                "get": report(
                    ["type": "object"], summary: "收发存汇总表: opening, in, out, closing per product (and warehouse).",
                    params: [
                        ["name": "from", "in": "query", "required": true, "schema": ["type": "string", "format": "date"]],
                        ["name": "to", "in": "query", "required": true, "schema": ["type": "string", "format": "date"]],
                        query("warehouseId"), query("byWarehouse", ["type": "string", "enum": ["true", "false"]]),
                    ])
            ],
            "/api/v1/stock/below-safety": [
                "get": report(["type": "object"], summary: "Products under their safety stock.", params: [query("warehouseId")])
            ],
            "/api/v1/stock/overstock": [
                "get": report(["type": "object"], summary: "Products over their maximum stock.", params: [query("warehouseId")])
            ],
            "/api/v1/stock/batches": [
                "get": report(
                    object(
                        ["batch", "quantity"],
                        ["batch": str, "quantity": str, "productionDate": nullableStr, "expiryDate": nullableStr]),
                    summary: "The batches of a product a warehouse holds, the first to expire first (FEFO): "
                        + "the one a delivery that names no batch takes.",
                    params: [
                        ["name": "productId", "in": "query", "required": true, "schema": ["type": "string"]],
                        ["name": "warehouseId", "in": "query", "required": true, "schema": ["type": "string"]],
                    ])
            ],
            "/api/v1/stock/expiring": [
                "get": report(
                    object(
                        ["productId", "warehouseId", "batch", "quantity", "expiryDate", "daysLeft", "state"],
                        [
                            "productId": str, "productCode": str, "productName": str, "warehouseId": str, "warehouse": str,
                            "batch": str, "quantity": str, "baseUnit": str, "productionDate": nullableStr, "expiryDate": str,
                            "daysLeft": int, "state": ["type": "string", "enum": ["expired", "near"]], "warningDays": int,
                            "value": ["type": "string", "description": "Only for readers with `costs.view`."],
                        ]),
                    summary: "Stock near its expiry (临期) or past it, first to expire first. Without `days`, each product's own "
                        + "window from its shelf life (45 days for a year or more down to a third of a short one; 30 when unknown).",
                    params: [query("days", ["type": "integer", "minimum": 0, "maximum": 3650]), query("warehouseId")])
            ],
            "/api/v1/stock/margins": [
                "get": report(
                    ["type": "object"],
                    summary:
                        "Gross margin per delivery line: `amount` is the line with VAT, `revenue` the same net of VAT at the product's rate, "
                        + "`grossMargin` = revenue - costOfGoods, `marginRate` its percentage of revenue. Needs `costs.view`.",
                    params: [query("from", ["type": "string", "format": "date"]), query("to", ["type": "string", "format": "date"])],
                    paged: true)
            ],
            "/api/v1/stock/available": [
                "get": report(
                    ["type": "object"], summary: "Available to promise per warehouse: on hand - reserved + incoming.",
                    params: [["name": "productId", "in": "query", "required": true, "schema": ["type": "string"]]])
            ],
            "/api/v1/periods/{entity}/close": [
                "post": [
                    "tags": ["stock"], "summary": "Close an accounting entity's books through a date (月结).",
                    "parameters": [["name": "entity", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "requestBody": [
                        "required": true, "content": jsonContent(object(["through"], ["through": ["type": "string", "format": "date"]])),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "Closed.",
                                "content": jsonContent(object(["entityId", "closedThrough"], ["entityId": str, "closedThrough": str])),
                            ]
                        ],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ]
            ],
            "/api/v1/stock/transfer-suggestions": [
                "get": [
                    "tags": ["stock"],
                    "summary":
                        "Transfers that would move stock over a warehouse's maximum, or not moved for slowDays (default 60), to warehouses under their safety stock, inside one accounting entity.",
                    "parameters": [query("slowDays", ["type": "integer", "minimum": 1, "maximum": 3650])],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The suggestions.",
                                "content": jsonContent(
                                    page(ref("TransferSuggestion"))),
                            ]
                        ], errors([400, 401, 403])),
                ]
            ],
            "/api/v1/stock/transfer-suggestions/apply": [
                "post": [
                    "tags": ["stock"], "summary": "Make draft transfers (one per sending warehouse) from chosen suggestions.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["items"],
                                [
                                    "postingDate": ["type": ["string", "null"], "format": "date"],
                                    "items": ["type": "array", "minItems": 1, "maxItems": 3, "items": ref("TransferSuggestion")],
                                ])),
                    ],
                    "responses": merge(
                        [
                            "201": [
                                "description": "The drafts.", "content": jsonContent(object(["documentIds"], ["documentIds": strArray])),
                            ]
                        ],
                        errors([400, 401, 403, 409, 413, 422])),
                ]
            ],
        ]
        for (path, label) in [("purchase-orders", "purchase"), ("sales-orders", "sales")] {
            paths["/api/v1/\(path)"] = [
                "get": list("orders", "Order", params: [query("status")], summary: "The \(label) orders."),
                "post": create("orders", "Order", input: "OrderInput", summary: "Create a draft \(label) order."),
            ]
            paths["/api/v1/\(path)/{id}"] = [
                "get": show("orders", "Order", summary: "One \(label) order with ordered, done and remaining per line."),
                "put": update("orders", "Order", input: "OrderUpdate", summary: "Update a draft \(label) order."),
            ]
            for t in OrderFlow.transitions.map(\.rawValue) {
                paths["/api/v1/\(path)/{id}/\(t)"] = ["post": action("orders", "Order", summary: "\(t.capitalized) the order.")]
            }
        }
        return paths
    }

    /// The Inventory schemas.
    static func inventorySchemas() -> Object {
        let unit = object(["name", "factor"], ["name": str, "factor": str, "barcode": str])
        let level = object(["warehouseId", "safetyQty"], ["warehouseId": str, "safetyQty": str, "maxQty": str])
        let decimal: Object = ["type": "string", "pattern": "^-?[0-9]{1,15}(\\.[0-9]{1,6})?$"]
        let docLine = object(
            [],
            [
                "productId": idString, "unit": str, "quantity": decimal, "warehouseId": idString, "toWarehouseId": nullableID,
                "batch": nullableStr, "unitCost": decimal, "unitPrice": decimal, "returnOfLineId": nullableID, "orderLineId": nullableID,
                "productionDate": ["type": ["string", "null"], "format": "date"],
                "expiryDate": [
                    "type": ["string", "null"], "format": "date",
                    "description": "The last good day; worked out from the production date and the product's shelf life when left out.",
                ],
            ])
        let orderLine = object(
            [], ["productId": idString, "unit": str, "quantity": decimal, "unitPrice": decimal, "warehouseId": idString])
        return [
            "Product": object(
                ["id", "code", "name", "baseUnit", "costingMethod", "tracking", "taxRate", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "spec": str, "categoryId": str, "baseUnit": str,
                    "units": ["type": "array", "items": unit],
                    "costingMethod": ["type": "string", "enum": ["moving_average", "fifo", "lifo", "specific"]],
                    "tracking": ["type": "string", "enum": ["none", "batch", "serial"]],
                    "taxRate": str, "purchasePrice": str, "salePrice": str, "floorPrice": str, "standardCost": str, "active": bool,
                    "shelfLifeDays": ["type": ["integer", "null"]],
                    "stockLevels": ["type": "array", "items": level], "version": int, "createdAt": dateTime, "updatedAt": dateTime,
                    "customFields": ["type": "object", "additionalProperties": ["type": "string"]],
                ]),
            "ProductInput": object(
                ["code", "name", "baseUnit"],
                [
                    "code": ["type": "string", "pattern": "^[A-Za-z0-9._-]{1,40}$"], "name": name, "spec": nullableStr,
                    "categoryId": nullableID, "baseUnit": ["type": "string", "minLength": 1, "maxLength": 20, "pattern": "\\S"],
                    "baseBarcode": nullableStr, "units": ["type": "array", "items": unit],
                    "costingMethod": ["type": "string", "enum": ["moving_average", "fifo", "lifo"]],
                    "tracking": ["type": "string", "enum": ["none"]],
                    "taxRate": ["type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$"],
                    "purchasePrice": decimal, "salePrice": decimal, "floorPrice": decimal, "standardCost": decimal, "active": bool,
                    "shelfLifeDays": ["type": ["integer", "null"], "minimum": 1, "maximum": 36_500],
                    "stockLevels": ["type": "array", "items": level], "customFields": ["type": "object", "maxProperties": 0],
                ]),
            "ProductUpdate": withVersion("ProductInput"),
            "Category": object(
                ["id", "code", "name", "path", "version"],
                ["id": str, "code": str, "name": str, "parentId": str, "path": str, "version": int]),
            "CategoryInput": object(["code", "name"], ["code": code, "name": name, "parentId": nullableID]),
            "CategoryUpdate": withVersion("CategoryInput"),
            "Warehouse": object(
                ["id", "code", "name", "branchId", "kind", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "branchId": str,
                    "kind": ["type": "string", "enum": ["central", "branch", "store"]], "active": bool, "version": int,
                ]),
            "WarehouseInput": object(
                ["code", "name", "branchId"],
                [
                    "code": code, "name": name, "branchId": idString,
                    "kind": ["type": "string", "enum": ["central", "branch", "store"]], "active": bool,
                ]),
            "WarehouseUpdate": withVersion("WarehouseInput"),
            "Partner": object(
                ["id", "code", "name", "kind", "isCustomer", "isSupplier", "branchId", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "kind": str, "isCustomer": bool, "isSupplier": bool, "uscc": str, "phone": str,
                    "email": str,
                    "address": str, "branchId": str, "ownerId": str, "active": bool, "version": int,
                ]),
            "PartnerInput": object(
                ["code", "name", "isCustomer"],
                [
                    "code": ["type": "string", "pattern": "^[A-Za-z0-9._-]{1,40}$"], "name": name,
                    "kind": ["type": "string", "enum": ["company", "person"]], "isCustomer": ["type": "boolean", "enum": [true]],
                    "isSupplier": bool, "uscc": ["type": ["string", "null"], "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"],
                    "phone": ["type": ["string", "null"], "pattern": "^[0-9+ -]{7,20}$"],
                    "email": ["type": ["string", "null"], "format": "email"],
                    "address": nullableStr, "branchId": nullableID, "ownerId": nullableID, "active": bool,
                ]),
            "PartnerUpdate": withVersion("PartnerInput"),
            "StockDocument": object(
                ["id", "number", "type", "status", "branchId", "postingDate", "version"],
                [
                    "id": str, "number": str, "type": str, "status": ["type": "string", "enum": StockDocumentFlow.allStored],
                    "branchId": str, "partnerId": str,
                    "postingDate": ["type": "string", "format": "date"], "reason": str, "note": str, "orderId": str, "reversalOf": str,
                    "lines": ["type": "array", "items": ["type": "object"]], "version": int, "createdAt": dateTime, "postedAt": dateTime,
                    "cancelledAt": dateTime,
                ]),
            "StockDocumentInput": object(
                ["type", "postingDate", "lines"],
                [
                    "type": [
                        "type": "string",
                        "enum": [
                            "purchaseReceipt", "salesDelivery", "purchaseReturn", "salesReturn", "transfer", "stockCount", "otherReceipt",
                            "otherIssue",
                        ],
                    ],
                    "postingDate": ["type": "string", "format": "date"], "partnerId": nullableID, "branchId": nullableID,
                    "reason": nullableStr, "note": nullableStr,
                    "orderId": nullableID, "lines": ["type": "array", "minItems": 1, "items": docLine],
                    "post": [
                        "type": "boolean", "description": "Post in the same transaction as the save (保存并过账): both happen or neither.",
                    ],
                ]),
            "StockDocumentUpdate": withVersion("StockDocumentInput"),
            "Balance": object(
                ["productId", "warehouseId", "quantity"],
                [
                    "productId": str, "productCode": str, "productName": str, "warehouseId": str,
                    "warehouse": str, "batch": str, "quantity": str, "baseUnit": str,
                    "value": ["type": "string", "description": "Only for readers with `costs.view`."],
                    "unitCost": ["type": "string", "description": "Only for readers with `costs.view`."],
                ]),
            "Order": object(
                ["id", "number", "kind", "status", "partnerId", "orderDate", "version"],
                [
                    "id": str, "number": str, "kind": ["type": "string", "enum": ["purchase", "sales"]],
                    "status": ["type": "string", "enum": OrderFlow.allStored],
                    "branchId": str, "partnerId": str, "contractId": str,
                    "orderDate": str, "expectedDate": str, "note": str, "lines": ["type": "array", "items": ["type": "object"]],
                    "version": int, "customFields": ["type": "object", "additionalProperties": ["type": "string"]],
                ]),
            "OrderInput": object(
                ["partnerId", "orderDate", "lines"],
                [
                    "partnerId": idString, "orderDate": ["type": "string", "format": "date"],
                    "expectedDate": ["type": ["string", "null"], "format": "date"], "note": nullableStr,
                    "lines": ["type": "array", "minItems": 1, "items": orderLine],
                    "customFields": ["type": "object", "maxProperties": 0],
                ]),
            "OrderUpdate": withVersion("OrderInput"),
            "TransferSuggestion": object(
                ["productId", "fromWarehouseId", "toWarehouseId", "quantity"],
                [
                    "productId": idString, "fromWarehouseId": idString, "toWarehouseId": idString,
                    "quantity": ["type": "string", "pattern": "^[1-9][0-9]{0,4}$"],
                    "reason": ["type": ["string", "null"], "enum": ["overstock", "slow", NSNull()]],
                ]),
        ]
    }
}
