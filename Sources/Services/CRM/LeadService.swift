import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence

/// Leads (线索) and the lead pool: captured by form, API or import; checked against leads and
/// customers for duplicates on entry; assigned by hand or by round-robin rules; converted into
/// customer, contact and opportunity, keeping the lead's follow-ups.
public enum LeadService {
    public enum Status: String, Sendable, CaseIterable { case new, assigned, working, converted, disqualified }

    public struct Input: Sendable, Codable, Equatable {
        public var company: String?
        public var contactName: String?
        public var title: String?
        public var phone: String?
        public var email: String?
        public var uscc: String?
        public var source: String?
        public var province: String?
        public var city: String?
        public var note: String?
        /// On create: the owner; nil leaves it to the assignment rules (or the lead pool).
        public var ownerId: Int64?
        public var branchId: Int64?
        /// Save even though possible duplicates were found (the person has looked at them).
        public var ignoreDuplicates: Bool?
        /// The campaign that brought it (one not cancelled).
        public var campaignId: Int64?
        /// Custom field values by key (those not named stay).
        public var customFields: [String: String]?
        /// The custom fields the caller's form asked (the web form: those shown on it); only they
        /// may be required of it. nil: every field.
        public var customAsked: Set<String>?
        public init(
            company: String? = nil, contactName: String? = nil, title: String? = nil, phone: String? = nil, email: String? = nil,
            uscc: String? = nil, source: String? = nil, province: String? = nil, city: String? = nil, note: String? = nil,
            ownerId: Int64? = nil, branchId: Int64? = nil, ignoreDuplicates: Bool? = nil, campaignId: Int64? = nil,
            customFields: [String: String]? = nil
        ) {
            self.customFields = customFields
            self.campaignId = campaignId
            self.company = company
            self.contactName = contactName
            self.title = title
            self.phone = phone
            self.email = email
            self.uscc = uscc
            self.source = source
            self.province = province
            self.city = city
            self.note = note
            self.ownerId = ownerId
            self.branchId = branchId
            self.ignoreDuplicates = ignoreDuplicates
        }
    }

    public struct Filter: Sendable {
        public var q: String?
        public var status: String?
        public var ownerId: Int64?
        /// Only unassigned leads (the lead pool).
        public var inPool: Bool?
        /// Custom fields by key and the value each must have.
        public var custom: [String: String] = [:]
        public init(q: String? = nil, status: String? = nil, ownerId: Int64? = nil, inPool: Bool? = nil, custom: [String: String] = [:]) {
            self.custom = custom
            self.q = q
            self.status = status
            self.ownerId = ownerId
            self.inPool = inPool
        }
    }

