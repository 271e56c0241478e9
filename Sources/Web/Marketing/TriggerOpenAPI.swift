import Foundation
import Services

/// Message triggers in the OpenAPI document (part of the Marketing module).
extension OpenAPI {
    static func triggerPaths() -> Object {
        [
            "/api/v1/message-triggers": [
                "get": listing(
                    "message-triggers", summary: "The messages the calendar sends. Needs marketing.view.", item: ref("MessageTrigger")),
                "post": create(
                    "message-triggers", "MessageTrigger", input: "MessageTriggerInput",
                    summary:
                        "A trigger: birthday (to every contact born on the day, days 0), event_reminder (to those who accepted an event starting in days, 0–60, 1 unless given) or quote_followup (to the customer's primary contact of a quote still sent, dated days ago, 1–60, 3 unless given), through a template. Triggers run once a day from 09:00 China time; each occasion is sent once."
                ),
            ],
            "/api/v1/message-triggers/{id}": [
                "get": show("message-triggers", "MessageTrigger", summary: "A trigger with the latest occasions it fired for."),
                "put": update(
                    "message-triggers", "MessageTrigger", input: "MessageTriggerUpdate",
                    summary: "Change a trigger's template, days or whether it is on (its kind stays)."),
            ],
        ]
    }

    static func triggerSchemas() -> Object {
        let input: Object = object(
            ["kind", "templateId"],
            [
                "kind": ["type": "string", "enum": TriggerService.Kind.allCases.map(\.rawValue)], "templateId": idString,
                "days": ["type": ["integer", "null"], "minimum": 0, "maximum": 60], "enabled": ["type": ["boolean", "null"]],
            ])
        return [
            "MessageTrigger": object(
                ["id", "kind", "templateId", "days", "enabled", "version"],
                [
                    "id": str, "kind": ["type": "string", "enum": TriggerService.Kind.allCases.map(\.rawValue)], "templateId": str,
                    "days": int, "enabled": bool, "lastRun": ["type": ["string", "null"], "format": "date"], "version": int,
                    "firings": [
                        "type": ["array", "null"],
                        "items": object(["occasion"], ["occasion": str, "sendId": nullableStr, "firedAt": dateTime]),
                    ],
                ]),
            "MessageTriggerInput": input,
            "MessageTriggerUpdate": withVersion("MessageTriggerInput"),
        ]
    }
}
