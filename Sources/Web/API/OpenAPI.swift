import Foundation

/// The OpenAPI 3.1 document of /api/v1, built from the same names the controllers use. CI runs
/// schemathesis against the live server with it, so a drift between the two fails the build.
enum OpenAPI {
    typealias Object = [String: Any]

    static func document() -> Object {
        [
            "openapi": "3.1.0",
            "info": ["title": "Concord API", "version": "1.0.0",
                     "description": "CRM, contracts and 进销存 for companies with branches. Bearer tokens from POST /api/v1/auth/token; camelCase fields; ids, money and quantities are strings; lists page by cursor."],
            "servers": [["url": "/"]],
            "security": [["bearer": []]],
            "paths": paths(),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas(),
            ],
        ]
    }

    static func json() -> Data {
        (try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    // MARK: building blocks

    static func ref(_ name: String) -> Object { ["$ref": "#/components/schemas/\(name)"] }

    static func jsonContent(_ schema: Object) -> Object { ["application/json": ["schema": schema]] }

    static func errors(_ codes: [Int]) -> Object {
        let text: [Int: String] = [400: "Malformed request: bad JSON, a wrong type or a bad query parameter; the field is named.",
                                   401: "No valid bearer token.", 403: "The token's user may not do this.",
                                   404: "No such record, or outside the user's data scope.", 409: "Stale version or duplicate.",
                                   413: "Body over the size limit.", 422: "A missing or invalid field, named in the error."]
        var out: Object = [:]
        for c in codes { out[String(c)] = ["description": text[c]!, "content": jsonContent(ref("Error"))] }
        return out
    }

    static func merge(_ a: Object, _ b: Object) -> Object { a.merging(b) { x, _ in x } }

    static var idParam: Object { ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]] }
    static var pagingParams: [Object] { [
        ["name": "limit", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": 200]],
        ["name": "cursor", "in": "query", "required": false, "schema": ["type": "string"]],
    ] }
    static func query(_ name: String, _ schema: Object = ["type": "string"]) -> Object {
        ["name": name, "in": "query", "required": false, "schema": schema]
    }

    static func list(_ tag: String, _ item: String, params: [Object] = [], summary: String) -> Object {
        ["tags": [tag], "summary": summary, "parameters": pagingParams + params,
         "responses": merge(["200": ["description": "A page of \(item)s.", "content": jsonContent(["type": "object", "required": ["items", "nextCursor"],
            "properties": ["items": ["type": "array", "items": ref(item)], "nextCursor": ["type": ["string", "null"]]]])]], errors([400, 401, 403]))]
    }

    static func show(_ tag: String, _ item: String, summary: String) -> Object {
        ["tags": [tag], "summary": summary, "parameters": [idParam],
         "responses": merge(["200": ["description": "The \(item).", "content": jsonContent(ref(item))]], errors([401, 403, 404]))]
    }

    static func create(_ tag: String, _ item: String, input: String, summary: String) -> Object {
        ["tags": [tag], "summary": summary,
         "parameters": [["name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 200]]],
         "requestBody": ["required": true, "content": jsonContent(ref(input))],
         "responses": merge(["201": ["description": "Created.", "content": jsonContent(ref(item))]], errors([400, 401, 403, 409, 413, 422]))]
    }

    static func update(_ tag: String, _ item: String, input: String, summary: String) -> Object {
        ["tags": [tag], "summary": summary + " Send the whole record with the version you read; a stale version answers 409.",
         "parameters": [idParam],
         "requestBody": ["required": true, "content": jsonContent(ref(input))],
         "responses": merge(["200": ["description": "Updated.", "content": jsonContent(ref(item))]], errors([400, 401, 403, 404, 409, 413, 422]))]
    }

    static func paths() -> Object {
        [
            "/api/v1/auth/token": ["post": [
                "tags": ["auth"], "summary": "Exchange a user name and password for a bearer token (shown once).", "security": [],
                "requestBody": ["required": true, "content": jsonContent(ref("TokenRequest"))],
                "responses": merge(["201": ["description": "The new token.", "content": jsonContent(ref("ApiToken"))]], errors([400, 401, 413, 422])),
            ]],
            "/api/v1/me": ["get": [
                "tags": ["auth"], "summary": "The token's user, permissions with their data scope, and reachable branches.",
                "responses": merge(["200": ["description": "Who I am.", "content": jsonContent(ref("Me"))]], errors([401])),
            ]],
            "/api/v1/tokens": ["get": list("auth", "ApiToken", summary: "The caller's API tokens (without their secret).")],
            "/api/v1/tokens/{id}/revoke": ["post": [
                "tags": ["auth"], "summary": "Revoke a token.", "parameters": [idParam],
                "responses": merge(["200": ["description": "Revoked.", "content": jsonContent(ref("ApiToken"))]], errors([401, 403, 404])),
            ]],
            "/api/v1/branches": [
                "get": list("organisation", "Branch", params: [query("q")], summary: "Branches in the caller's scope."),
                "post": create("organisation", "Branch", input: "BranchInput", summary: "Create a branch."),
            ],
            "/api/v1/branches/{id}": [
                "get": show("organisation", "Branch", summary: "One branch."),
                "put": update("organisation", "Branch", input: "BranchUpdate", summary: "Update a branch."),
            ],
            "/api/v1/departments": [
                "get": list("organisation", "Department", params: [query("q"), query("branchId")], summary: "Departments in the caller's scope."),
                "post": create("organisation", "Department", input: "DepartmentInput", summary: "Create a department."),
            ],
            "/api/v1/departments/{id}": [
                "get": show("organisation", "Department", summary: "One department."),
                "put": update("organisation", "Department", input: "DepartmentUpdate", summary: "Update a department."),
            ],
            "/api/v1/roles": [
                "get": list("organisation", "Role", summary: "Roles."),
                "post": create("organisation", "Role", input: "RoleInput", summary: "Create a role."),
            ],
            "/api/v1/roles/{id}": [
                "get": show("organisation", "Role", summary: "One role."),
                "put": update("organisation", "Role", input: "RoleUpdate", summary: "Update a role."),
            ],
            "/api/v1/users": [
                "get": list("organisation", "User", params: [query("q"), query("branchId"), query("departmentId"),
                                                              query("active", ["type": "string", "enum": ["true", "false"]]),
                                                              query("sort", ["type": "string", "enum": ["username", "-username", "displayName", "-displayName", "createdAt", "-createdAt"]])],
                             summary: "Users in the caller's scope, keyset-paged."),
                "post": create("organisation", "User", input: "UserInput", summary: "Create a user."),
            ],
            "/api/v1/users/{id}": [
                "get": show("organisation", "User", summary: "One user with roles and cross-branch grants."),
                "put": update("organisation", "User", input: "UserUpdate", summary: "Update a user (the password is set by reset-password)."),
            ],
            "/api/v1/users/{id}/reset-password": ["post": [
                "tags": ["organisation"], "summary": "Set a new password; the user's sessions and tokens end.", "parameters": [idParam],
                "requestBody": ["required": true, "content": jsonContent(object(["password"], ["password": ["type": "string", "minLength": 10, "maxLength": 72]]))],
                "responses": merge(["200": ["description": "Done.", "content": jsonContent(ref("User"))]], errors([400, 401, 403, 404, 413, 422])),
            ]],
            "/api/v1/audit": ["get": list("audit", "AuditEntry", params: [query("userId"), query("entity"), query("entityId"), query("action"),
                                                                         query("from", ["type": "string", "format": "date"]), query("to", ["type": "string", "format": "date"])],
                                          summary: "The audit log, newest first.")],
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
        var p: Object = ["username": ["type": "string", "pattern": "^[A-Za-z0-9._-]{3,32}$"], "displayName": name,
                         "email": ["type": ["string", "null"], "format": "email"], "phone": ["type": ["string", "null"], "pattern": "^[0-9+ -]{7,20}$"],
                         "branchId": idString, "departmentId": nullableID, "managerId": nullableID,
                         "locale": ["type": ["string", "null"], "enum": ["zh-CN", "en", NSNull()]], "active": bool,
                         "roleIds": ["type": "array", "items": idString], "grantedBranchIds": ["type": "array", "items": idString]]
        if withPassword { p["password"] = ["type": "string", "minLength": 10, "maxLength": 72] }
        return p
    }

    static func schemas() -> Object {
        [
            "Error": object(["error"], ["error": object(["code", "message"], ["code": str, "message": str, "field": str])]),
            "TokenRequest": object(["username", "password"], ["username": ["type": "string", "minLength": 1], "password": ["type": "string", "minLength": 1],
                                                              "name": ["type": "string", "maxLength": 100]]),
            "ApiToken": object(["id", "name", "hint"], ["id": str, "name": str, "hint": str, "createdAt": dateTime, "expiresAt": dateTime,
                                                       "lastUsedAt": dateTime, "revokedAt": dateTime,
                                                       "token": ["type": "string", "description": "Only in the answer that created it."]]),
            "Me": object(["user", "permissions", "branchIds", "lang"], ["user": ref("User"),
                                                                        "permissions": ["type": "object", "additionalProperties": ["type": "string", "enum": ["own", "department", "branch", "all"]]],
                                                                        "branchIds": strArray, "lang": ["type": "string", "enum": ["zh-CN", "en"]]]),
            "Branch": object(["id", "code", "name", "kind", "accounting", "active", "version"], [
                "id": str, "code": str, "name": str, "parentId": str, "kind": ["type": "string", "enum": ["head_office", "branch", "sales_office", "store"]],
                "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool, "version": int,
                "createdAt": dateTime, "updatedAt": dateTime]),
            "BranchInput": object(["code", "name"], ["code": code, "name": name, "parentId": nullableID, "kind": ["type": "string", "enum": ["branch", "sales_office", "store"]],
                                       "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool]),
            "BranchUpdate": withVersion("BranchInput"),
            "Department": object(["id", "branchId", "code", "name", "active", "version"], [
                "id": str, "branchId": str, "parentId": str, "code": str, "name": str, "active": bool, "version": int,
                "createdAt": dateTime, "updatedAt": dateTime]),
            "DepartmentInput": object(["code", "name", "branchId"], ["code": code, "name": name, "branchId": idString, "parentId": nullableID, "active": bool]),
            "DepartmentUpdate": withVersion("DepartmentInput"),
            "Role": object(["id", "code", "name", "permissions", "dataScope", "builtin", "version"], [
                "id": str, "code": str, "name": str, "permissions": strArray, "dataScope": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                "builtin": bool, "version": int, "createdAt": dateTime, "updatedAt": dateTime]),
            "RoleInput": object(["code", "name", "dataScope"], ["code": code, "name": name,
                                                            "permissions": ["type": "array", "items": ["type": "string", "pattern": "^([a-z]+\\.[a-z]+|\\*)$"]],
                                                            "dataScope": ["type": "string", "enum": ["own", "department", "branch", "all"]]]),
            "RoleUpdate": withVersion("RoleInput"),
            "User": object(["id", "username", "displayName", "branchId", "active", "roleIds", "grantedBranchIds", "version"], [
                "id": str, "username": str, "displayName": str, "email": str, "phone": str, "branchId": str, "departmentId": str, "managerId": str,
                "locale": str, "active": bool, "roleIds": strArray, "grantedBranchIds": strArray, "version": int,
                "createdAt": dateTime, "updatedAt": dateTime, "lastLoginAt": dateTime]),
            "UserInput": object(["username", "displayName", "password", "branchId"], userInputProperties(withPassword: true)),
            "UserUpdate": ["allOf": [object(["username", "displayName", "branchId", "version"], userInputProperties(withPassword: false)
                .merging(["version": ["type": "integer", "minimum": 1]]) { a, _ in a })]],
            "AuditEntry": object(["id", "action", "entity", "changes"], [
                "id": str, "at": dateTime, "userId": str, "username": str, "ip": str, "requestId": str, "action": str, "entity": str, "entityId": str,
                "changes": ["type": "array", "items": object(["field"], ["field": str, "old": nullableStr, "new": nullableStr])]]),
        ]
    }
}
