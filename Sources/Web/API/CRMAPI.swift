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
