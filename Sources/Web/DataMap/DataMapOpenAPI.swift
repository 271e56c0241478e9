import Foundation

/// The DataMap module in the OpenAPI document.
extension OpenAPI {
    static func dataMapPaths() -> Object {
        let date: Object = ["type": "string", "format": "date"]
        return [
            "/api/v1/data-map": [
                "get": [
                    "tags": ["data-map"],
                    "summary":
                        "Where the customers came from — per channel (web, api, portal, import, lead, merge, system; null for those from before origins were kept): customers and contacts it brought, how many have a phone, USCC, province and owner, and how many the latest duplicate scan paired — over the customers the reader sees; and the flow of the period (from…to, at most 366 days, default the last 30) from leads to collections, company-wide counts. Needs audit.view.",
                    "parameters": [query("from", date), query("to", date)],
                    "responses": merge(
                        ["200": ["description": "The map.", "content": jsonContent(ref("DataMap"))]], errors([400, 401, 403, 422])),
                ]
            ],
            "/api/v1/data-map/customers/{id}": [
                "get": show(
                    "data-map", "CustomerLineage", summary: "A customer's origin and, field by field, the channel that last set it.")
            ],
        ]
    }

    static func dataMapSchemas() -> Object {
        let n: Object = ["type": "integer", "minimum": 0]
        let flowKeys = [
            "leads", "leadsConverted", "customers", "customersFromLeads", "opportunities", "opportunitiesWon", "contracts", "salesOrders",
            "deliveries", "invoices", "collections",
        ]
        return [
            "DataMap": object(
                ["from", "to", "sources", "flow", "duplicatesScanned"],
                [
                    "from": ["type": "string", "format": "date"], "to": ["type": "string", "format": "date"],
                    "sources": [
                        "type": "array",
                        "items": object(
                            ["customers", "contacts", "withPhone", "withUscc", "withRegion", "withOwner", "inDuplicates"],
                            [
                                "channel": nullableStr, "customers": n, "contacts": n, "withPhone": n, "withUscc": n, "withRegion": n,
                                "withOwner": n, "inDuplicates": n,
                            ]),
                    ],
                    "flow": object(flowKeys, Dictionary(uniqueKeysWithValues: flowKeys.map { ($0, n as Any) })),
                    "duplicatesScanned": bool,
                ]),
            "CustomerLineage": object(
                ["id", "name", "fields"],
                [
                    "id": str, "name": str, "channel": nullableStr, "via": nullableStr, "createdBy": nullableStr, "createdAt": dateTime,
                    "fields": [
                        "type": "array",
                        "items": object(
                            ["field"],
                            ["field": str, "channel": nullableStr, "via": nullableStr, "userId": nullableStr, "at": dateTime]),
                    ],
                ]),
        ]
    }
}
