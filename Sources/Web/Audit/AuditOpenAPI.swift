import Foundation

/// The Audit module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Audit operations of /api/v1.
    static func auditPaths() -> Object {
        return [
            "/api/v1/audit": [
                "get": list(
                    "audit", "AuditEntry",
                    params: [
                        query("userId"), query("entity"), query("entityId"), query("action"),
                        query("from", ["type": "string", "format": "date"]), query("to", ["type": "string", "format": "date"]),
                    ],
                    summary: "The audit log, newest first.")
            ],
            "/api/v1/audit/export": [
                "get": export(
                    "audit",
                    params: [
                        query("userId"), query("entity"), query("entityId"), query("action"),
                        query("from", ["type": "string", "format": "date"]), query("to", ["type": "string", "format": "date"]),
                    ],
                    summary: "The audit log (same filters as GET /audit) as a file, each change in words.")
            ],
        ]
    }

    /// The Audit schemas.
    static func auditSchemas() -> Object {
        return [
            "AuditEntry": object(
                ["id", "action", "entity", "changes"],
                [
                    "id": str, "at": dateTime, "userId": str, "username": str, "ip": str, "requestId": str, "action": str, "entity": str,
                    "entityId": str,
                    "changes": ["type": "array", "items": object(["field"], ["field": str, "old": nullableStr, "new": nullableStr])],
                ])
        ]
    }
}
