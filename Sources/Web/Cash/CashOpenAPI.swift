import DocumentsCore
import Foundation

/// The Cash module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The Cash operations of /api/v1.
    static func cashPaths() -> Object {
        var paths: Object = [
            "/api/v1/invoices": [
                "get": list(
                    "cash", "Invoice",
                    params: [query("side", ["type": "string", "enum": ["sales", "purchase"]]), query("partnerId"), query("contractId")],
                    summary: "Invoices in the caller's scope, newest first."),
                "post": create(
                    "cash", "Invoice", input: "InvoiceInput",
                    summary:
                        "Issue a sales invoice (or record a purchase invoice) against delivered lines, whole deliveries, or contract lines; never beyond what was delivered or contracted."
                ),
            ],
            "/api/v1/invoices/{id}": ["get": show("cash", "Invoice", summary: "One invoice with its lines and what is open on it.")],
            "/api/v1/invoices/{id}/cancel": [
                "post": action("cash", "Invoice", summary: "Cancel an invoice nothing is settled on; what it billed is open again.")
            ],
            "/api/v1/receivables": [
                "get": ageing(
                    "Receivables: open items per customer, document or product, aged 0-30, 31-60, 61-90, over 90 days by document date.")
            ],
            "/api/v1/payables": ["get": ageing("Payables: open items per supplier, document or product, aged by document date.")],
            "/api/v1/receivables/export": [
                "get": export(
                    "cash",
                    params: [
                        query("groupBy", ["type": "string", "enum": ["partner", "document", "product"]]), query("partnerId"),
                        query("branchId"),
                        query("asOf", ["type": "string", "format": "date"]),
                    ],
                    summary: "The receivables ageing (same filters as GET /receivables) as a file, with its total row.")
            ],
            "/api/v1/payables/export": [
                "get": export(
                    "cash",
                    params: [
                        query("groupBy", ["type": "string", "enum": ["partner", "document", "product"]]), query("partnerId"),
                        query("branchId"),
                        query("asOf", ["type": "string", "format": "date"]),
                    ],
                    summary: "The payables ageing (same filters as GET /payables) as a file, with its total row.")
            ],
        ]
        for (path, label) in [("collections", "collection (收款) from a customer"), ("payments", "payment (付款) to a supplier")] {
            paths["/api/v1/\(path)"] = [
                "get": list(
                    "cash", "Payment", params: [query("partnerId"), query("contractId")], summary: "Every \(label), newest first."),
                "post": create(
                    "cash", "Payment", input: "PaymentInput",
                    summary:
                        "Record a \(label) and settle it by document (named invoices or deliveries, else oldest first), by product, or not yet (mode none: a credit)."
                ),
            ]
            paths["/api/v1/\(path)/{id}"] = ["get": show("cash", "Payment", summary: "One \(label) with what it settled.")]
            paths["/api/v1/\(path)/{id}/settle"] = [
                "post": action(
                    "cash", "Payment", summary: "Apply what is not yet applied.",
                    body: object(
                        [],
                        [
                            "mode": ["type": "string", "enum": ["document", "product"]],
                            "targets": ["type": "array", "maxItems": 5, "items": ref("SettleTarget")],
                        ]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ]
            paths["/api/v1/\(path)/{id}/cancel"] = [
                "post": action("cash", "Payment", summary: "Cancel: its settlements and installment allocations are undone.")
            ]
        }
        return paths
    }

    /// The Cash schemas.
    static func cashSchemas() -> Object {
        let money: Object = ["type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"]
        let moneyIn: Object = ["type": ["string", "null"], "pattern": "^[1-9][0-9]{0,6}(\\.[0-9]{1,2})?$"]
        let date: Object = ["type": ["string", "null"], "format": "date"]
        return [
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
                [],
                [
                    "invoiceId": nullableID, "stockDocumentId": nullableID, "openingId": nullableID, "productId": nullableID,
                    "amount": moneyIn,
                ]),
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

    static func ageing(_ summary: String) -> Object {
        [
            "tags": ["cash"], "summary": summary,
            "parameters": [
                query("groupBy", ["type": "string", "enum": ["partner", "document", "product"]]), query("partnerId"), query("branchId"),
                query("asOf", ["type": "string", "format": "date"]),
            ],
            "responses": merge(["200": ["description": "The report.", "content": jsonContent(ref("Ageing"))]], errors([400, 401, 403])),
        ]
    }
}
