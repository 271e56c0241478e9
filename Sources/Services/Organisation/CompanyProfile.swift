import Foundation
import Kernel
import Persistence

/// The company as it appears on paper (公司信息): the name, tax number, address, telephone and bank
/// account, the logo, and the terms printed under quotes and contracts. Print templates read it;
/// with nothing set they fall back to the head office's name.
public enum CompanyProfile {
    public struct Profile: Sendable, Equatable, Codable {
        public var name: String?
        public var taxNumber: String?
        public var address: String?
        public var phone: String?
        public var bankName: String?
        public var bankAccount: String?
        /// Printed under quotes and contracts (delivery, payment, validity...), one paragraph per line.
        public var terms: String?
        public var hasLogo = false
        public init() {}
    }

    public struct Input: Sendable, Codable, Equatable {
        public var name, taxNumber, address, phone, bankName, bankAccount, terms: String?
        public init(
            name: String? = nil, taxNumber: String? = nil, address: String? = nil, phone: String? = nil, bankName: String? = nil,
            bankAccount: String? = nil, terms: String? = nil
        ) {
            self.name = name
            self.taxNumber = taxNumber
            self.address = address
            self.phone = phone
            self.bankName = bankName
            self.bankAccount = bankAccount
            self.terms = terms
        }
    }

    /// The logo: PNG or JPEG, at most this many bytes (it is printed small).
    public static let logoLimit = 256 * 1024
    public static let logoTypes = ["image/png", "image/jpeg"]

    static let fields: [(key: String, path: WritableKeyPath<Profile, String?>)] = [
        ("company.name", \.name), ("company.tax_number", \.taxNumber), ("company.address", \.address), ("company.phone", \.phone),
        ("company.bank_name", \.bankName), ("company.bank_account", \.bankAccount), ("company.terms", \.terms),
    ]
    static let logoKey = "company.logo", logoTypeKey = "company.logo_type"

    /// Anyone signed in may read it: it is what the company prints for its customers.
    public static func get(_ store: Store) async throws -> Profile {
        let stored = try await Settings.get(fields.map(\.key) + [logoTypeKey], on: store)
        var p = Profile()
        for f in fields { p[keyPath: f.path] = stored[f.key].flatMap { $0.isEmpty ? nil : $0 } }
        p.hasLogo = stored[logoTypeKey] != nil
        return p
    }

    /// The name on paper: the one set here, else the head office's.
    public static func displayName(_ p: Profile, _ store: Store) async throws -> String {
        if let n = p.name { return n }
        return try await OrganisationQueries.branches(on: store).first { $0.parentId == nil }?.name ?? ""
    }

    public static func update(_ input: Input, _ ctx: ServiceContext) async throws -> Profile {
        _ = try ctx.require(.organisation, .edit)
        return try await ctx.write { ctx in
            let old = try await get(ctx.store)
            var new = old
            new.name = try Validate.optional(input.name, "name", max: 100)
            if let raw = try Validate.optional(input.taxNumber, "taxNumber", max: 18) {
                guard let valid = USCC.validate(raw) else { throw DomainError.invalid("taxNumber", code: "invalid_uscc") }
                new.taxNumber = valid
            } else {
                new.taxNumber = nil
            }
            new.address = try Validate.optional(input.address, "address", max: 200)
            new.phone = try Validate.phone(input.phone)
            new.bankName = try Validate.optional(input.bankName, "bankName", max: 100)
            if let account = try Validate.optional(input.bankAccount, "bankAccount", max: 40) {
                guard account.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " " || $0 == "-") }) else {
                    throw DomainError.invalid("bankAccount", code: "invalid_bank_account")
                }
                new.bankAccount = account
            } else {
                new.bankAccount = nil
            }
            new.terms = try Validate.optional(input.terms, "terms", max: 2000)
            var changes: [FieldChange] = []
            for f in fields where old[keyPath: f.path] != new[keyPath: f.path] {
                try await Settings.set(f.key, new[keyPath: f.path] ?? "", on: ctx.store)
                changes.append(FieldChange(String(f.key.dropFirst("company.".count)), old: old[keyPath: f.path], new: new[keyPath: f.path]))
            }
            if !changes.isEmpty { try await ctx.audit("update", "company", nil, changes) }
            return new
        }
    }

    /// Replaces the logo. The bytes must be what the type says (checked by their signature).
    public static func setLogo(_ bytes: [UInt8], contentType: String?, _ ctx: ServiceContext) async throws {
        _ = try ctx.require(.organisation, .edit)
        guard !bytes.isEmpty else { throw DomainError.required("logo") }
        guard bytes.count <= logoLimit else {
            throw DomainError(.tooLarge, code: "file_too_large", field: "logo", args: ["logo", "256 KB"])
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47], jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
        let type: String
        if bytes.starts(with: png) {
            type = "image/png"
        } else if bytes.starts(with: jpeg) {
            type = "image/jpeg"
        } else {
            throw DomainError.invalid("logo", code: "logo_type")
        }
        if let claimed = contentType, claimed != type, claimed != "application/octet-stream" {
            throw DomainError.invalid("logo", code: "logo_type")
        }
        try await ctx.write { ctx in
            try await Settings.set(logoKey, Data(bytes).base64EncodedString(), on: ctx.store)
            try await Settings.set(logoTypeKey, type, on: ctx.store)
            try await ctx.audit("update", "company", nil, [FieldChange("logo", old: nil, new: "\(type), \(bytes.count) B")])
        }
    }

    public static func removeLogo(_ ctx: ServiceContext) async throws {
        _ = try ctx.require(.organisation, .edit)
        try await ctx.write { ctx in
            try await Settings.remove([logoKey, logoTypeKey], on: ctx.store)
            try await ctx.audit("update", "company", nil, [FieldChange("logo", old: "logo", new: nil)])
        }
    }

    public static func logo(_ store: Store) async throws -> (bytes: Data, type: String)? {
        let s = try await Settings.get([logoKey, logoTypeKey], on: store)
        guard let b64 = s[logoKey], let type = s[logoTypeKey], let data = Data(base64Encoded: b64) else { return nil }
        return (data, type)
    }
}
