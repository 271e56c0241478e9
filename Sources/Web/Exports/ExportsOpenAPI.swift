import Foundation
import Services

/// The Exports module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    static func exportsPaths() -> Object {
        [
            "/api/v1/exports": [
                "get": list(
                    "exports", "ExportJob",
                    summary:
                        "One's own exports that ran as jobs, newest first: a list's export asked for with async=true, or longer than \(ExportService.inlineRows) rows, answers 202 with its job instead of the file. Files are kept \(ExportService.keepDays) days."
                )
            ],
            "/api/v1/exports/{id}": [
                "get": show(
                    "exports", "ExportJob",
                    summary:
                        "One of one's own export jobs: running, done (rows written) or failed (error and message: the list grew past the limit, the server stopped)."
                )
            ],
            "/api/v1/exports/{id}/file": [
                "get": [
                    "tags": ["exports"],
                    "summary":
                        "A finished export's file, for its asker while they still hold the list's export right; 409 export_not_ready while it is written or when it failed.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["200": spreadsheet("The file, as an attachment (Content-Disposition names it).")], errors([401, 403, 404, 409])),
                ]
            ],
        ]
    }

    static func exportsSchemas() -> Object {
        [
            "ExportJob": object(
                ["id", "entity", "fileName", "format", "filter", "status", "rows"],
                [
                    "id": str, "entity": str, "fileName": str, "format": ["type": "string", "enum": ["xlsx", "csv"]], "filter": str,
                    "status": ["type": "string", "enum": ["running", "done", "failed"]], "rows": int, "error": nullableStr,
                    "message": nullableStr, "createdAt": dateTime, "finishedAt": ["type": ["string", "null"], "format": "date-time"],
                ])
        ]
    }
}
