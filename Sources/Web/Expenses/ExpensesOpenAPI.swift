import DocumentsCore
import Foundation

/// The Expenses module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Expenses operations of /api/v1.
    static func expensesPaths() -> Object {
        return [
            "/api/v1/expense-categories": [
                "get": [
                    "tags": ["expenses"], "summary": "Expense categories.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The categories.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["id", "code", "name", "active"], ["id": str, "code": str, "name": str, "active": bool]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/expense-budgets": [
                "get": [
                    "tags": ["expenses"],
                    "summary": "Budgets of a month (?month=YYYY-MM, default this one), per branch, department and category.",
                    "parameters": [query("month", ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"]), query("branchId")],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The budgets.",
                                "content": jsonContent(
                                    page(ref("ExpenseBudget"))),
                            ]
                        ], errors([400, 401, 403])),
                ],
                "put": [
                    "tags": ["expenses"],
                    "summary": "Set a branch's (or department's) budgets for a month (expenses.approve); an empty amount removes one.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["month", "branchId", "items"],
                                [
                                    "month": ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"], "branchId": idString,
                                    "departmentId": nullableID,
                                    "items": [
                                        "type": "array", "maxItems": 7,
                                        "items": object(
                                            ["categoryId"],
                                            [
                                                "categoryId": idString,
                                                "amount": ["type": ["string", "null"], "pattern": "^[0-9]{1,7}(\\.[0-9]{1,2})?$"],
                                            ]),
                                    ],
                                ])),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The month's budgets of that branch.",
                                "content": jsonContent(
                                    page(ref("ExpenseBudget"))),
                            ]
                        ], errors([400, 401, 403, 413, 422])),
                ],
            ],
            "/api/v1/expense-report": [
                "get": [
                    "tags": ["expenses"],
                    "summary": "Actual (approved and paid) and pending claims against the budget, per branch and category, for a month.",
                    "parameters": [query("month", ["type": "string", "pattern": "^2026-(0[1-9]|1[0-2])$"]), query("branchId")],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The report.",
                                "content": jsonContent(
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["branchId", "categoryId", "budget", "actual", "pending", "remaining"],
                                                    [
                                                        "branchId": str, "categoryId": str, "budget": str, "actual": str, "pending": str,
                                                        "remaining": str,
                                                    ]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ]
            ],
            "/api/v1/expense-claims": [
                "get": list(
                    "expenses", "ExpenseClaim",
                    params: [
                        query("status", ["type": "string", "enum": ExpenseClaimFlow.allStored]),
                        query("mine", ["type": "string", "enum": ["true", "false"]]),
                    ], summary: "Expense claims in the caller's scope."),
                "post": create(
                    "expenses", "ExpenseClaim", input: "ExpenseClaimInput",
                    summary: "A draft expense claim, with lines by category, for the caller."),
            ],
            "/api/v1/expense-claims/{id}": [
                "get": show("expenses", "ExpenseClaim", summary: "One claim with lines, receipts and approvals."),
                "put": update("expenses", "ExpenseClaim", input: "ExpenseClaimUpdate", summary: "Change a draft claim."),
            ],
            "/api/v1/expense-claims/{id}/attachments": [
                "post": upload(
                    "expenses", summary: "Attach a receipt (the body is the file; at most 5 MB; pdf, png, jpg, doc(x), xls(x), txt).")
            ],
            "/api/v1/expense-claims/{id}/attachments/{aid}": ["get": download("expenses", summary: "Download a receipt.")],
            "/api/v1/expense-claims/{id}/submit": [
                "post": action(
                    "expenses", "ExpenseClaim",
                    summary:
                        "Submit for approval: within the budget the usual steps; over it, refused (when the policy says so) or with the budget keepers' approval too."
                )
            ],
            "/api/v1/expense-claims/{id}/withdraw": ["post": action("expenses", "ExpenseClaim", summary: "Withdraw a pending claim.")],
            "/api/v1/expense-claims/{id}/pay": [
                "post": action("expenses", "ExpenseClaim", summary: "Mark an approved claim paid (expenses.approve).")
            ],
        ]
    }

    /// The Expenses schemas.
    static func expensesSchemas() -> Object {
        return [
            "ExpenseBudget": object(
                ["branchId", "month", "categoryId", "amount"],
                ["branchId": str, "departmentId": str, "month": str, "categoryId": str, "amount": str]),
            "ExpenseClaim": object(
                ["id", "number", "status", "ownerId", "claimDate", "title", "total", "overBudget", "version"],
                [
                    "id": str, "number": str, "status": ["type": "string", "enum": ExpenseClaimFlow.allStored],
                    "branchId": str, "departmentId": str,
                    "ownerId": str, "claimDate": str, "title": str, "total": str, "overBudget": bool, "partnerId": str, "contractId": str,
                    "campaign": str, "note": str, "campaignId": str,
                    "version": int, "lines": ["type": "array", "items": ["type": "object"]],
                    "attachments": ["type": "array", "items": ref("Attachment")],
                    "approvals": ["type": "array", "items": ["type": "object"]],
                ]),
            "ExpenseClaimInput": object(
                ["title", "lines"],
                [
                    "title": ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"],
                    "claimDate": ["type": ["string", "null"], "format": "date"],
                    "partnerId": nullableID, "contractId": nullableID, "campaign": ["type": ["string", "null"], "maxLength": 100],
                    "campaignId": nullableID,
                    "note": ["type": ["string", "null"], "maxLength": 1000],
                    "lines": [
                        "type": "array", "minItems": 1, "maxItems": 5,
                        "items": object(
                            ["categoryId", "expenseDate", "amount"],
                            [
                                "categoryId": idString, "expenseDate": ["type": "string", "format": "date"],
                                "amount": ["type": "string", "pattern": "^[1-9][0-9]{0,5}(\\.[0-9]{1,2})?$"],
                                "description": ["type": ["string", "null"], "maxLength": 200],
                            ]),
                    ],
                ]),
            "ExpenseClaimUpdate": withVersion("ExpenseClaimInput"),
        ]
    }
}
