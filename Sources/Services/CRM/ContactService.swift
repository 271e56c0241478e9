import Foundation
import Kernel
import Persistence

/// The people at a customer. Seen by whoever sees the customer, changed by whoever may edit it;
/// one contact per customer is the primary one.
public enum ContactService {
    public struct Input: Sendable, Codable, Equatable {
        public var partnerId: Int64?
        public var name: String?
        public var title: String?
        public var mobile: String?
        public var phone: String?
        public var email: String?
        public var wechat: String?
        /// 'YYYY-MM-DD', or 'MM-DD' when the year is not known.
        public var birthday: String?
        public var isPrimary: Bool?
        public var note: String?
        public var customFields: [String: String]?
        public init(
            partnerId: Int64? = nil, name: String? = nil, title: String? = nil, mobile: String? = nil, phone: String? = nil,
            email: String? = nil,
            wechat: String? = nil, birthday: String? = nil, isPrimary: Bool? = nil, note: String? = nil,
            customFields: [String: String]? = nil
        ) {
            self.partnerId = partnerId
            self.name = name
            self.title = title
            self.mobile = mobile
            self.phone = phone
            self.email = email
            self.wechat = wechat
            self.birthday = birthday
            self.isPrimary = isPrimary
            self.note = note
            self.customFields = customFields
        }
    }

    public static func list(
        q: String?, partnerId: Int64?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<ContactRow> {
        if let partnerId {
            _ = try await CustomerService.find(partnerId, ctx)
            let all = try await CRMQueries.contacts(of: partnerId, on: ctx.store)
            return Page(items: all, nextCursor: nil)
        }
        let scope = try ctx.require(.customers, .view)
        return try await CRMQueries.contacts(scope: scope, q: q, partnerId: nil, limit: limit, cursor: cursor, on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> ContactRow {
        try ctx.require(.customers, .view)
        guard let c = try await CRMQueries.contact(id, on: ctx.store) else { throw DomainError.notFound }
        _ = try await CustomerService.find(c.partnerId, ctx)
        return c
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> ContactRow {
        try ctx.require(.customers, .edit)
        guard let partnerId = input.partnerId else { throw DomainError.required("partnerId") }
        return try await ctx.write { ctx in
            let customer: PartnerRow
            do { customer = try await CustomerService.findForEdit(partnerId, .edit, ctx) } catch let e as DomainError
                where e.kind == .notFound
            {
                throw DomainError.invalid("partnerId", code: "not_found")
            }
            let v = try await validate(input, existing: nil, ctx.store)
            let first = try await CRMQueries.contacts(of: partnerId, on: ctx.store).isEmpty
            let primary = v.isPrimary || first
            if primary { try await CRMWrites.clearPrimary(ofPartner: partnerId, on: ctx.store) }
            let now = ctx.nowMillis
            let row = try await CRMWrites.insert(v, partner: partnerId, primary: primary, at: now, on: ctx.store)
            try await CustomerSearch.refresh(partnerId, ctx.store)
            try await ctx.audit("create", "contact", row.id, branch: customer.branchId, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> ContactRow {
        try ctx.require(.customers, .edit)
        return try await ctx.write { ctx in
            guard let old = try await CRMQueries.contact(id, on: ctx.store) else { throw DomainError.notFound }
            let customer = try await CustomerService.findForEdit(old.partnerId, .edit, ctx)
            try Validate.version(version, current: old.version)
            let v = try await validate(input, existing: old.customValues, ctx.store)
            if v.isPrimary {
                try await CRMWrites.clearPrimary(ofPartner: old.partnerId, on: ctx.store)
            }
            guard
                let row = try await CRMWrites.update(
                    contact: id, v, primary: v.isPrimary || (old.isPrimary && input.isPrimary == nil), version: old.version,
                    at: ctx.nowMillis,
                    on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(version ?? 0)) }
            try await CustomerSearch.refresh(old.partnerId, ctx.store)
            try await ctx.audit("update", "contact", id, branch: customer.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    /// A contact named on follow-ups stays (their history would lose its person); others go.
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        try ctx.require(.customers, .edit)
        try await ctx.write { ctx in
            guard let old = try await CRMQueries.contact(id, on: ctx.store) else { throw DomainError.notFound }
            let customer = try await CustomerService.findForEdit(old.partnerId, .edit, ctx)
            let inUse = DomainError(.conflict, code: "contact_in_use", args: [old.name])
            if try await CRMWrites.contactInUse(id, on: ctx.store) { throw inUse }
            try await CRMWrites.delete(contact: id, inUse: inUse, on: ctx.store)
            try await CustomerSearch.refresh(old.partnerId, ctx.store)
            try await ctx.audit("delete", "contact", id, branch: customer.branchId, Audit.diff(snapshot(old), [:]))
        }
    }

    typealias Valid = CRMWrites.Contact

    static func validate(_ input: Input, existing: String?, _ store: Store) async throws -> Valid {
        let name = try Validate.required(input.name, "name", max: 60)
        let mobile = try Validate.phone(input.mobile, "mobile")
        let phone = try Validate.phone(input.phone, "phone")
        let email = try Validate.email(input.email)
        let (birthday, md) = try self.birthday(input.birthday)
        let custom = try await CustomFieldService.validate(input.customFields, entity: .contact, existing: existing, store)
        let digits = phoneDigits(mobile: mobile, phone: phone)
        return Valid(
            name: name, title: try Validate.optional(input.title, "title", max: 60), mobile: mobile, phone: phone, email: email,
            wechat: try Validate.optional(input.wechat, "wechat", max: 60), birthday: birthday, birthdayMd: md,
            isPrimary: input.isPrimary ?? false,
            note: try Validate.optional(input.note, "note", max: 1000),
            searchText: searchText(name: name, email: email), phoneDigits: digits, customValues: custom)
    }

    /// What a contact is found by: the name's pinyin and the e-mail.
    public static func searchText(name: String, email: String?) -> String {
        Pinyin.searchText(name) + (email.map { " " + $0.lowercased() } ?? "")
    }

    /// The digits of both numbers, for search by phone.
    public static func phoneDigits(mobile: String?, phone: String?) -> String? {
        let digits = [CustomerService.digits(mobile), CustomerService.digits(phone)].compactMap { $0 }.joined(separator: " ")
        return digits.isEmpty ? nil : digits
    }

    /// 'YYYY-MM-DD' or 'MM-DD' (year unknown, stored '--MM-DD'); 29 February is a birthday too.
    static func birthday(_ text: String?) throws -> (String?, String?) {
        guard let t = try Validate.optional(text, "birthday", max: 10) else { return (nil, nil) }
        if t.count == 5, Validate.isDate("2000-" + t) { return ("--" + t, t) }
        if t.count == 7, t.hasPrefix("--"), Validate.isDate("2000-" + t.dropFirst(2)) { return (t, String(t.dropFirst(2))) }
        guard Validate.isDate(t) else { throw DomainError.invalid("birthday", code: "invalid_date") }
        return (t, String(t.suffix(5)))
    }

    static func snapshot(_ c: ContactRow) -> [String: String?] {
        [
            "partnerId": String(c.partnerId), "name": c.name, "title": c.title, "mobile": c.mobile, "phone": c.phone, "email": c.email,
            "wechat": c.wechat,
            "birthday": c.birthday, "isPrimary": String(c.isPrimary), "note": c.note, "customFields": c.customValues,
        ]
    }
}
