import Foundation
import Services

/// The Duplicates module in the OpenAPI document: the finder's pairs and scans, merges and undo.
extension OpenAPI {
    /// What a kind of record's finder and merge say in the document.
    struct Words {
        var pairs, scan, dismiss, list, merge, input, preview, show, undo: String
    }

    static func duplicatesPaths() -> Object {
        var paths: Object = [
            "/api/v1/duplicates/scans/{id}": [
                "get": show("duplicates", "DuplicateScan", summary: "A scan: its status and, once done, how many pairs and clusters.")
            ],
            "/api/v1/duplicates/quality": [
                "get": [
                    "tags": ["duplicates"],
                    "summary":
                        "Cleansing checks over the customers the reader sees, each with its count: missing_phone (neither the customer nor its contacts), missing_region, missing_owner (no owner and in no pool), missing_uscc (companies), invalid_uscc (wrong check character), stale (owned, no follow-up for 180 days). With check, a page of the customers it finds.",
                    "parameters": pagingParams + [
                        query("check", ["type": "string", "enum": QualityService.Check.allCases.map(\.rawValue)])
                    ],
                    "responses": merge(
                        ["200": ["description": "The checks.", "content": jsonContent(ref("QualityReport"))]], errors([400, 401, 403])),
                ]
            ],
            "/api/v1/duplicates/quality/export": [
                "get": export(
                    "customers",
                    params: [
                        [
                            "name": "check", "in": "query", "required": true,
                            "schema": ["type": "string", "enum": QualityService.Check.allCases.map(\.rawValue)],
                        ]
                    ],
                    summary: "The customers one cleansing check finds, as .xlsx or CSV, to complete.")
            ],
        ]
        paths.merge(
            findAndMerge(
                pairs: "/api/v1/duplicates", merges: "/api/v1/merges",
                Words(
                    pairs:
                        "The latest scan's pairs of customers that look like one company, best first: score (0–100) and reasons (name: the same name once legal form, width and script are set aside; pinyin: a homophone; phone, email, address). Only pairs whose both customers the reader may see; pairs marked not the same are left out.",
                    scan:
                        "Scan every customer for duplicates, on the server (a scan already waiting or running is answered instead). Needs customers.delete, the right merging takes.",
                    dismiss: "Mark two customers as not the same company: the pair leaves the list for good.",
                    list: "Merges of customers, newest first.",
                    merge:
                        "Merge mergedId into survivorId in one transaction: the survivor keeps its id and code and takes the chosen values (choices: field → survivor or merged; a field left out keeps the survivor's, or takes the other's where the survivor's is empty); every record naming the other moves to the survivor; the other is deleted. Needs customers.edit on the survivor and customers.delete on the other. Send both versions as read (a stale one answers 409). Undo within 30 days.",
                    input: "MergeInput",
                    preview: "The two customers field by field, what each field would take, and how many records would move.",
                    show: "A merge: the two records, what moved, whether undone.",
                    undo:
                        "Undo a merge: the other customer comes back with its id, code and every field, the moved records go back to it, the survivor gets its former values. Refused (409) after 30 days, when the survivor changed since, when a moved record was moved or deleted since, or while a later merge into the survivor stands."
                ))
        ) { a, _ in a }
        paths.merge(
            findAndMerge(
                pairs: "/api/v1/product-duplicates", merges: "/api/v1/product-merges",
                Words(
                    pairs:
                        "The latest products scan's pairs that look like the same goods, best first: the same name with its spec (script, width, case and spacing set aside; reason name) or the same sound (pinyin). A side's code is the product's code.",
                    scan:
                        "Scan every product for duplicates, on the server (GET /api/v1/duplicates/scans/{id} for progress). Needs products.delete, the right merging takes.",
                    dismiss: "Mark two products as not the same goods: the pair leaves the list for good.",
                    list: "Merges of products, newest first.",
                    merge:
                        "Merge product mergedId into survivorId in one transaction: the survivor keeps its id, code and units and takes the chosen values; quote, contract, order and invoice lines, open items, price list items and sightings naming the other move to it, and the other's barcodes go to the survivor's units of the same name that have none; the other is deleted. Needs products.delete. Refused (409) when the other has stock history (merge_product_has_stock), other units (merge_product_units_differ) or shares a price list item with the survivor (merge_shared_price_list). Undo within 30 days.",
                    input: "ProductMergeInput",
                    preview: "The two products field by field, what each field would take, and how many records would move.",
                    show: "A merge of products: the two products, what moved, whether undone.",
                    undo:
                        "Undo a merge of products: the other comes back with its id, code, units and barcodes, the moved records go back to it, the survivor gets its former values and units. Refused (409) as a customer merge's undo is, and when a moved line was delivered, received, ordered or invoiced from since (merge_lines_used)."
                ))
        ) { a, _ in a }
        paths.merge(
            findAndMerge(
                pairs: "/api/v1/contact-duplicates", merges: "/api/v1/contact-merges",
                Words(
                    pairs:
                        "The latest contacts scan's pairs that look like one person, best first: the same mobile, phone or e-mail anywhere, or the same name (or its sound) at one customer. A side's code is its customer's name. Only pairs whose both customers the reader may see; customerId narrows to pairs with a contact of that customer.",
                    scan:
                        "Scan every contact for duplicates, on the server (GET /api/v1/duplicates/scans/{id} for progress). Needs customers.edit, the right merging contacts takes.",
                    dismiss: "Mark two contacts as not the same person: the pair leaves the list for good.",
                    list: "Merges of contacts, newest first (a side's code is its customer's id).",
                    merge:
                        "Merge contact mergedId into survivorId in one transaction: the survivor keeps its id and takes the chosen values (choices: field → survivor or merged, customer among them); follow-ups, event invitations, messages and the lead it came from move to it; the other is deleted. Needs customers.edit on both customers; 409 merge_shared_invitation when both are invited to one event. Undo within 30 days.",
                    input: "ContactMergeInput",
                    preview: "The two contacts field by field, what each field would take, and how many records would move.",
                    show: "A merge of contacts: the two people, what moved, whether undone.",
                    undo:
                        "Undo a merge of contacts: the other comes back with its id and every field, the moved records go back to it, the survivor gets its former values. Refused (409) after 30 days, when the survivor changed since, when a moved record was moved or deleted since, or while a later merge into the survivor stands."
                ))
        ) { a, _ in a }
        return paths
    }

