import Foundation
import Kernel
import Persistence

/// Follow-ups (跟进记录): calls, visits, e-mails, meetings and notes about a customer or a lead,
/// with the next follow-up date. A visit may carry the check-in the phone's browser took.
/// Logging one keeps the customer out of the pool's "no follow-up" rule.
public enum ActivityService {
    public enum Kind: String, Sendable, CaseIterable { case call, visit, email, meeting, note }

    public struct Input: Sendable, Codable, Equatable {
        public var partnerId: Int64?
        public var leadId: Int64?
        public var contactId: Int64?
        public var opportunityId: Int64?
        public var kind: String?
        public var content: String?
        /// ISO 8601; without a zone, China time. Default: now.
        public var occurredAt: String?
        public var nextFollowUp: String?
        public var latitude: String?
        public var longitude: String?
        public var accuracy: Int64?
        public init(
            partnerId: Int64? = nil, leadId: Int64? = nil, contactId: Int64? = nil, opportunityId: Int64? = nil, kind: String? = nil,
            content: String? = nil, occurredAt: String? = nil, nextFollowUp: String? = nil, latitude: String? = nil,
            longitude: String? = nil,
            accuracy: Int64? = nil
        ) {
            self.partnerId = partnerId
            self.leadId = leadId
            self.contactId = contactId
            self.opportunityId = opportunityId
            self.kind = kind
            self.content = content
            self.occurredAt = occurredAt
            self.nextFollowUp = nextFollowUp
            self.latitude = latitude
            self.longitude = longitude
            self.accuracy = accuracy
        }
    }

    public static func list(
        filter: CRMQueries.ActivityFilter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<ActivityRow> {
        if let partnerId = filter.partnerId {
            // A customer's timeline: whoever sees the customer sees its history.
            _ = try await CustomerService.find(partnerId, ctx)
            return try await CRMQueries.activities(partnerId: partnerId, limit: limit, cursor: cursor, on: ctx.store)
        }
        let scope = try ctx.require(.activities, .view)
        return try await CRMQueries.activities(scope: scope, filter: filter, limit: limit, cursor: cursor, on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> ActivityRow {
        guard let a = try await CRMQueries.activity(id, on: ctx.store) else {
            try ctx.require(.activities, .view)
            throw DomainError.notFound
        }
        if let scope = ctx.principal?.rowScope(.activities, .view),
            scope.contains(branch: a.branchId, department: a.departmentId, owner: a.ownerId)
        {
            return a
        }
        if let p = a.partnerId, (try? await CustomerService.find(p, ctx)) != nil { return a }
        if ctx.principal == nil { return a }
        try ctx.require(.activities, .view)
        throw DomainError.notFound
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> ActivityRow {
        try ctx.require(.activities, .create)
        let kind = try Validate.oneOf(input.kind, "kind", as: Kind.self)
        let content = try Validate.required(input.content, "content", max: 4000)
        let now = ctx.nowMillis
        let occurred = try input.occurredAt.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.dateTime($0, "occurredAt") } ?? now
        guard occurred <= now + 5 * 60_000 else { throw DomainError.invalid("occurredAt", code: "in_future", args: ["occurredAt"]) }
        let next = try Validate.optional(input.nextFollowUp, "nextFollowUp", max: 10)
        if let n = next, !Validate.isDate(n) { throw DomainError.invalid("nextFollowUp", code: "invalid_date") }
        let lat = try CustomerService.coordinate(input.latitude, "latitude", limit: 90)
        let lng = try CustomerService.coordinate(input.longitude, "longitude", limit: 180)
        if (lat == nil) != (lng == nil) { throw DomainError.required(lat == nil ? "latitude" : "longitude") }
        if lat != nil, kind != .visit { throw DomainError.invalid("latitude", code: "checkin_only_visit") }
        if let a = input.accuracy, a < 0 || a > 100_000 { throw DomainError.invalid("accuracy", code: "out_of_range", args: ["accuracy"]) }
        guard input.partnerId != nil || input.leadId != nil else { throw DomainError.required("partnerId") }
        return try await ctx.write { ctx in
            var branch = ctx.principal?.branchId
            if let partnerId = input.partnerId {
                // Only a customer one works on (not one sitting in a pool) takes follow-ups.
                let customer: PartnerRow
                do { customer = try await CustomerService.findForEdit(partnerId, .view, ctx) } catch let e as DomainError
                    where e.kind == .notFound
                {
                    if let pooled = try? await CustomerService.find(partnerId, ctx), pooled.ownerId == nil {
                        throw DomainError(.conflict, code: "customer_in_pool", field: "partnerId", args: [pooled.name])
                    }
                    throw DomainError.invalid("partnerId", code: "not_found")
                }
                if customer.ownerId == nil {
                    throw DomainError(.conflict, code: "customer_in_pool", field: "partnerId", args: [customer.name])
                }
                if let c = input.contactId {
                    guard let contact = try await CRMQueries.contact(c, on: ctx.store), contact.partnerId == partnerId else {
                        throw DomainError.invalid("contactId", code: "not_found")
                    }
                }
                branch = branch ?? customer.branchId
            }
            if let leadId = input.leadId {
                // A lead the user may work on.
                guard let lead = try? await LeadService.find(leadId, ctx) else { throw DomainError.invalid("leadId", code: "not_found") }
                branch = branch ?? lead.branchId
                if input.partnerId == nil, input.contactId != nil { throw DomainError.invalid("contactId", code: "not_found") }
            }
            if let o = input.opportunityId {
                guard let opp = try? await OpportunityService.find(o, ctx), opp.partnerId == input.partnerId else {
                    throw DomainError.invalid("opportunityId", code: "not_found")
                }
            }
            let row = try await CRMWrites.insertActivity(
                partner: input.partnerId, contact: input.contactId, lead: input.leadId, opportunity: input.opportunityId,
                kind: kind.rawValue,
                content: content, occurredAt: occurred, nextFollowUp: next, latitude: lat, longitude: lng,
                accuracy: lat == nil ? nil : input.accuracy,
                owner: ctx.principal?.userId, branch: branch ?? 0, department: ctx.principal?.departmentId, at: now, on: ctx.store)
            if let p = input.partnerId {
                // The latest follow-up and the next planned one, on the customer.
                try await CRMWrites.followedUp(partner: p, at: occurred, next: next, on: ctx.store)
            }
            if let l = input.leadId {
                try await CRMWrites.followedUp(lead: l, at: occurred, on: ctx.store)
            }
            try await ctx.audit(
                "create", "activity", row.id, branch: row.branchId,
                [
                    FieldChange("kind", old: nil, new: kind.rawValue),
                    FieldChange("partnerId", old: nil, new: input.partnerId.map(String.init)),
                    FieldChange("leadId", old: nil, new: input.leadId.map(String.init)),
                    FieldChange("checkIn", old: nil, new: lat.map { _ in "\(input.latitude ?? ""),\(input.longitude ?? "")" }),
                ])
            return row
        }
    }
}
