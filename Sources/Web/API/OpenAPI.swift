import DocumentsCore
import Foundation
import Paths
import Services

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
            "paths": modules.reduce(into: Object()) { all, m in all.merge(m.paths()) { a, _ in a } },
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": modules.reduce(into: sharedSchemas()) { all, m in all.merge(m.schemas()) { a, _ in a } },
            ],
        ]
    }

    /// Each module's operations and schemas, from `Web/<Module>/<Module>OpenAPI.swift`.
    static let modules: [(paths: @Sendable () -> Object, schemas: @Sendable () -> Object)] = [
        (accessPaths, accessSchemas),
        (organisationPaths, organisationSchemas),
        (auditPaths, auditSchemas),
        (crmPaths, crmSchemas),
        (inventoryPaths, inventorySchemas),
        (contractsPaths, contractsSchemas),
        (cashPaths, cashSchemas),
        (approvalsPaths, approvalsSchemas),
        (pricingPaths, pricingSchemas),
        (branchesPaths, branchesSchemas),
        (expensesPaths, expensesSchemas),
        (webhooksPaths, webhooksSchemas),
        (importsPaths, importsSchemas),
        (exportsPaths, exportsSchemas),
        (duplicatesPaths, duplicatesSchemas),
        (dataMapPaths, dataMapSchemas),
        (marketingPaths, marketingSchemas),
        (portalPaths, { [:] }),
    ]

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
                        "content": jsonContent(page(ref(item))),
                    ]
                ],
                errors(scopedBy ? [400, 401, 403, 404] : [400, 401, 403])),
        ]
    }

    /// A list's export: the same filters as the list, every page of it, as an .xlsx workbook or CSV
    /// (needs the module's `export` permission; audited). `scopedBy`: like its list, it answers 404
    /// for a record named in the query that the reader may not see.
    static func export(_ tag: String, params: [Object] = [], summary: String, scopedBy: Bool = false) -> Object {
        [
            "tags": [tag],
            "summary": summary
                + " Needs \(tag).export; at most 100,000 rows (422 export_too_large; for a job, the job fails with that error); audited. A list longer than \(ExportService.inlineRows) rows, or asked for with async=true, answers 202 with its job (GET /api/v1/exports/{id}, then its file).",
            "parameters": [
                query("format", ["type": "string", "enum": ["xlsx", "csv"], "default": "xlsx"]),
                query("async", ["type": "boolean", "default": false]),
            ] + params,
            "responses": merge(
                [
                    "200": spreadsheet("The file, as an attachment (Content-Disposition names it)."),
                    "202": ["description": "Too long to wait for: the job writing it.", "content": jsonContent(ref("ExportJob"))],
                ],
                errors(scopedBy ? [400, 401, 403, 404, 409, 422] : [400, 401, 403, 409, 422])),
        ]
    }

    /// An answer that is a spreadsheet: an .xlsx workbook or CSV, as asked.
    static func spreadsheet(_ description: String) -> Object {
        [
            "description": description,
            "content": [
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string", "format": "binary"]],
                "text/csv": ["schema": ["type": "string"]],
            ],
        ]
    }

    /// A page of a list: its items and the cursor of the next page (null on the last).
    static func page(_ item: Object) -> Object {
        object(["items", "nextCursor"], ["items": ["type": "array", "items": item], "nextCursor": ["type": ["string", "null"]]])
    }

    /// An attachment's upload: the body is the file, its name in the `fileName` query parameter.
    static func upload(_ tag: String, summary: String) -> Object {
        [
            "tags": [tag], "summary": summary,
            "parameters": [
                idParam,
                ["name": "fileName", "in": "query", "required": true, "schema": ["type": "string", "minLength": 1, "maxLength": 120]],
            ],
            "requestBody": [
                "required": true, "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]],
            ],
            "responses": merge(
                ["201": ["description": "Kept.", "content": jsonContent(ref("Attachment"))]], errors([400, 401, 403, 404, 409, 413, 422])),
        ]
    }

    /// An attachment's download, in the content type it was kept as.
    static func download(_ tag: String, summary: String) -> Object {
        let binary: Object = ["schema": ["type": "string", "format": "binary"]]
        return [
            "tags": [tag], "summary": summary,
            "parameters": [idParam, ["name": "aid", "in": "path", "required": true, "schema": ["type": "string"]]],
            "responses": merge(
                [
                    "200": [
                        "description": "The file.",
                        "content": Dictionary(Set(AttachmentService.types.values).map { ($0, binary) }) { a, _ in a },
                    ]
                ],
                errors([401, 403, 404])),
        ]
    }

    /// A list answered as one page (no paging parameters): its items, and 401/403.
    static func listing(_ tag: String, summary: String, item: Object) -> Object {
        [
            "tags": [tag], "summary": summary,
            "responses": merge(["200": ["description": "The list.", "content": jsonContent(page(item))]], errors([401, 403])),
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

    /// A report answered as `items` (and a cursor when paged): the stock reports, and others like them.
    static func report(_ item: Object, tag: String = "stock", summary: String, params: [Object], paged: Bool = false) -> Object {
        [
            "tags": [tag], "summary": summary, "parameters": (paged ? pagingParams : []) + params,
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

    static func delete(_ tag: String, summary: String) -> Object {
        [
            "tags": [tag], "summary": summary, "parameters": [idParam],
            "responses": merge(["204": ["description": "Deleted."]], errors([401, 403, 404, 409])),
        ]
    }

    /// Schemas every module uses: the error body and an attachment.
    static func sharedSchemas() -> Object {
        return [
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
            "Attachment": object(
                ["id", "fileName", "contentType", "size"],
                ["id": str, "fileName": str, "contentType": str, "size": int, "createdAt": dateTime]),
        ]
    }
}
