import Foundation
import Services

/// The CRM module in the OpenAPI document: its operations and schemas.
extension OpenAPI {
    /// The CRM operations of /api/v1.
    static func crmPaths() -> Object {
        let dateParam: Object = ["type": "string", "format": "date"]
        return [
            "/api/v1/customers": [
                "get": list(
                    "customers", "Customer",
                    params: [
                        query("q"), query("level"),
                        query("status", ["type": "string", "enum": ["potential", "active", "dormant", "lost"]]),
                        query("industry"), query("source"), query("tag"), query("ownerId"),
                        query("sort", ["type": "string", "enum": ["name", "newest"]]),
                    ],
                    summary:
                        "Customers in the caller's scope; q matches any part of the name, its pinyin or initials, the code, a phone (also a contact's) or an e-mail. ownerId=me for one's own. cf.<key>=<value> (any number of them) keeps those whose custom field holds that value."
                ),
                "post": create(
                    "customers", "Customer", input: "CustomerInput",
                    summary:
                        "Create a customer (owned by the caller unless ownerId or poolId says otherwise). A duplicate USCC or name answers 409 with `existing`."
                ),
            ],
            "/api/v1/customers/{id}": [
                "get": show("customers", "Customer", summary: "One customer."),
                "put": update(
                    "customers", "Customer", input: "CustomerUpdate",
                    summary: "Update a customer's data (owner and pool move by claim, release and transfer)."),
                "delete": delete(
                    "customers", summary: "Delete a customer with no contacts, follow-ups or documents (others are refused with 409)."),
            ],
            "/api/v1/customers/export": [
                "get": export(
                    "customers",
                    params: [
                        query("q"), query("level"), query("status"), query("industry"), query("source"), query("tag"), query("ownerId"),
                        query("sort", ["type": "string", "enum": ["name", "newest"]]),
                    ],
                    summary: "The customers list (same filters as GET /customers) as a file, with owners' names and Chinese column headers."
                )
            ],
            "/api/v1/contacts/export": [
                "get": export(
                    "customers", params: [query("q"), query("partnerId")],
                    summary: "The contacts list (same filters as GET /contacts) as a file, with each contact's customer.",
                    scopedBy: true)
            ],
            "/api/v1/leads/export": [
                "get": export(
                    "leads", params: [query("q"), query("status"), query("ownerId"), query("inPool", ["type": "boolean"])],
                    summary: "The leads list (same filters as GET /leads) as a file.")
            ],
            "/api/v1/opportunities/export": [
                "get": export(
                    "opportunities",
                    params: [
                        query("q"), query("partnerId"), query("stageId"),
                        query("outcome", ["type": "string", "enum": ["open", "won", "lost"]]), query("ownerId"),
                    ],
                    summary: "The opportunities list (same filters as GET /opportunities) as a file, with stage and customer names.")
            ],
            "/api/v1/customers/bulk-transfer": [
                "post": [
                    "tags": ["customers"],
                    "summary":
                        "A manager (customers.approve) hands several customers to one owner: all of them, or none when one cannot move.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["ids", "ownerId"],
                                [
                                    "ids": ["type": "array", "items": idString, "minItems": 1, "maxItems": 500], "ownerId": idString,
                                    "reason": ["type": ["string", "null"], "maxLength": 200],
                                ])),
                    ],
                    "responses": merge(
                        ["200": ["description": "The customers as they now stand.", "content": jsonContent(page(ref("Customer")))]],
                        errors([400, 401, 403, 404, 409, 422])),
                ]
            ],
            "/api/v1/customers/{id}/transfer": [
                "post": action(
                    "customers", "Customer", summary: "Hand the customer to another salesperson within the caller's scope.",
                    body: object(["ownerId"], ["ownerId": idString, "reason": ["type": ["string", "null"], "maxLength": 200]]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/contacts": [
                "get": list(
                    "customers", "Contact", params: [query("q"), query("partnerId")],
                    summary: "Contacts of customers in scope, or all of one customer (?partnerId=).", scopedBy: true),
                "post": create("customers", "Contact", input: "ContactInput", summary: "Add a contact to a customer."),
            ],
            "/api/v1/contacts/{id}": [
                "get": show("customers", "Contact", summary: "One contact."),
                "put": update("customers", "Contact", input: "ContactUpdate", summary: "Update a contact."),
                "delete": delete("customers", summary: "Delete a contact not named on follow-ups."),
            ],
            "/api/v1/customers/{id}/group": [
                "get": show(
                    "customers", "CustomerGroup",
                    summary:
                        "The customer's group of related organisations top down, each member the reader may see with its sales contracts in force (count, total), sales invoices issued and receivable, and the group's totals; contract figures only with contracts.view, cash figures only with cash.view, each within the reader's scope. Members beyond reach are counted in hidden, never named or summed."
                )
            ],
            "/api/v1/customer-relations": [
                "get": [
                    "tags": ["customers"], "summary": "The group of related organisations a customer belongs to, from its top parent.",
                    "parameters": [["name": "partnerId", "in": "query", "required": true, "schema": idString]],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The links of the group.",
                                "content": jsonContent(
                                    object(
                                        ["items"],
                                        [
                                            "rootId": str, "items": ["type": "array", "items": ref("CustomerRelation")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ],
                        errors([400, 401, 403, 404])),
                ],
                "post": create(
                    "customers", "CustomerRelation", input: "CustomerRelationInput",
                    summary: "Link a customer under a parent (one parent each; no cycles)."),
            ],
            "/api/v1/customer-relations/{id}": ["delete": delete("customers", summary: "Remove a link.")],
            "/api/v1/activities": [
                "get": list(
                    "activities", "Activity",
                    params: [
                        query("partnerId"), query("leadId"), query("ownerId"),
                        query("kind", ["type": "string", "enum": ["call", "visit", "email", "meeting", "note"]]),
                        query("from", dateParam), query("to", dateParam),
                    ],
                    summary: "Follow-ups, newest first: a customer's whole timeline (?partnerId=), or those in the caller's scope.",
                    scopedBy: true),
                "post": create(
                    "activities", "Activity", input: "ActivityInput",
                    summary: "Log a follow-up; a visit may carry a check-in (latitude, longitude, accuracy in metres)."),
            ],
            "/api/v1/activities/{id}": ["get": show("activities", "Activity", summary: "One follow-up.")],
            "/api/v1/custom-fields": [
                "get": list(
                    "customers", "CustomField",
                    params: [query("entity", ["type": "string", "enum": CustomFieldService.Entity.allCases.map(\.rawValue)])],
                    summary: "Custom fields of customers and contacts."),
                "post": create(
                    "customers", "CustomField", input: "CustomFieldInput", summary: "Add a custom field (needs customers.approve)."),
            ],
            "/api/v1/custom-fields/{id}": [
                "get": show("customers", "CustomField", summary: "One custom field."),
                "put": update(
                    "customers", "CustomField", input: "CustomFieldUpdate",
                    summary: "Change a field's label, choices, order, required and active flags."),
            ],
            "/api/v1/pools": [
                "get": list("pools", "Pool", summary: "Public pools the caller may see, with their recycle rules and claim limits."),
                "post": create("pools", "Pool", input: "PoolInput", summary: "Create a pool (needs pools.approve)."),
            ],
            "/api/v1/pools/{id}": [
                "get": show("pools", "Pool", summary: "One pool."),
                "put": update("pools", "Pool", input: "PoolUpdate", summary: "Change a pool and replace its rules."),
            ],
            "/api/v1/pools/{id}/customers": [
                "get": [
                    "tags": ["pools"], "summary": "The customers waiting in a pool, by name.",
                    "parameters": [idParam, query("q")] + pagingParams,
                    "responses": merge(
                        [
                            "200": [
                                "description": "A page of customers.",
                                "content": jsonContent(page(ref("Customer"))),
                            ]
                        ], errors([400, 401, 403, 404])),
                ]
            ],
            "/api/v1/pools/{id}/claim": [
                "post": action(
                    "pools", "Customer",
                    summary: "Claim a customer from this pool; a limit answers 409 naming the limit and when it frees up.",
                    body: object(["customerId"], ["customerId": idString]), codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/pools/{id}/release": [
                "post": action(
                    "pools", "Customer", summary: "Give one's customer back into this pool, with a reason.",
                    body: object(
                        ["customerId", "reason"],
                        [
                            "customerId": idString,
                            "reason": ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"],
                        ]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/pools/{id}/assign": [
                "post": action(
                    "pools", "Customer", summary: "Hand a pool customer to someone in the caller's scope (pools.approve).",
                    body: object(["customerId", "ownerId"], ["customerId": idString, "ownerId": idString]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/pools/preview": [
                "get": [
                    "tags": ["pools"],
                    "summary":
                        "Customers in the caller's scope that the rules will put into a pool within `days` (default 7), soonest first.",
                    "parameters": [query("days", ["type": "integer", "minimum": 1, "maximum": 90])],
                    "responses": merge(
                        [
                            "200": [
                                "description": "Who drops when, and why.",
                                "content": jsonContent(
                                    object(
                                        ["items"],
                                        [
                                            "items": ["type": "array", "items": ref("PoolPreview")],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ]
            ],
            "/api/v1/pools/run-rules": [
                "post": [
                    "tags": ["pools"], "summary": "Apply the recycle rules now (they also run every night at 02:00 China time).",
                    "responses": merge(
                        [
                            "200": [
                                "description": "What moved.",
                                "content": jsonContent(
                                    object(
                                        ["recycled", "warned", "notified"],
                                        [
                                            "recycled": int, "warned": int, "notified": int,
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/notifications": [
                "get": list(
                    "notifications", "Notification", params: [query("unread", ["type": "string", "enum": ["true", "false"]])],
                    summary: "The caller's notifications, newest first, in the caller's language.")
            ],
            "/api/v1/notifications/{id}/read": [
                "post": action("notifications", "Notification", summary: "Mark one notification read.", codes: [401, 403, 404])
            ],
            "/api/v1/notifications/read-all": [
                "post": [
                    "tags": ["notifications"], "summary": "Mark every notification read.",
                    "responses": merge(["204": ["description": "Done."]], errors([401, 403])),
                ]
            ],
            "/api/v1/leads": [
                "get": list(
                    "leads", "Lead",
                    params: [
                        query("q"),
                        query("status", ["type": "string", "enum": ["new", "assigned", "working", "converted", "disqualified"]]),
                        query("ownerId"), query("inPool", ["type": "string", "enum": ["true", "false"]]),
                    ],
                    summary:
                        "Leads in the caller's scope and the unassigned ones of the caller's branch (the lead pool), newest first. cf.<key>=<value> keeps those whose custom field holds that value."
                ),
                "post": create(
                    "leads", "Lead", input: "LeadInput",
                    summary:
                        "Capture a lead. Without ownerId the round-robin rules assign it (or it waits in the lead pool). A possible duplicate of a lead or customer answers 409 with `matches`, unless ignoreDuplicates is true."
                ),
            ],
            "/api/v1/leads/duplicates": [
                "get": [
                    "tags": ["leads"],
                    "summary":
                        "Leads and customers that look like this company: normalised name, its pinyin, USCC, phone, e-mail. A match beyond the caller's scope comes without id and name, with the branch it is in.",
                    "parameters": [query("company"), query("uscc"), query("phone"), query("email")],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The matches.",
                                "content": jsonContent(
                                    object(
                                        ["items"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["kind", "matchedOn", "branch"],
                                                    [
                                                        "kind": ["type": "string", "enum": ["lead", "customer"]],
                                                        "id": str, "name": str, "matchedOn": str, "branch": str,
                                                    ]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ]
            ],
            "/api/v1/leads/import": [
                "post": [
                    "tags": ["leads"],
                    "summary":
                        "Import leads from a file sent as the body: an Excel workbook (.xlsx, its first sheet) or CSV / tab-separated text in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK, told apart by its bytes (headers in Chinese or English; company required). Each row is checked like a typed lead and against the other rows; good rows are created together, the others reported by line and field. An unreadable file is refused (422, field file: xls_not_supported, xlsx_damaged, xlsx_too_large, file_encoding, file_binary, too_many_rows, too_many_columns, csv_unclosed_quote). dryRun=true only reports.",
                    "parameters": [query("dryRun", ["type": "string", "enum": ["true", "false"]])],
                    "requestBody": [
                        "required": true,
                        "content": [
                            "text/csv": ["schema": ["type": "string"]],
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [
                                "schema": ["type": "string", "format": "binary"]
                            ],
                            "application/octet-stream": ["schema": ["type": "string", "format": "binary"]],
                        ],
                    ],
                    "responses": merge(
                        [
                            "200": ["description": "What would happen (dry run).", "content": jsonContent(ref("LeadImport"))],
                            "201": ["description": "What happened.", "content": jsonContent(ref("LeadImport"))],
                        ], errors([400, 401, 403, 413, 422])),
                ]
            ],
            "/api/v1/leads/{id}": [
                "get": show("leads", "Lead", summary: "One lead."),
                "put": update("leads", "Lead", input: "LeadUpdate", summary: "Update a lead (not once converted)."),
            ],
            "/api/v1/leads/bulk-assign": [
                "post": [
                    "tags": ["leads"],
                    "summary": "A manager (leads.approve) assigns several leads to one person: all of them, or none when one cannot be.",
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                ["ids", "ownerId"],
                                ["ids": ["type": "array", "items": idString, "minItems": 1, "maxItems": 500], "ownerId": idString])),
                    ],
                    "responses": merge(
                        ["200": ["description": "The leads as they now stand.", "content": jsonContent(page(ref("Lead")))]],
                        errors([400, 401, 403, 404, 409, 422])),
                ]
            ],
            "/api/v1/leads/{id}/assign": [
                "post": action(
                    "leads", "Lead",
                    summary: "Give the lead to someone in the caller's scope (leads.approve), or take a pool lead oneself (no ownerId).",
                    body: object([], ["ownerId": nullableID]), codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/leads/{id}/disqualify": [
                "post": action(
                    "leads", "Lead", summary: "Mark the lead not worth pursuing, with a reason.",
                    body: object(["reason"], ["reason": ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"]]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/leads/{id}/convert": [
                "post": [
                    "tags": ["leads"],
                    "summary":
                        "Convert into a customer (or attach to customerId), a contact and an opportunity, in one step; its follow-ups move along. Converting twice answers 409.",
                    "parameters": [idParam],
                    "requestBody": [
                        "required": true,
                        "content": jsonContent(
                            object(
                                [],
                                [
                                    "customerId": nullableID, "createOpportunity": bool,
                                    "opportunityName": ["type": ["string", "null"], "maxLength": 200],
                                    "amount": ["type": ["string", "null"], "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?$"],
                                    "expectedClose": ["type": ["string", "null"], "format": "date"],
                                ])),
                    ],
                    "responses": merge(
                        [
                            "200": [
                                "description": "What was made.",
                                "content": jsonContent(
                                    object(
                                        ["lead", "customer"],
                                        [
                                            "lead": ref("Lead"), "customer": ref("Customer"), "contact": ref("Contact"),
                                            "opportunity": ref("Opportunity"),
                                        ])),
                            ]
                        ],
                        errors([400, 401, 403, 404, 409, 413, 422])),
                ]
            ],
            "/api/v1/stages": [
                "get": list("opportunities", "Stage", summary: "The sales stages in order, each with its win probability."),
                "post": create("opportunities", "Stage", input: "StageInput", summary: "Add a stage (opportunities.approve)."),
            ],
            "/api/v1/stages/{id}": ["put": update("opportunities", "Stage", input: "StageUpdate", summary: "Change a stage.")],
            "/api/v1/opportunities": [
                "get": list(
                    "opportunities", "Opportunity",
                    params: [
                        query("q"), query("partnerId"), query("stageId"), query("ownerId"),
                        query("outcome", ["type": "string", "enum": ["open", "won", "lost"]]),
                    ],
                    summary:
                        "Opportunities in the caller's scope, newest first. cf.<key>=<value> keeps those whose custom field holds that value."
                ),
                "post": create(
                    "opportunities", "Opportunity", input: "OpportunityInput", summary: "Open an opportunity on a customer one works on."),
            ],
            "/api/v1/opportunities/funnel": [
                "get": [
                    "tags": ["opportunities"], "summary": "Opportunities in scope per stage: count and amount.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The funnel.",
                                "content": jsonContent(
                                    object(
                                        ["items"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["stageId", "name", "count", "amount"],
                                                    [
                                                        "stageId": str, "name": str, "outcome": str,
                                                        "probability": int, "count": int, "amount": str,
                                                    ]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/opportunities/forecast": [
                "get": [
                    "tags": ["opportunities"],
                    "summary":
                        "Open opportunities by month of expected close and owner: amount and amount weighted by the stage's probability.",
                    "responses": merge(
                        [
                            "200": [
                                "description": "The forecast.",
                                "content": jsonContent(
                                    object(
                                        ["items"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["month", "count", "amount", "weighted"],
                                                    [
                                                        "month": str, "ownerId": str, "count": int,
                                                        "amount": str, "weighted": str,
                                                    ]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403])),
                ]
            ],
            "/api/v1/opportunities/{id}": [
                "get": show("opportunities", "Opportunity", summary: "One opportunity."),
                "put": update(
                    "opportunities", "Opportunity", input: "OpportunityUpdate",
                    summary: "Update an open opportunity (a new stageId moves it)."),
            ],
            "/api/v1/opportunities/{id}/move": [
                "post": action(
                    "opportunities", "Opportunity",
                    summary: "Move to a stage; a won stage closes it won, a lost one needs lostReason.",
                    body: object(["stageId"], ["stageId": idString, "lostReason": ["type": ["string", "null"], "maxLength": 200]]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/opportunities/{id}/history": [
                "get": [
                    "tags": ["opportunities"], "summary": "The stages the opportunity went through.", "parameters": [idParam],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The moves, oldest first.",
                                "content": jsonContent(
                                    object(
                                        ["items"],
                                        [
                                            "items": [
                                                "type": "array",
                                                "items": object(
                                                    ["toStageId"], ["fromStageId": str, "toStageId": str, "at": dateTime, "byUserId": str]),
                                            ],
                                            "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([401, 403, 404])),
                ]
            ],
            "/api/v1/tasks": [
                "get": [
                    "tags": ["activities"],
                    "summary":
                        "Tasks and meetings starting between from and to (dates, China time; default the next 7 days), in the caller's scope.",
                    "parameters": [query("from", dateParam), query("to", dateParam), query("ownerId")],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The schedule.",
                                "content": jsonContent(
                                    object(
                                        ["items"],
                                        [
                                            "items": ["type": "array", "items": ref("Task")], "nextCursor": ["type": ["string", "null"]],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ],
                "post": create(
                    "activities", "Task", input: "TaskInput",
                    summary: "Plan a task or meeting; remindMinutes before the start, a reminder arrives in the inbox."),
            ],
            "/api/v1/follow-ups": [
                "get": report(
                    object(["customerId", "name", "date"], ["customerId": str, "name": str, "date": str, "level": nullableStr]),
                    tag: "activities",
                    summary: "The caller's own customers with a follow-up planned from `from` through `to` (dates, China time; "
                        + "default the seven days from today; at most 62 days), by date: what the schedule shows beside the tasks.",
                    params: [query("from", dateParam), query("to", dateParam)])
            ],
            "/api/v1/tasks/{id}": [
                "get": show("activities", "Task", summary: "One task."),
                "put": update("activities", "Task", input: "TaskUpdate", summary: "Change a task."),
                "delete": delete("activities", summary: "Delete a task."),
            ],
            "/api/v1/tasks/{id}/done": [
                "post": action(
                    "activities", "Task", summary: "Mark done (or not, with {\"done\": false}).",
                    body: object([], ["done": bool]), codes: [400, 401, 403, 404, 413, 422])
            ],
            "/api/v1/work-reports": [
                "get": list(
                    "activities", "WorkReport", params: [query("userId")],
                    summary: "Daily and weekly reports in the caller's scope, newest first."),
                "post": create(
                    "activities", "WorkReport", input: "WorkReportInput",
                    summary: "File one's report for a day or a week; the counts are taken as it is filed."),
            ],
            "/api/v1/work-reports/draft": [
                "get": [
                    "tags": ["activities"], "summary": "The period and counts a report would be filed with.",
                    "parameters": [query("kind", ["type": "string", "enum": ["daily", "weekly"]]), query("date", dateParam)],
                    "responses": merge(
                        [
                            "200": [
                                "description": "The draft.",
                                "content": jsonContent(
                                    object(
                                        ["kind", "periodStart", "periodEnd", "stats"],
                                        [
                                            "kind": str, "periodStart": str, "periodEnd": str, "stats": ["type": "object"],
                                        ])),
                            ]
                        ], errors([400, 401, 403])),
                ]
            ],
            "/api/v1/work-reports/{id}": ["get": show("activities", "WorkReport", summary: "One report.")],
            "/api/v1/work-reports/{id}/comment": [
                "post": action(
                    "activities", "WorkReport", summary: "A manager's comment (activities.approve over the writer).",
                    body: object(["comment"], ["comment": ["type": "string", "minLength": 1, "maxLength": 4000, "pattern": "\\S"]]),
                    codes: [400, 401, 403, 404, 409, 413, 422])
            ],
            "/api/v1/crm-settings": [
                "get": [
                    "tags": ["customers"], "summary": "The configurable lists: customer levels, source channels, industries.",
                    "responses": merge(
                        ["200": ["description": "The lists.", "content": jsonContent(ref("CRMSettings"))]], errors([401, 403])),
                ],
                "put": [
                    "tags": ["customers"], "summary": "Replace the lists sent (needs customers.approve); all or none.",
                    "requestBody": ["required": true, "content": jsonContent(ref("CRMSettings"))],
                    "responses": merge(
                        ["200": ["description": "The lists.", "content": jsonContent(ref("CRMSettings"))]],
                        errors([400, 401, 403, 413, 422])),
                ],
            ],
        ]
    }

    /// The CRM schemas.
    static func crmSchemas() -> Object {
        let decimal: Object = ["type": ["string", "null"], "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?$"]
        let degrees: Object = ["type": ["string", "null"], "pattern": "^-?[0-9]{1,2}(\\.[0-9]{1,6})?$"]
        let phone: Object = ["type": ["string", "null"], "pattern": "^1[3-9][0-9]{9}$"]
        let email: Object = ["type": ["string", "null"], "pattern": "^[a-z0-9]{1,20}@[a-z0-9]{1,20}\\.(com|cn)$"]
        let text40: Object = ["type": ["string", "null"], "maxLength": 40]
        let provinceSchema: Object = [
            "type": ["string", "null"], "maxLength": 40,
            "description": "A province (省级行政区) by its full name (浙江省) or short one (浙江); stored by the full name. A city of "
                + "another province is refused (422); a municipality is its own city, its districts checked.",
        ]
        let customValues: Object = ["type": "object", "additionalProperties": ["type": "string"]]
        return [
            "Customer": object(
                ["id", "code", "name", "kind", "status", "tags", "branchId", "customFields", "version"],
                [
                    "id": str, "code": str, "name": str, "kind": ["type": "string", "enum": ["company", "person"]], "uscc": str,
                    "industry": str, "level": str,
                    "source": str, "status": ["type": "string", "enum": ["potential", "active", "dormant", "lost"]], "tags": strArray,
                    "province": str,
                    "city": str, "district": str, "street": str, "address": str, "latitude": str, "longitude": str, "phone": str,
                    "email": str,
                    "website": str, "creditLimit": str, "note": str, "isSupplier": bool, "ownerId": str, "departmentId": str,
                    "branchId": str, "poolId": str,
                    "poolExempt": bool, "lastActivityAt": dateTime, "nextFollowUp": str, "customFields": customValues, "active": bool,
                    "version": int, "regionId": str,
                    "createdAt": dateTime, "updatedAt": dateTime, "campaignId": str,
                ]),
            "CustomerInput": object(
                ["name"],
                [
                    "code": ["type": ["string", "null"], "pattern": "^[A-Za-z0-9._-]{1,40}$"], "name": name,
                    "kind": ["type": "string", "enum": ["company", "person"]],
                    "uscc": ["type": ["string", "null"], "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"], "industry": text40,
                    "level": ["type": ["string", "null"], "enum": ["A", "B", "C", NSNull()]],
                    "source": ["type": ["string", "null"], "enum": ["官网", "展会", "转介绍", "电话营销", "广告", "渠道", "其他", NSNull()]],
                    "status": ["type": "string", "enum": ["potential", "active", "dormant", "lost"]],
                    "tags": [
                        "type": "array", "maxItems": 20, "items": ["type": "string", "pattern": "^[A-Za-z0-9\\u4e00-\\u9fa5]{1,20}$"],
                    ],
                    "province": provinceSchema, "city": text40, "district": text40,
                    "street": ["type": ["string", "null"], "maxLength": 200],
                    "latitude": degrees, "longitude": degrees, "phone": phone, "email": email,
                    "website": ["type": ["string", "null"], "pattern": "^https://[a-z]{1,20}\\.(com|cn)$"], "creditLimit": decimal,
                    "note": ["type": ["string", "null"], "maxLength": 2000], "isSupplier": bool, "poolExempt": bool, "ownerId": nullableID,
                    "poolId": nullableID,
                    "branchId": nullableID, "customFields": ["type": "object", "maxProperties": 0], "regionId": nullableID,
                ]),
            "CustomerUpdate": withVersion("CustomerInput"),
            "Contact": object(
                ["id", "partnerId", "name", "isPrimary", "customFields", "version"],
                [
                    "id": str, "partnerId": str, "name": str, "title": str, "mobile": str, "phone": str, "email": str, "wechat": str,
                    "birthday": str,
                    "isPrimary": bool, "note": str, "customFields": customValues, "version": int, "createdAt": dateTime,
                    "updatedAt": dateTime,
                ]),
            "ContactInput": object(
                ["partnerId", "name"],
                [
                    "partnerId": idString, "name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"], "title": text40,
                    "mobile": phone,
                    "phone": phone, "email": email, "wechat": text40, "birthday": ["type": ["string", "null"], "format": "date"],
                    "isPrimary": bool,
                    "note": ["type": ["string", "null"], "maxLength": 1000], "customFields": ["type": "object", "maxProperties": 0],
                ]),
            "ContactUpdate": withVersion("ContactInput"),
            "CustomerGroup": object(
                ["members", "hidden", "total"],
                [
                    "members": [
                        "type": "array",
                        "items": object(
                            ["id", "code", "name", "depth", "figures"],
                            [
                                "id": str, "code": str, "name": str, "depth": int, "kind": nullableStr, "relationId": nullableStr,
                                "figures": ref("GroupFigures"),
                            ]),
                    ],
                    "hidden": int, "total": ref("GroupFigures"),
                ]),
            "GroupFigures": object(
                [],
                [
                    "contracts": ["type": ["integer", "null"]], "contractAmount": nullableStr, "invoiced": nullableStr,
                    "receivable": nullableStr,
                ]),
            "CustomerRelation": object(
                ["id", "parentId", "childId", "kind"],
                [
                    "id": str, "parentId": str, "childId": str,
                    "kind": ["type": "string", "enum": ["subsidiary", "branch", "affiliate"]], "note": str,
                    "createdAt": dateTime,
                ]),
            "CustomerRelationInput": object(
                ["parentId", "childId"],
                [
                    "parentId": idString, "childId": idString,
                    "kind": ["type": "string", "enum": ["subsidiary", "branch", "affiliate"]],
                    "note": ["type": ["string", "null"], "maxLength": 200],
                ]),
            "Activity": object(
                ["id", "kind", "content", "occurredAt", "branchId"],
                [
                    "id": str, "partnerId": str, "contactId": str, "leadId": str, "opportunityId": str,
                    "kind": ["type": "string", "enum": ["call", "visit", "email", "meeting", "note"]], "content": str,
                    "occurredAt": dateTime,
                    "nextFollowUp": str, "latitude": str, "longitude": str, "accuracy": int, "ownerId": str, "branchId": str,
                    "createdAt": dateTime,
                ]),
            "ActivityInput": object(
                ["kind", "content"],
                [
                    "partnerId": nullableID, "leadId": nullableID, "contactId": nullableID, "opportunityId": nullableID,
                    "kind": ["type": "string", "enum": ["call", "visit", "email", "meeting", "note"]],
                    "content": ["type": "string", "minLength": 1, "maxLength": 4000, "pattern": "\\S"],
                    "occurredAt": ["type": ["string", "null"], "format": "date-time"],
                    "nextFollowUp": ["type": ["string", "null"], "format": "date"], "latitude": degrees, "longitude": degrees,
                    "accuracy": ["type": ["integer", "null"], "minimum": 0, "maximum": 100000],
                ]),
            "CustomField": object(
                ["id", "entity", "key", "label", "kind", "options", "required", "active", "onWebForm", "version"],
                [
                    "id": str, "entity": ["type": "string", "enum": CustomFieldService.Entity.allCases.map(\.rawValue)], "key": str,
                    "label": str,
                    "kind": ["type": "string", "enum": ["text", "number", "date", "choice"]], "options": strArray, "required": bool,
                    "sortOrder": int,
                    "active": bool, "onWebForm": bool, "version": int,
                ]),
            "CustomFieldInput": object(
                ["entity", "key", "label", "kind"],
                [
                    "entity": ["type": "string", "enum": CustomFieldService.Entity.allCases.map(\.rawValue)],
                    "key": ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"],
                    "label": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"],
                    "kind": ["type": "string", "enum": ["text", "number", "date", "choice"]],
                    "options": [
                        "type": "array", "maxItems": 100, "items": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"],
                    ],
                    "required": bool, "sortOrder": ["type": "integer", "minimum": 0, "maximum": 1000000], "active": bool,
                    "onWebForm": [
                        "type": "boolean",
                        "description": "A lead's field only (422 web_form_leads_only otherwise): asked on the public web form too.",
                    ],
                ]),
            "CustomFieldUpdate": withVersion("CustomFieldInput"),
            "Pool": object(
                ["id", "name", "active", "rules", "version"],
                [
                    "id": str, "name": str, "branchId": str, "claimsPerDay": int, "reclaimAfterDays": int, "maxHeld": int, "active": bool,
                    "version": int,
                    "rules": [
                        "type": "array", "items": object([], ["level": str, "noFollowUpDays": int, "noDealDays": int, "warnDays": int]),
                    ],
                ]),
            "PoolInput": object(
                ["name"],
                [
                    "name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"], "branchId": nullableID,
                    "claimsPerDay": ["type": ["integer", "null"], "minimum": 1, "maximum": 10000],
                    "reclaimAfterDays": ["type": ["integer", "null"], "minimum": 1, "maximum": 3650],
                    "maxHeld": ["type": ["integer", "null"], "minimum": 1, "maximum": 1000000], "active": bool,
                    "rules": [
                        "type": "array", "maxItems": 1,
                        "items": object(
                            ["noFollowUpDays"],
                            [
                                "level": ["type": ["string", "null"], "enum": ["A", "B", "C", NSNull()]],
                                "noFollowUpDays": ["type": "integer", "minimum": 2, "maximum": 3650],
                                "noDealDays": ["type": ["integer", "null"], "minimum": 2, "maximum": 3650],
                                "warnDays": ["type": "integer", "minimum": 0, "maximum": 1],
                            ]),
                    ],
                ]),
            "PoolUpdate": withVersion("PoolInput"),
            "PoolPreview": object(
                ["customerId", "name", "poolId", "dueAt", "reason"],
                [
                    "customerId": str, "name": str, "level": str, "ownerId": str, "poolId": str, "dueAt": dateTime,
                    "reason": ["type": "string", "enum": ["no_follow_up", "no_deal"]],
                ]),
            "Notification": object(
                ["id", "kind", "message", "args"],
                [
                    "id": str, "kind": str, "message": str, "args": strArray, "link": str,
                    "createdAt": dateTime, "readAt": dateTime,
                ]),
            "Lead": object(
                ["id", "company", "status", "branchId", "version"],
                [
                    "id": str, "company": str, "contactName": str, "title": str, "phone": str, "email": str, "uscc": str, "source": str,
                    "province": str,
                    "city": str, "note": str,
                    "status": ["type": "string", "enum": ["new", "assigned", "working", "converted", "disqualified"]], "ownerId": str,
                    "branchId": str, "convertedCustomerId": str, "convertedContactId": str, "convertedOpportunityId": str,
                    "convertedAt": dateTime,
                    "version": int, "createdAt": dateTime, "campaignId": str, "customFields": customValues,
                ]),
            "LeadInput": object(
                ["company"],
                [
                    "company": name, "contactName": text40, "title": text40, "phone": phone, "email": email,
                    "uscc": ["type": ["string", "null"], "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"],
                    "source": ["type": ["string", "null"], "enum": ["官网", "展会", "转介绍", "电话营销", "广告", "渠道", "其他", NSNull()]],
                    "province": provinceSchema, "city": text40, "note": ["type": ["string", "null"], "maxLength": 2000],
                    "ownerId": nullableID,
                    "branchId": nullableID,
                    "ignoreDuplicates": bool,
                    "campaignId": nullableID, "customFields": ["type": "object", "maxProperties": 0],
                ]),
            "LeadUpdate": withVersion("LeadInput"),
            "LeadImport": object(
                ["items", "created", "skipped"],
                [
                    "items": [
                        "type": "array",
                        "items": object(
                            ["line", "outcome", "company"],
                            [
                                "line": int, "outcome": ["type": "string", "enum": ["created", "would_create", "duplicate", "invalid"]],
                                "company": str, "field": str,
                                "code": str, "message": str, "leadId": str, "matches": ["type": "array", "items": ["type": "object"]],
                            ]),
                    ],
                    "nextCursor": ["type": ["string", "null"]], "created": int, "skipped": int,
                ]),
            "Stage": object(
                ["id", "code", "name", "probability", "outcome", "active", "version"],
                [
                    "id": str, "code": str, "name": str, "probability": int, "sortOrder": int,
                    "outcome": ["type": "string", "enum": ["open", "won", "lost"]],
                    "active": bool, "version": int,
                ]),
            "StageInput": object(
                ["code", "name", "probability"],
                [
                    "code": code, "name": ["type": "string", "minLength": 1, "maxLength": 40, "pattern": "\\S"],
                    "probability": ["type": "integer", "minimum": 1, "maximum": 99],
                    "sortOrder": ["type": "integer", "minimum": 0, "maximum": 100000],
                    "outcome": ["type": "string", "enum": ["open"]], "active": bool,
                ]),
            "StageUpdate": withVersion("StageInput"),
            "Opportunity": object(
                ["id", "partnerId", "name", "amount", "stageId", "outcome", "branchId", "version"],
                [
                    "id": str, "partnerId": str, "name": str, "amount": str, "stageId": str, "expectedClose": str,
                    "outcome": ["type": "string", "enum": ["open", "won", "lost"]], "lostReason": str, "closedAt": dateTime, "leadId": str,
                    "ownerId": str,
                    "branchId": str, "note": str, "version": int, "createdAt": dateTime, "campaignId": str, "customFields": customValues,
                ]),
            "OpportunityInput": object(
                ["partnerId", "name", "amount"],
                [
                    "partnerId": idString, "name": name, "amount": ["type": "string", "pattern": "^[0-9]{1,12}(\\.[0-9]{1,2})?$"],
                    "stageId": nullableID,
                    "expectedClose": ["type": ["string", "null"], "format": "date"],
                    "note": ["type": ["string", "null"], "maxLength": 2000],
                    "campaignId": nullableID, "customFields": ["type": "object", "maxProperties": 0],
                ]),
            "OpportunityUpdate": withVersion("OpportunityInput"),
            "Task": object(
                ["id", "title", "kind", "startsAt", "done", "ownerId", "version"],
                [
                    "id": str, "title": str, "kind": ["type": "string", "enum": ["task", "meeting"]], "startsAt": dateTime,
                    "endsAt": dateTime, "remindAt": dateTime,
                    "partnerId": str, "opportunityId": str, "note": str, "done": bool, "doneAt": dateTime, "ownerId": str, "version": int,
                ]),
            "TaskInput": object(
                ["title", "startsAt"],
                [
                    "title": name, "kind": ["type": "string", "enum": ["task", "meeting"]],
                    "startsAt": ["type": "string", "pattern": "^2026-1[12]-[0-2][1-9]T[01][0-9]:[0-5][0-9]$"],
                    "endsAt": ["type": ["string", "null"], "pattern": "^2026-12-2[89]T[01][0-9]:[0-5][0-9]$"],
                    "remindMinutes": ["type": ["integer", "null"], "minimum": 0, "maximum": 10080], "partnerId": nullableID,
                    "opportunityId": nullableID,
                    "note": ["type": ["string", "null"], "maxLength": 2000],
                ]),
            "TaskUpdate": withVersion("TaskInput"),
            "WorkReport": object(
                ["id", "userId", "kind", "periodStart", "periodEnd", "content"],
                [
                    "id": str, "userId": str, "kind": ["type": "string", "enum": ["daily", "weekly"]], "periodStart": str, "periodEnd": str,
                    "content": str,
                    "plan": str, "stats": ["type": "object"], "comment": str, "commentedBy": str, "commentedAt": dateTime,
                    "createdAt": dateTime,
                ]),
            "WorkReportInput": object(
                ["kind", "content"],
                [
                    "kind": ["type": "string", "enum": ["daily", "weekly"]],
                    "date": ["type": ["string", "null"], "pattern": "^2026-0[1-9]-1[0-9]$"],
                    "content": ["type": "string", "minLength": 1, "maxLength": 8000, "pattern": "\\S"],
                    "plan": ["type": ["string", "null"], "maxLength": 4000],
                ]),
            "CRMSettings": object(
                [],
                [
                    "levels": [
                        "type": "array", "items": ["type": "string", "minLength": 1, "maxLength": 40, "pattern": "^[^,]*\\S[^,]*$"],
                    ],
                    "sources": [
                        "type": "array", "items": ["type": "string", "minLength": 1, "maxLength": 40, "pattern": "^[^,]*\\S[^,]*$"],
                    ],
                    "industries": [
                        "type": "array", "items": ["type": "string", "minLength": 1, "maxLength": 40, "pattern": "^[^,]*\\S[^,]*$"],
                    ],
                ]),
        ]
    }
}
