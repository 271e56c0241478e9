import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1/campaigns and /api/v1/campaign-costs: campaigns, their state, what they brought and
/// what they cost.
enum MarketingAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("campaigns", use: list)
        authed.get("campaigns", "export", use: MarketingExports.campaigns)
        authed.post("campaigns", use: create)
        authed.get("campaigns", ":id", use: show)
        authed.put("campaigns", ":id", use: update)
        authed.post("campaigns", ":id", "transitions", use: transition)
        authed.get("campaign-costs", use: costs)
        authed.post("campaign-costs", use: addCost)
        authed.delete("campaign-costs", ":id", use: removeCost)
    }

    struct Body: Decodable {
        var code: String?
        var name: String?
        var kind: String?
        var channel: String?
        var ownerId: String?
        var branchId: String?
        var startsOn: String?
        var endsOn: String?
        var budget: String?
        var expectedLeads: Int64?
        var expectedRevenue: String?
        var description: String?
        var version: Int64?
        func input() throws -> CampaignService.Input {
            .init(
                code: code, name: name, kind: kind, channel: channel, ownerId: try APIID.parse(ownerId, field: "ownerId"),
                branchId: try APIID.parse(branchId, field: "branchId"), startsOn: startsOn, endsOn: endsOn, budget: budget,
                expectedLeads: expectedLeads.map(String.init), expectedRevenue: expectedRevenue, description: description)
        }
    }

    struct CampaignDTO: Encodable {
        var id: String
        var code: String
        var name: String
        var kind: String
        var channel: String?
        var status: String
        var ownerId: String?
        var branchId: String
        var startsOn: String
        var endsOn: String?
        var budget: String
        var expectedLeads: Int64
        var expectedRevenue: String
        var description: String?
        var version: Int64
        var createdAt: String?
        init(_ c: CampaignRow) {
            id = String(c.id); code = c.code; name = c.name; kind = c.kind; channel = c.channel; status = c.status
            ownerId = c.ownerId.map(String.init); branchId = String(c.branchId); startsOn = c.startsOn; endsOn = c.endsOn
            budget = Fmt.money(c.budget)!; expectedLeads = c.expectedLeads; expectedRevenue = Fmt.money(c.expectedRevenue)!
            description = c.description; version = c.version; createdAt = ISOTime.string(c.createdAt)
        }
    }

    struct ResultsDTO: Encodable {
        var leads: Int64
        var leadsConverted: Int64
        var customers: Int64
        var opportunities: Int64
        var opportunitiesWon: Int64
        var wonAmount: String
        var contracts: Int64
        var contractAmount: String
        var collected: String
        var cost: String
        /// (return − cost) / cost, a per cent with one decimal ("123.4"); null while nothing was spent.
        var roiWon: String?
        var roiSigned: String?
        var roiCollected: String?
    }

    struct DetailsDTO: Encodable {
        var campaign: CampaignDTO
        var results: ResultsDTO
    }

    struct CostDTO: Encodable {
        var id: String
        var campaignId: String
        var costDate: String
        var channel: String?
        var supplierId: String?
        var expenseClaimId: String?
        var amount: String
        var note: String?
        var createdAt: String?
        init(_ c: CampaignCostRow) {
            id = String(c.id); campaignId = String(c.campaignId); costDate = c.costDate; channel = c.channel
            supplierId = c.supplierId.map(String.init); expenseClaimId = c.expenseClaimId.map(String.init); amount = Fmt.money(c.amount)!
            note = c.note; createdAt = ISOTime.string(c.createdAt)
        }
    }

    static func percent(_ permille: Int64?) -> String? { permille.map { ScaledDecimal.format(Int128($0), scale: 1, minDecimals: 1) } }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await CampaignService.list(MarketingFilters.campaigns(req), limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(CampaignDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func show(_ req: Request) async throws -> Response {
        let d = try await CampaignService.details(try req.id(), req.services)
        let p = d.performance, r = d.returns
        return try DetailsDTO(
            campaign: CampaignDTO(d.campaign),
            results: ResultsDTO(
                leads: p.leads, leadsConverted: p.leadsConverted, customers: p.customers, opportunities: p.opportunities,
                opportunitiesWon: p.opportunitiesWon, wonAmount: Fmt.money(p.wonAmount)!, contracts: p.contracts,
                contractAmount: Fmt.money(p.contractAmount)!, collected: Fmt.money(p.collected)!, cost: Fmt.money(p.cost)!,
                roiWon: percent(r.roiWon), roiSigned: percent(r.roiSigned), roiCollected: percent(r.roiCollected))
        ).jsonResponse()
    }

    static func create(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .create)
        let body = try req.decodeJSON(Body.self)
        return try CampaignDTO(try await CampaignService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let body = try req.decodeJSON(Body.self)
        return try CampaignDTO(try await CampaignService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    struct TransitionBody: Decodable {
        var action: String?
        var version: Int64?
    }

    /// `{"action": "start" | "complete" | "cancel" | "reopen"}`.
    static func transition(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let body = try req.decodeJSON(TransitionBody.self)
        guard let raw = body.action, let c = CampaignFlow.Command(rawValue: raw), CampaignFlow.transitions.contains(c) else {
            throw DomainError.invalid("action", code: "invalid_choice", args: ["action"])
        }
        return try CampaignDTO(try await CampaignService.transition(id, c, version: body.version, req.services)).jsonResponse()
    }

    struct CostBody: Decodable {
        var campaignId: String?
        var costDate: String?
        var channel: String?
        var supplierId: String?
        var expenseClaimId: String?
        var amount: String?
        var note: String?
    }

    /// `?campaignId=` (required): the campaign's cost lines, by date.
    static func costs(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .view)
        guard let id = try APIID.query(req, "campaignId") else { throw DomainError.required("campaignId") }
        let d = try await CampaignService.details(id, req.services)
        return try ListBody(items: d.costs.map(CostDTO.init), nextCursor: nil).jsonResponse()
    }

    static func addCost(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(CostBody.self)
        guard let campaign = try APIID.parse(b.campaignId, field: "campaignId") else { throw DomainError.required("campaignId") }
        let input = CampaignService.CostInput(
            costDate: b.costDate, channel: b.channel, supplierId: try APIID.parse(b.supplierId, field: "supplierId"),
            expenseClaimId: try APIID.parse(b.expenseClaimId, field: "expenseClaimId"), amount: b.amount, note: b.note)
        do {
            return try CostDTO(try await CampaignService.addCost(campaign, input, req.services)).jsonResponse(status: .created)
        } catch let e as DomainError where e.kind == .notFound {
            // The campaign is named in the body: one not found (or beyond reach) is a refused field.
            throw DomainError.invalid("campaignId", code: "not_found")
        }
    }

    static func removeCost(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        try await CampaignService.removeCost(try req.id(), req.services)
        return Response(status: .noContent)
    }
}
