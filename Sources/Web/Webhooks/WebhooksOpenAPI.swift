import Foundation

/// The Webhooks module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    static func webhooksPaths() -> Object {
        let deliveryParam: Object = ["name": "delivery", "in": "path", "required": true, "schema": idString]
        return [
            "/api/v1/webhooks": [
                "get": list(
                    "webhooks", "WebhookSubscription", summary: "Webhook subscriptions (the secret only to those with webhooks.edit)."),
                "post": create(
                    "webhooks", "WebhookSubscription", input: "WebhookSubscriptionInput",
                    summary:
                        "Subscribe a URL to events (customer.created, stock_document.posted, contract.*, *). The answer carries the signing secret (whsec_…). Each delivery is a POST of {type, timestamp, data} with webhook-id, webhook-timestamp and webhook-signature (v1, HMAC-SHA256 of id.timestamp.body) headers; failures are retried for about a day, then the subscription is turned off. Private and loopback addresses are refused unless the webhooks.allow_private setting is true."
                ),
            ],
            "/api/v1/webhooks/{id}": [
                "get": show("webhooks", "WebhookSubscription", summary: "One subscription."),
                "put": update(
                    "webhooks", "WebhookSubscription", input: "WebhookSubscriptionUpdate",
                    summary: "Change the URL, events or description, or turn it off or back on (active)."),
                "delete": delete("webhooks", summary: "Remove a subscription and its delivery log."),
            ],
            "/api/v1/webhooks/{id}/deliveries": [
                "get": [
                    "tags": ["webhooks"],
                    "summary": "The subscription's deliveries, newest first: status, attempts, response code and time.",
                    "parameters": [idParam] + pagingParams,
                    "responses": merge(
                        ["200": ["description": "A page of deliveries.", "content": jsonContent(page(ref("WebhookDelivery")))]],
                        errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/webhooks/{id}/deliveries/{delivery}/replay": [
                "post": [
                    "tags": ["webhooks"], "summary": "Send a delivery's event again, now (same webhook-id).",
                    "parameters": [idParam, deliveryParam],
                    "responses": merge(
                        ["201": ["description": "The new delivery.", "content": jsonContent(ref("WebhookDelivery"))]],
                        errors([401, 403, 404, 409])),
                ]
            ],
        ]
    }

    static func webhooksSchemas() -> Object {
        let pattern: Object = ["type": "string", "pattern": "^(\\*|[a-z_]+\\.(\\*|[a-z_]+))$"]
        return [
            "WebhookSubscription": object(
                ["id", "url", "events", "active", "version"],
                [
                    "id": str, "url": str, "description": nullableStr, "events": ["type": "array", "items": str],
                    "secret": ["type": ["string", "null"]], "active": bool, "disabledReason": nullableStr,
                    "disabledAt": ["type": ["string", "null"], "format": "date-time"], "version": int, "createdAt": dateTime,
                ]),
            "WebhookSubscriptionInput": object(
                ["url", "events"],
                [
                    "url": ["type": "string", "format": "uri", "pattern": "^https?://", "maxLength": 2000],
                    "description": ["type": ["string", "null"], "maxLength": 200],
                    "events": ["type": "array", "minItems": 1, "maxItems": 50, "items": pattern], "active": bool,
                ]),
            "WebhookSubscriptionUpdate": withVersion("WebhookSubscriptionInput"),
            "WebhookDelivery": object(
                ["id", "eventId", "status", "attempts"],
                [
                    "id": str, "eventId": str, "replayOf": nullableStr,
                    "status": ["type": "string", "enum": ["pending", "succeeded", "failed"]], "attempts": int,
                    "nextAttemptAt": ["type": ["string", "null"], "format": "date-time"],
                    "lastAttemptAt": ["type": ["string", "null"], "format": "date-time"], "responseCode": ["type": ["integer", "null"]],
                    "responseBody": nullableStr, "error": nullableStr, "durationMs": ["type": ["integer", "null"]], "createdAt": dateTime,
                ]),
        ]
    }
}
