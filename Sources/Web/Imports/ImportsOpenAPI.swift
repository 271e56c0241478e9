import Foundation
import Services

/// The Imports module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    static func importsPaths() -> Object {
        [
            "/api/v1/imports": [
                "get": list("imports", "ImportJob", summary: "One's own imports, newest first (a user administrator sees all)."),
                "post": [
                    "tags": ["imports"],
                    "summary":
                        "Upload a file (the body: .xlsx, or CSV / tab-separated text in UTF-8, UTF-16 or GBK) of customers, contacts (each row naming its customer by code, USCC or name), leads, products, partners, opening stock or staff (users) as a draft import; the answer suggests a field for each column from its header. Needs the target's create right (customers.create, leads.create, products.create, partners.create; opening stock stock.create and stock.edit; staff users.create).",
                    "parameters": [
                        ["name": "kind", "in": "query", "required": true, "schema": ["type": "string", "enum": ImportService.kinds]],
                        ["name": "fileName", "in": "query", "required": false, "schema": ["type": "string", "maxLength": 200]],
                    ],
                    "requestBody": [
                        "required": true,
                        "content": [
                            "application/octet-stream": ["schema": ["type": "string", "format": "binary"]],
                            "text/csv": ["schema": ["type": "string"]],
                        ],
                    ],
                    "responses": merge(
                        ["201": ["description": "The draft.", "content": jsonContent(ref("ImportJob"))]], errors([400, 401, 403, 413, 422])),
                ],
            ],
            "/api/v1/imports/{id}": [
                "get": show(
                    "imports", "ImportJob", summary: "An import: its mapping, status and progress (processed, created, updated, refused)."),
                "put": [
                    "tags": ["imports"],
                    "summary":
                        "Set a draft's mapping (one field or \"\" per column), mode (create, update, upsert), matchKey (customers: code, uscc, phone, email, name; contacts: mobile, email; products: code, barcode; partners: code, uscc, name; leads: company, create only; opening_stock: product, create only; users: username; price_lists: product, the item of its list; open_items: docNumber, create only) and intoPool (customers only), with the version read.",
                    "parameters": [idParam],
                    "requestBody": ["required": true, "content": jsonContent(ref("ImportSettings"))],
                    "responses": merge(
                        ["200": ["description": "Saved.", "content": jsonContent(ref("ImportJob"))]],
                        errors([400, 401, 403, 404, 409, 422])),
                ],
            ],
            "/api/v1/imports/{id}/preview": [
                "get": [
                    "tags": ["imports"],
                    "summary": "What the first 20 rows would do (would_create, would_update, refused with why); nothing is written.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "The rows.", "content": jsonContent(page(ref("ImportOutcome")))]], errors([401, 403, 404])),
                ]
            ],
            "/api/v1/imports/{id}/run": [
                "post": [
                    "tags": ["imports"],
                    "summary":
                        "Start a draft: the server runs it in batches of 200 rows, one transaction each; GET the import for progress.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["202": ["description": "Queued.", "content": jsonContent(ref("ImportJob"))]], errors([401, 403, 404, 409, 422])),
                ]
            ],
            "/api/v1/imports/{id}/revert": [
                "post": [
                    "tags": ["imports"],
                    "summary":
                        "Undo a finished import, all or nothing: created records deleted (opening stock: its receipts cancelled), updated ones given their former values; refused (409) when one was changed since or has something depending on it.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "Reverted.", "content": jsonContent(ref("ImportJob"))]], errors([401, 403, 404, 409])),
                ]
            ],
            "/api/v1/imports/{id}/rows": [
                "get": [
                    "tags": ["imports"], "summary": "The rows as run, in file order (?outcome=created|updated|refused).",
                    "parameters": [idParam] + pagingParams + [
                        query("outcome", ["type": "string", "enum": ["created", "updated", "refused"]])
                    ],
                    "responses": merge(
                        ["200": ["description": "A page of rows.", "content": jsonContent(page(ref("ImportOutcome")))]],
                        errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/imports/{id}/errors": [
                "get": [
                    "tags": ["imports"],
                    "summary":
                        "The refused rows as they were in the file, with the reason in the reader's language first, as .xlsx or CSV.",
                    "parameters": [idParam, query("format", ["type": "string", "enum": ["xlsx", "csv"], "default": "xlsx"])],
                    "responses": merge(
                        ["200": spreadsheet("The file.")], errors([400, 401, 403, 404])),
                ]
            ],
        ]
    }

    static func importsSchemas() -> Object {
        [
            "ImportJob": object(
                [
                    "id", "kind", "fileName", "header", "mapping", "fields", "mode", "matchKey", "intoPool", "status", "total", "processed",
                    "version",
                ],
                [
                    "id": str, "kind": str, "fileName": str, "header": strArray, "mapping": strArray, "fields": strArray,
                    "mode": ["type": "string", "enum": ["create", "update", "upsert"]], "matchKey": str, "intoPool": bool,
                    "status": ["type": "string", "enum": ["draft", "queued", "running", "done", "stopped", "reverted"]], "total": int,
                    "processed": int,
                    "created": int, "updated": int, "refused": int, "version": int, "createdAt": dateTime,
                    "finishedAt": ["type": ["string", "null"], "format": "date-time"],
                ]),
            "ImportSettings": object(
                ["version"],
                [
                    "mapping": ["type": "array", "maxItems": 500, "items": ["type": "string", "maxLength": 40]],
                    "mode": ["type": "string", "enum": ["create", "update", "upsert"]],
                    "matchKey": ["type": "string", "enum": ImportService.allKeys], "intoPool": bool,
                    "version": ["type": "integer", "minimum": 1],
                ]),
            "ImportOutcome": object(
                ["line", "outcome"],
                [
                    "line": int, "outcome": str, "recordId": nullableStr, "name": nullableStr, "field": nullableStr, "code": nullableStr,
                    "message": nullableStr,
                ]),
        ]
    }
}
