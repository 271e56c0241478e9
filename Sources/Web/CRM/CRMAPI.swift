import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for the CRM: customers, contacts, related organisations, follow-ups, custom fields
/// and the CRM's configurable lists.
enum CRMAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("customers", use: listCustomers)
        authed.get("customers", "export", use: CRMExports.customers)
        authed.post("customers", use: createCustomer)
        authed.get("customers", ":id", use: showCustomer)
        authed.get("customers", ":id", "group", use: customerGroup)
        authed.put("customers", ":id", use: updateCustomer)
        authed.delete("customers", ":id", use: deleteCustomer)
        authed.post("customers", ":id", "transfer", use: transferCustomer)
        authed.post("customers", "bulk-transfer", use: bulkTransferCustomers)
        authed.get("contacts", use: listContacts)
        authed.get("contacts", "export", use: CRMExports.contacts)
        authed.post("contacts", use: createContact)
        authed.get("contacts", ":id", use: showContact)
        authed.put("contacts", ":id", use: updateContact)
        authed.delete("contacts", ":id", use: deleteContact)
        authed.get("customer-relations", use: listRelations)
        authed.post("customer-relations", use: createRelation)
        authed.delete("customer-relations", ":id", use: deleteRelation)
        authed.get("activities", use: listActivities)
        authed.post("activities", use: createActivity)
        authed.get("activities", ":id", use: showActivity)
        authed.get("custom-fields", use: listCustomFields)
        authed.post("custom-fields", use: createCustomField)
        authed.get("custom-fields", ":id", use: showCustomField)
        authed.put("custom-fields", ":id", use: updateCustomField)
        authed.get("pools", use: listPools)
        authed.post("pools", use: createPool)
        authed.get("pools", "preview", use: previewPools)
        authed.post("pools", "run-rules", use: runPoolRules)
        authed.get("pools", ":id", use: showPool)
        authed.put("pools", ":id", use: updatePool)
        authed.get("pools", ":id", "customers", use: poolMembers)
        authed.post("pools", ":id", "claim", use: claim)
        authed.post("pools", ":id", "release", use: release)
        authed.post("pools", ":id", "assign", use: assign)
        authed.get("notifications", use: listNotifications)
        authed.post("notifications", "read-all", use: readAllNotifications)
        authed.post("notifications", ":id", "read", use: readNotification)
        authed.get("leads", use: listLeads)
        authed.get("leads", "export", use: CRMExports.leads)
        authed.post("leads", use: createLead)
        authed.get("leads", "duplicates", use: leadDuplicates)
        authed.post("leads", "import", use: importLeads)
        authed.get("leads", ":id", use: showLead)
        authed.put("leads", ":id", use: updateLead)
        authed.post("leads", ":id", "assign", use: assignLead)
        authed.post("leads", "bulk-assign", use: bulkAssignLeads)
        authed.post("leads", ":id", "convert", use: convertLead)
        authed.post("leads", ":id", "disqualify", use: disqualifyLead)
        authed.get("stages", use: listStages)
        authed.post("stages", use: createStage)
        authed.put("stages", ":id", use: updateStage)
        authed.get("opportunities", use: listOpportunities)
        authed.get("opportunities", "export", use: CRMExports.opportunities)
        authed.post("opportunities", use: createOpportunity)
        authed.get("opportunities", "funnel", use: funnel)
        authed.get("opportunities", "forecast", use: forecast)
        authed.get("opportunities", ":id", use: showOpportunity)
        authed.put("opportunities", ":id", use: updateOpportunity)
        authed.post("opportunities", ":id", "move", use: moveOpportunity)
        authed.get("opportunities", ":id", "history", use: opportunityHistory)
        authed.get("tasks", use: listTasks)
        authed.get("follow-ups", use: followUps)
        authed.post("tasks", use: createTask)
        authed.get("tasks", ":id", use: showTask)
        authed.put("tasks", ":id", use: updateTask)
        authed.delete("tasks", ":id", use: deleteTask)
        authed.post("tasks", ":id", "done", use: taskDone)
        authed.get("work-reports", use: listReports)
        authed.post("work-reports", use: submitReport)
        authed.get("work-reports", "draft", use: reportDraft)
        authed.get("work-reports", ":id", use: showReport)
        authed.post("work-reports", ":id", "comment", use: commentReport)
        authed.get("crm-settings", use: showSettings)
        authed.put("crm-settings", use: updateSettings)
    }

    // MARK: customers

    static func listCustomers(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let filter = try CRMFilters.customers(req)
        let page = try await CustomerService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(CustomerDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func showCustomer(_ req: Request) async throws -> Response {
        try CustomerDTO(try await CustomerService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createCustomer(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(CustomerBody.self)
        return try CustomerDTO(try await CustomerService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateCustomer(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.customers, .edit)
        _ = try await CustomerService.find(id, req.services)
        let body = try req.decodeJSON(CustomerBody.self)
        return try CustomerDTO(try await CustomerService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    static func deleteCustomer(_ req: Request) async throws -> Response {
        try await CustomerService.delete(try req.id(), req.services)
        return Response(status: .noContent)
    }

    static func transferCustomer(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.customers, .edit)
        _ = try await CustomerService.find(id, req.services)
        struct Body: Decodable { var ownerId: String?; var reason: String? }
        let body = try req.decodeJSON(Body.self)
        return try CustomerDTO(
            try await CustomerService.transfer(
                id, to: try APIID.parse(body.ownerId, field: "ownerId"), reason: body.reason,
                req.services)
        ).jsonResponse()
    }

    /// POST /customers/bulk-transfer: several customers to one owner, all or none.
    static func bulkTransferCustomers(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .approve)
        struct Body: Decodable { var ids: [String]?; var ownerId: String?; var reason: String? }
        let body = try req.decodeJSON(Body.self)
        let ids = try APIID.parseList(body.ids, field: "ids") ?? []
        let moved = try await CustomerService.transfer(
            ids, to: try APIID.parse(body.ownerId, field: "ownerId"), reason: body.reason, req.services)
        return try ListBody(items: moved.map(CustomerDTO.init), nextCursor: nil).jsonResponse()
    }

    // MARK: contacts

    static func listContacts(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await ContactService.list(
            q: req.query[String.self, at: "q"], partnerId: try APIID.query(req, "partnerId"), limit: limit,
            cursor: cursor, req.services)
        return try ListBody(items: page.items.map(ContactDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func showContact(_ req: Request) async throws -> Response {
        try ContactDTO(try await ContactService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createContact(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(ContactBody.self)
        return try ContactDTO(try await ContactService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateContact(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.customers, .edit)
        _ = try await ContactService.find(id, req.services)
        let body = try req.decodeJSON(ContactBody.self)
        return try ContactDTO(try await ContactService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    static func deleteContact(_ req: Request) async throws -> Response {
        try await ContactService.delete(try req.id(), req.services)
        return Response(status: .noContent)
    }

    // MARK: related organisations

    static func listRelations(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .view)
        guard let partner = try APIID.query(req, "partnerId") else {
            throw DomainError(.badRequest, code: "required_query", field: "partnerId", args: ["partnerId"])
        }
        let group = try await CustomerRelationService.group(of: partner, req.services)
        // Members beyond the caller's reach stay out, ids included.
        struct Body: Encodable { var rootId: String?; var items: [RelationDTO]; var nextCursor: String? }
        let seen = group.links.filter { group.names[$0.parentId] != nil && group.names[$0.childId] != nil }
        return try Body(
            rootId: group.names[group.root] == nil ? nil : String(group.root), items: seen.map(RelationDTO.init), nextCursor: nil
        ).jsonResponse()
    }

    /// The customer's group top down with each visible member's figures and the totals.
    static func customerGroup(_ req: Request) async throws -> Response {
        let r = try await CustomerRelationService.rollup(of: try req.id(), req.services)
        struct Figures: Encodable {
            var contracts: Int64?
            var contractAmount: String?
            var invoiced: String?
            var receivable: String?
        }
        struct Member: Encodable {
            var id: String
            var code: String
            var name: String
            var depth: Int
            var kind: String?
            var relationId: String?
            var figures: Figures
        }
        struct Body: Encodable {
            var members: [Member]
            var hidden: Int
            var total: Figures
        }
        func figures(_ f: CRMQueries.GroupFigures) -> Figures {
            Figures(
                contracts: r.showsContracts ? f.contracts : nil,
                contractAmount: r.showsContracts ? Money(fen: f.contractAmount).description : nil,
                invoiced: r.showsCash ? Money(fen: f.invoiced).description : nil,
                receivable: r.showsCash ? Money(fen: f.receivable).description : nil)
        }
        return try Body(
            members: r.members.map {
                Member(
                    id: String($0.id), code: $0.code, name: $0.name, depth: $0.depth, kind: $0.kind,
                    relationId: $0.relationId.map(String.init),
                    figures: figures($0.figures))
            }, hidden: r.hidden, total: figures(r.total)
        ).jsonResponse()
    }

    static func createRelation(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(RelationBody.self)
        return try RelationDTO(try await CustomerRelationService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func deleteRelation(_ req: Request) async throws -> Response {
        try await CustomerRelationService.delete(try req.id(), req.services)
        return Response(status: .noContent)
    }

    // MARK: follow-ups

    static func listActivities(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let owner = req.query[String.self, at: "ownerId"] == "me" ? req.state.principal?.userId : try APIID.query(req, "ownerId")
        func millis(_ name: String) throws -> Int64? {
            guard let t = req.query[String.self, at: name], !t.isEmpty else { return nil }
            do { return try Validate.dateTime(t.count == 10 ? t + "T00:00" : t, name) } catch {
                throw DomainError(.badRequest, code: "wrong_type", field: name, args: [name])
            }
        }
        let filter = CRMQueries.ActivityFilter(
            partnerId: try APIID.query(req, "partnerId"), leadId: try APIID.query(req, "leadId"), ownerId: owner,
            kind: req.query[String.self, at: "kind"], from: try millis("from"), to: try millis("to"))
        let page = try await ActivityService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(ActivityDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func showActivity(_ req: Request) async throws -> Response {
        try ActivityDTO(try await ActivityService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createActivity(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(ActivityBody.self)
        return try ActivityDTO(try await ActivityService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    // MARK: custom fields

    static func listCustomFields(_ req: Request) async throws -> Response {
        let entity = req.query[String.self, at: "entity"]
        if let e = entity, CustomFieldService.Entity(rawValue: e) == nil {
            throw DomainError(.badRequest, code: "wrong_type", field: "entity", args: ["entity"])
        }
        let rows = try await CustomFieldService.list(entity: entity, req.services)
        return try ListBody(items: rows.map(CustomFieldDTO.init), nextCursor: nil).jsonResponse()
    }

    static func showCustomField(_ req: Request) async throws -> Response {
        try CustomFieldDTO(try await CustomFieldService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createCustomField(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(CustomFieldBody.self)
        return try CustomFieldDTO(try await CustomFieldService.create(body.input, req.services)).jsonResponse(status: .created)
    }

    static func updateCustomField(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.customers, .approve)
        _ = try await CustomFieldService.find(id, req.services)
        let body = try req.decodeJSON(CustomFieldBody.self)
        return try CustomFieldDTO(try await CustomFieldService.update(id, body.input, version: body.version, req.services)).jsonResponse()
    }

    // MARK: pools

    static func listPools(_ req: Request) async throws -> Response {
        try ListBody(items: try await PoolService.list(req.services).map(PoolDTO.init), nextCursor: nil).jsonResponse()
    }

    static func showPool(_ req: Request) async throws -> Response {
        try PoolDTO(try await PoolService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createPool(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(PoolBody.self)
        return try PoolDTO(try await PoolService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updatePool(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.pools, .approve)
        _ = try await PoolService.find(id, req.services)
        let body = try req.decodeJSON(PoolBody.self)
        return try PoolDTO(try await PoolService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    static func poolMembers(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await PoolService.members(
            try req.id(), q: req.query[String.self, at: "q"], limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(CustomerDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    struct MoveBody: Decodable { var customerId: String?; var ownerId: String?; var reason: String? }

    static func customerId(_ body: MoveBody) throws -> Int64 {
        guard let id = try APIID.parse(body.customerId, field: "customerId") else { throw DomainError.required("customerId") }
        return id
    }

    /// The customer must be in this pool.
    static func claim(_ req: Request) async throws -> Response {
        let pool = try req.id()
        try req.services.require(.pools, .edit)
        _ = try await PoolService.find(pool, req.services)
        let body = try req.decodeJSON(MoveBody.self)
        return try CustomerDTO(try await PoolService.claim(try customerId(body), from: pool, req.services)).jsonResponse()
    }

    static func release(_ req: Request) async throws -> Response {
        let pool = try req.id()
        try req.services.require(.pools, .edit)
        _ = try await PoolService.find(pool, req.services)
        let body = try req.decodeJSON(MoveBody.self)
        return try CustomerDTO(try await PoolService.release(try customerId(body), reason: body.reason, into: pool, req.services))
            .jsonResponse()
    }

    static func assign(_ req: Request) async throws -> Response {
        let pool = try req.id()
        try req.services.require(.pools, .approve)
        _ = try await PoolService.find(pool, req.services)
        let body = try req.decodeJSON(MoveBody.self)
        return try CustomerDTO(
            try await PoolService.assign(
                try customerId(body), to: try APIID.parse(body.ownerId, field: "ownerId"), from: pool,
                req.services)
        ).jsonResponse()
    }

    static func previewPools(_ req: Request) async throws -> Response {
        var days: Int64 = 7
        if let t = req.query[String.self, at: "days"] {
            guard let d = Int64(t), (1...90).contains(d) else {
                throw DomainError(.badRequest, code: "wrong_type", field: "days", args: ["days"])
            }
            days = d
        }
        let rows = try await PoolService.preview(days: days, req.services)
        return try ListBody(items: rows.map(PreviewDTO.init), nextCursor: nil).jsonResponse()
    }

    /// Runs the daily rules now (they also run by themselves every night).
    static func runPoolRules(_ req: Request) async throws -> Response {
        let r = try await PoolService.runNow(req.services)
        struct Body: Encodable { var recycled: Int; var warned: Int; var notified: Int }
        return try Body(recycled: r.recycled, warned: r.warned, notified: r.notified).jsonResponse()
    }

    // MARK: notifications

    static func listNotifications(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let unread = try InventoryAPI.boolQuery(req, "unread") ?? false
        let page = try await NotificationService.list(unreadOnly: unread, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { dto($0, req) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func dto(_ n: NotificationRow, _ req: Request) -> NotificationDTO {
        let args = NotificationService.args(n)
        return NotificationDTO(
            id: String(n.id), kind: n.kind, message: req.t.format(n.kind, args), args: args, link: n.link,
            createdAt: ISOTime.string(n.createdAt), readAt: ISOTime.string(n.readAt))
    }

    static func readNotification(_ req: Request) async throws -> Response {
        let id = try req.id()
        try await NotificationService.markRead(id, req.services)
        return try dto(try await NotificationService.find(id, req.services), req).jsonResponse()
    }

    static func readAllNotifications(_ req: Request) async throws -> Response {
        try await NotificationService.markRead(nil, req.services)
        return Response(status: .noContent)
    }

    // MARK: leads

    static func listLeads(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let filter = try CRMFilters.leads(req)
        let page = try await LeadService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(LeadDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func showLead(_ req: Request) async throws -> Response {
        try LeadDTO(try await LeadService.find(try req.id(), req.services)).jsonResponse()
    }

    /// A possible duplicate answers 409 naming the first match (`existing`) with all of them in `matches`.
    static func createLead(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(LeadBody.self)
        do {
            return try LeadDTO(try await LeadService.create(try body.input(), req.services)).jsonResponse(status: .created)
        } catch let d as LeadService.DuplicateFound {
            let e = d.error
            struct Body: Encodable { var error: APIError.Body.Inner; var matches: [MatchDTO] }
            let inner = APIError.Body.Inner(
                code: e.code, message: ConcordErrorMiddleware.message(e, req.t), field: e.field,
                existing: e.resource.map { "/api/v1/" + $0 })
            return try Body(error: inner, matches: d.matches.map(MatchDTO.init)).jsonResponse(status: .conflict)
        }
    }

    /// The file as the body: an .xlsx workbook (its first sheet) or CSV / tab-separated text in
    /// UTF-8, UTF-16 or GB18030 (GBK), told apart by its bytes; `?dryRun=true` only reports what
    /// would happen.
    /// What an import's body may be.
    static let spreadsheetTypes: Set<String> = [
        "text/csv", "text/plain", "text/tab-separated-values", "application/octet-stream",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]

    static func importLeads(_ req: Request) async throws -> Response {
        try req.services.require(.leads, .create)
        guard let ct = req.headers.contentType, Self.spreadsheetTypes.contains("\(ct.type)/\(ct.subType)") else {
            throw DomainError(
                .badRequest, code: "bad_csv",
                args: ["Content-Type must be one of " + Self.spreadsheetTypes.sorted().joined(separator: ", ")])
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw DomainError(.badRequest, code: "bad_csv", args: ["the body is empty"])
        }
        let dryRun = try InventoryAPI.boolQuery(req, "dryRun") ?? false
        let rows = try await LeadImport.run(file: Data(buffer.readableBytesView), dryRun: dryRun, req.services)
        struct R: Encodable {
            var line: Int; var outcome: String; var company: String; var field: String?; var code: String?; var message: String?;
            var leadId: String?
            var matches: [MatchDTO]
        }
        struct Body: Encodable { var items: [R]; var nextCursor: String?; var created: Int; var skipped: Int }
        let items = rows.map { r in
            R(
                line: r.line, outcome: r.outcome, company: r.company, field: r.field, code: r.code,
                message: r.code.map { req.t.format("error." + $0, r.args) }, leadId: APIID.string(r.leadId),
                matches: r.matches.map(MatchDTO.init))
        }
        return try Body(
            items: items, nextCursor: nil, created: rows.filter { $0.outcome == "created" }.count,
            skipped: rows.filter { $0.outcome == "duplicate" || $0.outcome == "invalid" }.count
        ).jsonResponse(status: dryRun ? .ok : .created)
    }

    static func leadDuplicates(_ req: Request) async throws -> Response {
        try req.services.require(.leads, .view)
        let matches = try await LeadService.duplicates(
            company: req.query[String.self, at: "company"], uscc: req.query[String.self, at: "uscc"],
            phone: req.query[String.self, at: "phone"], email: req.query[String.self, at: "email"], req.services)
        return try ListBody(items: matches.map(MatchDTO.init), nextCursor: nil).jsonResponse()
    }

    static func updateLead(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.leads, .edit)
        _ = try await LeadService.find(id, req.services)
        let body = try req.decodeJSON(LeadBody.self)
        return try LeadDTO(try await LeadService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    /// POST /leads/bulk-assign: several leads to one person, all or none.
    static func bulkAssignLeads(_ req: Request) async throws -> Response {
        try req.services.require(.leads, .approve)
        struct Body: Decodable { var ids: [String]?; var ownerId: String? }
        let body = try req.decodeJSON(Body.self)
        let ids = try APIID.parseList(body.ids, field: "ids") ?? []
        let done = try await LeadService.assign(ids, to: try APIID.parse(body.ownerId, field: "ownerId"), req.services)
        return try ListBody(items: done.map(LeadDTO.init), nextCursor: nil).jsonResponse()
    }

    static func assignLead(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.leads, .edit)
        _ = try await LeadService.find(id, req.services)
        struct Body: Decodable { var ownerId: String? }
        let body = try req.decodeJSON(Body.self)
        return try LeadDTO(try await LeadService.assign(id, to: try APIID.parse(body.ownerId, field: "ownerId"), req.services))
            .jsonResponse()
    }

    static func disqualifyLead(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.leads, .edit)
        _ = try await LeadService.find(id, req.services)
        struct Body: Decodable { var reason: String? }
        let body = try req.decodeJSON(Body.self)
        return try LeadDTO(try await LeadService.disqualify(id, reason: body.reason, req.services)).jsonResponse()
    }

    static func convertLead(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.leads, .edit)
        _ = try await LeadService.find(id, req.services)
        struct Body: Decodable {
            var customerId: String?; var createOpportunity: Bool?; var opportunityName: String?; var amount: String?;
            var expectedClose: String?
        }
        let b = try req.decodeJSON(Body.self)
        let r = try await LeadService.convert(
            id,
            .init(
                customerId: try APIID.parse(b.customerId, field: "customerId"), createOpportunity: b.createOpportunity,
                opportunityName: b.opportunityName, amount: b.amount, expectedClose: b.expectedClose), req.services)
        struct Out: Encodable { var lead: LeadDTO; var customer: CustomerDTO; var contact: ContactDTO?; var opportunity: OpportunityDTO? }
        return try Out(
            lead: LeadDTO(r.lead), customer: CustomerDTO(r.customer), contact: r.contact.map(ContactDTO.init),
            opportunity: r.opportunity.map(OpportunityDTO.init)
        ).jsonResponse()
    }

    // MARK: stages and opportunities

    static func listStages(_ req: Request) async throws -> Response {
        try ListBody(items: try await StageService.list(req.services).map(StageDTO.init), nextCursor: nil).jsonResponse()
    }

    static func createStage(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(StageBody.self)
        return try StageDTO(try await StageService.save(nil, body.input, version: nil, req.services)).jsonResponse(status: .created)
    }

    static func updateStage(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.opportunities, .approve)
        guard try await StageService.list(req.services).contains(where: { $0.id == id }) else { throw DomainError.notFound }
        let body = try req.decodeJSON(StageBody.self)
        return try StageDTO(try await StageService.save(id, body.input, version: body.version, req.services)).jsonResponse()
    }

    static func listOpportunities(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let filter = try CRMFilters.opportunities(req)
        let page = try await OpportunityService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(OpportunityDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func showOpportunity(_ req: Request) async throws -> Response {
        try OpportunityDTO(try await OpportunityService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createOpportunity(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(OpportunityBody.self)
        return try OpportunityDTO(try await OpportunityService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateOpportunity(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.opportunities, .edit)
        _ = try await OpportunityService.find(id, req.services)
        let body = try req.decodeJSON(OpportunityBody.self)
        return try OpportunityDTO(try await OpportunityService.update(id, try body.input(), version: body.version, req.services))
            .jsonResponse()
    }

    static func moveOpportunity(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.opportunities, .edit)
        _ = try await OpportunityService.find(id, req.services)
        struct Body: Decodable { var stageId: String?; var lostReason: String? }
        let body = try req.decodeJSON(Body.self)
        return try OpportunityDTO(
            try await OpportunityService.move(
                id, to: try APIID.parse(body.stageId, field: "stageId"), lostReason: body.lostReason,
                req.services)
        ).jsonResponse()
    }

    static func opportunityHistory(_ req: Request) async throws -> Response {
        let moves = try await OpportunityService.history(try req.id(), req.services)
        struct M: Encodable { var fromStageId: String?; var toStageId: String; var at: String?; var byUserId: String? }
        return try ListBody(
            items: moves.map {
                M(
                    fromStageId: APIID.string($0.fromStageId), toStageId: String($0.toStageId), at: ISOTime.string($0.at),
                    byUserId: APIID.string($0.byUserId))
            }, nextCursor: nil
        ).jsonResponse()
    }

    static func funnel(_ req: Request) async throws -> Response {
        let rows = try await OpportunityService.funnel(req.services)
        struct F: Encodable {
            var stageId: String; var name: String; var outcome: String; var probability: Int64; var count: Int64; var amount: String
        }
        return try ListBody(
            items: rows.map {
                F(
                    stageId: String($0.stage.id), name: $0.stage.name, outcome: $0.stage.outcome, probability: $0.stage.probability,
                    count: $0.count, amount: Fmt.money($0.amount)!)
            }, nextCursor: nil
        ).jsonResponse()
    }

    static func forecast(_ req: Request) async throws -> Response {
        let rows = try await OpportunityService.forecast(req.services)
        struct F: Encodable { var month: String; var ownerId: String?; var count: Int64; var amount: String; var weighted: String }
        return try ListBody(
            items: rows.map {
                F(
                    month: $0.month, ownerId: APIID.string($0.ownerId), count: $0.count, amount: Fmt.money($0.amount)!,
                    weighted: Fmt.money($0.weighted)!)
            }, nextCursor: nil
        ).jsonResponse()
    }

    // MARK: schedule

    static func listTasks(_ req: Request) async throws -> Response {
        func day(_ name: String) throws -> Int64? {
            guard let t = req.query[String.self, at: name], !t.isEmpty else { return nil }
            guard Validate.isDate(t), let ms = try? Validate.dateTime(t + "T00:00", name) else {
                throw DomainError(.badRequest, code: "wrong_type", field: name, args: [name])
            }
            return ms
        }
        let today = try Validate.dateTime(CalendarDate.chinaDate(req.services.nowMillis) + "T00:00", "from")
        let from = try day("from") ?? today
        let to = try day("to").map { $0 + 86_400_000 } ?? from + 7 * 86_400_000
        let owner = req.query[String.self, at: "ownerId"] == "me" ? req.state.principal?.userId : try APIID.query(req, "ownerId")
        let rows = try await TaskService.list(from: from, to: to, ownerId: owner, req.services)
        return try ListBody(items: rows.map(TaskDTO.init), nextCursor: nil).jsonResponse()
    }

    /// The caller's customers due for a follow-up between two dates (default the next seven days).
    static func followUps(_ req: Request) async throws -> Response {
        let today = CalendarDate(chinaDayOf: req.services.nowMillis)
        let from = req.query[String.self, at: "from"].flatMap { $0.isEmpty ? nil : $0 } ?? today.text
        let to = req.query[String.self, at: "to"].flatMap { $0.isEmpty ? nil : $0 } ?? CalendarDate.add(days: 6, to: from)
        let rows = try await TaskService.followUps(from: from, through: to, req.services)
        struct Item: Encodable { var customerId: String; var name: String; var date: String; var level: String? }
        return try ListBody(
            items: rows.map { Item(customerId: String($0.id), name: $0.name, date: $0.nextFollowUp ?? "", level: $0.level) },
            nextCursor: nil
        ).jsonResponse()
    }

    static func showTask(_ req: Request) async throws -> Response {
        try TaskDTO(try await TaskService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createTask(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(TaskBody.self)
        return try TaskDTO(try await TaskService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateTask(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.activities, .edit)
        _ = try await TaskService.find(id, req.services)
        let body = try req.decodeJSON(TaskBody.self)
        return try TaskDTO(try await TaskService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    static func deleteTask(_ req: Request) async throws -> Response {
        try await TaskService.delete(try req.id(), req.services)
        return Response(status: .noContent)
    }

    static func taskDone(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.activities, .edit)
        _ = try await TaskService.find(id, req.services)
        struct Body: Decodable { var done: Bool? }
        let done = (req.body.data?.readableBytes ?? 0) > 0 ? try req.decodeJSON(Body.self).done ?? true : true
        return try TaskDTO(try await TaskService.complete(id, done: done, req.services)).jsonResponse()
    }

    // MARK: work reports

    static func listReports(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let user = req.query[String.self, at: "userId"] == "me" ? req.state.principal?.userId : try APIID.query(req, "userId")
        let page = try await WorkReportService.list(userId: user, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(WorkReportDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func showReport(_ req: Request) async throws -> Response {
        try WorkReportDTO(try await WorkReportService.find(try req.id(), req.services)).jsonResponse()
    }

    static func submitReport(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(WorkReportService.Input.self)
        return try WorkReportDTO(try await WorkReportService.submit(body, req.services)).jsonResponse(status: .created)
    }

    /// The counts a report for this period would be filed with (to pre-fill a form).
    static func reportDraft(_ req: Request) async throws -> Response {
        try req.services.require(.activities, .create)
        guard let me = req.state.principal?.userId else { throw DomainError.forbidden }
        let kindText = req.query[String.self, at: "kind"] ?? "daily"
        guard let kind = WorkReportService.Kind(rawValue: kindText) else {
            throw DomainError(.badRequest, code: "wrong_type", field: "kind", args: ["kind"])
        }
        let date = req.query[String.self, at: "date"] ?? CalendarDate.chinaDate(req.services.nowMillis)
        guard Validate.isDate(date) else { throw DomainError(.badRequest, code: "wrong_type", field: "date", args: ["date"]) }
        let (from, to) = try WorkReportService.period(kind, containing: date)
        let s = try await WorkReportService.stats(userId: me, from: from, to: to, req.store)
        struct Body: Encodable { var kind: String; var periodStart: String; var periodEnd: String; var stats: WorkReportDTO.StatsDTO }
        return try Body(
            kind: kind.rawValue, periodStart: from, periodEnd: to,
            stats: .init(
                visits: s.visits, followUps: s.followUps, newCustomers: s.newCustomers, stageMoves: s.stageMoves, dealsWon: s.dealsWon,
                amountWon: Fmt.money(s.amountWon)!)
        ).jsonResponse()
    }

    static func commentReport(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.activities, .approve)
        _ = try await WorkReportService.find(id, req.services)
        struct Body: Decodable { var comment: String? }
        let body = try req.decodeJSON(Body.self)
        return try WorkReportDTO(try await WorkReportService.comment(id, text: body.comment, req.services)).jsonResponse()
    }

    // MARK: settings

    static func showSettings(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .view)
        let all = try await CRMSettings.all(req.store)
        return try CRMSettingsDTO(levels: all[.levels], sources: all[.sources], industries: all[.industries]).jsonResponse()
    }

    /// Replaces the lists that are sent; the others stay.
    static func updateSettings(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .approve)
        let body = try req.decodeJSON(CRMSettingsDTO.self)
        var lists: [CRMSettings.List: [String]] = [:]
        lists[.levels] = body.levels
        lists[.sources] = body.sources
        lists[.industries] = body.industries
        try await CRMSettings.set(lists, req.services)
        let all = try await CRMSettings.all(req.store)
        return try CRMSettingsDTO(levels: all[.levels], sources: all[.sources], industries: all[.industries]).jsonResponse()
    }
}