    /// A kind's review list, scans and dismissals under `pairs`, its merges (preview, undo) under `merges`.
    static func findAndMerge(pairs: String, merges: String, _ w: Words) -> Object {
        let idQuery: Object = ["type": "string", "pattern": "^[0-9]+$"]
        return [
            pairs: [
                "get": [
                    "tags": ["duplicates"], "summary": w.pairs,
                    "parameters": pagingParams + [query("cluster", idQuery)]
                        + (pairs.contains("product") ? [] : [query("customerId", idQuery)]),
                    "responses": merge(
                        ["200": ["description": "The pairs.", "content": jsonContent(ref("DuplicatePairs"))]], errors([400, 401, 403])),
                ]
            ],
            pairs + "/scans": [
                "post": [
                    "tags": ["duplicates"], "summary": w.scan,
                    "responses": merge(
                        ["202": ["description": "Queued.", "content": jsonContent(ref("DuplicateScan"))]], errors([401, 403])),
                ]
            ],
            pairs + "/dismissals": [
                "post": [
                    "tags": ["duplicates"], "summary": w.dismiss,
                    "requestBody": ["required": true, "content": jsonContent(ref("DuplicateDismissal"))],
                    "responses": merge(["204": ["description": "Marked."]], errors([400, 401, 403, 404, 422])),
                ]
            ],
            merges: [
                "get": list("duplicates", "Merge", params: [query("survivorId", idQuery)], summary: w.list),
                "post": [
                    "tags": ["duplicates"], "summary": w.merge,
                    "requestBody": ["required": true, "content": jsonContent(ref(w.input))],
                    "responses": merge(
                        ["201": ["description": "Merged.", "content": jsonContent(ref("Merge"))]], errors([400, 401, 403, 404, 409, 422])),
                ],
            ],
            merges + "/preview": [
                "get": [
                    "tags": ["duplicates"], "summary": w.preview,
                    "parameters": [
                        ["name": "survivorId", "in": "query", "required": true, "schema": idQuery],
                        ["name": "mergedId", "in": "query", "required": true, "schema": idQuery],
                    ],
                    "responses": merge(
                        ["200": ["description": "The preview.", "content": jsonContent(ref("MergePreview"))]],
                        errors([400, 401, 403, 404, 409, 422])),
                ]
            ],
            merges + "/{id}": ["get": show("duplicates", "Merge", summary: w.show)],
            merges + "/{id}/undo": ["post": action("duplicates", "Merge", summary: w.undo, codes: [401, 403, 404, 409])],
        ]
    }

