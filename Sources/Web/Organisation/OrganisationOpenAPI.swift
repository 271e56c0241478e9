import Foundation

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
            "Branch": object(
                ["id", "code", "name", "kind", "accounting", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "parentId": str,
                    "kind": ["type": "string", "enum": ["head_office", "branch", "sales_office", "store"]],
                    "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool, "version": int,
                    "createdAt": dateTime, "updatedAt": dateTime,
                ]),
            "BranchInput": object(
                ["code", "name"],
                [
                    "code": code, "name": name, "parentId": nullableID,
                    "kind": ["type": "string", "enum": ["branch", "sales_office", "store"]],
                    "accounting": ["type": "string", "enum": ["independent", "consolidated"]], "active": bool,
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
        ]
    }
}