    /// Leads in scope; the lead pool (no owner) is every leads user's of the branches they reach
    /// or their own branch.
    public static func list(filter: Filter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<LeadRow> {
        let scope = try ctx.require(.leads, .view)
        let rows = try await LeadQueries.list(
            scope, poolBranch: ctx.principal?.branchId,
            .init(text: filter.q, status: filter.status, owner: filter.ownerId, inPool: filter.inPool, custom: filter.custom),
            cursor: cursor,
            limit: limit + 1,
            on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> LeadRow {
        let scope = try ctx.require(.leads, .view)
        guard let l = try await LeadQueries.lead(id, on: ctx.store), visible(l, scope, ctx) else { throw DomainError.notFound }
        return l
    }

    /// Deletes a lead entered by mistake (or by an import being undone): never a converted one,
    /// nor one a follow-up or task names (409).
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        let scope = try ctx.require(.leads, .delete)
        try await ctx.write { ctx in
            guard let l = try await LeadQueries.lead(id, on: ctx.store), visible(l, scope, ctx) else { throw DomainError.notFound }
            let inUse = DomainError(.conflict, code: "lead_in_use", args: [l.company])
            if l.status == Status.converted.rawValue { throw inUse }
            try await LeadWrites.delete(lead: id, inUse: inUse, on: ctx.store)
            try await ctx.audit("delete", "lead", id, branch: l.branchId, Audit.diff(snapshot(l), [:]))
        }
    }

    static func visible(_ l: LeadRow, _ scope: RowScope, _ ctx: ServiceContext) -> Bool {
        scope.contains(branch: l.branchId, department: l.departmentId, owner: l.ownerId)
            || (l.ownerId == nil && (ctx.principal.map { $0.branchId == l.branchId } ?? true))
    }

    // MARK: duplicates

    public struct Match: Sendable, Equatable {
        /// "lead" or "customer".
        public var kind: String
        /// The record, when the user may see it; a match beyond their reach says only that it
        /// exists and in which branch.
        public var id: Int64?
        public var name: String?
        /// What matched: "name", "pinyin", "uscc", "phone" or "email".
        public var on: String
        public var branch: String
        public var visible: Bool { id != nil }
    }

    /// Leads and customers that look like the same company: the same normalised name (legal
    /// form, width and punctuation aside), the same full pinyin of it, USCC, phone or e-mail.
    public static func duplicates(
        company: String?, uscc: String?, phone: String?, email: String?, excluding: Int64? = nil,
        _ ctx: ServiceContext
    ) async throws -> [Match] {
        typealias R = LeadQueries.Similar
        var found: [(kind: String, row: R, on: String)] = []
        func add(_ kind: String, _ rows: [R], _ on: String) {
            for r in rows where !(kind == "lead" && r.id == excluding) && !found.contains(where: { $0.kind == kind && $0.row.id == r.id }) {
                found.append((kind, r, on))
            }
        }
        let store = ctx.store
        if let c = company?.trimmingCharacters(in: .whitespaces), !c.isEmpty {
            let key = PartnerService.nameKey(c)
            let pinyin = Pinyin.full(key)
            if !key.isEmpty {
                add("customer", try await LeadQueries.customers(with: .nameKey(key), on: store), "name")
                add("lead", try await LeadQueries.leads(with: .nameKey(key), on: store), "name")
            }
            if pinyin.count >= 4, pinyin != key {
                // Homophones typed another way (快普 / 快谱): the same full pinyin of the normalised
                // name. The trigram index names the candidates; the comparison is exact.
                let rows = try await LeadQueries.customers(found: pinyin, limit: 200, on: store)
                add("customer", rows.filter { Pinyin.full(PartnerService.nameKey($0.name)) == pinyin }, "pinyin")
            }
        }
        if let u = uscc.flatMap({ USCC.validate($0) }) {
            add("customer", try await LeadQueries.customers(with: .uscc(u), on: store), "uscc")
            add("lead", try await LeadQueries.leads(with: .uscc(u), on: store), "uscc")
        }
        if let d = CustomerService.digits(phone), d.count >= 7 {
            add("customer", try await LeadQueries.customers(with: .phoneDigits(d), on: store), "phone")
            // A contact's phone is part of its customer's search text: found through the index.
            add("customer", try await LeadQueries.customers(found: d, containing: d, limit: 5, on: store), "phone")
            add("lead", try await LeadQueries.leads(with: .phoneDigits(d), on: store), "phone")
        }
        if let e = email?.trimmingCharacters(in: .whitespaces).lowercased(), e.contains("@") {
            add("customer", try await LeadQueries.customers(with: .email(e), on: store), "email")
            add("lead", try await LeadQueries.leads(with: .email(e), on: store), "email")
        }
        let branches = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.branches(on: store).map { ($0.id, $0.name) })
        let p = ctx.principal
        return found.map { f in
            let r = f.row
            let visible: Bool
            if let p {
                let module: Module = f.kind == "lead" ? .leads : .customers
                // The pools (customers) and the lead pool of one's branch (leads) are open to the people who work them.
                visible =
                    p.rowScope(module, .view)?.contains(branch: r.branchId, department: r.departmentId, owner: r.ownerId) == true
                    || (r.ownerId == nil && (f.kind == "lead" ? r.branchId == p.branchId : p.can(.pools, .view)))
            } else {
                visible = true
            }
            return Match(kind: f.kind, id: visible ? r.id : nil, name: visible ? r.name : nil, on: f.on, branch: branches[r.branchId] ?? "")
        }
    }

    /// A duplicate found on entry: the first match is named and pointed to; the rest come with `matches`.
    /// A match beyond the user's reach is said to exist, in its branch, and no more.
    public struct DuplicateFound: Error, Sendable {
        public var matches: [Match]
        public var error: DomainError {
            let m = matches.first(where: \.visible) ?? matches[0]
            let field = m.on == "pinyin" || m.on == "name" ? "company" : m.on
            guard let id = m.id, let name = m.name else {
                return DomainError(.conflict, code: "possible_duplicate_elsewhere", field: field, args: [m.branch, String(matches.count)])
            }
            return DomainError(
                .conflict, code: "possible_duplicate", field: field, args: [name, String(matches.count)],
                resource: (m.kind == "lead" ? "leads/" : "customers/") + String(id))
        }
    }

    // MARK: create, update

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> LeadRow {
        let scope = try ctx.require(.leads, .create)
        let v = try await validate(input, ctx)
        return try await ctx.write { ctx in
            if input.ignoreDuplicates != true {
                let matches = try await duplicates(company: v.company, uscc: v.uscc, phone: v.phone, email: v.email, ctx)
                if !matches.isEmpty { throw DuplicateFound(matches: matches) }
            }
            let branch = try await ctx.branch(input.branchId, for: .leads, .create)
            var owner: UserRow?
            if let o = input.ownerId {
                guard let u = try await OrganisationQueries.user(o, on: ctx.store), u.active,
                    scope.contains(branch: u.branchId, department: u.departmentId, owner: u.id)
                else { throw DomainError.invalid("ownerId", code: "not_found") }
                owner = u
            } else {
                owner = try await roundRobin(source: v.source, ctx.store)
            }
            let now = ctx.nowMillis
            var row = try await LeadWrites.insert(
                v, status: owner == nil ? Status.new.rawValue : Status.assigned.rawValue, owner: owner?.id, department: owner?.departmentId,
                branch: branch, at: now, on: ctx.store)
            row.customValues = try await CustomFieldService.apply(
                input.customFields, entity: .lead, id: row.id, existing: row.customValues, asked: input.customAsked, ctx)
            try await ctx.audit("create", "lead", row.id, branch: branch, Audit.diff([:], snapshot(row)))
            if let owner, owner.id != ctx.principal?.userId {
                try await NotificationService.send(
                    [.init(userId: owner.id, kind: "notify.lead.assigned", args: [row.company], link: Paths.CRM.lead(row.id))],
                    ctx.store, at: now)
            }
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> LeadRow {
        try ctx.require(.leads, .edit)
        let v = try await validate(input, ctx)
        return try await ctx.write { ctx in
            let old = try await findForEdit(id, ctx)
            try Validate.version(version, current: old.version)
            guard old.status != Status.converted.rawValue else { throw DomainError(.conflict, code: "lead_converted", args: [old.company]) }
            guard
                var row = try await LeadWrites.update(lead: id, v, version: old.version, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(version ?? 0)) }
            row.customValues = try await CustomFieldService.apply(
                input.customFields, entity: .lead, id: id, existing: row.customValues, ctx)
            try await ctx.audit("update", "lead", id, branch: row.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    /// A lead the user may work on: their own, in their edit scope, or in the pool of their branch.
    static func findForEdit(_ id: Int64, _ ctx: ServiceContext) async throws -> LeadRow {
        let scope = try ctx.require(.leads, .edit)
        guard let l = try await LeadQueries.lead(id, on: ctx.store), visible(l, scope, ctx) else { throw DomainError.notFound }
        return l
    }

    typealias Valid = LeadWrites.Lead

    static func validate(_ input: Input, _ ctx: ServiceContext) async throws -> Valid {
        let company = try Validate.required(input.company, "company", max: 200)
        var uscc: String?
        if let raw = try Validate.optional(input.uscc, "uscc", max: 18) {
            guard let u = USCC.validate(raw) else { throw DomainError.invalid("uscc", code: "invalid_uscc") }
            uscc = u
        }
        let phone = try Validate.phone(input.phone)
        let email = try Validate.email(input.email)
        let source = try Validate.optional(input.source, "source", max: 40)
        if let s = source, try await !CRMSettings.values(.sources, ctx.store).contains(s) {
            throw DomainError.invalid("source", code: "invalid_choice", args: ["source"])
        }
        let contact = try Validate.optional(input.contactName, "contactName", max: 60)
        let place = try Validate.address(province: input.province, city: input.city, district: nil)
        let campaign = try await ctx.campaign(input.campaignId)
        return Valid(
            company: company, nameKey: PartnerService.nameKey(company),
            searchText: Pinyin.searchText(company) + (contact.map { " " + Pinyin.searchText($0) } ?? "")
                + (email.map { " " + $0.lowercased() } ?? ""),
            contactName: contact, title: try Validate.optional(input.title, "title", max: 60), phone: phone, email: email, uscc: uscc,
            source: source,
            province: place.province, city: place.city,
            note: try Validate.optional(input.note, "note", max: 2000), campaignId: campaign)
    }

    static func snapshot(_ l: LeadRow) -> [String: String?] {
        [
            "company": l.company, "contactName": l.contactName, "phone": l.phone, "email": l.email, "uscc": l.uscc, "source": l.source,
            "status": l.status,
            "ownerId": l.ownerId.map(String.init), "note": l.note, "campaignId": l.campaignId.map(String.init),
            "customFields": l.customValues == "{}" ? nil : l.customValues,
        ]
    }

    // MARK: assignment

    /// The next person of the first active rule for this source (or for every source).
    static func roundRobin(source: String?, _ store: Store) async throws -> UserRow? {
        let rules = try await LeadQueries.rules(activeOnly: true, on: store)
        guard let rule = rules.first(where: { $0.source != nil && $0.source == source }) ?? rules.first(where: { $0.source == nil }),
            !rule.users.isEmpty
        else {
            return nil
        }
        // Taking the turn and moving it on is one statement: two leads at once get two people.
        guard let turn = try await LeadWrites.takeTurn(ofRule: rule.id, on: store) else { return nil }
        let users = rule.users
        for step in 0..<users.count {
            let candidate = users[Int((turn + Int64(step)) % Int64(users.count))]
            if let u = try await OrganisationQueries.user(candidate, on: store), u.active { return u }
        }
        return nil
    }

    /// Gives a lead to someone in the assigner's scope (or the caller takes a pool lead).
    /// A manager (`leads.approve`) assigns several leads to one person: all of them, or none.
    public static func assign(_ ids: [Int64], to userId: Int64?, _ ctx: ServiceContext) async throws -> [LeadRow] {
        _ = try ctx.require(.leads, .approve)
        let ids = try Validate.picked(ids)
        guard userId != nil else { throw DomainError.required("ownerId") }
        return try await ctx.write { ctx in
            var done: [LeadRow] = []
            for id in ids { done.append(try await assign(id, to: userId, ctx)) }
            return done
        }
    }

    public static func assign(_ id: Int64, to userId: Int64?, _ ctx: ServiceContext) async throws -> LeadRow {
        let scope = try ctx.require(.leads, .edit)
        guard let userId = userId ?? ctx.principal?.userId else { throw DomainError.required("ownerId") }
        return try await ctx.write { ctx in
            let old = try await findForEdit(id, ctx)
            guard old.status != Status.converted.rawValue else { throw DomainError(.conflict, code: "lead_converted", args: [old.company]) }
            guard let u = try await OrganisationQueries.user(userId, on: ctx.store), u.active else {
                throw DomainError.invalid("ownerId", code: "not_found")
            }
            let selfClaim = u.id == ctx.principal?.userId && old.ownerId == nil
            guard
                selfClaim
                    || (ctx.principal?.can(.leads, .approve) ?? true)
                        && scope.contains(branch: u.branchId, department: u.departmentId, owner: u.id)
            else {
                throw DomainError.invalid("ownerId", code: "not_found")
            }
            guard
                let row = try await LeadWrites.assign(
                    lead: id, to: u.id, department: u.departmentId, version: old.version, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version)) }
            try await ctx.audit(
                "assign", "lead", id, branch: row.branchId, [FieldChange("ownerId", old: old.ownerId.map(String.init), new: String(u.id))])
            if u.id != ctx.principal?.userId {
                try await NotificationService.send(
                    [.init(userId: u.id, kind: "notify.lead.assigned", args: [row.company], link: Paths.CRM.lead(row.id))],
                    ctx.store, at: ctx.nowMillis)
            }
            return row
        }
    }

    public static func disqualify(_ id: Int64, reason: String?, _ ctx: ServiceContext) async throws -> LeadRow {
        try ctx.require(.leads, .edit)
        let reason = try Validate.required(reason, "reason", max: 200)
        return try await ctx.write { ctx in
            let old = try await findForEdit(id, ctx)
            guard old.status != Status.converted.rawValue else { throw DomainError(.conflict, code: "lead_converted", args: [old.company]) }
            guard
                let row = try await LeadWrites.disqualify(lead: id, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.notFound }
            try await ctx.audit(
                "disqualify", "lead", id, branch: row.branchId,
                [
                    FieldChange("status", old: old.status, new: row.status),
                    FieldChange("reason", old: nil, new: reason),
                ])
            return row
        }
    }

    // MARK: conversion

    public struct ConvertInput: Sendable, Codable, Equatable {
        /// Attach to this existing customer instead of creating one.
        public var customerId: Int64?
        public var createOpportunity: Bool?
        public var opportunityName: String?
        public var amount: String?
        public var expectedClose: String?
        public init(
            customerId: Int64? = nil, createOpportunity: Bool? = nil, opportunityName: String? = nil, amount: String? = nil,
            expectedClose: String? = nil
        ) {
            self.customerId = customerId
            self.createOpportunity = createOpportunity
            self.opportunityName = opportunityName
            self.amount = amount
            self.expectedClose = expectedClose
        }
    }

    public struct Converted: Sendable {
        public var lead: LeadRow
        public var customer: PartnerRow
        public var contact: ContactRow?
        public var opportunity: OpportunityRow?
    }

    /// Lead → customer (new, or an existing one) + contact + opportunity, in one transaction.
    /// The lead's follow-ups move to the customer's timeline and keep pointing at the lead.
    public static func convert(_ id: Int64, _ input: ConvertInput, _ ctx: ServiceContext) async throws -> Converted {
        try ctx.require(.leads, .edit)
        try ctx.require(.customers, .create)
        return try await ctx.write { ctx in
            let lead = try await findForEdit(id, ctx)
            guard lead.status != Status.converted.rawValue else {
                throw DomainError(
                    .conflict, code: "lead_converted", args: [lead.company],
                    resource: lead.convertedPartnerId.map { "customers/\($0)" })
            }
            guard lead.status != Status.disqualified.rawValue else {
                throw DomainError(.conflict, code: "lead_disqualified", args: [lead.company])
            }
            let customer: PartnerRow
            if let existing = input.customerId {
                do { customer = try await CustomerService.findForEdit(existing, .edit, ctx) } catch let e as DomainError
                    where e.kind == .notFound
                {
                    throw DomainError.invalid("customerId", code: "not_found")
                }
            } else {
                customer = try await CustomerService.create(
                    .init(
                        name: lead.company, uscc: lead.uscc, source: lead.source, province: lead.province, city: lead.city,
                        phone: lead.phone, email: lead.email, note: lead.note,
                        ownerId: lead.ownerId ?? ctx.principal?.userId, branchId: lead.branchId), ctx.through("lead", via: "lead:\(id)"))
                if lead.campaignId != nil { try await CRMWrites.attribute(partner: customer.id, fromLead: lead.id, on: ctx.store) }
            }
            var contact: ContactRow?
            if let name = lead.contactName {
                let mobile =
                    lead.phone.flatMap { CustomerService.digits($0) }.map { $0.count == 11 && $0.hasPrefix("1") } == true ? lead.phone : nil
                contact = try await ContactService.create(
                    .init(
                        partnerId: customer.id, name: name, title: lead.title, mobile: mobile,
                        phone: mobile == nil ? lead.phone : nil, email: lead.email), ctx.through("lead", via: "lead:\(id)"))
            }
            var opportunity: OpportunityRow?
            if input.createOpportunity ?? true {
                opportunity = try await OpportunityService.create(
                    .init(
                        partnerId: customer.id, name: input.opportunityName ?? lead.company,
                        amount: input.amount ?? "0", expectedClose: input.expectedClose), leadId: lead.id, ctx)
            }
            try await LeadWrites.moveFollowUps(ofLead: lead.id, toCustomer: customer.id, on: ctx.store)
            if let last = lead.lastActivityAt { try await CRMWrites.followedUp(partner: customer.id, at: last, next: nil, on: ctx.store) }
            guard
                let row = try await LeadWrites.converted(
                    lead: id, customer: customer.id, contact: contact?.id, opportunity: opportunity?.id, version: lead.version,
                    at: ctx.nowMillis,
                    on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(lead.version), actual: Int(lead.version)) }
            try await ctx.audit(
                "convert", "lead", id, branch: lead.branchId,
                [
                    FieldChange("status", old: lead.status, new: "converted"),
                    FieldChange("customerId", old: nil, new: String(customer.id)),
                    FieldChange("contactId", old: nil, new: contact.map { String($0.id) }),
                    FieldChange("opportunityId", old: nil, new: opportunity.map { String($0.id) }),
                ])
            return Converted(lead: row, customer: customer, contact: contact, opportunity: opportunity)
        }
    }

    // MARK: rules

    public struct RuleInput: Sendable, Codable, Equatable {
        public var name: String?
        public var source: String?
        public var userIds: [Int64]?
        public var active: Bool?
        public init(name: String? = nil, source: String? = nil, userIds: [Int64]? = nil, active: Bool? = nil) {
            self.name = name
            self.source = source
            self.userIds = userIds
            self.active = active
        }
    }

    public static func rules(_ ctx: ServiceContext) async throws -> [LeadRuleRow] {
        try ctx.require(.leads, .view)
        return try await LeadQueries.rules(on: ctx.store)
    }

    public static func saveRule(_ id: Int64?, _ input: RuleInput, version: Int64?, _ ctx: ServiceContext) async throws -> LeadRuleRow {
        let scope = try ctx.require(.leads, .approve)
        let name = try Validate.required(input.name, "name", max: 60)
        let source = try Validate.optional(input.source, "source", max: 40)
        let users = input.userIds ?? []
        guard !users.isEmpty else { throw DomainError.required("userIds") }
        guard users.count <= 100, Set(users).count == users.count else {
            throw DomainError.invalid("userIds", code: "invalid", args: ["userIds"])
        }
        return try await ctx.write { ctx in
            if let s = source, try await !CRMSettings.values(.sources, ctx.store).contains(s) {
                throw DomainError.invalid("source", code: "invalid_choice", args: ["source"])
            }
            for u in users {
                guard let user = try await OrganisationQueries.user(u, on: ctx.store), user.active,
                    scope.contains(branch: user.branchId, department: user.departmentId, owner: user.id)
                else {
                    throw DomainError.invalid("userIds", code: "not_found")
                }
            }
            let list = users.map(String.init).joined(separator: ",")
            let now = ctx.nowMillis
            let row: LeadRuleRow?
            if let id {
                guard let old = try await LeadQueries.rule(id, on: ctx.store) else { throw DomainError.notFound }
                try Validate.version(version, current: old.version)
                row = try await LeadWrites.updateRule(
                    id, name: name, source: source, users: list, active: input.active ?? old.active, version: old.version, at: now,
                    on: ctx.store)
            } else {
                row = try await LeadWrites.insertRule(
                    name: name, source: source, users: list, active: input.active ?? true, at: now, on: ctx.store)
            }
            guard let row else { throw DomainError.staleVersion(expected: 0, actual: Int(version ?? 0)) }
            try await ctx.audit(
                id == nil ? "create" : "update", "lead_rule", row.id,
                [
                    FieldChange("users", old: nil, new: list),
                    FieldChange("source", old: nil, new: source),
                ])
            return row
        }
    }
}
