import Foundation
import Kernel
import Persistence

/// The one partner master (DESIGN.md section 6): a company is a customer, a supplier or both,
/// never two records. The CRM completes it; 进销存 needs code, name, roles and contact data.
public enum PartnerService {
    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var kind: String?
        public var isCustomer: Bool?
        public var isSupplier: Bool?
        public var uscc: String?
        public var phone: String?
        public var email: String?
        public var address: String?
        public var branchId: Int64?
        public var ownerId: Int64?
        public var active: Bool?
        public init(
            code: String? = nil, name: String? = nil, kind: String? = nil, isCustomer: Bool? = nil, isSupplier: Bool? = nil,
            uscc: String? = nil, phone: String? = nil, email: String? = nil, address: String? = nil, branchId: Int64? = nil,
            ownerId: Int64? = nil, active: Bool? = nil
        ) {
            self.code = code
            self.name = name
            self.kind = kind
            self.isCustomer = isCustomer
            self.isSupplier = isSupplier
            self.uscc = uscc
            self.phone = phone
            self.email = email
            self.address = address
            self.branchId = branchId
            self.ownerId = ownerId
            self.active = active
        }
    }

    public enum Kind: String, Sendable, CaseIterable { case company, person }

    public static func list(
        filter: InventoryQueries.PartnerFilter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<PartnerRow> {
        let scope = try ctx.require(.partners, .view)
        return try await InventoryQueries.partners(scope: scope, filter: filter, limit: limit, cursor: cursor, on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> PartnerRow {
        let scope = try ctx.require(.partners, .view)
        guard let p = try await InventoryQueries.partner(id, on: ctx.store),
            scope.contains(branch: p.branchId, department: nil, owner: p.ownerId)
        else {
            throw DomainError.notFound
        }
        return p
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> PartnerRow {
        let scope = try ctx.require(.partners, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, scope: scope, ctx)
            let now = ctx.nowMillis
            let id = try await CRMWrites.insert(v.record, at: now, on: ctx.store)
            let row = try await InventoryQueries.partner(id, on: ctx.store)!
            try await ctx.audit("create", "partner", id, branch: row.branchId, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> PartnerRow {
        let scope = try ctx.require(.partners, .edit)
        return try await ctx.write { ctx in
            guard let old = try await InventoryQueries.partner(id, on: ctx.store),
                scope.contains(branch: old.branchId, department: nil, owner: old.ownerId)
            else {
                throw DomainError.notFound
            }
            try Validate.version(version, current: old.version)
            let v = try await validate(input, id: id, scope: scope, ctx)
            try await CRMWrites.update(partner: id, v.record, version: old.version, at: ctx.nowMillis, on: ctx.store)
            try await CustomerSearch.refresh(id, ctx.store)
            let row = try await InventoryQueries.partner(id, on: ctx.store)!
            try Validate.bumped(row.version, from: old.version)
            try await ctx.audit("update", "partner", id, branch: row.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    /// Deletes a partner nothing names yet (an import reverted, a record typed by mistake); one
    /// that a document, a contact or any other record names is refused (409).
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        let scope = try ctx.require(.partners, .delete)
        try await ctx.write { ctx in
            guard let p = try await InventoryQueries.partner(id, on: ctx.store),
                scope.contains(branch: p.branchId, department: nil, owner: p.ownerId)
            else { throw DomainError.notFound }
            let inUse = DomainError(.conflict, code: "partner_in_use", args: [p.name])
            if try await CRMWrites.references(toCustomer: id, on: ctx.store) > 0 { throw inUse }
            try await CRMWrites.delete(customer: id, inUse: inUse, on: ctx.store)
            try await ctx.audit("delete", "partner", id, branch: p.branchId, Audit.diff(snapshot(p), [:]))
        }
    }

    /// The name without legal-form words, spaces, punctuation or width differences: two spellings
    /// of one company meet here (北京快普科技有限公司 = 北京快普科技 = 北京快普科技（有限公司）).
    public static func nameKey(_ name: String) -> String {
        var s = Pinyin.halfWidth(name)
        s = s.lowercased()
        // Each form ends in 司, 团 or a Latin letter: a name without the one it ends in is not searched for it.
        let scalars = s.unicodeScalars
        let han = scalars.contains { $0 == "司" || $0 == "团" }, latin = s.utf8.contains { $0 >= 0x61 && $0 <= 0x7A }
        for suffix in legalForms where (suffix.utf8.first! < 0x80 ? latin : han) && s.contains(suffix) {
            s = s.replacingOccurrences(of: suffix, with: "")
        }
        return String(s.filter { $0.isLetter || $0.isNumber })
    }

    /// Legal forms a name key leaves out, longest first where one contains another.
    static let legalForms = [
        "股份有限公司", "有限责任公司", "有限公司", "集团", "co., ltd.", "co.,ltd.", "co. ltd", "co ltd", "company limited", "limited", "ltd.", "ltd",
        "inc.", "inc", "llc",
    ]

    /// The partners a user may name on a form or a document (what `DealLines.visibleParty`
    /// accepts): those in their customers scope or in their partners scope.
    public static func pickable(
        customer: Bool? = nil, supplier: Bool? = nil, limit: Int = 500, _ ctx: ServiceContext
    ) async throws -> [PartnerRow] {
        let p = ctx.principal
        return try await CRMQueries.pickable(
            customers: p?.rowScope(.customers, .view), partners: p?.rowScope(.partners, .view), everyone: p == nil, customer: customer,
            supplier: supplier, limit: limit, on: ctx.store)
    }

    /// One company, one record: refuses a USCC, a normalised name or a code another partner
    /// holds, naming it and pointing to it when the user may see it, else saying only in which
    /// branch it is. Answers the checked USCC and the name key.
    static func checkIdentity(
        name: String, uscc rawUSCC: String?, code: String, id: Int64?, _ ctx: ServiceContext
    ) async throws -> (uscc: String?, nameKey: String) {
        let store = ctx.store
        func duplicate(_ other: PartnerRow, _ field: String) async throws -> DomainError {
            let visible =
                ctx.principal.map { p in
                    CustomerService.allows(other, .view, ctx)
                        || p.rowScope(.partners, .view)?.contains(branch: other.branchId, department: nil, owner: other.ownerId) == true
                } ?? true
            guard visible else {
                let branch = try await OrganisationQueries.branch(other.branchId, on: store)?.name ?? ""
                return DomainError(.conflict, code: "duplicate_partner_elsewhere", field: field, args: [branch])
            }
            return DomainError(
                .conflict, code: "duplicate_partner", field: field, args: [other.name, other.code],
                resource: (other.isCustomer ? "customers/" : "partners/") + String(other.id))
        }
        var uscc: String?
        if let raw = try Validate.optional(rawUSCC, "uscc", max: 18) {
            guard let valid = USCC.validate(raw) else { throw DomainError.invalid("uscc", code: "invalid_uscc") }
            uscc = valid
            if let other = try await CRMQueries.partner(uscc: valid, on: store), other.id != id {
                throw try await duplicate(other, "uscc")
            }
        }
        let key = nameKey(name)
        if let other = try await CRMQueries.partner(nameKey: key, on: store), other.id != id {
            throw try await duplicate(other, "name")
        }
        // No code yet (one is given after): nothing to compare.
        if !code.isEmpty, try await CRMQueries.partner(code: code, on: store).map({ $0.id != id }) == true {
            throw DomainError.duplicate("code", value: code)
        }
        return (uscc, key)
    }

    struct Valid {
        var code: String
        var name: String
        var nameKey: String
        var searchText: String
        var kind: Kind
        var isCustomer: Bool
        var isSupplier: Bool
        var uscc: String?
        var phone: String?
        var email: String?
        var address: String?
        var branchId: Int64
        var ownerId: Int64?
        var departmentId: Int64?
        var active: Bool

        var record: CRMWrites.Partner {
            CRMWrites.Partner(
                code: code, name: name, nameKey: nameKey, searchText: searchText, kind: kind.rawValue, isCustomer: isCustomer,
                isSupplier: isSupplier,
                uscc: uscc, phone: phone, phoneDigits: CustomerService.digits(phone), email: email, address: address, branchId: branchId,
                ownerId: ownerId, departmentId: departmentId, active: active)
        }
    }

    static func validate(_ input: Input, id: Int64?, scope: RowScope, _ ctx: ServiceContext) async throws -> Valid {
        let code = try Validate.code(input.code, "code", max: 40)
        let name = try Validate.required(input.name, "name", max: 200)
        let kind = try Validate.oneOf(input.kind ?? Kind.company.rawValue, "kind", as: Kind.self)
        let isCustomer = input.isCustomer ?? false, isSupplier = input.isSupplier ?? false
        guard isCustomer || isSupplier else { throw DomainError.invalid("isCustomer", code: "partner_needs_role") }
        let (uscc, key) = try await checkIdentity(name: name, uscc: input.uscc, code: code, id: id, ctx)
        // The branch and the owner named are ones the user reaches (or their own); what an edit
        // leaves as it was needs no new reach.
        let old = id == nil ? nil : try await InventoryQueries.partner(id!, on: ctx.store)
        let action: Action = id == nil ? .create : .edit
        let branch =
            input.branchId != nil && input.branchId == old?.branchId
            ? old!.branchId : try await ctx.branch(input.branchId ?? old?.branchId, for: .partners, action)
        let owner = input.ownerId ?? (id == nil ? ctx.principal?.userId : nil)
        var department: Int64?
        if let o = owner {
            department =
                o == old?.ownerId ? old?.departmentId : try await ctx.person(o, for: .partners, action, field: "ownerId").departmentId
        }
        _ = scope
        return Valid(
            code: code, name: name, nameKey: key,
            searchText: CustomerSearch.text(name: name, code: code, tags: "", phones: [input.phone], emails: [input.email]), kind: kind,
            isCustomer: isCustomer, isSupplier: isSupplier, uscc: uscc, phone: try Validate.phone(input.phone),
            email: try Validate.email(input.email), address: try Validate.optional(input.address, "address", max: 300),
            branchId: branch, ownerId: owner, departmentId: department, active: input.active ?? true)
    }

    static func snapshot(_ p: PartnerRow) -> [String: String?] {
        [
            "code": p.code, "name": p.name, "kind": p.kind, "isCustomer": String(p.isCustomer), "isSupplier": String(p.isSupplier),
            "uscc": p.uscc,
            "phone": p.phone, "email": p.email, "address": p.address, "branchId": String(p.branchId), "ownerId": p.ownerId.map(String.init),
            "active": String(p.active),
        ]
    }
}
