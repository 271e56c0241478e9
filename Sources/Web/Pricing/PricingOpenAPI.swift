import Foundation

/// The Pricing module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Pricing operations of /api/v1.
    static func pricingPaths() -> Object {
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
                                    page(ref("Region"))),
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
                                    page(ref("PriceList"))),
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
                    "pricing", "Sighting", params: [query("open", ["type": "string", "enum": ["true", "false"]])],
                    summary: "Sightings of batches and serials; open=true: the flagged cases not yet closed."),
                "post": create(
                    "pricing", "Sighting", input: "SightingInput",
                    summary:
                        "Record where a batch or serial code was found; flagged when the place is outside its buyer's region (the salesperson is told)."
                ),
            ],
            "/api/v1/sightings/{id}": ["get": show("pricing", "Sighting", summary: "One sighting.")],
            "/api/v1/sightings/{id}/close": [
                "post": action(
                    "pricing", "Sighting", summary: "Close a case with what was done.",
                    body: object(["resolution"], ["resolution": ["type": "string", "minLength": 1, "maxLength": 500, "pattern": "\\S"]]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/traces": [
                "get": [
                    "tags": ["pricing"],
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

    /// The Pricing schemas.
    static func pricingSchemas() -> Object {
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
