import Foundation

/// The Access module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Access operations of /api/v1.
    static func accessPaths() -> Object {
        return [
            "/api/v1/auth/token": [
                "post": [
                    "tags": ["auth"], "summary": "Exchange a user name and password for a bearer token (shown once).", "security": [],
                    "requestBody": ["required": true, "content": jsonContent(ref("TokenRequest"))],
                    "responses": merge(
                        ["201": ["description": "The new token.", "content": jsonContent(ref("ApiToken"))]], errors([400, 401, 413, 422])),
                ]
            ],
            "/api/v1/me": [
                "get": [
                    "tags": ["auth"], "summary": "The token's user, permissions with their data scope, and reachable branches.",
                    "responses": merge(["200": ["description": "Who I am.", "content": jsonContent(ref("Me"))]], errors([401])),
                ]
            ],
            "/api/v1/me/password": [
                "post": [
                    "tags": ["auth"],
                    "summary":
                        "Change the token's user's own password, giving the current one; every session and token of theirs ends, this one included.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["currentPassword", "newPassword"],
                                [
                                    "currentPassword": ["type": "string"],
                                    "newPassword": ["type": "string", "minLength": 10, "maxLength": 72],
                                ])),
                    ],
                    "responses": merge(["204": ["description": "Changed."]], errors([400, 401, 413, 422])),
                ]
            ],
            "/api/v1/tokens": ["get": list("auth", "ApiToken", summary: "The caller's API tokens (without their secret).")],
            "/api/v1/tokens/{id}/revoke": [
                "post": [
                    "tags": ["auth"], "summary": "Revoke a token.", "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "Revoked.", "content": jsonContent(ref("ApiToken"))]], errors([401, 403, 404])),
                ]
            ],
            "/api/v1/sandbox": [
                "get": sandboxOperation("Whether the demo company is loaded in its own database (演示环境), and its users' password."),
                "post": sandboxOperation(
                    "Load the demo company into a database of its own, once (it takes some seconds). Then a request with the header "
                        + "`X-Concord-Sandbox: 1` (a token from that database's /auth/token) works there alone; nothing reaches the real books."
                ),
            ],
            "/api/v1/role-templates": [
                "get": listing(
                    "organisation",
                    summary: "Ready-made roles (general manager, branch manager, sales manager, salesperson, finance, warehouse keeper): "
                        + "POST one to /roles as it is, or changed. Names in the caller's language.",
                    item: object(
                        ["key", "code", "name", "permissions", "dataScope"],
                        [
                            "key": str, "code": str, "name": str, "permissions": ["type": "array", "items": str],
                            "dataScope": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                        ]))
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
                "get": list(
                    "organisation", "User",
                    params: [
                        query("q"), query("branchId"), query("departmentId"),
                        query("active", ["type": "string", "enum": ["true", "false"]]),
                        query(
                            "sort",
                            [
                                "type": "string",
                                "enum": ["username", "-username", "displayName", "-displayName", "createdAt", "-createdAt"],
                            ]),
                    ],
                    summary: "Users in the caller's scope, keyset-paged."),
                "post": create("organisation", "User", input: "UserInput", summary: "Create a user."),
            ],
            "/api/v1/users/{id}/invite": [
                "post": [
                    "tags": ["organisation"],
                    "summary":
                        "A one-time invitation link for the user (7 days; a new one replaces the old): opening it, they choose their own password. Shown once.",
                    "parameters": [idParam],
                    "responses": merge(
                        [
                            "201": [
                                "description": "The link.",
                                "content": jsonContent(object(["link", "token"], ["link": str, "token": str, "expiresAt": dateTime])),
                            ]
                        ], errors([401, 403, 404, 409])),
                ]
            ],
            "/api/v1/invites/{token}/accept": [
                "post": [
                    "tags": ["organisation"], "security": [],
                    "summary": "The invited person sets their password (no token needed: the invitation is the right); then they sign in.",
                    "parameters": [["name": "token", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(["password"], ["password": ["type": "string", "minLength": 8], "passwordRepeat": str])),
                    ],
                    "responses": merge(["204": ["description": "The password is set."]], errors([400, 404, 422])),
                ]
            ],
            "/api/v1/users/{id}": [
                "get": show("organisation", "User", summary: "One user with roles and cross-branch grants."),
                "put": update(
                    "organisation", "User", input: "UserUpdate", summary: "Update a user (the password is set by reset-password)."),
            ],
            "/api/v1/users/{id}/reset-password": [
                "post": [
                    "tags": ["organisation"],
                    "summary":
                        "Set a new password for another user the caller manages (inside their scope, holding nothing the caller lacks); the user's sessions and tokens end.",
                    "parameters": [idParam],
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(object(["password"], ["password": ["type": "string", "minLength": 10, "maxLength": 72]])),
                    ],
                    "responses": merge(
                        ["200": ["description": "Done.", "content": jsonContent(ref("User"))]], errors([400, 401, 403, 404, 413, 422])),
                ]
            ],
        ]
    }

    /// The Access schemas.
    static func accessSchemas() -> Object {
        return [
            "TokenRequest": object(
                ["username", "password"],
                [
                    "username": ["type": "string", "minLength": 1], "password": ["type": "string", "minLength": 1],
                    "name": ["type": "string", "maxLength": 100],
                ]),
            "ApiToken": object(
                ["id", "name", "hint"],
                [
                    "id": str, "name": str, "hint": str, "createdAt": dateTime, "expiresAt": dateTime,
                    "lastUsedAt": dateTime, "revokedAt": dateTime,
                    "token": ["type": "string", "description": "Only in the answer that created it."],
                ]),
            "Me": object(
                ["user", "permissions", "branchIds", "lang"],
                [
                    "user": ref("User"),
                    "permissions": [
                        "type": "object", "additionalProperties": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                    ],
                    "branchIds": strArray, "lang": ["type": "string", "enum": ["zh-CN", "en"]],
                ]),
            "Role": object(
                ["id", "code", "name", "permissions", "dataScope", "builtin", "version"],
                [
                    "id": str, "code": str, "name": str, "permissions": strArray,
                    "dataScope": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                    "builtin": bool, "version": int, "createdAt": dateTime, "updatedAt": dateTime,
                ]),
            "RoleInput": object(
                ["code", "name", "dataScope"],
                [
                    "code": code, "name": name,
                    "permissions": ["type": "array", "items": ["type": "string", "pattern": "^([a-z]+\\.[a-z]+|\\*)$"]],
                    "dataScope": ["type": "string", "enum": ["own", "department", "branch", "all"]],
                ]),
            "RoleUpdate": withVersion("RoleInput"),
            "User": object(
                ["id", "username", "displayName", "branchId", "active", "roleIds", "grantedBranchIds", "version"],
                [
                    "id": str, "username": str, "displayName": str, "email": str, "phone": str, "branchId": str, "departmentId": str,
                    "managerId": str,
                    "locale": str, "active": bool, "roleIds": strArray, "grantedBranchIds": strArray, "version": int,
                    "createdAt": dateTime, "updatedAt": dateTime, "lastLoginAt": dateTime,
                ]),
            "UserInput": object(["username", "displayName", "branchId"], userInputProperties(withPassword: true)),
            "UserUpdate": [
                "allOf": [
                    object(
                        ["username", "displayName", "branchId", "version"],
                        userInputProperties(withPassword: false)
                            .merging(["version": ["type": "integer", "minimum": 1]]) { a, _ in a })
                ]
            ],
        ]
    }

    static func sandboxOperation(_ summary: String) -> Object {
        [
            "tags": ["organisation"], "summary": summary + " Needs `organisation.edit` company-wide; not from inside the sandbox.",
            "responses": merge(
                [
                    "200": [
                        "description": "The sandbox.",
                        "content": jsonContent(
                            object(
                                ["loaded", "users", "header"],
                                [
                                    "loaded": bool, "password": nullableStr, "users": ["type": "array", "items": str],
                                    "header": str,
                                ])),
                    ]
                ], errors([401, 403, 404])),
        ]
    }
}
