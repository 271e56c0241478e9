import Foundation
import Kernel
import Persistence

/// Customers: the customer side of the one partner master (a customer is a partner with the
/// customer role). Scoped by owner, department and branch; a customer without owner sits in
/// a public pool (PoolService moves it in and out).
public enum CustomerService {
    public enum Status: String, Sendable, CaseIterable { case potential, active, dormant, lost }

    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var kind: String?
        public var uscc: String?
        public var industry: String?
        public var level: String?
        public var source: String?
        public var status: String?
        public var tags: [String]?
        public var province: String?
        public var city: String?
        public var district: String?
        public var street: String?
        public var latitude: String?
        public var longitude: String?
        public var phone: String?
        public var email: String?
        public var website: String?
        public var creditLimit: String?
        public var note: String?
        public var isSupplier: Bool?
        public var poolExempt: Bool?
        /// On create only: the owner (default: the creator), or a pool to put it in instead.
        public var ownerId: Int64?
        public var poolId: Int64?
        public var branchId: Int64?
        public var customFields: [String: String]?
        /// The sales region, when it is not the one its province falls in.
        public var regionId: Int64?

        public init(
            code: String? = nil, name: String? = nil, kind: String? = nil, uscc: String? = nil, industry: String? = nil,
            level: String? = nil,
            source: String? = nil, status: String? = nil, tags: [String]? = nil, province: String? = nil, city: String? = nil,
            district: String? = nil, street: String? = nil, latitude: String? = nil, longitude: String? = nil, phone: String? = nil,
            email: String? = nil, website: String? = nil, creditLimit: String? = nil, note: String? = nil, isSupplier: Bool? = nil,
            poolExempt: Bool? = nil, ownerId: Int64? = nil, poolId: Int64? = nil, branchId: Int64? = nil,
            customFields: [String: String]? = nil
        ) {
            self.code = code
            self.name = name
            self.kind = kind
            self.uscc = uscc
            self.industry = industry
            self.level = level
            self.source = source
            self.status = status
            self.tags = tags
            self.province = province
            self.city = city
            self.district = district
            self.street = street
            self.latitude = latitude
            self.longitude = longitude
            self.phone = phone
            self.email = email
            self.website = website
            self.creditLimit = creditLimit
            self.note = note
            self.isSupplier = isSupplier
            self.poolExempt = poolExempt
            self.ownerId = ownerId
            self.poolId = poolId
            self.branchId = branchId
            self.customFields = customFields
        }
    }

    public static func list(
        filter: CRMQueries.CustomerFilter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<PartnerRow> {
        let scope = try ctx.require(.customers, .view)
        let search = try await CustomerSearch.condition(filter.q, ctx.store)
        return try await CRMQueries.customers(scope: scope, filter: filter, search: search, limit: limit, cursor: cursor, on: ctx.store)
    }

    /// A customer the user may see: in the customers scope, or sitting in a pool the user may see.
    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> PartnerRow {
        guard let p = ctx.principal else {
            guard let c = try await CRMQueries.customer(id, on: ctx.store) else { throw DomainError.notFound }
            return c
        }
        let customers = p.rowScope(.customers, .view), pools = p.rowScope(.pools, .view)
        guard customers != nil || pools != nil else { throw DomainError.forbidden }
        guard let c = try await CRMQueries.customer(id, on: ctx.store) else { throw DomainError.notFound }
        if let s = customers, s.contains(branch: c.branchId, department: c.departmentId, owner: c.ownerId) { return c }
        if c.ownerId == nil, let poolId = c.poolId, pools != nil {
            if let pool = try await PoolQueries.pool(poolId, on: ctx.store), canSeePool(branch: pool.branchId, p) {
                return c
            }
        }
        throw DomainError.notFound
    }

    /// The customer a person names by its code, its USCC or its name (in that order: an import's
    /// customer column, a form's 关联单位), when they may see it; nil otherwise.
    public static func named(_ text: String, _ ctx: ServiceContext) async throws -> PartnerRow? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        let store = ctx.store
        var found = try await CRMQueries.partner(code: Pinyin.halfWidth(t).uppercased(), on: store)
        if found == nil, let u = USCC.validate(t) { found = try await CRMQueries.partner(uscc: u, on: store) }
        if found == nil { found = try await CRMQueries.partner(nameKey: PartnerService.nameKey(t), on: store) }
        guard let c = found, c.isCustomer else { return nil }
        return try? await find(c.id, ctx)
    }

    /// Which of these customers the user may open (a list of records names customers that may
    /// have changed hands since: those are shown without a link).
    public static func openable(_ ids: [Int64], _ ctx: ServiceContext) async throws -> Set<Int64> {
        var out: Set<Int64> = []
        for id in Set(ids) where (try? await find(id, ctx)) != nil { out.insert(id) }
        return out
    }

    /// A pool of no branch is the whole company's; a branch's pool is its people's, and theirs
    /// whose pools scope reaches that branch.
    public static func canSeePool(branch: Int64?, _ p: Principal) -> Bool {
        guard let scope = p.rowScope(.pools, .view) else { return false }
        guard let branch else { return true }
        return branch == p.branchId || scope.contains(branch: branch, department: nil, owner: nil)
    }

    /// A customer the user may change (in the edit scope).
    public static func findForEdit(_ id: Int64, _ action: Action, _ ctx: ServiceContext) async throws -> PartnerRow {
        try ctx.require(.customers, action)
        guard let c = try await CRMQueries.customer(id, on: ctx.store), allows(c, action, ctx) else { throw DomainError.notFound }
        return c
    }

    /// Whether the user's scope for `action` on customers reaches this customer.
    public static func allows(_ c: PartnerRow, _ action: Action, _ ctx: ServiceContext) -> Bool {
        guard let p = ctx.principal else { return true }
        return p.rowScope(.customers, action)?.contains(branch: c.branchId, department: c.departmentId, owner: c.ownerId) ?? false
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> PartnerRow {
        let scope = try ctx.require(.customers, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, old: nil, ctx)
            var owner: Int64? = input.poolId == nil ? (input.ownerId ?? ctx.principal?.userId) : nil
            var pool: Int64?
            if let p = input.poolId {
                // Into a pool the user may see, and for a branch's pool its own branch.
                guard let row = try await PoolQueries.pool(p, on: ctx.store), row.active,
                    ctx.principal.map({ CustomerService.canSeePool(branch: row.branchId, $0) }) ?? true
                else {
                    throw DomainError.invalid("poolId", code: "not_found")
                }
                pool = p
                owner = nil
            }
            var department: Int64?
            if let o = owner {
                // The owner is someone the creator reaches (or the creator).
                department = try await ctx.person(o, for: .customers, .create, field: "ownerId").departmentId
            }
            // The branch named is one the creator reaches by branch (or their own).
            let branch = try await ctx.branch(
                input.branchId, for: pool != nil && ctx.principal?.can(.pools, .approve) == true ? .pools : .customers,
                pool != nil && ctx.principal?.can(.pools, .approve) == true ? .approve : .create)
            _ = scope
            let code: String
            if let c = v.code { code = c } else { code = try await nextCode(ctx.store) }
            let now = ctx.nowMillis
            let row = try await CRMWrites.insert(
                v, code: code, branch: branch, owner: owner, department: department, pool: pool, at: now, on: ctx.store)
            try await ctx.audit("create", "customer", row.id, branch: branch, Audit.diff([:], snapshot(row)))
            if pool != nil {
                try await PoolMoves.record(row.id, pool: pool, action: "create_in_pool", from: nil, to: nil, reason: nil, ctx)
            }
            return row
        }
    }

    /// Changes a customer's data. Owner, pool and branch move only by claim, release and
    /// transfer; a field left out of the input is cleared, except custom fields, which keep the
    /// values not sent.
    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> PartnerRow {
        return try await ctx.write { ctx in
            let old = try await findForEdit(id, .edit, ctx)
            try Validate.version(version, current: old.version)
            let v = try await validate(input, old: old, ctx)
            let code = v.code ?? old.code
            guard
                let row = try await CRMWrites.update(customer: id, v, code: code, version: old.version, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(version ?? 0)) }
            try await CustomerSearch.refresh(id, ctx.store)
            try await ctx.audit("update", "customer", id, branch: row.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    /// A customer with documents, contacts or follow-ups is deactivated, never deleted; one
    /// without anything is deleted.
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            let c = try await findForEdit(id, .delete, ctx)
            let inUse = DomainError(.conflict, code: "customer_in_use", args: [c.name])
            if try await CRMWrites.references(toCustomer: id, on: ctx.store) > 0 { throw inUse }
            try await CRMWrites.delete(customer: id, inUse: inUse, on: ctx.store)
            try await ctx.audit("delete", "customer", id, branch: c.branchId, Audit.diff(snapshot(c), [:]))
        }
    }

    /// Hands a customer to another salesperson (转移): the new owner must be within the mover's
    /// scope; the move is recorded with the pool moves and audited.
    public static func transfer(_ id: Int64, to ownerId: Int64?, reason: String?, _ ctx: ServiceContext) async throws -> PartnerRow {
        let scope = try ctx.require(.customers, .edit)
        guard let ownerId else { throw DomainError.required("ownerId") }
        let reason = try Validate.optional(reason, "reason", max: 200)
        return try await ctx.write { ctx in
            let c = try await findForEdit(id, .edit, ctx)
            guard c.ownerId != nil else { throw DomainError(.conflict, code: "customer_in_pool", field: "ownerId", args: [c.name]) }
            guard let user = try await OrganisationQueries.user(ownerId, on: ctx.store), user.active,
                scope.contains(branch: user.branchId, department: user.departmentId, owner: user.id)
            else {
                throw DomainError.invalid("ownerId", code: "not_found")
            }
            if c.ownerId == ownerId { return c }
            return try await setOwner(c, to: user, pool: nil, action: "transfer", reason: reason, ctx)
        }
    }

    /// A manager (`customers.approve`) moves several customers to one owner: all of them, or none
    /// when one cannot move (outside the manager's scope, in a pool, the owner unknown).
    public static func transfer(_ ids: [Int64], to ownerId: Int64?, reason: String?, _ ctx: ServiceContext) async throws -> [PartnerRow] {
        _ = try ctx.require(.customers, .approve)
        let ids = try Validate.picked(ids)
        return try await ctx.write { ctx in
            var moved: [PartnerRow] = []
            for id in ids { moved.append(try await transfer(id, to: ownerId, reason: reason, ctx)) }
            return moved
        }
    }

    /// The one place a customer changes hands or goes into or out of a pool. It checks no right:
    /// its callers (transfer, claim, release, assign, the nightly recycling, the demo) do.
    public static func setOwner(
        _ c: PartnerRow, to user: UserRow?, pool: Int64?, action: String, reason: String?, _ ctx: ServiceContext
    ) async throws -> PartnerRow {
        let now = ctx.nowMillis
        guard
            let row = try await CRMWrites.setOwner(
                ofCustomer: c.id, version: c.version, owner: user?.id, department: user?.departmentId, pool: pool, previousOwner: c.ownerId,
                releasedAt: c.releasedAt, at: now, on: ctx.store)
        else { throw DomainError.staleVersion(expected: Int(c.version), actual: Int(c.version)) }
        try await PoolMoves.record(c.id, pool: pool ?? c.poolId, action: action, from: c.ownerId, to: user?.id, reason: reason, ctx)
        try await ctx.audit(
            action, "customer", c.id, branch: c.branchId,
            [
                FieldChange("ownerId", old: c.ownerId.map(String.init), new: user.map { String($0.id) }),
                FieldChange("poolId", old: c.poolId.map(String.init), new: pool.map(String.init)),
            ] + (reason.map { [FieldChange("reason", old: nil, new: $0)] } ?? []))
        return row
    }

    /// The next free automatic code (C000001, C000002…), one sequence for the whole company;
    /// numbers someone typed by hand are skipped.
    static func nextCode(_ store: Store) async throws -> String {
        // The head office never moves: remembered once it exists (as the branch tree is).
        let hq = try await store.remembered("head-office") { () async throws -> Int64 in
            guard let id = try await OrganisationQueries.headOffice(on: store)?.id else {
                throw DomainError.invalid("branchId", code: "not_found")
            }
            return id
        }
        for _ in 0..<1000 {
            let n = try await DocumentNumbers.next(branchId: hq, type: "CUST", year: 0, on: store)
            let code = "C" + String(repeating: "0", count: max(0, 6 - String(n).count)) + String(n)
            if try await CRMQueries.partner(code: code, on: store) == nil { return code }
        }
        throw DomainError.required("code")
    }

    typealias Valid = CRMWrites.Customer

    static func validate(_ input: Input, old: PartnerRow?, _ ctx: ServiceContext) async throws -> Valid {
        let name = try Validate.required(input.name, "name", max: 200)
        let code = try input.code.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Validate.code($0, "code", max: 40) }
        let kind = try Validate.oneOf(input.kind ?? old?.kind ?? PartnerService.Kind.company.rawValue, "kind", as: PartnerService.Kind.self)
        let lists = try await CRMSettings.all(ctx.store)
        func pick(_ value: String?, _ field: String, _ list: CRMSettings.List) throws -> String? {
            guard let v = try Validate.optional(value, field, max: 40) else { return nil }
            // A value set before the list changed stays acceptable on that record.
            guard lists[list]?.contains(v) == true || v == (field == "level" ? old?.level : old?.source) else {
                throw DomainError.invalid(field, code: "invalid_choice", args: [field])
            }
            return v
        }
        let level = try pick(input.level, "level", .levels)
        let source = try pick(input.source, "source", .sources)
        let industry = try Validate.optional(input.industry, "industry", max: 60)
        let status = try Validate.oneOf(input.status ?? old?.status ?? Status.potential.rawValue, "status", as: Status.self)
        var tags: [String] = []
        // Counted before the work on them: a list of a million tags is refused at once.
        if (input.tags ?? []).count > 100 { throw DomainError.invalid("tags", code: "too_many", args: ["tags", "20"]) }
        for t in input.tags ?? [] {
            guard let v = try Validate.optional(t, "tags", max: 20) else { continue }
            if v.contains(",") { throw DomainError.invalid("tags", code: "no_commas", args: ["tags"]) }
            if !tags.contains(v) { tags.append(v) }
        }
        if tags.count > 20 { throw DomainError.invalid("tags", code: "too_many", args: ["tags", "20"]) }
        let lat = try coordinate(input.latitude, "latitude", limit: 90)
        let lng = try coordinate(input.longitude, "longitude", limit: 180)
        if (lat == nil) != (lng == nil) { throw DomainError.required(lat == nil ? "latitude" : "longitude") }
        var credit: Int64?
        if let m = try Validate.money(try Validate.optional(input.creditLimit, "creditLimit", max: 20), "creditLimit") { credit = m.fen }
        var website = try Validate.optional(input.website, "website", max: 200)
        if let w = website {
            if !w.contains("://") { website = "https://" + w }
            guard let u = URL(string: website!), ["http", "https"].contains(u.scheme?.lowercased() ?? ""), u.host?.contains(".") == true
            else {
                throw DomainError.invalid("website", code: "invalid_url", args: ["website"])
            }
        }
        let (province, city, district) = try Validate.address(province: input.province, city: input.city, district: input.district)
        let street = try Validate.optional(input.street, "street", max: 200)
        let phone = try Validate.phone(input.phone)
        let email = try Validate.email(input.email)
        let (uscc, key) = try await PartnerService.checkIdentity(
            name: name, uscc: input.uscc, code: code ?? old?.code ?? "", id: old?.id, ctx)
        let custom = try await CustomFieldService.validate(input.customFields, entity: .customer, existing: old?.customValues, ctx.store)
        let address = ChineseAddress.join(province: province, city: city, district: district, street: street)
        return Valid(
            code: code, name: name, nameKey: key, kind: kind.rawValue, isSupplier: input.isSupplier ?? old?.isSupplier ?? false, uscc: uscc,
            phone: phone, email: email, address: address.isEmpty ? nil : address, industry: industry, level: level, source: source,
            status: status.rawValue, tags: tags.isEmpty ? "" : "," + tags.joined(separator: ",") + ",", province: province, city: city,
            district: district, street: street, latitude: lat, longitude: lng, website: website, creditLimit: credit,
            poolExempt: input.poolExempt ?? old?.poolExempt ?? false, phoneDigits: digits(phone), customValues: custom,
            note: try Validate.optional(input.note, "note", max: 2000), regionId: try await region(input.regionId, ctx.store))
    }

    static func region(_ id: Int64?, _ store: Store) async throws -> Int64? {
        guard let id else { return nil }
        guard try await PricingQueries.region(id, on: store) != nil else {
            throw DomainError.invalid("regionId", code: "not_found")
        }
        return id
    }

    /// Digits of a phone number, for search ("010-6256 8899" → "01062568899").
    public static func digits(_ phone: String?) -> String? { CustomerSearch.digits(phone) }

    /// "39.908823" → 39908823 micro-degrees, within ±limit.
    static func coordinate(_ text: String?, _ field: String, limit: Int64) throws -> Int64? {
        guard let t = try Validate.optional(text, field, max: 20) else { return nil }
        guard let v = try? ScaledDecimal.parse(t, scale: 6), v.magnitude <= UInt64(limit) * 1_000_000 else {
            throw DomainError.invalid(field, code: "invalid_coordinate", args: [field])
        }
        return v
    }

    static func snapshot(_ p: PartnerRow) -> [String: String?] {
        [
            "code": p.code, "name": p.name, "kind": p.kind, "uscc": p.uscc, "phone": p.phone, "email": p.email, "industry": p.industry,
            "level": p.level,
            "source": p.source, "status": p.status, "tags": p.tags, "address": p.address, "website": p.website,
            "latitude": p.latitude.map { ScaledDecimal.format($0, scale: 6, minDecimals: 0) },
            "longitude": p.longitude.map { ScaledDecimal.format($0, scale: 6, minDecimals: 0) },
            "creditLimit": p.creditLimit.map { Money(fen: $0).description }, "ownerId": p.ownerId.map(String.init),
            "poolId": p.poolId.map(String.init),
            "branchId": String(p.branchId), "isSupplier": String(p.isSupplier), "poolExempt": String(p.poolExempt),
            "customFields": p.customValues,
            "note": p.note,
        ]
    }
}
