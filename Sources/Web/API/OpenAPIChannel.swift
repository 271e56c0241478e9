import DocumentsCore
import Foundation

/// Branches and channels in the OpenAPI document: regions, price lists, price proposals and the
/// price-deviation report.
extension OpenAPI {
    static func channelPaths() -> Object {
        let dateQ: Object = ["type": "string", "format": "date"]
        return [
            "/api/v1/regions": [
                "get": [
                    "tags": ["prices"], "summary": "Sales regions: each a set of provinces (prices.view).",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The regions.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("Region")], "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ],
                "post": create(
                    "prices", "Region", input: "RegionInput",
                    summary: "A sales region; a province belongs to one region (422 names the clash)."),
            ],
            "/api/v1/regions/{id}": [
                "get": show("prices", "Region", summary: "One region."),
                "put": update("prices", "Region", input: "RegionUpdate", summary: "Change a region."),
            ],
            "/api/v1/price-lists": [
                "get": [
                    "tags": ["prices"], "summary": "Price lists, newest first.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The lists.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("PriceList")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ],
                "post": create(
                    "prices", "PriceList", input: "PriceListInput",
                    summary:
                        "A price list for a region and/or customer level (or everyone), valid from a date, with a price and optional floor per product and unit."
                ),
            ],
            "/api/v1/price-lists/{id}": [
                "get": show("prices", "PriceList", summary: "One price list with its items."),
                "put": update("prices", "PriceList", input: "PriceListUpdate", summary: "Replace a price list and its items."),
            ],
            "/api/v1/prices": [
                "get": [
                    "tags": ["prices"],
                    "summary": "The price and floor the price system proposes for a customer, product and unit on a date.",
                    "parameters": [
                        ["name": "productId", "in": "query", "required": true, "schema": ["type": "string"]], query("partnerId"),
                        query("unit"), query("date", dateQ),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The proposal.",
                                "content": jsonContent(
                                    object(
                                        ["productId", "unit", "price", "floorPrice", "date"],
                                        [
                                            "productId": str, "unit": str, "price": str, "floorPrice": str, "priceListId": str, "date": str,
                                        ])),
                            ]
                        ], errors([400, 401, 403, 404, 422])),
                ]
            ],
            "/api/v1/sightings": [
                "get": list(
                    "channel", "Sighting", params: [query("open", ["type": "string", "enum": ["true", "false"]])],
                    summary: "Sightings of batches and serials; open=true: the flagged cases not yet closed."),
                "post": create(
                    "channel", "Sighting", input: "SightingInput",
                    summary:
                        "Record where a batch or serial code was found; flagged when the place is outside its buyer's region (the salesperson is told)."
                ),
            ],
            "/api/v1/sightings/{id}": ["get": show("channel", "Sighting", summary: "One sighting.")],
            "/api/v1/sightings/{id}/close": [
                "post": action(
                    "channel", "Sighting", summary: "Close a case with what was done.",
                    body: object(["resolution"], ["resolution": ["type": "string", "minLength": 1, "maxLength": 500, "pattern": "\\S"]]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/traces": [
                "get": [
                    "tags": ["channel"],
                    "summary":
                        "Who bought a batch or serial: the latest posted delivery of it. A sale beyond the caller's channel scope answers only that it was sold and in which branch.",
                    "parameters": [["name": "code", "in": "query", "required": true, "schema": ["type": "string"]], query("productId")],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The sale.",
                                "content": jsonContent(
                                    object(
                                        ["code", "branch", "productId"],
                                        [
                                            "code": str, "branch": str, "documentId": str, "documentNumber": str, "date": str,
                                            "productId": str, "buyerId": str, "regionId": str, "sellerId": str,
                                        ])),
                            ]
                        ],
                        errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/expense-categories": [
                "get": [
                    "tags": ["expenses"], "summary": "Expense categories.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The categories.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["id", "code", "name", "active"], ["id": str, "code": str, "name": str, "active": bool]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/expense-budgets": [
                "get": [
                    "tags": ["expenses"],
                    "summary": "Budgets of a month (?month=YYYY-MM, default this one), per branch, department and category.",
                    "parameters": [query("month", ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"]), query("branchId")],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The budgets.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("ExpenseBudget")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ],
                "put": [
                    "tags": ["expenses"],
                    "summary": "Set a branch's (or department's) budgets for a month (expenses.approve); an empty amount removes one.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["month", "branchId", "items"],
                                [
                                    "month": ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"], "branchId": idString,
                                    "departmentId": nullableID,
                                    "items": [
                                        "type": "array", "maxItems": 7,
                                        "items": object(
                                            ["categoryId"],
                                            [
                                                "categoryId": idString,
                                                "amount": ["type": ["string", "null"], "pattern": "^[0-9]{1,7}(\\.[0-9]{1,2})?$"],
                                            ]),
                                    ],
                                ])),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The month's budgets of that branch.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("ExpenseBudget")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403, 413, 422])),
                ],
            ],
            "/api/v1/expense-report": [
                "get": [
                    "tags": ["expenses"],
                    "summary": "Actual (approved and paid) and pending claims against the budget, per branch and category, for a month.",
                    "parameters": [query("month", ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"]), query("branchId")],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The report.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["branchId", "categoryId", "budget", "actual", "pending", "remaining"],
                                                    [
                                                        "branchId": str, "categoryId": str, "budget": str, "actual": str, "pending": str,
                                                        "remaining": str,
                                                    ]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ]
            ],
            "/api/v1/expense-claims": [
                "get": list(
                    "expenses", "ExpenseClaim",
                    params: [
                        query("status", ["type": "string", "enum": ExpenseClaimFlow.allStored]),
                        query("mine", ["type": "string", "enum": ["true", "false"]]),
                    ], summary: "Expense claims in the caller's scope."),
                "post": create(
                    "expenses", "ExpenseClaim", input: "ExpenseClaimInput",
                    summary: "A draft expense claim, with lines by category, for the caller."),
            ],
            "/api/v1/expense-claims/{id}": [
                "get": show("expenses", "ExpenseClaim", summary: "One claim with lines, receipts and approvals."),
                "put": update("expenses", "ExpenseClaim", input: "ExpenseClaimUpdate", summary: "Change a draft claim."),
            ],
            "/api/v1/expense-claims/{id}/attachments": [
                "post": [
                    "tags": ["expenses"],
                    "summary": "Attach a receipt (the body is the file; at most 5 MB; pdf, png, jpg, doc(x), xls(x), txt).",
                    "parameters": [
                        idParam,
                        [
                            "name": "fileName", "in": "query", "required": true,
                            "schema": ["type": "string", "minLength": 1, "maxLength": 120],
                        ],
                    ],
                    "requestBody": [
                        "required": true, "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]],
                    ],
                    "responses": merge(
                        ["201": ["description": "Kept.", "content": jsonContent(ref("Attachment"))]],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ]
            ],
            "/api/v1/expense-claims/{id}/attachments/{aid}": [
                "get": [
                    "tags": ["expenses"], "summary": "Download a receipt.",
                    "parameters": [idParam, ["name": "aid", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The file.",
                                "content": Dictionary(
                                    uniqueKeysWithValues: [
                                        "application/pdf", "image/png", "image/jpeg", "text/plain", "application/msword",
                                        "application/vnd.ms-excel",
                                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    ].map { ($0, ["schema": ["type": "string", "format": "binary"]] as Object) }),
                            ]
                        ],
                        errors([401, 403, 404])),
                ]
            ],
            "/api/v1/expense-claims/{id}/submit": [
                "post": action(
                    "expenses", "ExpenseClaim",
                    summary:
                        "Submit for approval: within the budget the usual steps; over it, refused (when the policy says so) or with the budget keepers' approval too."
                )
            ],
            "/api/v1/expense-claims/{id}/withdraw": ["post": action("expenses", "ExpenseClaim", summary: "Withdraw a pending claim.")],
            "/api/v1/expense-claims/{id}/pay": [
                "post": action("expenses", "ExpenseClaim", summary: "Mark an approved claim paid (expenses.approve).")
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
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("TransferSuggestion")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
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
            "/api/v1/branch-transfer-prices": [
                "get": [
                    "tags": ["branches"], "summary": "Transfer price rules per pair of branches (cost when none).",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The rules.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("TransferPriceRule")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ],
                "put": [
                    "tags": ["branches"], "summary": "Set the rule from one branch to another: cost, cost_plus (markup %) or price_list.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["fromBranchId", "toBranchId", "method"],
                                [
                                    "fromBranchId": idString, "toBranchId": idString,
                                    "method": ["type": "string", "enum": ["cost", "cost_plus"]],
                                    "markup": ["type": ["string", "null"], "pattern": "^[0-9]{1,2}(\\.[0-9]{1,2})?$"],
                                    "priceListId": nullableID,
                                ])),
                    ],
                    "responses": merge(
                        ["200": ["description": "The rule.", "content": jsonContent(ref("TransferPriceRule"))]],
                        errors([400, 401, 403, 413, 422])),
                ],
            ],
            "/api/v1/branch-transfers": [
                "get": list(
                    "branches", "BranchTransfer", params: [query("status", ["type": "string", "enum": BranchTransferFlow.allStored])],
                    summary: "Transfers between independently accounted branches, newest first; status=in_transit for goods on the way."),
                "post": create(
                    "branches", "BranchTransfer", input: "BranchTransferInput",
                    summary:
                        "Send goods to another accounting entity: the sender's delivery is posted at the pair's transfer price, the receiver's receipt waits in transit."
                ),
            ],
            "/api/v1/branch-transfers/{id}": [
                "get": show("branches", "BranchTransfer", summary: "One transfer with its lines, costs and prices.")
            ],
            "/api/v1/branch-transfers/{id}/receive": [
                "post": action(
                    "branches", "BranchTransfer",
                    summary: "The receiver confirms the goods arrived (on the date given, not before sending).",
                    body: object([], ["date": ["type": ["string", "null"], "format": "date"]]), codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/branch-results": [
                "get": [
                    "tags": ["branches"],
                    "summary":
                        "Revenue, cost of goods, gross profit, expenses and profit per accounting entity and month, its balances with the other branches, and the consolidated result with what was eliminated.",
                    "parameters": [
                        query("from", ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"]),
                        query("to", ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"]),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The results.",
                                "content": jsonContent(
                                    object(
                                        ["items", "eliminations", "consolidated"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "eliminations": ["type": "array", "items": ["type": "object"]],
                                            "consolidated": ["type": "array", "items": ["type": "object"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403, 422])),
                ]
            ],
            "/api/v1/branches/{id}/accounting-switch": [
                "get": [
                    "tags": ["branches"],
                    "summary":
                        "What switching the branch to independent or consolidated accounting would move (stock at value), and whether it is a period boundary.",
                    "parameters": [
                        idParam,
                        [
                            "name": "to", "in": "query", "required": true,
                            "schema": ["type": "string", "enum": ["independent", "consolidated"]],
                        ],
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The plan.",
                                "content": jsonContent(
                                    object(
                                        ["branchId", "from", "to", "effective", "moves", "postedThisMonth"],
                                        [
                                            "branchId": str, "from": str, "to": str, "effective": str, "warehouseIds": strArray,
                                            "moves": ["type": "array", "items": ["type": "object"]],
                                            "openReceivables": str, "openPayables": str, "postedThisMonth": int,
                                        ])),
                            ]
                        ], errors([400, 401, 403, 404, 422])),
                ],
                "post": [
                    "tags": ["branches"], "summary": "Switch at a period boundary (409 in the middle of a period, nothing written).",
                    "parameters": [idParam],
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["to", "version"],
                                [
                                    "to": ["type": "string", "enum": ["independent", "consolidated"]],
                                    "version": ["type": "integer", "minimum": 1],
                                ])),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "Switched.",
                                "content": jsonContent(
                                    object(
                                        ["id", "accounting", "version"],
                                        [
                                            "id": str, "accounting": str, "version": int,
                                        ])),
                            ]
                        ], errors([400, 401, 403, 404, 409, 413, 422])),
                ],
            ],
            "/api/v1/hq-dashboard": [
                "get": [
                    "tags": ["branches"],
                    "summary":
                        "The live head-office view: per branch, sales (net of VAT), gross profit and collections today, this week and this month; stock value and alerts now.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The view.",
                                "content": jsonContent(
                                    object(
                                        ["asOf", "items"],
                                        [
                                            "asOf": str, "items": ["type": "array", "items": ["type": "object"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/portal/catalog": [
                "get": [
                    "tags": ["portal"],
                    "summary": "What the distributor may order: its price list's products and prices (external users only; others 403).",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The list.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/portal/orders": [
                "get": [
                    "tags": ["portal"], "summary": "The distributor's orders.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The list.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ],
                "post": [
                    "tags": ["portal"], "summary": "Place an order at the price list's prices (a draft head office confirms).",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["lines"],
                                [
                                    "note": ["type": ["string", "null"], "maxLength": 500],
                                    "lines": [
                                        "type": "array", "minItems": 1, "maxItems": 3,
                                        "items": object(
                                            ["productId", "quantity"],
                                            [
                                                "productId": idString, "unit": ["type": ["string", "null"], "maxLength": 10],
                                                "quantity": ["type": "string", "pattern": "^[1-9][0-9]{0,3}$"],
                                            ]),
                                    ],
                                ])),
                    ],
                    "responses": merge(
                        ["201": ["description": "The order.", "content": jsonContent(ref("Order"))]],
                        errors([400, 401, 403, 409, 413, 422])),
                ],
            ],
            "/api/v1/portal/orders/{id}": [
                "get": [
                    "tags": ["portal"], "summary": "One of the distributor's orders (others: 404).", "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "The order.", "content": jsonContent(ref("Order"))]], errors([401, 403, 404])),
                ]
            ],
            "/api/v1/portal/deliveries": [
                "get": [
                    "tags": ["portal"], "summary": "The distributor's deliveries and returns.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The list.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/portal/deliveries/{id}": [
                "get": [
                    "tags": ["portal"], "summary": "One of the distributor's deliveries (others: 404).", "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "The delivery.", "content": jsonContent(["type": "object"])]], errors([401, 403, 404])),
                ]
            ],
            "/api/v1/portal/statement": [
                "get": [
                    "tags": ["portal"], "summary": "The distributor's statement of account for a period.",
                    "parameters": [
                        query("from", ["type": "string", "format": "date"]), query("to", ["type": "string", "format": "date"]),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The statement.",
                                "content": jsonContent(
                                    object(
                                        ["opening", "closing", "open", "lines"],
                                        [
                                            "from": str, "to": str, "opening": str, "closing": str, "open": str,
                                            "lines": ["type": "array", "items": ["type": "object"]],
                                        ])),
                            ]
                        ],
                        errors([400, 401, 403])),
                ]
            ],
            "/api/v1/portal/stock-reports": [
                "get": [
                    "tags": ["portal"], "summary": "The distributor's weekly stock reports.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The list.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ],
                "post": [
                    "tags": ["portal"], "summary": "Report a week's stock on hand and sales per product (base units).",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["lines"],
                                [
                                    "week": ["type": ["string", "null"], "format": "date"],
                                    "lines": [
                                        "type": "array", "minItems": 1, "maxItems": 3,
                                        "items": object(
                                            ["productId"],
                                            [
                                                "productId": idString,
                                                "onHand": ["type": ["string", "null"], "pattern": "^[0-9]{1,4}$"],
                                                "sold": ["type": ["string", "null"], "pattern": "^[0-9]{1,4}$"],
                                            ]),
                                    ],
                                ])),
                    ],
                    "responses": merge(
                        [
                            "201": [
                                "description": "The week as reported.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403, 413, 422])),
                ],
            ],
            "/api/v1/channel-stock": [
                "get": [
                    "tags": ["channel"], "summary": "Each distributor's latest reported stock and sales per product.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The list.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/portal-users": [
                "get": [
                    "tags": ["portal"], "summary": "External accounts of distributors.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The list.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ["type": "object"]],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ],
                "post": [
                    "tags": ["portal"], "summary": "Give a distributor's person an external account (users.create).",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["partnerId", "username", "displayName", "password"],
                                [
                                    "partnerId": idString, "username": ["type": "string", "pattern": "^[a-z]{3,12}$"],
                                    "displayName": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"],
                                    "password": ["type": "string", "minLength": 10, "maxLength": 72],
                                ])),
                    ],
                    "responses": merge(
                        [
                            "201": [
                                "description": "The account.",
                                "content": jsonContent(
                                    object(
                                        ["id", "username", "displayName"],
                                        [
                                            "id": str, "username": str, "displayName": str, "partnerId": str,
                                        ])),
                            ]
                        ], errors([400, 401, 403, 409, 413, 422])),
                ],
            ],
            "/api/v1/price-deviation": [
                "get": [
                    "tags": ["prices"],
                    "summary":
                        "Posted deliveries in a period against the list prices they were written with, by region, product or salesperson.",
                    "parameters": [
                        query("groupBy", ["type": "string", "enum": ["region", "product", "salesperson"]]), query("from", dateQ),
                        query("to", dateQ),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The report.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["lines", "listAmount", "actualAmount", "deviation", "belowFloor"],
                                                    [
                                                        "key": str, "lines": int, "listAmount": str, "actualAmount": str, "deviation": str,
                                                        "belowFloor": int,
                                                    ]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ]
            ],
        ]
    }

    static func channelSchemas() -> Object {
        let price: Object = ["type": ["string", "null"], "pattern": "^[0-9]{1,5}(\\.[0-9]{1,2})?$"]
        return [
            "Region": object(
                ["id", "code", "name", "provinces", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "provinces": strArray, "active": bool, "version": int,
                ]),
            "RegionInput": object(
                ["code", "name", "provinces"],
                [
                    "code": code, "name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"],
                    "provinces": [
                        "type": "array", "minItems": 1, "maxItems": 5,
                        "items": ["type": "string", "enum": ["北京市", "天津市", "河北省", "上海市", "江苏省", "浙江省", "四川省", "广东省"]],
                    ],
                    "active": bool,
                ]),
            "RegionUpdate": withVersion("RegionInput"),
            "PriceList": object(
                ["id", "code", "name", "validFrom", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "regionId": str, "customerLevel": str, "validFrom": str, "validTo": str,
                    "active": bool, "note": str,
                    "version": int,
                    "items": [
                        "type": "array",
                        "items": object(["productId", "unit", "price"], ["productId": str, "unit": str, "price": str, "floorPrice": str]),
                    ],
                ]),
            "PriceListInput": object(
                ["code", "name", "validFrom"],
                [
                    "code": code, "name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"], "regionId": nullableID,
                    "customerLevel": ["type": ["string", "null"], "enum": ["A", "B", "C", NSNull()]],
                    "validFrom": ["type": "string", "format": "date"],
                    "validTo": ["type": ["string", "null"], "format": "date"], "active": bool,
                    "note": ["type": ["string", "null"], "maxLength": 500],
                    "items": [
                        "type": "array", "maxItems": 5,
                        "items": object(
                            ["productId", "price"],
                            [
                                "productId": idString, "unit": ["type": ["string", "null"], "maxLength": 10],
                                "price": ["type": "string", "pattern": "^[0-9]{1,5}(\\.[0-9]{1,2})?$"],
                                "floorPrice": price,
                            ]),
                    ],
                ]),
            "PriceListUpdate": withVersion("PriceListInput"),
            "TransferPriceRule": object(
                ["fromBranchId", "toBranchId", "method", "markup"],
                [
                    "fromBranchId": str, "toBranchId": str, "method": ["type": "string", "enum": ["cost", "cost_plus", "price_list"]],
                    "markup": str, "priceListId": str,
                ]),
            "BranchTransfer": object(
                ["id", "number", "status", "fromBranchId", "toBranchId", "totalCost", "totalAmount"],
                [
                    "id": str, "number": str, "status": ["type": "string", "enum": BranchTransferFlow.allStored], "fromBranchId": str,
                    "toBranchId": str,
                    "fromWarehouseId": str, "toWarehouseId": str, "sentDate": str, "receivedDate": str, "deliveryId": str, "receiptId": str,
                    "method": str, "markup": str,
                    "totalCost": str, "totalAmount": str, "lines": ["type": "array", "items": ["type": "object"]],
                ]),
            "BranchTransferInput": object(
                ["fromWarehouseId", "toWarehouseId", "date", "lines"],
                [
                    "fromWarehouseId": idString, "toWarehouseId": idString, "date": ["type": "string", "format": "date"],
                    "note": ["type": ["string", "null"], "maxLength": 500],
                    "lines": [
                        "type": "array", "minItems": 1, "maxItems": 3,
                        "items": object(
                            ["productId", "quantity"],
                            [
                                "productId": idString, "unit": ["type": ["string", "null"], "maxLength": 10],
                                "quantity": ["type": "string", "pattern": "^[1-9][0-9]{0,3}$"],
                                "batch": ["type": ["string", "null"], "maxLength": 64],
                            ]),
                    ],
                ]),
            "TransferSuggestion": object(
                ["productId", "fromWarehouseId", "toWarehouseId", "quantity"],
                [
                    "productId": idString, "fromWarehouseId": idString, "toWarehouseId": idString,
                    "quantity": ["type": "string", "pattern": "^[1-9][0-9]{0,4}$"],
                    "reason": ["type": ["string", "null"], "enum": ["overstock", "slow", NSNull()]],
                ]),
            "ExpenseBudget": object(
                ["branchId", "month", "categoryId", "amount"],
                ["branchId": str, "departmentId": str, "month": str, "categoryId": str, "amount": str]),
            "ExpenseClaim": object(
                ["id", "number", "status", "ownerId", "claimDate", "title", "total", "overBudget", "version"],
                [
                    "id": str, "number": str, "status": ["type": "string", "enum": ExpenseClaimFlow.allStored],
                    "branchId": str, "departmentId": str,
                    "ownerId": str, "claimDate": str, "title": str, "total": str, "overBudget": bool, "partnerId": str, "contractId": str,
                    "campaign": str, "note": str,
                    "version": int, "lines": ["type": "array", "items": ["type": "object"]],
                    "attachments": ["type": "array", "items": ref("Attachment")],
                    "approvals": ["type": "array", "items": ["type": "object"]],
                ]),
            "ExpenseClaimInput": object(
                ["title", "lines"],
                [
                    "title": ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"],
                    "claimDate": ["type": ["string", "null"], "format": "date"],
                    "partnerId": nullableID, "contractId": nullableID, "campaign": ["type": ["string", "null"], "maxLength": 100],
                    "note": ["type": ["string", "null"], "maxLength": 1000],
                    "lines": [
                        "type": "array", "minItems": 1, "maxItems": 5,
                        "items": object(
                            ["categoryId", "expenseDate", "amount"],
                            [
                                "categoryId": idString, "expenseDate": ["type": "string", "format": "date"],
                                "amount": ["type": "string", "pattern": "^[1-9][0-9]{0,5}(\\.[0-9]{1,2})?$"],
                                "description": ["type": ["string", "null"], "maxLength": 200],
                            ]),
                    ],
                ]),
            "ExpenseClaimUpdate": withVersion("ExpenseClaimInput"),
            "Sighting": object(
                ["id", "code", "province", "flagged", "status"],
                [
                    "id": str, "code": str, "productId": str, "province": str, "city": str, "place": str, "regionId": str, "buyerId": str,
                    "buyerRegionId": str,
                    "sellerId": str, "documentId": str, "flagged": bool,
                    "status": ["type": "string", "enum": ["open", "closed", "in_region", "unknown"]],
                    "resolution": str, "createdAt": dateTime, "closedAt": dateTime,
                ]),
            "SightingInput": object(
                ["code", "province"],
                [
                    "code": ["type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Z0-9-]{1,64}$"], "productId": nullableID,
                    "province": ["type": "string", "enum": ["北京市", "上海市", "四川省", "广东省"]],
                    "city": ["type": ["string", "null"], "maxLength": 40],
                    "place": ["type": ["string", "null"], "maxLength": 200],
                ]),
        ]
    }
}
