import DocumentsCore
import Foundation
import Services

/// Templates, sends and opt-outs in the OpenAPI document (part of the Marketing module).
extension OpenAPI {
    static func messagePaths() -> Object {
        let recipientStates: Object = ["type": "string", "enum": MessageAPI.recipientStates]
        return [
            "/api/v1/message-templates": [
                "get": list("message-templates", "MessageTemplate", summary: "Message templates, newest first. Needs marketing.view."),
                "post": create(
                    "message-templates", "MessageTemplate", input: "MessageTemplateInput",
                    summary:
                        "A template: e-mail (subject and text) or SMS (text of at most 500 characters, and the provider's approved template id in providerTemplate, whose parameters are the text's merge fields in order), name, purpose (marketing carries the opt-out and respects it; transactional does not), subject and text with Mustache merge fields — {{name}}, {{company}}, {{event}}, {{event_time}}, {{venue}}, {{rsvp_link}}, {{unsubscribe_link}}, {{campaign}}, {{sender}} (or their Chinese names). 422 template_syntax on a field that does not parse."
                ),
            ],
            "/api/v1/message-templates/{id}": [
                "get": show("message-templates", "MessageTemplate", summary: "A template."),
                "put": update(
                    "message-templates", "MessageTemplate", input: "MessageTemplateUpdate",
                    summary: "Change a template (sends already queued keep their words)."),
            ],
            "/api/v1/message-templates/{id}/preview": [
                "get": [
                    "tags": ["message-templates"],
                    "summary":
                        "The template filled with a real recipient's data: a contact, a lead or an event's invitee (one of contactId, leadId, invitationId).",
                    "parameters": [idParam, query("contactId", idString), query("leadId", idString), query("invitationId", idString)],
                    "responses": merge(
                        [
                            "200": [
                                "description": "Subject and text.",
                                "content": jsonContent(object(["subject", "text"], ["subject": str, "text": str])),
                            ]
                        ],
                        errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/sends": [
                "get": list("sends", "Send", params: [query("eventId", idString)], summary: "Sends, newest first, each with its progress."),
                "post": [
                    "tags": ["sends"],
                    "summary":
                        "Queue a send of a template to an event's invitees (those invited or accepted unless statuses says otherwise), contacts and leads: each address once, the opted-out kept as skipped, people without an e-mail counted. tracking (e-mail only, off unless true) records opens (a one-pixel picture) and clicks (the template's own links, counted on the way). The server sends it in batches (20 a second), retries temporary refusals with back-off, never sends twice to one recipient.",
                    "requestBody": ["required": true, "content": jsonContent(ref("SendInput"))],
                    "responses": merge(
                        ["201": ["description": "Queued.", "content": jsonContent(ref("Queued"))]], errors([400, 401, 403, 409, 413, 422])),
                ],
            ],
            "/api/v1/sends/{id}": ["get": show("sends", "Send", summary: "A send and its progress.")],
            "/api/v1/sends/{id}/transitions": [
                "post": action(
                    "sends", "Send", summary: "pause (sending → paused), resume (paused → sending) or cancel (what went stays gone).",
                    body: object(["action"], ["action": ["type": "string", "enum": SendFlow.transitions.map(\.rawValue)]]),
                    codes: [400, 401, 403, 404, 409, 422])
            ],
            "/api/v1/sends/{id}/recipients": [
                "get": [
                    "tags": ["sends"],
                    "summary":
                        "Each recipient's trace: queued, sending, sent, failed (why), bounced (the mailbox does not exist: no more marketing mail to it), skipped (opted out), unknown (the server stopped while sending it: never sent again); unsubscribed when they used the link; on a send with tracking, when first opened and clicked and how many clicks.",
                    "parameters": [
                        idParam, query("status", recipientStates), query("limit", ["type": "integer", "minimum": 1, "maximum": 200]),
                        query("cursor"),
                    ],
                    "responses": merge(
                        ["200": ["description": "The recipients.", "content": jsonContent(page(ref("SendRecipient")))]],
                        errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/opt-outs": [
                "get": list(
                    "opt-outs", "OptOut",
                    params: [query("channel", ["type": "string", "enum": MessageService.Channel.allCases.map(\.rawValue)])],
                    summary: "Who asked to hear no more marketing, per channel (never per list)."),
                "post": create(
                    "opt-outs", "OptOut", input: "OptOutInput", summary: "Record an opt-out asked another way (on the phone, by letter)."),
            ],
            "/api/v1/opt-outs/{id}": ["delete": delete("opt-outs", summary: "Take an opt-out back, when the person asks to hear again.")],
        ]
    }

    static func messageSchemas() -> Object {
        let channels = MessageService.Channel.allCases.map(\.rawValue), purposes = MessageService.Purpose.allCases.map(\.rawValue)
        let count: Object = ["type": "integer", "minimum": 0]
        return [
            "MessageTemplate": object(
                ["id", "name", "channel", "purpose", "body", "version"],
                [
                    "id": str, "name": str, "channel": ["type": "string", "enum": channels],
                    "purpose": ["type": "string", "enum": purposes],
                    "subject": nullableStr, "body": str, "providerTemplate": nullableStr, "version": int, "updatedAt": dateTime,
                ]),
            "MessageTemplateInput": object(
                ["name", "body"],
                [
                    "name": name, "channel": ["type": ["string", "null"], "enum": channels.map { $0 as Any } + [NSNull()]],
                    "purpose": ["type": ["string", "null"], "enum": purposes.map { $0 as Any } + [NSNull()]],
                    "subject": ["type": ["string", "null"], "maxLength": 200, "pattern": "^[^{}]*\\S[^{}]*$"],
                    "body": ["type": "string", "minLength": 1, "maxLength": 500, "pattern": "^[^{}]*\\S[^{}]*$"],
                    "providerTemplate": ["type": ["string", "null"], "pattern": "^[A-Za-z0-9._-]{1,64}$"],
                ]),
            "MessageTemplateUpdate": withVersion("MessageTemplateInput"),
            "Send": object(
                ["id", "templateId", "channel", "purpose", "status", "progress"],
                [
                    "id": str, "templateId": str, "campaignId": nullableStr, "eventId": nullableStr, "channel": str, "purpose": str,
                    "status": ["type": "string", "enum": SendFlow.allStored], "subject": nullableStr, "createdAt": dateTime,
                    "finishedAt": dateTime,
                    "progress": ["type": "object", "additionalProperties": count], "segmentId": nullableStr, "triggerId": nullableStr,
                    "tracking": bool,
                ]),
            "SendInput": object(
                ["templateId"],
                [
                    "templateId": idString, "eventId": nullableID,
                    "statuses": ["type": ["array", "null"], "items": ["type": "string", "enum": InvitationFlow.allStored]],
                    "contactIds": ["type": ["array", "null"], "items": idString, "maxItems": 5000],
                    "leadIds": ["type": ["array", "null"], "items": idString, "maxItems": 5000], "segmentId": nullableID,
                    "tracking": ["type": ["boolean", "null"]],
                ]),
            "Queued": object(
                ["send", "queued", "skipped", "noAddress"], ["send": ref("Send"), "queued": count, "skipped": count, "noAddress": count]),
            "SendRecipient": object(
                ["id", "address", "name", "status", "attempts"],
                [
                    "id": str, "address": str, "name": str, "contactId": nullableStr, "leadId": nullableStr, "invitationId": nullableStr,
                    "status": ["type": "string", "enum": MessageAPI.recipientStates], "attempts": count, "error": nullableStr,
                    "sentAt": dateTime, "unsubscribedAt": dateTime, "openedAt": dateTime, "clickedAt": dateTime, "clicks": count,
                ]),
            "OptOut": object(
                ["id", "channel", "address", "purpose", "source"],
                ["id": str, "channel": str, "address": str, "purpose": str, "source": str, "createdAt": dateTime]),
            "OptOutInput": object(
                ["address"],
                [
                    "channel": ["type": ["string", "null"], "enum": channels.map { $0 as Any } + [NSNull()]],
                    "address": [
                        "type": "string", "maxLength": 254, "description": "An e-mail address, or a mainland mobile number for sms.",
                    ],
                ]),
        ]
    }
}
