import Foundation
import Kernel
import Persistence

/// Sales stages (configurable, each with a win probability) and opportunities (商机) moving
/// through them to won or lost, with their history; the funnel and the weighted forecast.
public enum StageService {
    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var probability: Int64?
        public var sortOrder: Int64?
        public var outcome: String?
        public var active: Bool?
        public init(
            code: String? = nil, name: String? = nil, probability: Int64? = nil, sortOrder: Int64? = nil, outcome: String? = nil,
            active: Bool? = nil
        ) {
            self.code = code
            self.name = name
            self.probability = probability
            self.sortOrder = sortOrder
            self.outcome = outcome
            self.active = active
        }
    }

    public enum Outcome: String, Sendable, CaseIterable { case open, won, lost }

    /// The stages, in order; a company without any gets the usual six the first time they are read.
    public static func list(_ ctx: ServiceContext) async throws -> [StageRow] {
        try ctx.require(.opportunities, .view)
        return try await all(ctx)
    }

    static func all(_ ctx: ServiceContext) async throws -> [StageRow] {
        let rows = try await OpportunityQueries.stages(on: ctx.store)
        if !rows.isEmpty { return rows }
        try await ctx.write { ctx in
            guard try await OpportunityQueries.stages(on: ctx.store).isEmpty else { return }
            let now = ctx.nowMillis
            for (i, s) in [
                ("initial", "初步接洽", 10, "open"), ("qualified", "需求确认", 30, "open"), ("proposal", "方案报价", 60, "open"),
                ("negotiation", "谈判审核", 80, "open"), ("won", "赢单", 100, "won"), ("lost", "输单", 0, "lost"),
            ].enumerated() {
                _ = try await OpportunityWrites.insertStage(
                    code: s.0, name: s.1, probability: Int64(s.2), sortOrder: Int64((i + 1) * 10), outcome: s.3, active: true, at: now,
                    on: ctx.store)
            }
        }
        return try await OpportunityQueries.stages(on: ctx.store)
    }

    public static func save(_ id: Int64?, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> StageRow {
        try ctx.require(.opportunities, .approve)
        let code = try Validate.code(input.code, "code", max: 32)
        let name = try Validate.required(input.name, "name", max: 40)
        let outcome = try Validate.oneOf(input.outcome ?? "open", "outcome", as: Outcome.self)
        guard let p = input.probability, (0...100).contains(p) else {
            throw DomainError.invalid("probability", code: "out_of_range", args: ["probability"])
        }
        if outcome == .won, p != 100 { throw DomainError.invalid("probability", code: "won_is_100") }
        if outcome == .lost, p != 0 { throw DomainError.invalid("probability", code: "lost_is_0") }
        _ = try await all(ctx)
        return try await ctx.write { ctx in
            if try await OpportunityQueries.stage(code: code, on: ctx.store).map({ $0.id != id }) == true {
                throw DomainError.duplicate("code", value: code)
            }
            let now = ctx.nowMillis
            let row: StageRow?
            if let id {
                guard let old = try await OpportunityQueries.stage(id, on: ctx.store) else { throw DomainError.notFound }
                try Validate.version(version, current: old.version)
                if old.outcome != outcome.rawValue, try await OpportunityQueries.opportunities(atStage: id, on: ctx.store) > 0 {
                    throw DomainError(.conflict, code: "stage_in_use", field: "outcome", args: [old.name])
                }
                row = try await OpportunityWrites.updateStage(
                    id, code: code, name: name, probability: p, sortOrder: input.sortOrder ?? old.sortOrder, outcome: outcome.rawValue,
                    active: input.active ?? old.active, version: old.version, at: now, on: ctx.store)
            } else {
                row = try await OpportunityWrites.insertStage(
                    code: code, name: name, probability: p, sortOrder: input.sortOrder ?? 100, outcome: outcome.rawValue,
                    active: input.active ?? true, at: now, on: ctx.store)
            }
            guard let row else { throw DomainError.staleVersion(expected: 0, actual: Int(version ?? 0)) }
            try await ctx.audit(
                id == nil ? "create" : "update", "stage", row.id,
                [
                    FieldChange("name", old: nil, new: name),
                    FieldChange("probability", old: nil, new: String(p)),
                ])
            return row
        }
    }
}

public enum OpportunityService {
    public struct Input: Sendable, Codable, Equatable {
        public var partnerId: Int64?
        public var name: String?
        public var amount: String?
        public var stageId: Int64?
        public var expectedClose: String?
        public var note: String?
        /// The campaign that brought it (one not cancelled); made from a lead, the lead's. Kept when not given.
        public var campaignId: Int64?
        /// Custom field values by key (those not named stay).
        public var customFields: [String: String]?
        public init(
            partnerId: Int64? = nil, name: String? = nil, amount: String? = nil, stageId: Int64? = nil, expectedClose: String? = nil,
            note: String? = nil, campaignId: Int64? = nil, customFields: [String: String]? = nil
        ) {
            self.customFields = customFields
            self.campaignId = campaignId
            self.partnerId = partnerId
            self.name = name
            self.amount = amount
            self.stageId = stageId
            self.expectedClose = expectedClose
            self.note = note
        }
    }

