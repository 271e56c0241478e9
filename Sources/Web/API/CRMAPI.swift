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
        authed.post("customers", use: createCustomer)
        authed.get("customers", ":id", use: showCustomer)
        authed.put("customers", ":id", use: updateCustomer)
        authed.delete("customers", ":id", use: deleteCustomer)
        authed.post("customers", ":id", "transfer", use: transferCustomer)
        authed.get("contacts", use: listContacts)
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
        authed.get("crm-settings", use: showSettings)
        authed.put("crm-settings", use: updateSettings)
    }

    // MARK: customers

    static func listCustomers(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let sort = req.query[String.self, at: "sort"]
        if let s = sort, !["name", "newest"].contains(s) { throw DomainError(.badRequest, code: "wrong_type", field: "sort", args: ["sort"]) }
        let owner = req.query[String.self, at: "ownerId"] == "me" ? req.state.principal?.userId : try APIID.query(req, "ownerId")
        let filter = CRMQueries.CustomerFilter(q: req.query[String.self, at: "q"], level: req.query[String.self, at: "level"],
                                               status: req.query[String.self, at: "status"], industry: req.query[String.self, at: "industry"],
                                               source: req.query[String.self, at: "source"], tag: req.query[String.self, at: "tag"], ownerId: owner,
                                               sort: sort)
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
        _ = try await CustomerService.find(id, req.services)
        struct Body: Decodable { var ownerId: String?; var reason: String? }
        let body = try req.decodeJSON(Body.self)
        return try CustomerDTO(try await CustomerService.transfer(id, to: try APIID.parse(body.ownerId, field: "ownerId"), reason: body.reason,
                                                                  req.services)).jsonResponse()
    }

    // MARK: contacts

    static func listContacts(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await ContactService.list(q: req.query[String.self, at: "q"], partnerId: try APIID.query(req, "partnerId"), limit: limit,
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
        guard let partner = try APIID.query(req, "partnerId") else { throw DomainError(.badRequest, code: "required_query", field: "partnerId", args: ["partnerId"]) }
        let group = try await CustomerRelationService.group(of: partner, req.services)
        struct Body: Encodable { var rootId: String; var items: [RelationDTO]; var nextCursor: String? }
        return try Body(rootId: String(group.root), items: group.links.map(RelationDTO.init), nextCursor: nil).jsonResponse()
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
        let filter = CRMQueries.ActivityFilter(partnerId: try APIID.query(req, "partnerId"), leadId: try APIID.query(req, "leadId"), ownerId: owner,
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
        if let e = entity, CustomFieldService.Entity(rawValue: e) == nil { throw DomainError(.badRequest, code: "wrong_type", field: "entity", args: ["entity"]) }
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
        _ = try await PoolService.find(id, req.services)
        let body = try req.decodeJSON(PoolBody.self)
        return try PoolDTO(try await PoolService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    static func poolMembers(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await PoolService.members(try req.id(), q: req.query[String.self, at: "q"], limit: limit, cursor: cursor, req.services)
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
        _ = try await PoolService.find(pool, req.services)
        let body = try req.decodeJSON(MoveBody.self)
        return try CustomerDTO(try await PoolService.claim(try customerId(body), from: pool, req.services)).jsonResponse()
    }

    static func release(_ req: Request) async throws -> Response {
        let pool = try req.id()
        _ = try await PoolService.find(pool, req.services)
        let body = try req.decodeJSON(MoveBody.self)
        return try CustomerDTO(try await PoolService.release(try customerId(body), reason: body.reason, into: pool, req.services)).jsonResponse()
    }

    static func assign(_ req: Request) async throws -> Response {
        let pool = try req.id()
        _ = try await PoolService.find(pool, req.services)
        let body = try req.decodeJSON(MoveBody.self)
        return try CustomerDTO(try await PoolService.assign(try customerId(body), to: try APIID.parse(body.ownerId, field: "ownerId"), from: pool,
                                                            req.services)).jsonResponse()
    }

    static func previewPools(_ req: Request) async throws -> Response {
        var days: Int64 = 7
        if let t = req.query[String.self, at: "days"] {
            guard let d = Int64(t), (1...90).contains(d) else { throw DomainError(.badRequest, code: "wrong_type", field: "days", args: ["days"]) }
            days = d
        }
        let rows = try await PoolService.preview(days: days, req.services)
        return try ListBody(items: rows.map(PreviewDTO.init), nextCursor: nil).jsonResponse()
    }

    /// Runs the daily rules now (they also run by themselves every night).
    static func runPoolRules(_ req: Request) async throws -> Response {
        try req.services.require(.pools, .approve)
        let r = try await PoolService.runDaily(req.services)
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
        return NotificationDTO(id: String(n.id), kind: n.kind, message: req.t.format(n.kind, args), args: args, link: n.link,
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
