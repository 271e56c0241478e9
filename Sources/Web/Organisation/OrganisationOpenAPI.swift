import Foundation
import Services

/// The Organisation module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Organisation operations of /api/v1.
    static func organisationPaths() -> Object {
        return [
            "/api/v1/branches": [
                "get": list("organisation", "Branch", params: [query("q")], summary: "Branches in the caller's scope."),
                "post": create("organisation", "Branch", input: "BranchInput", summary: "Create a branch."),
            ],
            "/api/v1/branches/{id}": [
                "get": show("organisation", "Branch", summary: "One branch."),
                "put": update("organisation", "Branch", input: "BranchUpdate", summary: "Update a branch."),
            ],
            "/api/v1/settings": [
                "get": [
                    "tags": ["organisation"], "summary": "The company-wide switches (organisation.view).",
                    "responses": merge(
                        ["200": ["description": "The settings.", "content": jsonContent(ref("Settings"))]], errors([401, 403])),
                ],
                "put": [
                    "tags": ["organisation"],
                    "summary":
                        "Change the switches the body names; the rest keep their value. Needs organisation.edit over the whole company; costingPerWarehouse cannot change once stock has been posted (409 costing_in_use). Audited.",
                    "requestBody": ["required": true, "content": jsonContent(ref("SettingsInput"))],
                    "responses": merge(
                        ["200": ["description": "Saved.", "content": jsonContent(ref("Settings"))]], errors([400, 401, 403, 409, 422])),
                ],
            ],
            "/api/v1/settings/numbering": [
                "get": [
                    "tags": ["organisation"],
                    "summary":
                        "How each kind of document is numbered (编号规则): the pattern set (null for the standard {prefix}-{yyyy}-{seq:6}{-branch}) and what a first number looks like today at head office and in a branch.",
                    "responses": merge(
                        ["200": ["description": "The kinds.", "content": jsonContent(page(ref("NumberingKind")))]], errors([401, 403])),
                ],
                "put": [
                    "tags": ["organisation"],
                    "summary":
                        "Set the patterns named (by prefix; \"\" back to the standard); the others stay. Tokens: {prefix} {yyyy} {yy} {mm} {dd} {branch} {-branch} and one {seq} or {seq:N} (3–10); letters, digits and - _ / . between them. The counter runs per the finest date shown and per branch when the branch is shown. Needs organisation.edit over the whole company; audited.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["patterns"],
                                [
                                    "patterns": [
                                        "type": "object", "maxProperties": 30,
                                        "additionalProperties": ["type": "string", "maxLength": 60],
                                    ]
                                ])),
                    ],
                    "responses": merge(
                        ["200": ["description": "Saved.", "content": jsonContent(page(ref("NumberingKind")))]],
                        errors([400, 401, 403, 422])),
                ],
            ],
            "/api/v1/company": [
                "get": [
                    "tags": ["organisation"],
                    "summary": "The company's details as printed on quotes, contracts and delivery notes (every signed-in user).",
                    "responses": merge(["200": ["description": "The details.", "content": jsonContent(ref("Company"))]], errors([401])),
                ],
                "put": [
                    "tags": ["organisation"],
                    "summary": "Replace the company's details; a field left out is cleared. Needs `organisation.edit`.",
                    "requestBody": ["required": true, "content": jsonContent(ref("CompanyInput"))],
                    "responses": merge(
                        ["200": ["description": "Saved.", "content": jsonContent(ref("Company"))]], errors([400, 401, 403, 422])),
                ],
            ],
            "/api/v1/company/logo": [
                "get": [
                    "tags": ["organisation"], "summary": "The company's logo, PNG or JPEG.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The image.",
                                "content": [
                                    "image/png": ["schema": ["type": "string", "format": "binary"]],
                                    "image/jpeg": ["schema": ["type": "string", "format": "binary"]],
                                ],
                            ]
                        ], errors([401, 404])),
                ],
                "put": [
                    "tags": ["organisation"], "summary": "Replace the logo: the body is a PNG or JPEG image of at most 256 KB.",
                    "requestBody": [
                        "required": true,
                        "content": [
                            "image/png": ["schema": ["type": "string", "format": "binary"]],
                            "image/jpeg": ["schema": ["type": "string", "format": "binary"]],
                        ],
                    ],
                    "responses": merge(
                        ["200": ["description": "Kept.", "content": jsonContent(ref("Company"))]], errors([401, 403, 413, 422])),
                ],
                "delete": [
                    "tags": ["organisation"], "summary": "Remove the logo.",
                    "responses": merge(["204": ["description": "Removed."]], errors([401, 403])),
                ],
            ],
            "/api/v1/setup": [
                "get": listing(
                    "organisation",
                    summary:
                        "The setup guide (开始使用): each step of a new company's first hour, done when the data says so or skipped. Needs `organisation.view`.",
                    item: ref("SetupStep"))
            ],
            "/api/v1/setup/{step}/skip": [
                "post": [
                    "tags": ["organisation"], "summary": "Skip a step of the setup guide. Needs `organisation.edit`.",
                    "parameters": [
                        [
                            "name": "step", "in": "path", "required": true,
                            "schema": ["type": "string", "enum": SetupGuide.Step.allCases.map(\.rawValue)],
                        ]
                    ],
                    "responses": merge(
                        ["200": ["description": "The guide as it now stands.", "content": jsonContent(page(ref("SetupStep")))]],
                        errors([401, 403, 404])),
                ]
            ],
            "/api/v1/departments": [
                "get": list(
                    "organisation", "Department", params: [query("q"), query("branchId")], summary: "Departments in the caller's scope."),
                "post": create("organisation", "Department", input: "DepartmentInput", summary: "Create a department."),
            ],
            "/api/v1/departments/{id}": [
                "get": show("organisation", "Department", summary: "One department."),
                "put": update("organisation", "Department", input: "DepartmentUpdate", summary: "Update a department."),
            ],
        ]
    }

    /// The Organisation schemas.
    static func organisationSchemas() -> Object {
        return [
            "NumberingKind": object(
                ["prefix", "effective", "example", "branchExample"],
                ["prefix": str, "pattern": nullableStr, "effective": str, "example": str, "branchExample": str]),
            "Settings": object(
                ["allowNegativeStock", "costingPerWarehouse", "overBudget", "webhooksAllowPrivate"],
                [
                    "allowNegativeStock": bool, "costingPerWarehouse": bool, "overBudget": ["type": "string", "enum": ["warn", "refuse"]],
                    "webhooksAllowPrivate": bool, "webFormKey": nullableStr, "smtpHost": nullableStr, "smtpPort": int,
                    "smtpSecurity": ["type": "string", "enum": SMTPSettings.Security.allCases.map(\.rawValue)], "smtpUser": nullableStr,
                    "smtpPasswordSet": bool, "mailFrom": nullableStr, "mailFromName": nullableStr,
                    "smsProvider": ["type": "string", "enum": SystemSettings.smsProviders], "smsKeyId": nullableStr, "smsSecretSet": bool,
                    "smsSignName": nullableStr, "smsAppId": nullableStr, "smsReplyKey": nullableStr,
                ]),
            "SettingsInput": object(
                [],
                [
                    "allowNegativeStock": bool, "costingPerWarehouse": bool, "overBudget": ["type": "string", "enum": ["warn", "refuse"]],
                    "webhooksAllowPrivate": bool, "webForm": bool, "rotateWebForm": bool,
                    "smtpHost": ["type": ["string", "null"], "maxLength": 200, "pattern": "^[A-Za-z0-9.-]*$"],
                    "smtpPort": ["type": "integer", "minimum": 1, "maximum": 65535],
                    "smtpSecurity": ["type": "string", "enum": SMTPSettings.Security.allCases.map(\.rawValue)],
                    "smtpUser": ["type": ["string", "null"], "maxLength": 200],
                    "smtpPassword": ["type": ["string", "null"], "maxLength": 200, "pattern": "^[^\\r\\n]*$"],
                    "mailFrom": ["type": ["string", "null"], "format": "email"],
                    "mailFromName": ["type": ["string", "null"], "maxLength": 100],
                    "smsProvider": ["type": "string", "enum": SystemSettings.smsProviders],
                    "smsKeyId": ["type": ["string", "null"], "maxLength": 128],
                    "smsSignName": ["type": ["string", "null"], "maxLength": 40],
                    "smsAppId": ["type": ["string", "null"], "maxLength": 64],
                    "smsSecret": ["type": ["string", "null"], "maxLength": 200, "pattern": "^[^\\r\\n]*$"],
                ]),
            "Branch": object(
                ["id", "code", "name", "kind", "accounting", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "parentId": str,
                    "kind": ["type": "string", "enum": ["head_office", "branch", "sales_office", "store"]],
                    "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool, "version": int,
                    "createdAt": dateTime, "updatedAt": dateTime, "defaultWarehouseId": str,
                ]),
            "BranchInput": object(
                ["code", "name"],
                [
                    "code": code, "name": name, "parentId": nullableID,
                    "kind": ["type": "string", "enum": ["branch", "sales_office", "store"]],
                    "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool,
                    "defaultWarehouseId": nullableID,
                ]),
            "BranchUpdate": withVersion("BranchInput"),
            "Department": object(
                ["id", "branchId", "code", "name", "active", "version"],
                [
                    "id": str, "branchId": str, "parentId": str, "code": str, "name": str, "active": bool, "version": int,
                    "createdAt": dateTime, "updatedAt": dateTime,
                ]),
            "DepartmentInput": object(
                ["code", "name", "branchId"], ["code": code, "name": name, "branchId": idString, "parentId": nullableID, "active": bool]),
            "DepartmentUpdate": withVersion("DepartmentInput"),
            "SetupStep": object(
                ["step", "done", "skipped", "href"],
                [
                    "step": ["type": "string", "enum": SetupGuide.Step.allCases.map(\.rawValue)], "done": bool, "skipped": bool,
                    "href": str,
                ]),
            "Company": object(
                ["hasLogo"],
                [
                    "name": str, "taxNumber": str, "address": str, "phone": str, "bankName": str, "bankAccount": str, "terms": str,
                    "hasLogo": bool,
                ]),
            "CompanyInput": object(
                [],
                [
                    "name": ["type": "string", "maxLength": 100],
                    "taxNumber": ["type": "string", "description": "A valid unified social credit code (统一社会信用代码)."],
                    "address": ["type": "string", "maxLength": 200], "phone": str, "bankName": ["type": "string", "maxLength": 100],
                    "bankAccount": ["type": "string", "maxLength": 40], "terms": ["type": "string", "maxLength": 2000],
                ]),
        ]
    }
}
