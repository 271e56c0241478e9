import DocumentsCore
import Foundation
import Paths

/// The OpenAPI 3.1 document of /api/v1, built from the same names the controllers use. CI runs
/// schemathesis against the live server with it, so a drift between the two fails the build.
enum OpenAPI {
    typealias Object = [String: Any]

    static func document() -> Object {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Concord API", "version": "1.0.0",
                "description":
                    "CRM, contracts and 进销存 for companies with branches. Bearer tokens from POST /api/v1/auth/token; camelCase fields; ids, money and quantities are strings; lists page by cursor.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": []]],
            "paths": paths().merging(inventoryPaths()) { a, _ in a }.merging(crmPaths()) { a, _ in a }.merging(financePaths()) { a, _ in a }
                .merging(channelPaths()) { a, _ in a },
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas().merging(inventorySchemas()) { a, _ in a }.merging(crmSchemas()) { a, _ in a }.merging(financeSchemas())
                { a, _ in a }.merging(channelSchemas()) { a, _ in a },
            ],
        ]
    }

    static func json() -> Data {
        (try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    // MARK: building blocks

    static func ref(_ name: String) -> Object { ["$ref": "#/components/schemas/\(name)"] }

    static func jsonContent(_ schema: Object) -> Object { ["application/json": ["schema": schema]] }

    static func errors(_ codes: [Int]) -> Object {
        let text: [Int: String] = [
            400: "Malformed request: bad JSON, a wrong type or a bad query parameter; the field is named.",
            401: "No valid bearer token.", 403: "The token's user may not do this.",
            404: "No such record, or outside the user's data scope.", 409: "Stale version or duplicate.",
            413: "Body over the size limit.", 422: "A missing or invalid field, named in the error.",
        ]
        var out: Object = [:]
        for c in codes { out[String(c)] = ["description": text[c]!, "content": jsonContent(ref("Error"))] }
        return out
    }

    static func merge(_ a: Object, _ b: Object) -> Object { a.merging(b) { x, _ in x } }

    static var idParam: Object { ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]] }
    static var pagingParams: [Object] {
        [
            ["name": "limit", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": 200]],
            ["name": "cursor", "in": "query", "required": false, "schema": ["type": "string"]],
        ]
    }
    static func query(_ name: String, _ schema: Object = ["type": "string"]) -> Object {
        ["name": name, "in": "query", "required": false, "schema": schema]
    }

    /// A keyset-paged list; `scopedBy` lists filtering by a record (a customer's contacts) answer 404 when it is not visible.
    static func list(_ tag: String, _ item: String, params: [Object] = [], summary: String, scopedBy: Bool = false) -> Object {
        [
            "tags": [tag], "summary": summary, "parameters": pagingParams + params,
            "responses": merge(
                [
                    "200": [
                        "description": "A page of \(item)s.",
                        "content": jsonContent([
                            "type": "object", "required": ["items", "nextCursor"],
                            "properties": ["items": ["type": "array", "items": ref(item)], "nextCursor": ["type": ["string", "null"]]],
                        ]),
                    ]
                ],
                errors(scopedBy ? [400, 401, 403, 404] : [400, 401, 403])),
        ]
    }

    static func show(_ tag: String, _ item: String, summary: String) -> Object {
        [
            "tags": [tag], "summary": summary, "parameters": [idParam],
            "responses": merge(["200": ["description": "The \(item).", "content": jsonContent(ref(item))]], errors([401, 403, 404])),
        ]
    }

    static func create(_ tag: String, _ item: String, input: String, summary: String) -> Object {
        [
            "tags": [tag], "summary": summary,
            "parameters": [
                ["name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 200]]
            ],
            "requestBody": ["required": true, "content": jsonContent(ref(input))],
            "responses": merge(
                ["201": ["description": "Created.", "content": jsonContent(ref(item))]], errors([400, 401, 403, 409, 413, 422])),
        ]
    }

    static func update(_ tag: String, _ item: String, input: String, summary: String) -> Object {
        [
            "tags": [tag], "summary": summary + " Send the whole record with the version you read; a stale version answers 409.",
            "parameters": [idParam],
            "requestBody": ["required": true, "content": jsonContent(ref(input))],
            "responses": merge(
                ["200": ["description": "Updated.", "content": jsonContent(ref(item))]], errors([400, 401, 403, 404, 409, 413, 422])),
        ]
    }

    static func paths() -> Object {
        [
            "/api/v1/auth/token": [
                "post": [
                    "tags": ["auth"], "summary": "Exchange a user name and password for a bearer token (shown once).", "security": [],
                    "requestBody": ["required": true, "content": jsonContent(ref("TokenRequest"))],
                    "responses": merge(
                        ["201": ["description": "The new token.", "content": jsonContent(ref("ApiToken"))]], errors([400, 401, 413, 422])),
                ]
            ],
            "/api/v1/me": [
                "get": [
                    "tags": ["auth"], "summary": "The token's user, permissions with their data scope, and reachable branches.",
                    "responses": merge(["200": ["description": "Who I am.", "content": jsonContent(ref("Me"))]], errors([401])),
                ]
            ],
            "/api/v1/me/password": [
                "post": [
                    "tags": ["auth"],
                    "summary":
                        "Change the token's user's own password, giving the current one; every session and token of theirs ends, this one included.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["currentPassword", "newPassword"],
                                [
                                    "currentPassword": ["type": "string"],
                                    "newPassword": ["type": "string", "minLength": 10, "maxLength": 72],
                                ])),
                    ],
                    "responses": merge(["204": ["description": "Changed."]], errors([400, 401, 413, 422])),
                ]
            ],
            "/api/v1/tokens": ["get": list("auth", "ApiToken", summary: "The caller's API tokens (without their secret).")],
            "/api/v1/tokens/{id}/revoke": [
                "post": [
                    "tags": ["auth"], "summary": "Revoke a token.", "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "Revoked.", "content": jsonContent(ref("ApiToken"))]], errors([401, 403, 404])),
                ]
            ],
            "/api/v1/branches": [
                "get": list("organisation", "Branch", params: [query("q")], summary: "Branches in the caller's scope."),
                "post": create("organisation", "Branch", input: "BranchInput", summary: "Create a branch."),
            ],
            "/api/v1/branches/{id}": [
                "get": show("organisation", "Branch", summary: "One branch."),
                "put": update("organisation", "Branch", input: "BranchUpdate", summary: "Update a branch."),
            ],
            "/api/v1/departments": [
                "get": list(
                    "organisation", "Department", params: [query("q"), query("branchId")], summary: "Departments in the caller's scope."),
                "post": create("organisation", "Department", input: "DepartmentInput", summary: "Create a department."),
            ],
            "/api/v1/departments/{id}": [
                "get": show("organisation", "Department", summary: "One department."),
                "put": update("organisation", "Department", input: "DepartmentUpdate", summary: "Update a department."),
            ],
            "/api/v1/roles": [
                "get": list("organisation", "Role", summary: "Roles."),
                "post": create("organisation", "Role", input: "RoleInput", summary: "Create a role."),
            ],
            "/api/v1/roles/{id}": [
                "get": show("organisation", "Role", summary: "One role."),
                "put": update("organisation", "Role", input: "RoleUpdate", summary: "Update a role."),
            ],
            "/api/v1/users": [
                "get": list(
                    "organisation", "User",
                    params: [
                        query("q"), query("branchId"), query("departmentId"),
                        query("active", ["type": "string", "enum": ["true", "false"]]),
                        query(
                            "sort",
                            [
                                "type": "string",
                                "enum": ["username", "-username", "displayName", "-displayName", "createdAt", "-createdAt"],
                            ]),
                    ],
                    summary: "Users in the caller's scope, keyset-paged."),
                "post": create("organisation", "User", input: "UserInput", summary: "Create a user."),
            ],
            "/api/v1/users/{id}": [
                "get": show("organisation", "User", summary: "One user with roles and cross-branch grants."),
                "put": update(
                    "organisation", "User", input: "UserUpdate", summary: "Update a user (the password is set by reset-password)."),
            ],
            "/api/v1/users/{id}/reset-password": [
                "post": [
                    "tags": ["organisation"],
                    "summary":
                        "Set a new password for another user the caller manages (inside their scope, holding nothing the caller lacks); the user's sessions and tokens end.",
                    "parameters": [idParam],
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(object(["password"], ["password": ["type": "string", "minLength": 10, "maxLength": 72]])),
                    ],
                    "responses": merge(
                        ["200": ["description": "Done.", "content": jsonContent(ref("User"))]], errors([400, 401, 403, 404, 413, 422])),
                ]
            ],
            "/api/v1/audit": [
                "get": list(
                    "audit", "AuditEntry",
                    params: [
                        query("userId"), query("entity"), query("entityId"), query("action"),
                        query("from", ["type": "string", "format": "date"]), query("to", ["type": "string", "format": "date"]),
                    ],
                    summary: "The audit log, newest first.")
            ],
        ]
    }

    static func action(
        _ tag: String, _ item: String, summary: String, body: Object? = nil, codes: [Int] = [401, 403, 404, 409, 422]
    ) -> Object {
        var op: Object = [
            "tags": [tag], "summary": summary, "parameters": [idParam],
            "responses": merge(["200": ["description": "Done.", "content": jsonContent(ref(item))]], errors(codes)),
        ]
        if let body { op["requestBody"] = ["required": true, "content": jsonContent(body)] }
        return op
    }

    static func report(_ item: Object, summary: String, params: [Object], paged: Bool = false) -> Object {
        [
            "tags": ["stock"], "summary": summary, "parameters": (paged ? pagingParams : []) + params,
            "responses": merge(
                [
                    "200": [
                        "description": "The report.",
                        "content": jsonContent([
                            "type": "object", "required": ["items"],
                            "properties": ["items": ["type": "array", "items": item], "nextCursor": ["type": ["string", "null"]]],
                        ]),
                    ]
                ], errors([400, 401, 403, 404, 422])),
        ]
    }

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
            "/api/v1/stock/margins": [
                "get": report(
                    ["type": "object"],
                    summary:
                        "Gross margin per delivery line: `amount` is the line with VAT, `revenue` the same net of VAT at the product's rate, "
                        + "`grossMargin` = revenue - costOfGoods, `marginRate` its percentage of revenue.",
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

    static func inventorySchemas() -> Object {
        let unit = object(["name", "factor"], ["name": str, "factor": str, "barcode": str])
        let level = object(["warehouseId", "safetyQty"], ["warehouseId": str, "safetyQty": str, "maxQty": str])
        let decimal: Object = ["type": "string", "pattern": "^-?[0-9]{1,15}(\\.[0-9]{1,6})?$"]
        let docLine = object(
            [],
            [
                "productId": idString, "unit": str, "quantity": decimal, "warehouseId": idString, "toWarehouseId": nullableID,
                "batch": nullableStr, "unitCost": decimal, "unitPrice": decimal, "returnOfLineId": nullableID, "orderLineId": nullableID,
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
                    "stockLevels": ["type": "array", "items": level], "version": int, "createdAt": dateTime, "updatedAt": dateTime,
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
                    "stockLevels": ["type": "array", "items": level],
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
                ["productId", "warehouseId", "quantity", "value"],
                [
                    "productId": str, "productCode": str, "productName": str, "warehouseId": str,
                    "warehouse": str, "batch": str, "quantity": str, "baseUnit": str, "value": str, "unitCost": str,
                ]),
            "Order": object(
                ["id", "number", "kind", "status", "partnerId", "orderDate", "version"],
                [
                    "id": str, "number": str, "kind": ["type": "string", "enum": ["purchase", "sales"]],
                    "status": ["type": "string", "enum": OrderFlow.allStored],
                    "branchId": str, "partnerId": str, "contractId": str,
                    "orderDate": str, "expectedDate": str, "note": str, "lines": ["type": "array", "items": ["type": "object"]],
                    "version": int,
                ]),
            "OrderInput": object(
                ["partnerId", "orderDate", "lines"],
                [
                    "partnerId": idString, "orderDate": ["type": "string", "format": "date"],
                    "expectedDate": ["type": ["string", "null"], "format": "date"], "note": nullableStr,
                    "lines": ["type": "array", "minItems": 1, "items": orderLine],
                ]),
            "OrderUpdate": withVersion("OrderInput"),
        ]
    }

    static func object(_ required: [String], _ properties: Object) -> Object {
        ["type": "object", "required": required, "properties": properties]
    }

    static var str: Object { ["type": "string"] }
    static var nullableStr: Object { ["type": ["string", "null"]] }
    static var dateTime: Object { ["type": "string", "format": "date-time"] }
    static var int: Object { ["type": "integer"] }
    static var bool: Object { ["type": "boolean"] }
    static var strArray: Object { ["type": "array", "items": ["type": "string"]] }

    static var code: Object { ["type": "string", "pattern": "^[A-Za-z0-9._-]{1,32}$"] }
    static var name: Object { ["type": "string", "minLength": 1, "maxLength": 100, "pattern": "\\S"] }
    static var idString: Object { ["type": "string", "pattern": "^[1-9][0-9]{0,17}$"] }
    static var nullableID: Object { ["type": ["string", "null"], "pattern": "^[1-9][0-9]{0,17}$"] }

    /// The update body: the create body plus the version read.
    static func withVersion(_ input: String) -> Object {
        ["allOf": [ref(input), object(["version"], ["version": ["type": "integer", "minimum": 1]])]]
    }

    static func userInputProperties(withPassword: Bool) -> Object {
        var p: Object = [
            "username": ["type": "string", "pattern": "^[A-Za-z0-9._-]{3,32}$"], "displayName": name,
            "email": ["type": ["string", "null"], "format": "email"],
            "phone": ["type": ["string", "null"], "pattern": "^[0-9+ -]{7,20}$"],
            "branchId": idString, "departmentId": nullableID, "managerId": nullableID,
            "locale": ["type": ["string", "null"], "enum": ["zh-CN", "en", NSNull()]], "active": bool,
            "roleIds": ["type": "array", "items": idString], "grantedBranchIds": ["type": "array", "items": idString],
        ]
        if withPassword { p["password"] = ["type": "string", "minLength": 10, "maxLength": 72] }
        return p
    }

    static func schemas() -> Object {
        [
            "Error": object(
                ["error"],
                [
                    "error": object(
                        ["code", "message"],
                        [
                            "code": str, "message": str, "field": str,
                            "existing": ["type": "string", "description": "The record a duplicate matches."],
                        ])
                ]),
            "TokenRequest": object(
                ["username", "password"],
                [
                    "username": ["type": "string", "minLength": 1], "password": ["type": "string", "minLength": 1],
                    "name": ["type": "string", "maxLength": 100],
                ]),
            "ApiToken": object(
                ["id", "name", "hint"],
                [
                    "id": str, "name": str, "hint": str, "createdAt": dateTime, "expiresAt": dateTime,
                    "lastUsedAt": dateTime, "revokedAt": dateTime,
                    "token": ["type": "string", "description": "Only in the answer that created it."],
                ]),
            "Me": object(
                ["user", "permissions", "branchIds", "lang"],
                [
                    "user": ref("User"),
                    "permissions": [
                        "type": "object", "additionalProperties": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                    ],
                    "branchIds": strArray, "lang": ["type": "string", "enum": ["zh-CN", "en"]],
                ]),
            "Branch": object(
                ["id", "code", "name", "kind", "accounting", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "parentId": str,
                    "kind": ["type": "string", "enum": ["head_office", "branch", "sales_office", "store"]],
                    "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool, "version": int,
                    "createdAt": dateTime, "updatedAt": dateTime,
                ]),
            "BranchInput": object(
                ["code", "name"],
                [
                    "code": code, "name": name, "parentId": nullableID,
                    "kind": ["type": "string", "enum": ["branch", "sales_office", "store"]],
                    "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool,
                ]),
            "BranchUpdate": withVersion("BranchInput"),
            "Department": object(
                ["id", "branchId", "code", "name", "active", "version"],
                [
                    "id": str, "branchId": str, "parentId": str, "code": str, "name": str, "active": bool, "version": int,
                    "createdAt": dateTime, "updatedAt": dateTime,
                ]),
            "DepartmentInput": object(
                ["code", "name", "branchId"], ["code": code, "name": name, "branchId": idString, "parentId": nullableID, "active": bool]),
            "DepartmentUpdate": withVersion("DepartmentInput"),
            "Role": object(
                ["id", "code", "name", "permissions", "dataScope", "builtin", "version"],
                [
                    "id": str, "code": str, "name": str, "permissions": strArray,
                    "dataScope": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                    "builtin": bool, "version": int, "createdAt": dateTime, "updatedAt": dateTime,
                ]),
            "RoleInput": object(
                ["code", "name", "dataScope"],
                [
                    "code": code, "name": name,
                    "permissions": ["type": "array", "items": ["type": "string", "pattern": "^([a-z]+\\.[a-z]+|\\*)$"]],
                    "dataScope": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                ]),
            "RoleUpdate": withVersion("RoleInput"),
            "User": object(
                ["id", "username", "displayName", "branchId", "active", "roleIds", "grantedBranchIds", "version"],
                [
                    "id": str, "username": str, "displayName": str, "email": str, "phone": str, "branchId": str, "departmentId": str,
                    "managerId": str,
                    "locale": str, "active": bool, "roleIds": strArray, "grantedBranchIds": strArray, "version": int,
                    "createdAt": dateTime, "updatedAt": dateTime, "lastLoginAt": dateTime,
                ]),
            "UserInput": object(["username", "displayName", "password", "branchId"], userInputProperties(withPassword: true)),
            "UserUpdate": [
                "allOf": [
                    object(
                        ["username", "displayName", "branchId", "version"],
                        userInputProperties(withPassword: false)
                            .merging(["version": ["type": "integer", "minimum": 1]]) { a, _ in a })
                ]
            ],
            "AuditEntry": object(
                ["id", "action", "entity", "changes"],
                [
                    "id": str, "at": dateTime, "userId": str, "username": str, "ip": str, "requestId": str, "action": str, "entity": str,
                    "entityId": str,
                    "changes": ["type": "array", "items": object(["field"], ["field": str, "old": nullableStr, "new": nullableStr])],
                ]),
        ]
    }
}
