import Foundation
import Services

/// Segments in the OpenAPI document (part of the Marketing module).
extension OpenAPI {
    static func segmentPaths() -> Object {
        [
            "/api/v1/segments": [
                "get": list("segments", "Segment", summary: "Saved segments, newest first. Needs marketing.view."),
                "post": create(
                    "segments", "Segment", input: "SegmentInput",
                    summary:
                        "Save a rule over customers: levels, provinces, cities, industries, branches, owners, tags (any of), what they bought (products or categories) in the last periodDays (default 365) with minAmount and minDeliveries, inactiveDays since the last delivery, minOwed receivables, a contact's birthday this month, customFields (customer custom fields by key, each with the value it must have). Every condition named must hold."
                ),
            ],
            "/api/v1/segments/preview": [
                "post": [
                    "tags": ["segments"],
                    "summary":
                        "What a rule finds now among the customers the caller may see: the count and the first 20, without saving it.",
                    "requestBody": ["required": true, "content": jsonContent(ref("SegmentInput"))],
                    "responses": merge(
                        ["200": ["description": "The count and the first customers.", "content": jsonContent(ref("SegmentPreview"))]],
                        errors([400, 401, 403, 413, 422])),
                ]
            ],
            "/api/v1/segments/{id}": [
                "get": show("segments", "Segment", summary: "A segment, with how many customers the caller may see it finds now."),
                "put": update("segments", "Segment", input: "SegmentUpdate", summary: "Change a segment's rule."),
            ],
            "/api/v1/segments/{id}/customers": [
                "get": [
                    "tags": ["segments"], "summary": "The customers a segment finds now, by id.",
                    "parameters": [idParam] + pagingParams,
                    "responses": merge(
                        ["200": ["description": "The customers.", "content": jsonContent(page(ref("SegmentCustomer")))]],
                        errors([400, 401, 403, 404])),
                ]
            ],
        ]
    }

    static func segmentSchemas() -> Object {
        let words: Object = ["type": ["array", "null"], "items": ["type": "string", "maxLength": 60], "maxItems": 100]
        let ids: Object = ["type": ["array", "null"], "items": idString, "maxItems": 100]
        let days: Object = ["type": ["integer", "null"], "minimum": 0, "maximum": 3660]
        let moneyIn: Object = ["type": ["string", "null"], "pattern": "^[0-9]{1,9}(\\.[0-9]{1,2})?$"]
        let money: Object = ["type": ["string", "null"], "pattern": "^-?[0-9]+\\.[0-9]{2}$"]
        let strs: Object = ["type": ["array", "null"], "items": str]
        return [
            "Segment": object(
                ["id", "name", "rule", "version"],
                [
                    "id": str, "name": str, "description": nullableStr, "version": int, "updatedAt": dateTime,
                    "count": ["type": ["integer", "null"], "minimum": 0],
                    "rule": object(
                        [],
                        [
                            "levels": strs, "provinces": strs, "cities": strs, "industries": strs, "branchIds": strs, "ownerIds": strs,
                            "tags": strs, "productIds": strs, "categoryIds": strs, "periodDays": ["type": ["integer", "null"]],
                            "minAmount": money, "minDeliveries": ["type": ["integer", "null"]],
                            "inactiveDays": ["type": ["integer", "null"]],
                            "minOwed": money, "birthdayThisMonth": ["type": ["boolean", "null"]],
                            "customFields": ["type": ["object", "null"], "additionalProperties": str],
                        ]),
                ]),
            "SegmentInput": object(
                ["name"],
                [
                    "name": name, "description": ["type": ["string", "null"], "maxLength": 500], "levels": words, "provinces": words,
                    "cities": words, "industries": words, "branchIds": ids, "ownerIds": ids, "tags": words, "productIds": ids,
                    "categoryIds": ids, "periodDays": days, "minAmount": moneyIn,
                    "minDeliveries": ["type": ["integer", "null"], "minimum": 0, "maximum": 100_000_000],
                    "inactiveDays": days, "minOwed": moneyIn, "birthdayThisMonth": ["type": ["boolean", "null"]],
                    "customFields": [
                        "type": ["object", "null"], "maxProperties": 20,
                        "additionalProperties": ["type": "string", "maxLength": 500],
                    ],
                ]),
            "SegmentUpdate": withVersion("SegmentInput"),
            "SegmentCustomer": object(
                ["id", "code", "name"],
                ["id": str, "code": str, "name": str, "level": nullableStr, "province": nullableStr, "city": nullableStr]),
            "SegmentPreview": object(
                ["count", "first"],
                ["count": ["type": "integer", "minimum": 0], "first": ["type": "array", "items": ref("SegmentCustomer")]]),
        ]
    }
}