    public struct Filter: Sendable {
        public var q: String?
        public var partnerId: Int64?
        public var stageId: Int64?
        public var outcome: String?
        public var ownerId: Int64?
        /// Custom fields by key and the value each must have.
        public var custom: [String: String] = [:]
        public init(
            q: String? = nil, partnerId: Int64? = nil, stageId: Int64? = nil, outcome: String? = nil, ownerId: Int64? = nil,
            custom: [String: String] = [:]
        ) {
            self.custom = custom
            self.q = q
            self.partnerId = partnerId
            self.stageId = stageId
            self.outcome = outcome
            self.ownerId = ownerId
        }
    }

    public static func list(filter: Filter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<OpportunityRow> {
        let scope = try ctx.require(.opportunities, .view)
        let rows = try await OpportunityQueries.list(
            scope,
            .init(
                text: filter.q, partner: filter.partnerId, stage: filter.stageId, outcome: filter.outcome, owner: filter.ownerId,
                custom: filter.custom),
            cursor: cursor, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> OpportunityRow {
        let scope = try ctx.require(.opportunities, .view)
        guard let o = try await OpportunityQueries.opportunity(id, on: ctx.store),
            scope.contains(branch: o.branchId, department: o.departmentId, owner: o.ownerId)
        else { throw DomainError.notFound }
        return o
    }

    static func findForEdit(_ id: Int64, _ ctx: ServiceContext) async throws -> OpportunityRow {
        let scope = try ctx.require(.opportunities, .edit)
        guard let o = try await OpportunityQueries.opportunity(id, on: ctx.store),
            scope.contains(branch: o.branchId, department: o.departmentId, owner: o.ownerId)
        else { throw DomainError.notFound }
        return o
    }

    public static func create(_ input: Input, leadId: Int64? = nil, _ ctx: ServiceContext) async throws -> OpportunityRow {
        try ctx.require(.opportunities, .create)
        return try await ctx.write { ctx in
            guard let partnerId = input.partnerId else { throw DomainError.required("partnerId") }
            let customer: PartnerRow
            do { customer = try await CustomerService.findForEdit(partnerId, .view, ctx) } catch let e as DomainError
                where e.kind == .notFound
            {
                throw DomainError.invalid("partnerId", code: "not_found")
            }
            let stages = try await StageService.all(ctx)
            let v = try validate(input, stages: stages)
            let stage = v.stage ?? stages.first { $0.outcome == "open" && $0.active }
            guard let stage, stage.outcome == "open" else { throw DomainError.invalid("stageId", code: "stage_not_open") }
            let owner =
                ctx.principal.map { ($0.userId, $0.branchId, $0.departmentId) } ?? (
                    customer.ownerId, customer.branchId, customer.departmentId
                )
            let now = ctx.nowMillis
            var row = try await OpportunityWrites.insert(
                partner: partnerId, name: v.name, amount: v.amount, stage: stage.id, expectedClose: v.expectedClose, lead: leadId,
                owner: owner.0,
                branch: owner.1, department: owner.2, note: v.note, campaign: try await ctx.campaign(input.campaignId),
                by: ctx.principal?.userId, at: now, on: ctx.store)
            row.customValues = try await CustomFieldService.apply(
                input.customFields, entity: .opportunity, id: row.id, existing: row.customValues, ctx)
            try await ctx.audit("create", "opportunity", row.id, branch: row.branchId, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> OpportunityRow {
        try ctx.require(.opportunities, .edit)
        return try await ctx.write { ctx in
            let old = try await findForEdit(id, ctx)
            try Validate.version(version, current: old.version)
            guard old.outcome == "open" else { throw DomainError(.conflict, code: "opportunity_closed", args: [old.name]) }
            let v = try validate(input, stages: try await StageService.all(ctx))
            guard
                var row = try await OpportunityWrites.update(
                    opportunity: id, name: v.name, amount: v.amount, expectedClose: v.expectedClose, note: v.note,
                    campaign: try await ctx.campaign(input.campaignId), version: old.version, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(version ?? 0)) }
            row.customValues = try await CustomFieldService.apply(
                input.customFields, entity: .opportunity, id: id, existing: row.customValues, ctx)
            try await ctx.audit("update", "opportunity", id, branch: row.branchId, Audit.diff(snapshot(old), snapshot(row)))
            if let s = v.stage, s.id != old.stageId { return try await move(id, to: s.id, lostReason: nil, ctx) }
            return row
        }
    }

    struct Valid {
        var name: String
        var amount: Int64
        var stage: StageRow?
        var expectedClose: String?
        var note: String?
    }

    static func validate(_ input: Input, stages: [StageRow]) throws -> Valid {
        let name = try Validate.required(input.name, "name", max: 200)
        guard let m = try Validate.money(input.amount, "amount") else { throw DomainError.required("amount") }
        var stage: StageRow?
        if let s = input.stageId {
            guard let found = stages.first(where: { $0.id == s && $0.active }) else {
                throw DomainError.invalid("stageId", code: "not_found")
            }
            stage = found
        }
        let close = try Validate.optional(input.expectedClose, "expectedClose", max: 10)
        if let c = close, !Validate.isDate(c) { throw DomainError.invalid("expectedClose", code: "invalid_date") }
        return Valid(
            name: name, amount: m.fen, stage: stage, expectedClose: close, note: try Validate.optional(input.note, "note", max: 2000))
    }

    /// Moves to a stage: a won stage closes it won (the customer's last deal is now, it becomes
    /// active), a lost one closes it lost with a reason. Each move is kept.
    public static func move(_ id: Int64, to stageId: Int64?, lostReason: String?, _ ctx: ServiceContext) async throws -> OpportunityRow {
        try ctx.require(.opportunities, .edit)
        guard let stageId else { throw DomainError.required("stageId") }
        return try await ctx.write { ctx in
            let old = try await findForEdit(id, ctx)
            guard let stage = try await StageService.all(ctx).first(where: { $0.id == stageId && $0.active }) else {
                throw DomainError.invalid("stageId", code: "not_found")
            }
            guard old.outcome == "open" else { throw DomainError(.conflict, code: "opportunity_closed", args: [old.name]) }
            if old.stageId == stageId { return old }
            var reason: String?
            if stage.outcome == "lost" { reason = try Validate.required(lostReason, "lostReason", max: 200) }
            let now = ctx.nowMillis
            guard
                let row = try await OpportunityWrites.move(
                    id, from: old.stageId, to: stage, lostReason: reason, version: old.version, by: ctx.principal?.userId, at: now,
                    on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version)) }
            if stage.outcome == "won" { try await OpportunityWrites.won(partner: row.partnerId, at: now, on: ctx.store) }
            try await ctx.audit(
                stage.outcome == "open" ? "move" : stage.outcome, "opportunity", id, branch: row.branchId,
                [
                    FieldChange("stageId", old: String(old.stageId), new: String(stageId)),
                    FieldChange("lostReason", old: nil, new: reason),
                ])
            return row
        }
    }

    public static func history(_ id: Int64, _ ctx: ServiceContext) async throws -> [StageMoveRow] {
        _ = try await find(id, ctx)
        return try await OpportunityQueries.moves(ofOpportunity: id, on: ctx.store)
    }

    static func snapshot(_ o: OpportunityRow) -> [String: String?] {
        [
            "name": o.name, "amount": Money(fen: o.amount).description, "stageId": String(o.stageId), "expectedClose": o.expectedClose,
            "note": o.note,
            "partnerId": String(o.partnerId), "campaignId": o.campaignId.map(String.init),
            "customFields": o.customValues == "{}" ? nil : o.customValues,
        ]
    }

    // MARK: funnel and forecast

    public struct StageTotal: Sendable, Equatable {
        public var stage: StageRow
        public var count: Int64
        public var amount: Int64
    }

    /// Open opportunities in scope per stage, with won and lost of the period.
    public static func funnel(_ ctx: ServiceContext) async throws -> [StageTotal] {
        let scope = try ctx.require(.opportunities, .view)
        let stages = try await StageService.all(ctx)
        let totals = try await OpportunityQueries.funnel(scope, on: ctx.store)
        return stages.filter(\.active).map { s in
            StageTotal(stage: s, count: totals[s.id]?.count ?? 0, amount: totals[s.id]?.amount ?? 0)
        }
    }

    public struct ForecastRow: Sendable, Equatable {
        /// 'YYYY-MM' of the expected close ("" when none is set).
        public var month: String
        public var ownerId: Int64?
        public var count: Int64
        public var amount: Int64
        /// Sum of amount x stage probability, in fen, rounded half up per opportunity.
        public var weighted: Int64
    }

    /// Open opportunities by month of expected close and owner: amount and weighted amount.
    public static func forecast(_ ctx: ServiceContext) async throws -> [ForecastRow] {
        let scope = try ctx.require(.opportunities, .view)
        var out: [String: ForecastRow] = [:]
        for r in try await OpportunityQueries.open(scope, on: ctx.store) {
            let month = r.expectedClose.map { String($0.prefix(7)) } ?? ""
            let key = month + "|" + (r.ownerId.map(String.init) ?? "")
            var row = out[key] ?? ForecastRow(month: month, ownerId: r.ownerId, count: 0, amount: 0, weighted: 0)
            row.count += 1
            row.amount = try row.amount.plus(r.amount)
            row.weighted = try row.weighted.plus(Checked.narrow((Int128(r.amount) * Int128(r.probability) + 50) / 100))
            out[key] = row
        }
        return out.values.sorted { ($0.month, $0.ownerId ?? 0) < ($1.month, $1.ownerId ?? 0) }
    }
}
