import DocumentsCore
import Foundation
import Kernel
import Persistence

/// 市场活动: a campaign with its budget and cost lines, and what it brought — leads, customers,
/// opportunities, contracts and the money collected on them, counted from the records that carry
/// the campaign (set when a lead is captured, carried to the customer and opportunity it becomes
/// and to the quotes and contracts made from those). Campaigns are the company's: anyone with
/// `marketing.view` sees them all; changing one needs `marketing.edit` within reach of its branch
/// and owner.
public enum CampaignService {
    public enum Kind: String, Sendable, CaseIterable {
        case exhibition, seminar, onlineAds = "online_ads", wechat, sms, email, telemarketing, other
    }

    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var kind: String?
        public var channel: String?
        public var ownerId: Int64?
        public var branchId: Int64?
        public var startsOn: String?
        public var endsOn: String?
        public var budget: String?
        public var expectedLeads: String?
        public var expectedRevenue: String?
        public var description: String?
        public init(
            code: String? = nil, name: String? = nil, kind: String? = nil, channel: String? = nil, ownerId: Int64? = nil,
            branchId: Int64? = nil, startsOn: String? = nil, endsOn: String? = nil, budget: String? = nil, expectedLeads: String? = nil,
            expectedRevenue: String? = nil, description: String? = nil
        ) {
            self.code = code
            self.name = name
            self.kind = kind
            self.channel = channel
            self.ownerId = ownerId
            self.branchId = branchId
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.budget = budget
            self.expectedLeads = expectedLeads
            self.expectedRevenue = expectedRevenue
            self.description = description
        }
    }

    public struct CostInput: Sendable, Codable, Equatable {
        public var costDate: String?
        public var channel: String?
        public var supplierId: Int64?
        public var expenseClaimId: Int64?
        public var amount: String?
        public var note: String?
        public init(
            costDate: String? = nil, channel: String? = nil, supplierId: Int64? = nil, expenseClaimId: Int64? = nil, amount: String? = nil,
            note: String? = nil
        ) {
            self.costDate = costDate
            self.channel = channel
            self.supplierId = supplierId
            self.expenseClaimId = expenseClaimId
            self.amount = amount
            self.note = note
        }
    }

    /// A campaign's return, three ways, each against the cost counted once: the amount of the
    /// opportunities it brought that were won, of the contracts signed from them, and the money
    /// actually collected on those contracts.
    public struct Return: Sendable, Equatable {
        public var won: Int64
        public var signed: Int64
        public var collected: Int64
        public var cost: Int64
        /// (return − cost) / cost in tenths of a per cent (1234 = 123.4%); nil while nothing was spent.
        public static func roi(_ amount: Int64, cost: Int64) -> Int64? {
            guard cost > 0 else { return nil }
            let r = (Int128(amount) - Int128(cost)) * 1000 / Int128(cost)
            return Int64(clamping: r)
        }
        public var roiWon: Int64? { Self.roi(won, cost: cost) }
        public var roiSigned: Int64? { Self.roi(signed, cost: cost) }
        public var roiCollected: Int64? { Self.roi(collected, cost: cost) }
    }

    public struct Details: Sendable, Equatable {
        public var campaign: CampaignRow
        public var costs: [CampaignCostRow]
        public var performance: MarketingQueries.Performance
        public var leads: [LeadRow]
        public var returns: Return {
            Return(
                won: performance.wonAmount, signed: performance.contractAmount, collected: performance.collected, cost: performance.cost)
        }
    }

    public static func list(
        _ filter: MarketingQueries.Filter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<CampaignRow> {
        try ctx.require(.marketing, .view)
        if let s = filter.status, !s.isEmpty, !CampaignFlow.allStored.contains(s) {
            throw DomainError(.badRequest, code: "wrong_type", field: "status", args: ["status"])
        }
        let after = cursor.map { c -> (String, Int64) in
            if case .text(let d) = c.key { return (d, c.id) }
            return ("", c.id)
        }
        let rows = try await MarketingQueries.campaigns(filter, limit: limit + 1, after: after, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .text($0.startsOn), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> CampaignRow {
        try ctx.require(.marketing, .view)
        guard let c = try await MarketingQueries.campaign(id, on: ctx.store) else { throw DomainError.notFound }
        return c
    }

    public static func details(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let c = try await find(id, ctx)
        return Details(
            campaign: c, costs: try await MarketingQueries.costs(of: id, on: ctx.store),
            performance: try await MarketingQueries.performance(of: id, on: ctx.store),
            leads: ctx.principal?.can(.leads, .view) ?? true ? try await MarketingQueries.leads(of: id, limit: 50, on: ctx.store) : [])
    }

    /// A campaign named on a record (a lead's, a customer's): anyone who sees the record sees which campaign brought it.
    public static func named(_ id: Int64?, _ ctx: ServiceContext) async throws -> CampaignRow? {
        guard let id else { return nil }
        return try await MarketingQueries.campaign(id, on: ctx.store)
    }

    /// What each campaign of a list has cost so far.
    public static func spent(_ ids: [Int64], _ ctx: ServiceContext) async throws -> [Int64: Int64] {
        try ctx.require(.marketing, .view)
        return try await MarketingQueries.spent(ids, on: ctx.store)
    }

    /// Campaigns a new lead may name: not cancelled. Their names only, so anyone capturing leads may pick one.
    public static func pickable(_ ctx: ServiceContext) async throws -> [CampaignRow] {
        try await MarketingQueries.pickable(limit: 200, on: ctx.store)
    }

    /// A campaign this person may change: in reach of `marketing.edit` (its branch and owner).
    static func forEdit(_ id: Int64, _ ctx: ServiceContext) async throws -> CampaignRow {
        let scope = try ctx.require(.marketing, .edit)
        guard let c = try await MarketingQueries.campaign(id, on: ctx.store) else { throw DomainError.notFound }
        guard scope.contains(branch: c.branchId, department: nil, owner: c.ownerId) else { throw DomainError.notFound }
        return c
    }

    static func count(_ text: String?, _ field: String) throws -> Int64 {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return 0 }
        guard let n = Int64(t), n >= 0, n <= 100_000_000 else { throw DomainError.invalid(field, code: "not_a_count", args: [field]) }
        return n
    }

    static func validate(_ input: Input, old: CampaignRow?, _ ctx: ServiceContext) async throws -> MarketingWrites.Campaign {
        let code = try Validate.code(input.code, "code", max: 32)
        if let other = try await MarketingQueries.campaign(code: code, on: ctx.store), other.id != old?.id {
            throw DomainError.duplicate("code", value: code)
        }
        let name = try Validate.required(input.name, "name", max: 100)
        let kind = try Validate.oneOf(input.kind ?? Kind.other.rawValue, "kind", as: Kind.self)
        let starts = try Validate.date(input.startsOn, "startsOn")
        let ends = try input.endsOn.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "endsOn") }
        if let ends, ends < starts { throw DomainError.invalid("endsOn", code: "ends_before_start") }
        let action: Action = old == nil ? .create : .edit
        let branch =
            input.branchId != nil && input.branchId == old?.branchId
            ? old!.branchId : try await ctx.branch(input.branchId ?? old?.branchId, for: .marketing, action)
        let owner = input.ownerId ?? (old == nil ? ctx.principal?.userId : nil)
        if let o = owner, o != old?.ownerId { _ = try await ctx.person(o, for: .marketing, action, field: "ownerId") }
        return MarketingWrites.Campaign(
            code: code, name: name, kind: kind.rawValue, channel: try Validate.optional(input.channel, "channel", max: 60), ownerId: owner,
            branchId: branch, startsOn: starts, endsOn: ends, budget: try Validate.money(input.budget, "budget")?.fen ?? 0,
            expectedLeads: try count(input.expectedLeads, "expectedLeads"),
            expectedRevenue: try Validate.money(input.expectedRevenue, "expectedRevenue")?.fen ?? 0,
            description: try Validate.optional(input.description, "description", max: 2000))
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> CampaignRow {
        try ctx.require(.marketing, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, old: nil, ctx)
            let row = try await MarketingWrites.insert(v, status: CampaignFlow.State.planning.rawValue, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit("create", "campaign", row.id, branch: row.branchId, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> CampaignRow {
        try await ctx.write { ctx in
            let old = try await forEdit(id, ctx)
            try Validate.version(version, current: old.version)
            try CampaignFlow.require(.edit, from: old.status, number: old.code)
            let v = try await validate(input, old: old, ctx)
            guard let row = try await MarketingWrites.update(id, v, version: old.version, at: ctx.nowMillis, on: ctx.store) else {
                throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1)
            }
            try await ctx.audit("update", "campaign", id, branch: row.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    /// start, complete, cancel or reopen.
    public static func transition(
        _ id: Int64, _ command: CampaignFlow.Command, version: Int64?, _ ctx: ServiceContext
    ) async throws
        -> CampaignRow
    {
        try await ctx.write { ctx in
            let old = try await forEdit(id, ctx)
            if let version { try Validate.version(version, current: old.version) }
            let to = try CampaignFlow.target(command, from: old.status, number: old.code)
            guard let row = try await MarketingWrites.setStatus(id, to.rawValue, version: old.version, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1) }
            try await ctx.audit(
                command.rawValue, "campaign", id, branch: row.branchId, [FieldChange("status", old: old.status, new: row.status)])
            return row
        }
    }

    /// A cost line: a bill typed in, or an approved expense claim (its total unless an amount is
    /// given; the claim then names the campaign). A claim is counted for one campaign only.
    public static func addCost(_ campaignId: Int64, _ input: CostInput, _ ctx: ServiceContext) async throws -> CampaignCostRow {
        try await ctx.write { ctx in
            let c = try await forEdit(campaignId, ctx)
            try CampaignFlow.require(.cost, from: c.status, number: c.code)
            let date = try Validate.date(input.costDate, "costDate")
            var amount = try Validate.money(input.amount, "amount", positive: true)
            var claim: Int64?
            if let id = input.expenseClaimId {
                let scope = try ctx.require(.expenses, .view)
                guard let e = try await ExpenseQueries.claim(id, on: ctx.store),
                    scope.contains(branch: e.branchId, department: e.departmentId, owner: e.ownerId)
                else { throw DomainError.invalid("expenseClaimId", code: "not_found") }
                guard ExpenseClaimFlow.spent.contains(stored: e.status) else {
                    throw DomainError.invalid("expenseClaimId", code: "claim_not_approved", args: [e.number])
                }
                if let other = try await MarketingQueries.cost(ofClaim: id, on: ctx.store) {
                    let name = try await MarketingQueries.campaign(other.campaignId, on: ctx.store)?.name ?? ""
                    throw DomainError(.conflict, code: "claim_counted", field: "expenseClaimId", args: [e.number, name])
                }
                amount = amount ?? Money(fen: e.total)
                claim = id
            }
            guard let amount else { throw DomainError.required("amount") }
            var supplier: Int64?
            if let s = input.supplierId {
                guard let p = try await InventoryQueries.partner(s, on: ctx.store), p.isSupplier,
                    ctx.principal?.rowScope(.partners, .view)?.contains(branch: p.branchId, department: nil, owner: p.ownerId) ?? true
                else { throw DomainError.invalid("supplierId", code: "not_found") }
                supplier = p.id
            }
            let row = try await MarketingWrites.insert(
                cost: .init(
                    costDate: date, channel: try Validate.optional(input.channel, "channel", max: 60), supplierId: supplier,
                    expenseClaimId: claim, amount: amount.fen, note: try Validate.optional(input.note, "note", max: 500)),
                campaign: c.id, by: ctx.principal?.userId, at: ctx.nowMillis, on: ctx.store)
            if let claim { try await MarketingWrites.setCampaign(ofClaim: claim, c.id, on: ctx.store) }
            try await ctx.audit(
                "add_cost", "campaign", c.id, branch: c.branchId,
                [FieldChange("cost", old: nil, new: Money(fen: row.amount).description), FieldChange("costDate", old: nil, new: date)])
            return row
        }
    }

    /// An approved claim that names a campaign becomes its cost line (the claim's date, total and
    /// title), as the system: the approver needs no marketing rights. Nothing when the campaign
    /// is cancelled or the claim is counted already.
    static func claimApproved(_ claim: ExpenseClaimRow, _ ctx: ServiceContext) async throws {
        guard let id = claim.campaignId, let c = try await MarketingQueries.campaign(id, on: ctx.store),
            CampaignFlow.rule(.cost).from.contains(stored: c.status),
            try await MarketingQueries.cost(ofClaim: claim.id, on: ctx.store) == nil
        else { return }
        let row = try await MarketingWrites.insert(
            cost: .init(
                costDate: claim.claimDate, channel: nil, supplierId: nil, expenseClaimId: claim.id, amount: claim.total, note: claim.title),
            campaign: c.id, by: nil, at: ctx.nowMillis, on: ctx.store)
        try await ctx.audit(
            "add_cost", "campaign", c.id, branch: c.branchId,
            [FieldChange("cost", old: nil, new: Money(fen: row.amount).description), FieldChange("claim", old: nil, new: claim.number)])
    }

    public static func removeCost(_ costId: Int64, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            guard let cost = try await MarketingQueries.cost(costId, on: ctx.store) else { throw DomainError.notFound }
            let c = try await forEdit(cost.campaignId, ctx)
            try CampaignFlow.require(.cost, from: c.status, number: c.code)
            try await MarketingWrites.delete(cost: costId, on: ctx.store)
            if let claim = cost.expenseClaimId { try await MarketingWrites.setCampaign(ofClaim: claim, nil, on: ctx.store) }
            try await ctx.audit(
                "remove_cost", "campaign", c.id, branch: c.branchId,
                [
                    FieldChange("cost", old: Money(fen: cost.amount).description, new: nil),
                    FieldChange("costDate", old: cost.costDate, new: nil),
                ])
        }
    }

    static func snapshot(_ c: CampaignRow) -> [String: String?] {
        [
            "code": c.code, "name": c.name, "kind": c.kind, "channel": c.channel, "status": c.status, "ownerId": c.ownerId.map(String.init),
            "branchId": String(c.branchId), "startsOn": c.startsOn, "endsOn": c.endsOn, "budget": Money(fen: c.budget).description,
            "expectedLeads": String(c.expectedLeads), "expectedRevenue": Money(fen: c.expectedRevenue).description,
            "description": c.description,
        ]
    }
}
