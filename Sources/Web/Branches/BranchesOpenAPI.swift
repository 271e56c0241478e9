import DocumentsCore
import Foundation

/// The Branches module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Branches operations of /api/v1.
    static func branchesPaths() -> Object {
        return [
            "/api/v1/branch-transfer-prices": [
                "get": [
                    "tags": ["branches"], "summary": "Transfer price rules per pair of branches (cost when none).",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The rules.",
                                "content": jsonContent(
                                    page(ref("TransferPriceRule"))),
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
                        "Revenue, cost of goods, gross profit, expenses and profit per accounting entity and month, its balances with the other branches, and the consolidated result with what was eliminated. Needs `costs.view`.",
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
                        "The live head-office view: per branch, sales (net of VAT), gross profit and collections today, this week and this month; stock value and alerts now. Needs `costs.view`.",
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
        ]
    }

    /// The Branches schemas.
    static func branchesSchemas() -> Object {
        return [
            "TransferPriceRule": object(
                ["fromBranchId", "toBranchId", "method", "markup"],
                [
                    "fromBranchId": str, "toBranchId": str, "method": ["type": "string", "enum": ["cost", "cost_plus", "price_list"]],
                    "markup": str, "priceListId": str,
                ]),
            "BranchTransfer": object(
                ["id", "number", "status", "fromBranchId", "toBranchId", "totalAmount"],
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
        ]
    }
}
