import DocumentsCore
import Foundation

/// Order to cash in the OpenAPI document: approvals, quotes, contracts, payment plans, invoices,
/// collections, payments, receivables and payables.
extension OpenAPI {
    static func financePaths() -> Object {
        let moneyIn: Object = ["type": ["string", "null"], "pattern": "^[0-9]{1,9}(\\.[0-9]{1,2})?$"]
        let date: Object = ["type": ["string", "null"], "format": "date"]
        let reason: Object = object([], ["reason": ["type": ["string", "null"], "maxLength": 500]])
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
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("ApprovalRule")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
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
                "post": [
                    "tags": ["contracts"],
                    "summary":
                        "Upload a file (the body is the file; at most 5 MB; pdf, png, jpg, doc(x), xls(x), txt, matching their content).",
                    "parameters": [
                        idParam,
                        [
                            "name": "fileName", "in": "query", "required": true,
                            "schema": ["type": "string", "minLength": 1, "maxLength": 120],
                        ],
                    ],
                    "requestBody": [
                        "required": true, "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]],
                    ],
                    "responses": merge(
                        ["201": ["description": "Kept.", "content": jsonContent(ref("Attachment"))]],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ]
            ],
            "/api/v1/contracts/{id}/attachments/{aid}": [
                "get": [
                    "tags": ["contracts"], "summary": "Download an attachment (whoever may see the contract).",
                    "parameters": [idParam, ["name": "aid", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The file.",
                                "content": Dictionary(
                                    uniqueKeysWithValues: [
                                        "application/pdf", "image/png", "image/jpeg", "text/plain", "application/msword",
                                        "application/vnd.ms-excel",
                                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    ].map { ($0, ["schema": ["type": "string", "format": "binary"]] as Object) }),
                            ]
                        ],
                        errors([401, 403, 404])),
                ],
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
                                    object(
                                        ["items", "nextCursor"],
                                        [
                                            "items": ["type": "array", "items": ref("OverdueInstallment")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
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
            "/api/v1/invoices": [
                "get": list(
                    "finance", "Invoice",
                    params: [query("side", ["type": "string", "enum": ["sales", "purchase"]]), query("partnerId"), query("contractId")],
                    summary: "Invoices in the caller's scope, newest first."),
                "post": create(
                    "finance", "Invoice", input: "InvoiceInput",
                    summary:
                        "Issue a sales invoice (or record a purchase invoice) against delivered lines, whole deliveries, or contract lines; never beyond what was delivered or contracted."
                ),
            ],
            "/api/v1/invoices/{id}": ["get": show("finance", "Invoice", summary: "One invoice with its lines and what is open on it.")],
            "/api/v1/invoices/{id}/cancel": [
                "post": action("finance", "Invoice", summary: "Cancel an invoice nothing is settled on; what it billed is open again.")
            ],
            "/api/v1/receivables": [
                "get": ageing(
                    "Receivables: open items per customer, document or product, aged 0-30, 31-60, 61-90, over 90 days by document date.")
            ],
            "/api/v1/payables": ["get": ageing("Payables: open items per supplier, document or product, aged by document date.")],
        ]
        for (path, label) in [("collections", "collection (收款) from a customer"), ("payments", "payment (付款) to a supplier")] {
            paths["/api/v1/\(path)"] = [
                "get": list(
                    "finance", "Payment", params: [query("partnerId"), query("contractId")], summary: "Every \(label), newest first."),
                "post": create(
                    "finance", "Payment", input: "PaymentInput",
                    summary:
                        "Record a \(label) and settle it by document (named invoices or deliveries, else oldest first), by product, or not yet (mode none: a credit)."
                ),
            ]
            paths["/api/v1/\(path)/{id}"] = ["get": show("finance", "Payment", summary: "One \(label) with what it settled.")]
            paths["/api/v1/\(path)/{id}/settle"] = [
                "post": action(
                    "finance", "Payment", summary: "Apply what is not yet applied.",
                    body: object(
                        [],
                        [
                            "mode": ["type": "string", "enum": ["document", "product"]],
                            "targets": ["type": "array", "maxItems": 5, "items": ref("SettleTarget")],
                        ]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ]
            paths["/api/v1/\(path)/{id}/cancel"] = [
                "post": action("finance", "Payment", summary: "Cancel: its settlements and installment allocations are undone.")
            ]
        }
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

    static func ageing(_ summary: String) -> Object {
        [
            "tags": ["finance"], "summary": summary,
            "parameters": [
                query("groupBy", ["type": "string", "enum": ["partner", "document", "product"]]), query("partnerId"), query("branchId"),
                query("asOf", ["type": "string", "format": "date"]),
            ],
            "responses": merge(["200": ["description": "The report.", "content": jsonContent(ref("Ageing"))]], errors([400, 401, 403])),
        ]
    }

    static func financeSchemas() -> Object {
        let money: Object = ["type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"]
        let moneyIn: Object = ["type": ["string", "null"], "pattern": "^[1-9][0-9]{0,6}(\\.[0-9]{1,2})?$"]
        let date: Object = ["type": ["string", "null"], "format": "date"]
        let percent: Object = ["type": ["string", "null"], "pattern": "^(100|[0-9]{1,2})(\\.[0-9]{1,2})?$"]
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
        let dealLine = object(
            ["productId", "quantity"],
            [
                "productId": idString, "unit": ["type": ["string", "null"], "maxLength": 10],
                "quantity": ["type": "string", "pattern": "^[1-9][0-9]{0,4}$"],
                "listPrice": ["type": ["string", "null"], "pattern": "^[0-9]{1,5}(\\.[0-9]{1,2})?$"], "discount": percent,
                "unitPrice": ["type": ["string", "null"], "pattern": "^[0-9]{1,5}(\\.[0-9]{1,2})?$"], "taxRate": percent,
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
                    "lines": ["type": "array", "items": ref("QuoteLine")], "approvals": ["type": "array", "items": approvalRound],
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
                    "approvals": ["type": "array", "items": approvalRound],
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
                ]),
            "ContractUpdate": withVersion("ContractInput"),
            "ContractProgress": object(
                ["total", "ordered", "delivered", "invoiced", "collected", "costOfGoods", "grossMargin"],
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
            "Attachment": object(
                ["id", "fileName", "contentType", "size"],
                ["id": str, "fileName": str, "contentType": str, "size": int, "createdAt": dateTime]),
            "Invoice": object(
                ["id", "number", "side", "kind", "status", "partnerId", "totalAmount", "version"],
                [
                    "id": str, "number": str, "side": ["type": "string", "enum": ["sales", "purchase"]],
                    "kind": ["type": "string", "enum": ["ordinary", "special"]],
                    "invoiceNo": str, "status": ["type": "string", "enum": InvoiceFlow.allStored], "branchId": str, "partnerId": str,
                    "contractId": str,
                    "invoiceDate": str, "netAmount": money, "taxAmount": money, "totalAmount": money, "amountInWords": str, "open": money,
                    "note": str, "version": int,
                    "lines": [
                        "type": "array",
                        "items": object(
                            ["id", "productId", "amount"],
                            [
                                "id": str, "lineNo": int, "productId": str, "stockLineId": str, "contractLineId": str, "quantity": str,
                                "taxRate": str, "amount": money,
                                "tax": money,
                            ]),
                    ],
                ]),
            "InvoiceInput": object(
                ["partnerId"],
                [
                    "side": ["type": "string", "enum": ["sales", "purchase"]],
                    "kind": ["type": "string", "enum": ["ordinary", "special"]],
                    "invoiceNo": ["type": ["string", "null"], "pattern": "^[0-9]{8,20}$"], "partnerId": idString, "contractId": nullableID,
                    "invoiceDate": date,
                    "note": ["type": ["string", "null"], "maxLength": 1000],
                    "lines": [
                        "type": "array", "maxItems": 5,
                        "items": object([], ["stockLineId": nullableID, "contractLineId": nullableID, "amount": moneyIn]),
                    ],
                    "stockDocumentIds": ["type": "array", "maxItems": 5, "items": idString],
                ]),
            "Payment": object(
                ["id", "number", "direction", "status", "partnerId", "amount", "applied", "unapplied", "version"],
                [
                    "id": str, "number": str, "direction": ["type": "string", "enum": ["in", "out"]],
                    "status": ["type": "string", "enum": PaymentFlow.allStored],
                    "branchId": str, "partnerId": str, "contractId": str, "paymentDate": str, "amount": money, "applied": money,
                    "unapplied": money,
                    "method": ["type": "string", "enum": ["bank", "cash", "wechat", "alipay", "draft", "other"]], "reference": str,
                    "note": str, "version": int,
                    "settlements": [
                        "type": "array",
                        "items": object(
                            ["itemId", "docNumber", "amount"], ["itemId": str, "docNumber": str, "productId": str, "amount": money]),
                    ],
                    "installments": [
                        "type": "array", "items": object(["installmentId", "amount"], ["installmentId": str, "amount": money]),
                    ],
                ]),
            "PaymentInput": object(
                ["partnerId", "amount"],
                [
                    "partnerId": idString, "contractId": nullableID, "paymentDate": date,
                    "amount": ["type": "string", "pattern": "^[1-9][0-9]{0,6}(\\.[0-9]{1,2})?$"],
                    "method": ["type": "string", "enum": ["bank", "cash", "wechat", "alipay", "draft", "other"]],
                    "reference": ["type": ["string", "null"], "maxLength": 100],
                    "note": ["type": ["string", "null"], "maxLength": 1000],
                    "mode": ["type": "string", "enum": ["document", "product", "none"]],
                    "targets": ["type": "array", "maxItems": 5, "items": ref("SettleTarget")],
                ]),
            "SettleTarget": object(
                [], ["invoiceId": nullableID, "stockDocumentId": nullableID, "productId": nullableID, "amount": moneyIn]),
            "Ageing": object(
                ["asOf", "items", "total", "credit"],
                [
                    "asOf": str, "credit": money, "total": ref("AgeingRow"), "items": ["type": "array", "items": ref("AgeingRow")],
                ]),
            "AgeingRow": object(
                ["open", "d0to30", "d31to60", "d61to90", "over90"],
                [
                    "partnerId": str, "document": str, "productId": str, "docDate": str, "open": money, "d0to30": money, "d31to60": money,
                    "d61to90": money,
                    "over90": money, "credit": money,
                ]),
        ]
    }
}
