import DocumentsCore
import Foundation
import Services

/// The materials library in the OpenAPI document (part of the Marketing module).
extension OpenAPI {
    static func materialPaths() -> Object {
        let binary: Object = ["schema": ["type": "string", "format": "binary"]]
        let number: Object = [
            "name": "number", "in": "path", "required": true, "schema": ["type": "string", "pattern": "^[1-9][0-9]{0,8}$"],
        ]
        return [
            "/api/v1/material-folders": [
                "get": listing("materials", summary: "The library's folders, by name. Needs marketing.view.", item: ref("MaterialFolder")),
                "post": create(
                    "materials", "MaterialFolder", input: "MaterialFolderInput",
                    summary: "A folder (inside another when parentId is named); names are unique among siblings."),
            ],
            "/api/v1/materials": [
                "get": list(
                    "materials", "Material",
                    params: [
                        query("folderId", idString), query("q", ["type": "string", "maxLength": 100]),
                        query("status", ["type": "string", "enum": MaterialFlow.State.allCases.map(\.rawValue)]),
                    ],
                    summary:
                        "Materials, newest first. Those who prepare materials (marketing.edit) see every one; others the published ones, within their dates, meant for their branch (or a branch above it) and one of their roles."
                ),
                "post": create(
                    "materials", "Material", input: "MaterialInput",
                    summary:
                        "A new material, a draft. kind is file (upload its versions) or link (url is its first version). Needs marketing.create."
                ),
            ],
            "/api/v1/materials/{id}": [
                "get": show("materials", "MaterialDetails", summary: "A material with its versions and what its share links brought."),
                "put": update(
                    "materials", "Material", input: "MaterialUpdate", summary: "Change title, folder, description, dates and audience."),
            ],
            "/api/v1/materials/{id}/transitions": [
                "post": [
                    "tags": ["materials"],
                    "summary":
                        "publish (draft or expired → published; needs a version, 409 material_has_no_version), withdraw (published → expired), redraft (→ draft).",
                    "parameters": [idParam],
                    "requestBody": ["required": true, "content": jsonContent(ref("MaterialTransition"))],
                    "responses": merge(
                        ["200": ["description": "The material in its new state.", "content": jsonContent(ref("Material"))]],
                        errors([400, 401, 403, 404, 409, 422])),
                ]
            ],
            "/api/v1/materials/{id}/versions": [
                "post": [
                    "tags": ["materials"],
                    "summary":
                        "A new version, served from now on: for a file material the body is the file (fileName names it; at most 20 MB; pdf, png, jpg, ppt(x), doc(x), xls(x), txt, matching their content); for a link material, url is the new address.",
                    "parameters": [
                        idParam, query("fileName", ["type": "string", "maxLength": 120]),
                        query("url", ["type": "string", "maxLength": 500]),
                        query("note", ["type": "string", "maxLength": 200]),
                    ],
                    "requestBody": ["required": false, "content": ["application/octet-stream": binary]],
                    "responses": merge(
                        ["201": ["description": "The version.", "content": jsonContent(ref("MaterialVersion"))]],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ]
            ],
            "/api/v1/materials/{id}/versions/{number}/file": [
                "get": [
                    "tags": ["materials"], "summary": "A version's file, for whoever may see the material.",
                    "parameters": [idParam, number],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The file.",
                                "content": Dictionary(Set(AttachmentService.types.values).map { ($0, binary) }) { a, _ in a },
                            ]
                        ], errors([401, 403, 404])),
                ]
            ],
            "/api/v1/materials/{id}/shares": [
                "get": [
                    "tags": ["materials"],
                    "summary": "The material's share links (the caller's own unless they prepare materials), with their views and leads.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "The links.", "content": jsonContent(page(ref("MaterialShare")))]],
                        errors([401, 403, 404])),
                ],
                "post": [
                    "tags": ["materials"],
                    "summary":
                        "The caller's own link to a published material (/m/<secret>), good for days (1–365, 30 by default). Visitors need no sign-in; a visitor who leaves a phone number becomes a lead owned by the sharer, of the material's campaign.",
                    "parameters": [idParam],
                    "requestBody": ["required": true, "content": jsonContent(ref("MaterialShareInput"))],
                    "responses": merge(
                        ["201": ["description": "The link.", "content": jsonContent(ref("MaterialShare"))]],
                        errors([400, 401, 403, 404, 409, 422])),
                ],
            ],
            "/api/v1/materials/{id}/views": [
                "get": [
                    "tags": ["materials"],
                    "summary": "Looks at the material through share links (the caller's own unless they prepare materials), latest first.",
                    "parameters": [idParam] + pagingParams,
                    "responses": merge(
                        ["200": ["description": "The views.", "content": jsonContent(page(ref("MaterialView")))]],
                        errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/material-shares/{id}/revoke": [
                "post": action(
                    "materials", "MaterialShare",
                    summary: "Stop a link: its sharer, or whoever prepares materials. 409 when already stopped.")
            ],
        ]
    }

    static func materialSchemas() -> Object {
        let ids: Object = ["type": ["array", "null"], "items": idString, "maxItems": 50]
        let date: Object = ["type": ["string", "null"], "format": "date"]
        return [
            "MaterialFolder": object(["id", "name"], ["id": str, "name": str, "parentId": nullableStr]),
            "MaterialFolderInput": object(
                ["name"], ["name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"], "parentId": nullableID]),
            "Material": object(
                ["id", "title", "kind", "status", "currentVersion", "version"],
                [
                    "id": str, "title": str, "description": nullableStr, "folderId": nullableStr,
                    "kind": ["type": "string", "enum": MaterialService.Kind.allCases.map(\.rawValue)],
                    "status": ["type": "string", "enum": MaterialFlow.State.allCases.map(\.rawValue)], "expiresOn": nullableStr,
                    "branchId": nullableStr, "campaignId": nullableStr, "currentVersion": int, "version": int, "updatedAt": dateTime,
                ]),
            "MaterialInput": object(
                ["title"],
                [
                    "title": name, "description": ["type": ["string", "null"], "maxLength": 2000], "folderId": nullableID,
                    "kind": ["type": "string", "enum": MaterialService.Kind.allCases.map(\.rawValue)],
                    "expiresOn": date, "branchId": nullableID, "campaignId": nullableID, "roleIds": ids,
                    "url": ["type": ["string", "null"], "maxLength": 500],
                ]),
            "MaterialUpdate": withVersion("MaterialInput"),
            "MaterialTransition": object(
                ["action"],
                [
                    "action": ["type": "string", "enum": MaterialFlow.transitions.map(\.rawValue)],
                    "version": ["type": ["integer", "null"]],
                ]),
            "MaterialVersion": object(
                ["number", "size"],
                [
                    "number": int, "fileName": nullableStr, "contentType": nullableStr, "size": int, "url": nullableStr,
                    "note": nullableStr,
                    "createdAt": dateTime,
                ]),
            "MaterialDetails": object(
                ["material", "roleIds", "versions", "views", "visitors", "leads"],
                [
                    "material": ref("Material"), "roleIds": strArray, "versions": ["type": "array", "items": ref("MaterialVersion")],
                    "views": int, "visitors": int, "leads": int,
                ]),
            "MaterialShareInput": object([], ["days": ["type": ["integer", "null"], "minimum": 1, "maximum": 365]]),
            "MaterialShare": object(
                ["id", "materialId", "userId", "link", "views", "visitors", "leads"],
                [
                    "id": str, "materialId": str, "userId": str, "userName": nullableStr, "link": str, "expiresAt": dateTime,
                    "revokedAt": ["type": ["string", "null"], "format": "date-time"], "views": int, "visitors": int, "leads": int,
                ]),
            "MaterialView": object(
                ["id", "shareId"],
                [
                    "id": str, "shareId": str, "viewedAt": dateTime, "sharedBy": nullableStr, "name": nullableStr, "phone": nullableStr,
                    "leadId": nullableStr,
                ]),
        ]
    }
}
