import DocumentsCore
import Foundation
import Services

/// The Marketing module in the OpenAPI document.
extension OpenAPI {
    static func marketingPaths() -> Object {
        eventPaths().merging(messagePaths()) { a, _ in a }.merging(segmentPaths()) { a, _ in a }.merging(materialPaths()) { a, _ in a }
            .merging(triggerPaths()) { a, _ in a }
            .merging([
                "/api/v1/campaigns": [
                    "get": list(
                        "campaigns", "Campaign",
                        params: [query("status", ["type": "string", "enum": CampaignFlow.allStored]), query("q")],
                        summary: "Campaigns, latest start first; all of the company's to anyone with marketing.view."),
                    "post": create(
                        "campaigns", "Campaign", input: "CampaignInput",
                        summary:
                            "Plan a campaign (status planning): code, name, kind, channel, dates, budget, expected leads and revenue; the owner defaults to the caller. Needs marketing.create."
                    ),
                ],
                "/api/v1/campaigns/export": [
                    "get": export(
                        "campaigns", params: [query("status", ["type": "string", "enum": CampaignFlow.allStored]), query("q")],
                        summary: "The campaigns list (same filters as GET /campaigns) as a file, with what each has spent.")
                ],
                "/api/v1/campaigns/{id}": [
                    "get": show(
                        "campaigns", "CampaignDetails",
                        summary:
                            "A campaign and what it brought: leads (converted), new customers, opportunities (won, amount), contracts signed (amount), money collected on them, cost, and the return on investment three ways ((return − cost) / cost, per cent)."
                    ),
                    "put": update(
                        "campaigns", "Campaign", input: "CampaignUpdate",
                        summary: "Change a campaign being planned or run (409 campaign_closed otherwise), with the version read."),
                ],
                "/api/v1/campaigns/{id}/transitions": [
                    "post": [
                        "tags": ["campaigns"],
                        "summary":
                            "start (planning → active), complete (active → completed), cancel (planning or active → cancelled) or reopen (cancelled → planning).",
                        "parameters": [idParam],
                        "requestBody": ["required": true, "content": jsonContent(ref("CampaignTransition"))],
                        "responses": merge(
                            ["200": ["description": "The campaign in its new state.", "content": jsonContent(ref("Campaign"))]],
                            errors([400, 401, 403, 404, 409, 422])),
                    ]
                ],
                "/api/v1/campaign-costs": [
                    "get": [
                        "tags": ["campaign-costs"], "summary": "A campaign's cost lines, by date (campaignId required).",
                        "parameters": [query("campaignId", idString)],
                        "responses": merge(
                            ["200": ["description": "The cost lines.", "content": jsonContent(page(ref("CampaignCost")))]],
                            errors([400, 401, 403, 404, 422])),
                    ],
                    "post": create(
                        "campaign-costs", "CampaignCost", input: "CampaignCostInput",
                        summary:
                            "Add a cost to a campaign not cancelled: a bill (amount, supplier, channel) or an approved or paid expense claim (its total unless an amount is given; a claim counts for one campaign only, 409 claim_counted). Needs marketing.edit."
                    ),
                ],
                "/api/v1/campaign-costs/{id}": [
                    "delete": delete("campaign-costs", summary: "Take a cost line away (its claim is free to count elsewhere).")
                ],
            ]) { a, _ in a }
    }

    static func marketingSchemas() -> Object {
        let money: Object = ["type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"]
        let moneyIn: Object = ["type": ["string", "null"], "pattern": "^[0-9]{1,9}(\\.[0-9]{1,2})?$"]
        let date: Object = ["type": "string", "format": "date"]
        let roi: Object = ["type": ["string", "null"], "pattern": "^-?[0-9]+\\.[0-9]$"]
        let count: Object = ["type": "integer", "minimum": 0]
        let kinds = CampaignService.Kind.allCases.map(\.rawValue)
        return eventSchemas().merging(messageSchemas()) { a, _ in a }.merging(segmentSchemas()) { a, _ in a }.merging(materialSchemas()) {
            a, _ in a
        }.merging([
            "Campaign": object(
                ["id", "code", "name", "kind", "status", "branchId", "startsOn", "budget", "expectedLeads", "expectedRevenue", "version"],
                [
                    "id": str, "code": str, "name": str, "kind": ["type": "string", "enum": kinds], "channel": nullableStr,
                    "status": ["type": "string", "enum": CampaignFlow.allStored], "ownerId": nullableStr, "branchId": str, "startsOn": date,
                    "endsOn": ["type": ["string", "null"], "format": "date"], "budget": money, "expectedLeads": count,
                    "expectedRevenue": money, "description": nullableStr, "version": int, "createdAt": dateTime,
                ]),
            "CampaignInput": object(
                ["code", "name", "startsOn"],
                [
                    "code": code, "name": name, "kind": ["type": ["string", "null"], "enum": kinds.map { $0 as Any } + [NSNull()]],
                    "channel": ["type": ["string", "null"], "maxLength": 60], "ownerId": nullableID, "branchId": nullableID,
                    "startsOn": date,
                    "endsOn": ["type": ["string", "null"], "format": "date"], "budget": moneyIn,
                    "expectedLeads": ["type": ["integer", "null"], "minimum": 0, "maximum": 100_000_000], "expectedRevenue": moneyIn,
                    "description": ["type": ["string", "null"], "maxLength": 2000],
                ]),
            "CampaignUpdate": withVersion("CampaignInput"),
            "CampaignTransition": object(
                ["action"],
                [
                    "action": ["type": "string", "enum": CampaignFlow.transitions.map(\.rawValue)],
                    "version": ["type": ["integer", "null"]],
                ]),
            "CampaignDetails": object(
                ["campaign", "results"],
                [
                    "campaign": ref("Campaign"),
                    "results": object(
                        [
                            "leads", "leadsConverted", "customers", "opportunities", "opportunitiesWon", "wonAmount", "contracts",
                            "contractAmount", "collected", "cost",
                        ],
                        [
                            "leads": count, "leadsConverted": count, "customers": count, "opportunities": count, "opportunitiesWon": count,
                            "wonAmount": money, "contracts": count, "contractAmount": money, "collected": money, "cost": money,
                            "roiWon": roi, "roiSigned": roi, "roiCollected": roi,
                        ]),
                ]),
            "CampaignCost": object(
                ["id", "campaignId", "costDate", "amount"],
                [
                    "id": str, "campaignId": str, "costDate": date, "channel": nullableStr, "supplierId": nullableStr,
                    "expenseClaimId": nullableStr, "amount": money, "note": nullableStr, "createdAt": dateTime,
                ]),
            "CampaignCostInput": object(
                ["campaignId", "costDate"],
                [
                    "campaignId": idString, "costDate": date, "channel": ["type": ["string", "null"], "maxLength": 60],
                    "supplierId": nullableID, "expenseClaimId": nullableID, "amount": moneyIn,
                    "note": ["type": ["string", "null"], "maxLength": 500],
                ]),
        ]) { a, _ in a }
    }
}
