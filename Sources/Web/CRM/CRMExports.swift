import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The CRM lists' filters as a request gives them: one reading for the page, the API and the
/// export, so an export holds exactly the rows its list shows. Pages say `mine=1` (or
/// `view=mine`), programs `ownerId=me` or an id; both work everywhere.
enum CRMFilters {
    static func customers(_ req: Request) throws -> CRMQueries.CustomerFilter {
        let sort = nonEmpty(req, "sort")
        if let s = sort, !["name", "newest"].contains(s) {
            throw DomainError(.badRequest, code: "wrong_type", field: "sort", args: ["sort"])
        }
        return CRMQueries.CustomerFilter(
            q: nonEmpty(req, "q"), level: nonEmpty(req, "level"), status: nonEmpty(req, "status"), industry: nonEmpty(req, "industry"),
            source: nonEmpty(req, "source"), tag: nonEmpty(req, "tag"),
            ownerId: try owner(req, mine: req.query[String.self, at: "mine"] == "1"),
            sort: sort, custom: try custom(req))
    }

    /// `cf.<key>=<value>` in the address: the custom fields a list is narrowed by.
    static func custom(_ req: Request) throws -> [String: String] {
        var out: [String: String] = [:]
        for item in URLComponents(string: req.url.string)?.queryItems ?? [] where item.name.hasPrefix("cf.") {
            let key = String(item.name.dropFirst(3))
            guard !key.isEmpty, key.count <= 40, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else {
                throw DomainError(.badRequest, code: "wrong_type", field: item.name, args: [item.name])
            }
            if let v = item.value?.trimmingCharacters(in: .whitespaces), !v.isEmpty { out[key] = String(v.prefix(500)) }
        }
        return out
    }

    static func leads(_ req: Request) throws -> LeadService.Filter {
        let view = req.query[String.self, at: "view"]
        return LeadService.Filter(
            q: nonEmpty(req, "q"), status: nonEmpty(req, "status"), ownerId: try owner(req, mine: view == "mine"),
            inPool: view == "pool" ? true : try InventoryAPI.boolQuery(req, "inPool"), custom: try custom(req))
    }

    static func opportunities(_ req: Request) throws -> OpportunityService.Filter {
        let outcome = nonEmpty(req, "outcome")
        if let o = outcome, StageService.Outcome(rawValue: o) == nil {
            throw DomainError(.badRequest, code: "wrong_type", field: "outcome", args: ["outcome"])
        }
        return OpportunityService.Filter(
            q: nonEmpty(req, "q"), partnerId: try APIID.query(req, "partnerId"), stageId: try APIID.query(req, "stageId"),
            outcome: outcome, ownerId: try owner(req, mine: req.query[String.self, at: "mine"] == "1"), custom: try custom(req))
    }

    /// `ownerId=me`, `ownerId=12`, or the page's "only mine".
    static func owner(_ req: Request, mine: Bool) throws -> Int64? {
        if mine || req.query[String.self, at: "ownerId"] == "me" { return req.state.principal?.userId }
        return try APIID.query(req, "ownerId")
    }

    static func nonEmpty(_ req: Request, _ name: String) -> String? {
        guard let v = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        return v
    }
}

/// The CRM lists as .xlsx or CSV: `GET /crm/customers/export` for a page's link and
/// `GET /api/v1/customers/export` for a program answer the same file.
enum CRMExports {
    static func customers(_ req: Request) async throws -> Response {
        let filter = try CRMFilters.customers(req), t = req.t
        let statuses = Dictionary(
            uniqueKeysWithValues: CustomerService.Status.allCases.map { ($0.rawValue, t("customer.status." + $0.rawValue)) })
        let kinds = ["company": t("partner.kind.company"), "person": t("partner.kind.person")]
        let pool = t("customer.in_pool")
        let columns: [ExportColumn<Named<PartnerRow>>] =
            [
                .text(t("common.code")) { $0.row.code }, .text(t("common.name")) { $0.row.name },
                .text(t("partner.kind")) { kinds[$0.row.kind] ?? $0.row.kind }, .text(t("customer.level")) { $0.row.level },
                .text(t("common.status")) { statuses[$0.row.status] ?? $0.row.status },
                .text(t("customer.owner")) { $0.row.ownerId == nil ? pool : $0.user($0.row.ownerId) },
                .text(t("partner.phone")) { $0.row.phone }, .text(t("field.email")) { $0.row.email },
                .text(t("customer.industry")) { $0.row.industry }, .text(t("customer.source")) { $0.row.source },
                .text(t("customer.province")) { $0.row.province }, .text(t("customer.city")) { $0.row.city },
                .text(t("customer.district")) { $0.row.district }, .text(t("partner.address")) { $0.row.street ?? $0.row.address },
                .text(t("partner.uscc")) { $0.row.uscc }, .text(t("customer.tags")) { Self.tags($0.row.tags) },
                .money(t("customer.credit_limit")) { $0.row.creditLimit }, .day(t("customer.last_activity")) { $0.row.lastActivityAt },
                .date(t("customer.next_follow_up")) { $0.row.nextFollowUp }, .day(t("common.created_at")) { $0.row.createdAt },
            ] + (try await CustomFieldForms.columns(.customer, req) { $0.row.customValues })
        return try await Exports.run(
            req, .customers, entity: "customer", title: t("customer.title"), columns: columns, users: { [$0.ownerId] }
        ) {
            try await CustomerService.list(filter: filter, limit: $1, cursor: $0, req.services)
        }
    }

