import DocumentsCore
import Foundation
import Services

/// Events, invitations and check-ins in the OpenAPI document (part of the Marketing module).
extension OpenAPI {
    static func eventPaths() -> Object {
        let invitationCodes = [400, 401, 403, 404, 409, 422]
        return [
            "/api/v1/events": [
                "get": list(
                    "events", "Event", params: [query("campaignId", idString)],
                    summary: "Events, latest first; of one campaign with campaignId. Needs marketing.view."),
                "post": create(
                    "events", "Event", input: "EventInput",
                    summary:
                        "Plan an event of a campaign being planned or run (409 campaign_closed otherwise): name, venue, start and end (ISO 8601; without a zone, China time), seats (0 for no limit), agenda. Needs marketing.edit within reach of the campaign."
                ),
            ],
            "/api/v1/events/{id}": [
                "get": [
                    "tags": ["events"],
                    "summary":
                        "An event with the door's figures (invited, accepted, declined, checked in, walk-ins, no-shows once it is over, show-up rate) and what it brought in the `days` after its start (default 90): walk-in leads, and among the customers of those who came the opportunities opened, contracts signed and money received; the campaign's cost per attendee.",
                    "parameters": [idParam, query("days", ["type": "integer", "minimum": 1, "maximum": 366])],
                    "responses": merge(
                        ["200": ["description": "The event.", "content": jsonContent(ref("EventDetails"))]], errors([400, 401, 403, 404])),
                ],
                "put": update("events", "Event", input: "EventUpdate", summary: "Change an event of a campaign being planned or run."),
            ],
            "/api/v1/events/{id}/invitations": [
                "get": [
                    "tags": ["invitations"],
                    "summary":
                        "An event's invitations (and walk-ins), in the order they were made; q finds by name, company, phone or ticket code.",
                    "parameters": [idParam]
                        + [
                            query("status", ["type": "string", "enum": InvitationFlow.allStored]), query("q"),
                            query("limit", ["type": "integer", "minimum": 1, "maximum": 200]), query("cursor"),
                        ],
                    "responses": merge(
                        ["200": ["description": "The invitations.", "content": jsonContent(page(ref("Invitation")))]],
                        errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/events/{id}/walk-ins": [
                "post": [
                    "tags": ["checkins"],
                    "summary":
                        "Someone who came without an invitation: becomes a lead of the event's campaign (assigned by the round-robin rules, else in the pool) and is checked in. A phone or an e-mail is needed. Needs marketing.edit and leads.create.",
                    "parameters": [idParam],
                    "requestBody": ["required": true, "content": jsonContent(ref("WalkInInput"))],
                    "responses": merge(
                        ["201": ["description": "Checked in.", "content": jsonContent(ref("Invitation"))]],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ]
            ],
            "/api/v1/invitations": [
                "post": [
                    "tags": ["invitations"],
                    "summary":
                        "Invite contacts of customers and leads the caller can see to an event (anyone invited already is skipped and counted). Each invitation has its own RSVP page (rsvpPath, no sign-in) and a ticket code. An id not found refuses the whole request on its field.",
                    "requestBody": ["required": true, "content": jsonContent(ref("InvitationInput"))],
                    "responses": merge(
                        ["201": ["description": "Invited.", "content": jsonContent(ref("Invited"))]],
                        errors([400, 401, 403, 409, 413, 422])),
                ]
            ],
            "/api/v1/invitations/{id}/transitions": [
                "post": action(
                    "invitations", "Invitation",
                    summary:
                        "Record an answer taken on the invitee's behalf: accept (refused with 409 event_full when the seats are taken) or decline.",
                    body: object(["action"], ["action": ["type": "string", "enum": ["accept", "decline"]]]), codes: invitationCodes)
            ],
            "/api/v1/checkins": [
                "post": [
                    "tags": ["checkins"],
                    "summary":
                        "Check in at an event by ticket code (as scanned or typed; case, spaces and dashes do not matter) or by invitation id. 422 on code for a ticket not known, 409 wrong_event for another event's ticket, 409 already_checked_in (with the time).",
                    "requestBody": ["required": true, "content": jsonContent(ref("CheckInInput"))],
                    "responses": merge(
                        ["201": ["description": "Checked in.", "content": jsonContent(ref("Invitation"))]],
                        errors([400, 401, 403, 409, 413, 422])),
                ]
            ],
            "/api/v1/checkins/{id}": [
                "delete": action(
                    "checkins", "Invitation",
                    summary: "Undo the check-in of an invitation (by its id): back to accepted. A walk-in's stays (409).",
                    codes: [401, 403, 404, 409, 422])
            ],
        ]
    }

    static func eventSchemas() -> Object {
        let money: Object = ["type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"]
        let count: Object = ["type": "integer", "minimum": 0]
        let moment: Object = ["type": "string", "pattern": "^2026-1[12]-[0-2][1-9]T[01][0-9]:[0-5][0-9]$"]
        let phone: Object = ["type": ["string", "null"], "pattern": "^[0-9+ -]{7,20}$"]
        return [
            "Event": object(
                ["id", "campaignId", "name", "startsAt", "capacity", "version"],
                [
                    "id": str, "campaignId": str, "name": str, "venue": nullableStr, "startsAt": dateTime,
                    "endsAt": ["type": ["string", "null"], "format": "date-time"], "capacity": count, "agenda": nullableStr, "version": int,
                    "createdAt": dateTime,
                ]),
            "EventInput": object(
                ["campaignId", "name", "startsAt"],
                [
                    "campaignId": idString, "name": name, "venue": ["type": ["string", "null"], "maxLength": 200], "startsAt": moment,
                    "endsAt": ["type": ["string", "null"], "pattern": "^2026-12-31T2[0-3]:[0-5][0-9]$"],
                    "capacity": ["type": ["integer", "null"], "minimum": 0, "maximum": 100_000_000],
                    "agenda": ["type": ["string", "null"], "maxLength": 4000],
                ]),
            "EventUpdate": withVersion("EventInput"),
            "EventDetails": object(
                ["event", "counts", "outcome"],
                [
                    "event": ref("Event"),
                    "counts": object(
                        ["invited", "accepted", "declined", "checkedIn", "walkIns", "noShows"],
                        [
                            "invited": count, "accepted": count, "declined": count, "checkedIn": count, "walkIns": count, "noShows": count,
                            "showUpRate": ["type": ["string", "null"], "pattern": "^[0-9]+\\.[0-9]$"],
                        ]),
                    "outcome": object(
                        ["days", "walkInLeads", "opportunities", "contracts", "contractAmount", "collected"],
                        [
                            "days": count, "walkInLeads": count, "opportunities": count, "contracts": count, "contractAmount": money,
                            "collected": money, "costPerAttendee": ["type": ["string", "null"], "pattern": "^-?[0-9]+\\.[0-9]{2}$"],
                        ]),
                ]),
            "Invitation": object(
                ["id", "eventId", "name", "status", "walkIn", "rsvpPath", "ticket"],
                [
                    "id": str, "eventId": str, "contactId": nullableStr, "leadId": nullableStr, "customerId": nullableStr, "name": str,
                    "company": nullableStr, "phone": nullableStr, "email": nullableStr,
                    "status": ["type": "string", "enum": InvitationFlow.allStored], "walkIn": bool, "rsvpPath": str,
                    "ticket": ["type": "string", "pattern": "^[2-9A-HJ-NP-Z]{10}$"], "respondedAt": dateTime, "checkedInAt": dateTime,
                    "createdAt": dateTime,
                ]),
            "InvitationInput": object(
                ["eventId"],
                [
                    "eventId": idString, "contactIds": ["type": ["array", "null"], "items": idString, "maxItems": 5000],
                    "leadIds": ["type": ["array", "null"], "items": idString, "maxItems": 5000], "segmentId": nullableID,
                ]),
            "Invited": object(["items", "skipped"], ["items": ["type": "array", "items": ref("Invitation")], "skipped": count]),
            "CheckInInput": object(
                ["eventId"],
                [
                    "eventId": idString, "code": ["type": ["string", "null"], "maxLength": 40], "invitationId": nullableID,
                ]),
            "WalkInInput": object(
                ["name"],
                [
                    "name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"],
                    "company": ["type": ["string", "null"], "maxLength": 100], "phone": phone,
                    "email": ["type": ["string", "null"], "format": "email"],
                ]),
        ]
    }
}