    static func duplicatesSchemas() -> Object {
        let named = object(["id", "code", "name"], ["id": str, "code": str, "name": str])
        let choice: Object = ["type": "string", "enum": ["survivor", "merged"]]
        return [
            "DuplicateScan": object(
                ["id", "status", "scanned", "pairs", "clusters"],
                [
                    "id": str, "status": ["type": "string", "enum": ["queued", "running", "done"]], "scanned": int, "pairs": int,
                    "clusters": int, "createdAt": dateTime, "finishedAt": ["type": ["string", "null"], "format": "date-time"],
                ]),
            "DuplicatePair": object(
                ["score", "reasons", "cluster", "a", "b"],
                [
                    "score": ["type": "integer", "minimum": 0, "maximum": 100],
                    "reasons": ["type": "array", "items": ["type": "string", "enum": ["name", "pinyin", "phone", "email", "address"]]],
                    "cluster": str, "a": named, "b": named,
                ]),
            "DuplicatePairs": object(
                ["items", "nextCursor"],
                [
                    "scan": ["oneOf": [ref("DuplicateScan"), ["type": "null"]]], "items": ["type": "array", "items": ref("DuplicatePair")],
                    "nextCursor": ["type": ["string", "null"]],
                ]),
            "QualityReport": object(
                ["checks"],
                [
                    "checks": ["type": "array", "items": object(["check", "count"], ["check": str, "count": int])],
                    "items": [
                        "type": "array",
                        "items": object(
                            ["id", "code", "name"],
                            [
                                "id": str, "code": str, "name": str, "phone": nullableStr, "uscc": nullableStr, "province": nullableStr,
                                "lastActivityAt": ["type": ["string", "null"], "format": "date-time"],
                            ]),
                    ],
                    "nextCursor": ["type": ["string", "null"]],
                ]),
            "DuplicateDismissal": object(["aId", "bId"], ["aId": str, "bId": str]),
            "MergeInput": mergeInput(MergeService.fields, choice),
            "ContactMergeInput": mergeInput(ContactMergeService.fields, choice),
            "ProductMergeInput": mergeInput(ProductMergeService.fields, choice),
            "MergePreview": object(
                ["survivor", "survivorVersion", "merged", "mergedVersion", "fields", "moves"],
                [
                    "survivor": named, "survivorVersion": int, "merged": named, "mergedVersion": int,
                    "fields": [
                        "type": "array",
                        "items": object(
                            ["field", "proposed"], ["field": str, "survivor": nullableStr, "merged": nullableStr, "proposed": choice]),
                    ],
                    "moves": ["type": "object", "additionalProperties": int],
                ]),
            "Merge": object(
                ["id", "survivor", "merged", "moved"],
                [
                    "id": str, "survivor": named, "merged": named, "moved": ["type": "object", "additionalProperties": int],
                    "createdAt": dateTime, "createdBy": nullableStr, "undoneAt": ["type": ["string", "null"], "format": "date-time"],
                    "undoUntil": ["type": ["string", "null"], "format": "date-time"],
                ]),
        ]
    }

    /// A merge's body: the two ids, a choice per field (of `fields`), both versions as read.
    static func mergeInput(_ fields: [String], _ choice: Object) -> Object {
        object(
            ["survivorId", "mergedId", "survivorVersion", "mergedVersion"],
            [
                "survivorId": str, "mergedId": str,
                "choices": ["type": "object", "propertyNames": ["enum": fields], "additionalProperties": choice],
                "survivorVersion": ["type": "integer", "minimum": 1], "mergedVersion": ["type": "integer", "minimum": 1],
            ])
    }
}