    static func contacts(_ req: Request) async throws -> Response {
        let q = CRMFilters.nonEmpty(req, "q"), partnerId = try APIID.query(req, "partnerId"), t = req.t
        let yes = t("common.yes")
        let columns: [ExportColumn<Named<ContactRow>>] = [
            .text(t("common.name")) { $0.row.name }, .text(t("customer.one")) { $0.partner($0.row.partnerId) },
            .text(t("contact.title")) { $0.row.title }, .text(t("contact.mobile")) { $0.row.mobile },
            .text(t("partner.phone")) { $0.row.phone }, .text(t("field.email")) { $0.row.email },
            .text(t("contact.wechat")) { $0.row.wechat },
            .text(t("contact.birthday")) { ContactWebPages.birthday($0.row.birthday) },
            .text(t("contact.primary")) { $0.row.isPrimary ? yes : nil }, .text(t("common.note")) { $0.row.note },
            .day(t("common.created_at")) { $0.row.createdAt },
        ]
        return try await Exports.run(
            req, .customers, entity: "contact", title: t("contact.list"), columns: columns, partners: { [$0.partnerId] }
        ) { try await ContactService.list(q: q, partnerId: partnerId, limit: $1, cursor: $0, req.services) }
    }

    static func leads(_ req: Request) async throws -> Response {
        let filter = try CRMFilters.leads(req), t = req.t
        let statuses = Dictionary(uniqueKeysWithValues: LeadService.Status.allCases.map { ($0.rawValue, t("lead.status." + $0.rawValue)) })
        let pool = t("lead.in_pool")
        let columns: [ExportColumn<Named<LeadRow>>] =
            [
                .text(t("lead.company")) { $0.row.company }, .text(t("lead.contact")) { $0.row.contactName },
                .text(t("contact.title")) { $0.row.title }, .text(t("partner.phone")) { $0.row.phone },
                .text(t("field.email")) { $0.row.email }, .text(t("partner.uscc")) { $0.row.uscc },
                .text(t("customer.source")) { $0.row.source }, .text(t("customer.province")) { $0.row.province },
                .text(t("customer.city")) { $0.row.city }, .text(t("common.status")) { statuses[$0.row.status] ?? $0.row.status },
                .text(t("customer.owner")) { $0.row.ownerId == nil ? pool : $0.user($0.row.ownerId) },
                .text(t("common.note")) { $0.row.note }, .day(t("customer.last_activity")) { $0.row.lastActivityAt },
                .day(t("common.created_at")) { $0.row.createdAt },
            ] + (try await CustomFieldForms.columns(.lead, req) { $0.row.customValues })
        return try await Exports.run(req, .leads, entity: "lead", title: t("lead.title"), columns: columns, users: { [$0.ownerId] }) {
            try await LeadService.list(filter: filter, limit: $1, cursor: $0, req.services)
        }
    }

    static func opportunities(_ req: Request) async throws -> Response {
        let filter = try CRMFilters.opportunities(req), t = req.t
        let stages = Dictionary(uniqueKeysWithValues: try await StageService.list(req.services).map { ($0.id, $0.name) })
        let outcomes = Dictionary(
            uniqueKeysWithValues: StageService.Outcome.allCases.map { ($0.rawValue, t("opportunity.outcome." + $0.rawValue)) })
        let columns: [ExportColumn<Named<OpportunityRow>>] =
            [
                .text(t("opportunity.name")) { $0.row.name }, .text(t("customer.one")) { $0.partner($0.row.partnerId) },
                .money(t("opportunity.amount")) { $0.row.amount }, .text(t("opportunity.stage")) { stages[$0.row.stageId] },
                .text(t("opportunity.outcome")) { outcomes[$0.row.outcome] ?? $0.row.outcome },
                .date(t("opportunity.expected_close")) { $0.row.expectedClose }, .text(t("customer.owner")) { $0.user($0.row.ownerId) },
                .text(t("opportunity.lost_reason")) { $0.row.lostReason }, .day(t("common.created_at")) { $0.row.createdAt },
            ] + (try await CustomFieldForms.columns(.opportunity, req) { $0.row.customValues })
        return try await Exports.run(
            req, .opportunities, entity: "opportunity", title: t("opportunity.title"), columns: columns, users: { [$0.ownerId] },
            partners: { [$0.partnerId] }
        ) { try await OpportunityService.list(filter: filter, limit: $1, cursor: $0, req.services) }
    }

    /// ",vip,exhibition," as "vip、exhibition".
    static func tags(_ stored: String) -> String? {
        let parts = stored.split(separator: ",").map(String.init)
        return parts.isEmpty ? nil : parts.joined(separator: "、")
    }
}
