import DocumentsCore
import Foundation

/// The Contracts module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Contracts operations of /api/v1.
    static func contractsPaths() -> Object {
        let moneyIn: Object = ["type": ["string", "null"], "pattern": "^[0-9]{1,9}(\\.[0-9]{1,2})?$"]
        let date: Object = ["type": ["string", "null"], "format": "date"]
        let reason: Object = object([], ["reason": ["type": ["string", "null"], "maxLength": 500]])
        var paths: Object = [
            "/api/v1/quotes": [
                "get": list(
                    "quotes", "Quote",
                    params: [
                        query("partnerId"), query("opportunityId"),
                        query("status", ["type": "string", "enum": QuoteFlow.allStored]),
                    ],
                    summary: "Quotes in the caller's scope, newest first."),
                "post": create(
                    "quotes", "Quote", input: "QuoteInput", summary: "A draft quote for a customer or an opportunity (its customer)."),
            ],
            "/api/v1/quotes/{id}": [
                "get": show("quotes", "Quote", summary: "One quote with lines, totals in figures and capitals, and its approval history."),
                "put": update("quotes", "Quote", input: "QuoteUpdate", summary: "Change a draft quote."),
            ],
            "/api/v1/contracts": [
                "get": list(
                    "contracts", "Contract",
                    params: [
                        query("kind", ["type": "string", "enum": ["sales", "purchase"]]), query("partnerId"), query("q"),
                        query("status", ["type": "string", "enum": ContractFlow.allStored]),
                    ],
                    summary: "Contracts in the caller's scope, newest first; q matches number or title."),
                "post": create(
                    "contracts", "Contract", input: "ContractInput",
                    summary: "A draft contract, blank or from an approved quote (its lines unless lines are sent)."),
            ],
            "/api/v1/contracts/export": [
                "get": export(
                    "contracts",
                    params: [
                        query("kind", ["type": "string", "enum": ["sales", "purchase"]]), query("partnerId"), query("q"),
                        query("status", ["type": "string", "enum": ContractFlow.allStored]),
                    ],
                    summary: "The contracts list (same filters as GET /contracts) as a file: net, tax and total, dates, party, owner.")
            ],
            "/api/v1/contracts/{id}": [
                "get": show("contracts", "Contract", summary: "One contract with lines, payment plan, attachments and approval history."),
                "put": update("contracts", "Contract", input: "ContractUpdate", summary: "Change a draft contract."),
                "delete": delete("contracts", summary: "Delete a draft contract; an active one is refused (409): terminate it."),
            ],
            "/api/v1/contracts/{id}/renew": [
                "post": [
                    "tags": ["contracts"], "summary": "A draft for the next term: same party and lines, dates moved on.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["201": ["description": "The new draft.", "content": jsonContent(ref("Contract"))]],
                        errors([401, 403, 404, 409, 422])),
                ]
            ],
            "/api/v1/contracts/{id}/progress": [
                "get": [
                    "tags": ["contracts"], "summary": "Ordered, delivered, invoiced, collected; cost of goods and gross margin.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "The figures.", "content": jsonContent(ref("ContractProgress"))]],
                        errors([401, 403, 404])),
                ]
            ],
            "/api/v1/contracts/{id}/orders": [
                "post": [
                    "tags": ["contracts"],
                    "summary":
                        "Turn an active contract into a confirmed sales (purchase) order: the lines named, or everything left from one warehouse.",
                    "parameters": [idParam],
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                [],
                                [
                                    "warehouseId": nullableID, "orderDate": date,
                                    "lines": [
                                        "type": "array",
                                        "items": object(
                                            ["contractLineId", "quantity", "warehouseId"],
                                            [
                                                "contractLineId": idString,
                                                "quantity": ["type": "string", "pattern": "^[0-9]{1,6}(\\.[0-9]{1,3})?$"],
                                                "warehouseId": idString,
                                            ]),
                                    ],
                                ])),
                    ],
                    "responses": merge(
                        ["201": ["description": "The order.", "content": jsonContent(ref("Order"))]],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ]
            ],
            "/api/v1/contracts/{id}/attachments": [
                "post": upload(
                    "contracts",
                    summary:
                        "Upload a file (the body is the file; at most 5 MB; pdf, png, jpg, doc(x), xls(x), txt, matching their content).")
            ],
            "/api/v1/contracts/{id}/attachments/{aid}": [
                "get": download("contracts", summary: "Download an attachment (whoever may see the contract)."),
                "delete": [
                    "tags": ["contracts"], "summary": "Remove an attachment.",
                    "parameters": [idParam, ["name": "aid", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "responses": merge(["204": ["description": "Removed."]], errors([401, 403, 404, 409])),
                ],
            ],
            "/api/v1/payment-plans/overdue": [
                "get": [
                    "tags": ["contracts"], "summary": "Installments past due and not fully collected, oldest first.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The installments.",
                                "content": jsonContent(
                                    page(ref("OverdueInstallment"))),
                            ]
                        ],
                        errors([401, 403])),
                ]
            ],
            "/api/v1/payment-plans/{id}": [
                "get": [
                    "tags": ["contracts"], "summary": "A contract's payment plan (回款计划): installments with what is collected on each.",
                    "parameters": [idParam],
                    "responses": merge(
                        ["200": ["description": "The plan.", "content": jsonContent(ref("PaymentPlan"))]], errors([401, 403, 404])),
                ],
                "put": [
                    "tags": ["contracts"], "summary": "Replace the plan; the installments must add up to the contract's amount.",
                    "parameters": [idParam],
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["items"],
                                [
                                    "items": [
                                        "type": "array", "minItems": 1, "maxItems": 12,
                                        "items": object(
                                            ["dueDate", "amount"],
                                            [
                                                "dueDate": ["type": "string", "format": "date"],
                                                "amount": ["type": "string", "pattern": "^[1-9][0-9]{0,6}(\\.[0-9]{1,2})?$"],
                                                "note": ["type": ["string", "null"], "maxLength": 200],
                                            ]),
                                    ]
                                ])),
                    ],
                    "responses": merge(
                        ["200": ["description": "The plan.", "content": jsonContent(ref("PaymentPlan"))]],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ],
            ],
        ]
        for t in QuoteFlow.transitions.map(\.rawValue) {
            paths["/api/v1/quotes/{id}/\(t)"] = [
                "post": action(
                    "quotes", "Quote",
                    summary: [
                        "submit": "Submit: a quote with a line under the floor price goes for approval, others are approved at once.",
                        "send": "Mark as sent to the customer (needs approval first when a line is under the floor).",
                        "accept": "The customer accepted.", "decline": "The customer declined.",
                        "reopen": "Back to draft (withdraws a pending approval).",
                    ][t]!)
            ]
        }
        for t in ContractFlow.transitions.map(\.rawValue) {
            paths["/api/v1/contracts/{id}/\(t)"] = [
                "post": action(
                    "contracts", "Contract",
                    summary: [
                        "submit": "Submit for approval (the rules decide the steps); approved, it becomes active.",
                        "withdraw": "Withdraw a pending approval.",
                        "complete": "Mark an active contract completed (contracts.approve).",
                        "terminate": "Terminate an active contract with a reason (contracts.approve).",
                    ][t]!, body: t == "terminate" ? reason : nil, codes: [400, 401, 403, 404, 409, 413, 422])
            ]
        }
        _ = moneyIn
        return paths
    }

    /// The Contracts schemas.
    static func contractsSchemas() -> Object {
        let money: Object = ["type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"]
        let date: Object = ["type": ["string", "null"], "format": "date"]
        let percent: Object = ["type": ["string", "null"], "pattern": "^(100|[0-9]{1,2})(\\.[0-9]{1,2})?$"]
        let dealLine = object(
            ["productId", "quantity"],
            [
                "productId": idString, "unit": ["type": ["string", "null"], "maxLength": 10],
                "quantity": ["type": "string", "pattern": "^[1-9][0-9]{0,4}$"],
                "listPrice": ["type": ["string", "null"], "pattern": "^[0-9]{1,5}(\\.[0-9]{1,2})?$"], "discount": percent,
                "unitPrice": ["type": ["string", "null"], "pattern": "^[0-9]{1,5}(\\.[0-9]{1,2})?$"], "taxRate": percent,
            ])
        return [
            "QuoteLine": object(
                ["id", "productId", "quantity", "unitPrice", "amount"],
                [
                    "id": str, "lineNo": int, "productId": str, "unit": str, "quantity": str, "listPrice": str, "discount": str,
                    "unitPrice": str, "floorPrice": str,
                    "belowFloor": bool, "taxRate": str, "amount": money, "tax": money,
                ]),
            "Quote": object(
                ["id", "number", "status", "partnerId", "totalAmount", "amountInWords", "version"],
                [
                    "id": str, "number": str,
                    "status": ["type": "string", "enum": QuoteFlow.allStored], "expired": bool,
                    "branchId": str, "partnerId": str, "opportunityId": str, "title": str, "quoteDate": str, "validUntil": str,
                    "netAmount": money,
                    "taxAmount": money, "totalAmount": money, "amountInWords": str, "belowFloor": bool, "ownerId": str, "note": str,
                    "version": int,
                    "lines": ["type": "array", "items": ref("QuoteLine")], "approvals": ["type": "array", "items": ref("Approval")],
                ]),
            "QuoteInput": object(
                ["validUntil", "lines"],
                [
                    "partnerId": nullableID, "opportunityId": nullableID, "title": ["type": ["string", "null"], "maxLength": 200],
                    "quoteDate": date,
                    "validUntil": ["type": "string", "format": "date"], "note": ["type": ["string", "null"], "maxLength": 2000],
                    "lines": ["type": "array", "minItems": 1, "maxItems": 5, "items": dealLine],
                ]),
            "QuoteUpdate": withVersion("QuoteInput"),
            "Contract": object(
                ["id", "number", "kind", "status", "partnerId", "totalAmount", "amountInWords", "version"],
                [
                    "id": str, "number": str, "kind": ["type": "string", "enum": ["sales", "purchase"]],
                    "status": ["type": "string", "enum": ContractFlow.allStored],
                    "branchId": str, "partnerId": str,
                    "quoteId": str, "opportunityId": str, "renewalOf": str, "title": str, "signDate": str, "startDate": str, "endDate": str,
                    "renewNoticeDays": int,
                    "netAmount": money, "taxAmount": money, "totalAmount": money, "amountInWords": str, "ownerId": str, "endReason": str,
                    "note": str, "version": int,
                    "lines": [
                        "type": "array",
                        "items": object(
                            ["id", "productId", "quantity", "unitPrice", "amount"],
                            [
                                "id": str, "lineNo": int, "productId": str, "unit": str, "quantity": str, "unitPrice": str, "taxRate": str,
                                "amount": money, "tax": money,
                                "invoiced": money,
                            ]),
                    ],
                    "installments": ["type": "array", "items": ref("Installment")],
                    "attachments": ["type": "array", "items": ref("Attachment")],
                    "approvals": ["type": "array", "items": ref("Approval")],
                    "customFields": ["type": "object", "additionalProperties": ["type": "string"]],
                ]),
            "ContractInput": object(
                ["endDate"],
                [
                    "kind": ["type": "string", "enum": ["sales", "purchase"]], "partnerId": nullableID, "quoteId": nullableID,
                    "opportunityId": nullableID,
                    "title": ["type": ["string", "null"], "maxLength": 200], "signDate": date, "startDate": date,
                    "endDate": ["type": "string", "format": "date"],
                    "renewNoticeDays": ["type": ["integer", "null"], "minimum": 0, "maximum": 365],
                    "note": ["type": ["string", "null"], "maxLength": 2000],
                    "lines": ["type": "array", "maxItems": 5, "items": dealLine],
                    "customFields": ["type": "object", "maxProperties": 0],
                ]),
            "ContractUpdate": withVersion("ContractInput"),
            "ContractProgress": object(
                ["total", "ordered", "delivered", "invoiced", "collected"],
                [
                    "total": money, "ordered": money, "delivered": money, "deliveredNet": money, "invoiced": money, "collected": money,
                    "costOfGoods": money,
                    "grossMargin": money, "planned": money, "planCollected": money, "orderIds": strArray, "invoiceIds": strArray,
                ]),
            "Installment": object(
                ["id", "seq", "dueDate", "amount", "collected", "overdue"],
                [
                    "id": str, "seq": int, "dueDate": str, "amount": money, "collected": money, "overdue": bool, "note": str,
                ]),
            "PaymentPlan": object(
                ["contractId", "total", "items"],
                ["contractId": str, "total": money, "items": ["type": "array", "items": ref("Installment")]]),
            "OverdueInstallment": object(
                ["installmentId", "contractId", "number", "dueDate", "amount", "collected"],
                [
                    "installmentId": str, "contractId": str, "number": str, "partnerId": str, "seq": int, "dueDate": str, "amount": money,
                    "collected": money,
                ]),
        ]
    }
}
