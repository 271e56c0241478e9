import DocumentsCore
import Foundation

/// The Approvals module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Approvals operations of /api/v1.
    static func approvalsPaths() -> Object {
        let comment: Object = object([], ["comment": ["type": ["string", "null"], "maxLength": 1000]])
        var paths: Object = [
            "/api/v1/approval-rules": [
                "get": [
                    "tags": ["approvals"], "summary": "The approval rules (approvals.view).",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The rules.",
                                "content": jsonContent(
                                    page(ref("ApprovalRule"))),
                            ]
                        ], errors([401, 403])),
                ],
                "post": create(
                    "approvals", "ApprovalRule", input: "ApprovalRuleInput",
                    summary:
                        "A rule: for a document type (and branch), from an amount on, the ordered steps (a role, a user, or the submitter's manager). The most specific rule with the highest threshold at or below the amount applies."
                ),
            ],
            "/api/v1/approval-rules/{id}": [
                "get": show("approvals", "ApprovalRule", summary: "One rule."),
                "put": update(
                    "approvals", "ApprovalRule", input: "ApprovalRuleUpdate",
                    summary: "Change a rule (running approvals keep the steps they started with)."),
            ],
            "/api/v1/approvals": [
                "get": list(
                    "approvals", "Approval",
                    params: [
                        query("box", ["type": "string", "enum": ["todo", "submitted", "all"]]),
                        query("status", ["type": "string", "enum": ApprovalFlow.allStored]),
                    ],
                    summary:
                        "todo: waiting for the caller now; submitted: the caller's; all: every approval in the caller's approvals.view scope."
                )
            ],
            "/api/v1/approvals/{id}": [
                "get": show("approvals", "Approval", summary: "One approval with its steps, approvers and history.")
            ],
        ]
        for d in ["approve", "reject", "return"] {
            paths["/api/v1/approvals/{id}/\(d)"] = [
                "post": action(
                    "approvals", "Approval",
                    summary: d == "approve"
                        ? "Approve the current step (only its approvers: others 403)."
                        : "\(d.capitalized) with a comment (only the current approvers).",
                    body: comment, codes: [400, 401, 403, 404, 409, 413, 422])
            ]
        }
        return paths
    }

    /// The Approvals schemas.
    static func approvalsSchemas() -> Object {
        let money: Object = ["type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"]
        let moneyIn: Object = ["type": ["string", "null"], "pattern": "^[1-9][0-9]{0,6}(\\.[0-9]{1,2})?$"]
        let approvalRound = object(
            ["id", "docType", "docId", "docNumber", "status", "step", "stepCount", "canAct", "assignees", "actions"],
            [
                "id": str, "docType": ["type": "string", "enum": ["quote", "contract", "purchase_order", "sales_order"]], "docId": str,
                "docNumber": str, "branchId": str,
                "amount": money, "submitterId": str,
                "status": ["type": "string", "enum": ApprovalFlow.allStored],
                "step": int, "stepCount": int, "canAct": bool, "createdAt": dateTime, "decidedAt": dateTime,
                "assignees": ["type": "array", "items": object(["step", "userId", "kind"], ["step": int, "userId": str, "kind": str])],
                "actions": [
                    "type": "array",
                    "items": object(
                        ["step", "userId", "action"], ["step": int, "userId": str, "action": str, "comment": str, "at": dateTime]),
                ],
            ])
        return [
            "Approval": approvalRound,
            "ApprovalRule": object(
                ["id", "docType", "minAmount", "name", "steps", "active", "version"],
                [
                    "id": str, "docType": str, "branchId": str, "minAmount": money, "name": str, "active": bool, "version": int,
                    "steps": [
                        "type": "array",
                        "items": object(["kind"], ["kind": ["type": "string", "enum": ["role", "user", "manager"]], "ref": str]),
                    ],
                ]),
            "ApprovalRuleInput": object(
                ["docType", "name", "steps"],
                [
                    "docType": ["type": "string", "enum": ["quote", "contract", "purchase_order", "sales_order"]], "branchId": nullableID,
                    "minAmount": moneyIn,
                    "name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"], "active": bool,
                    "steps": [
                        "type": "array", "minItems": 1, "maxItems": 3,
                        "items": object(["kind"], ["kind": ["type": "string", "enum": ["manager"]]]),
                    ],
                ]),
            "ApprovalRuleUpdate": withVersion("ApprovalRuleInput"),
        ]
    }
}
