import Foundation

/// The Portal module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Portal operations of /api/v1.
    static func portalPaths() -> Object {
        return [
            "/api/v1/portal/catalog": [
                "get": [
                    "tags": ["portal"],
                    "summary": "What the distributor may order: its price list's products and prices (external users only; others 403).",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The list.",
                                "content": jsonContent(
                                    page(["type": "object"])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/portal/orders": [
                "get": listing("portal", summary: "The distributor's orders.", item: ["type": "object"]),
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
                "get": listing("portal", summary: "The distributor's deliveries and returns.", item: ["type": "object"])
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
                "get": listing("portal", summary: "The distributor's weekly stock reports.", item: ["type": "object"]),
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
                                    page(["type": "object"])),
                            ]
                        ], errors([400, 401, 403, 413, 422])),
                ],
            ],
            "/api/v1/channel-stock": [
                "get": listing(
                    "portal", summary: "Each distributor's latest reported stock and sales per product.", item: ["type": "object"])
            ],
            "/api/v1/portal-users": [
                "get": listing("portal", summary: "External accounts of distributors.", item: ["type": "object"]),
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
        ]
    }
}
