import Foundation
import Kernel
import Persistence

/// The company-wide switches that used to need SQL: negative stock, costing per warehouse, what
/// an expense claim over budget does, and whether webhooks may go to private addresses. Read by
/// anyone who sees the organisation; changed only with `organisation.edit` over the whole company,
/// and audited.
public enum SystemSettings {
    public struct Values: Sendable, Equatable, Codable {
        /// 允许负库存: an issue may take more than is on hand; the receipt that covers it settles the cost.
        public var allowNegativeStock = false
        /// 分仓核算: each warehouse its own costing scope instead of the branch's books.
        public var costingPerWarehouse = false
        /// `warn` (the claim goes on, marked) or `refuse`.
        public var overBudget = "warn"
        /// Webhooks to this machine and private networks (a receiver inside the firewall).
        public var webhooksAllowPrivate = false
        /// 网站留资表单: the secret in the public form's address (`/crm/web-form/<key>`); nil: off.
        public var webFormKey: String?
        /// The mail server marketing and reminders go out through (发件服务器); none: no e-mail is sent.
        public var smtpHost: String?
        public var smtpPort = 465
        /// starttls, tls or none (`SMTPSettings.Security`).
        public var smtpSecurity = "tls"
        public var smtpUser: String?
        /// Whether a password is kept (it is never shown back); CONCORD_SMTP_PASSWORD, when set, wins.
        public var smtpPasswordSet = false
        public var mailFrom: String?
        public var mailFromName: String?
        public init() {}
    }

    public struct Input: Sendable, Equatable, Codable {
        public var allowNegativeStock: Bool?
        public var costingPerWarehouse: Bool?
        public var overBudget: String?
        public var webhooksAllowPrivate: Bool?
        /// Turns the public web-to-lead form on (with a new address if it had none) or off.
        public var webForm: Bool?
        /// A new address for the form (the old one stops working): when spam found it.
        public var rotateWebForm: Bool?
        /// The mail server; an empty host turns e-mail off.
        public var smtpHost: String?
        public var smtpPort: Int?
        public var smtpSecurity: String?
        public var smtpUser: String?
        /// Kept as given; empty: forgotten. Never answered back.
        public var smtpPassword: String?
        public var mailFrom: String?
        public var mailFromName: String?
        public init(
            allowNegativeStock: Bool? = nil, costingPerWarehouse: Bool? = nil, overBudget: String? = nil, webhooksAllowPrivate: Bool? = nil,
            webForm: Bool? = nil, rotateWebForm: Bool? = nil, smtpHost: String? = nil, smtpPort: Int? = nil, smtpSecurity: String? = nil,
            smtpUser: String? = nil, smtpPassword: String? = nil, mailFrom: String? = nil, mailFromName: String? = nil
        ) {
            self.smtpHost = smtpHost
            self.smtpPort = smtpPort
            self.smtpSecurity = smtpSecurity
            self.smtpUser = smtpUser
            self.smtpPassword = smtpPassword
            self.mailFrom = mailFrom
            self.mailFromName = mailFromName
            self.webForm = webForm
            self.rotateWebForm = rotateWebForm
            self.allowNegativeStock = allowNegativeStock
            self.costingPerWarehouse = costingPerWarehouse
            self.overBudget = overBudget
            self.webhooksAllowPrivate = webhooksAllowPrivate
        }
    }

    public static let overBudgetPolicies = ["warn", "refuse"]

    static let keys = (
        negative: Settings.Key.allowNegativeStock, perWarehouse: Settings.Key.costingPerWarehouse, overBudget: Settings.Key.overBudget,
        webhooks: Settings.Key.webhooksAllowPrivate, webForm: Settings.Key.webFormKey
    )

    public static func get(_ ctx: ServiceContext) async throws -> Values {
        try ctx.require(.organisation, .view)
        return try await read(ctx.store)
    }

    static let mail = (
        host: "mail.smtp_host", port: "mail.smtp_port", security: "mail.smtp_security", user: "mail.smtp_user",
        password: "mail.smtp_password", from: "mail.from", fromName: "mail.from_name"
    )

    /// The mail server to send through, or nil while none is set. The password: the environment's
    /// CONCORD_SMTP_PASSWORD, else the one kept in the settings.
    public static func smtp(_ store: Store) async throws -> SMTPSettings? {
        let v = try await read(store)
        guard let host = v.smtpHost, let from = v.mailFrom else { return nil }
        let env = ProcessInfo.processInfo.environment["CONCORD_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let kept = try await Settings.get(mail.password, on: store)
        return SMTPSettings(
            host: host, port: v.smtpPort, security: SMTPSettings.Security(rawValue: v.smtpSecurity) ?? .tls, username: v.smtpUser,
            password: env ?? kept, fromAddress: from, fromName: v.mailFromName)
    }

    static func read(_ store: Store) async throws -> Values {
        let s = try await Settings.get(
            [
                keys.negative, keys.perWarehouse, keys.overBudget, keys.webhooks, keys.webForm, mail.host, mail.port, mail.security,
                mail.user,
                mail.password, mail.from, mail.fromName,
            ], on: store)
        var v = Values()
        v.allowNegativeStock = s[keys.negative] == "true"
        v.costingPerWarehouse = s[keys.perWarehouse] == "true"
        v.overBudget = s[keys.overBudget] == "refuse" ? "refuse" : "warn"
        v.webhooksAllowPrivate = s[keys.webhooks] == "true"
        v.webFormKey = s[keys.webForm]
        v.smtpHost = s[mail.host]
        v.smtpPort = s[mail.port].flatMap { Int($0) } ?? 465
        v.smtpSecurity = s[mail.security] ?? "tls"
        v.smtpUser = s[mail.user]
        v.smtpPasswordSet = s[mail.password] != nil
        v.mailFrom = s[mail.from]
        v.mailFromName = s[mail.fromName]
        return v
    }

    /// Changes what the input names; a field left out keeps its value.
    public static func update(_ input: Input, _ ctx: ServiceContext) async throws -> Values {
        let scope = try ctx.require(.organisation, .edit)
        guard case .all = scope else { throw DomainError(.forbidden, code: "needs_wider_scope", field: "settings", args: ["settings"]) }
        if let p = input.overBudget, !overBudgetPolicies.contains(p) {
            throw DomainError.invalid("overBudget", code: "wrong_type", args: ["overBudget"])
        }
        if let p = input.smtpSecurity, SMTPSettings.Security(rawValue: p) == nil {
            throw DomainError.invalid("smtpSecurity", code: "wrong_type", args: ["smtpSecurity"])
        }
        if let p = input.smtpPort, !(1...65535).contains(p) {
            throw DomainError.invalid("smtpPort", code: "wrong_type", args: ["smtpPort"])
        }
        let host = try input.smtpHost.map { try Validate.optional($0, "smtpHost", max: 200) }
        if let h = host ?? nil, h.contains(where: { $0.isWhitespace || $0 == "/" }) {
            throw DomainError.invalid("smtpHost", code: "wrong_type", args: ["smtpHost"])
        }
        let from = try input.mailFrom.map { try Validate.email($0, "mailFrom") }
        let user = try input.smtpUser.map { try Validate.optional($0, "smtpUser", max: 200) }
        let fromName = try input.mailFromName.map { try Validate.optional($0, "mailFromName", max: 100) }
        if let p = input.smtpPassword, p.count > 200 || p.contains("\n") || p.contains("\r") {
            throw DomainError.invalid("smtpPassword", code: "wrong_type", args: ["smtpPassword"])
        }
        return try await ctx.write { tx in
            let old = try await read(tx.store)
            var new = old
            new.allowNegativeStock = input.allowNegativeStock ?? old.allowNegativeStock
            new.costingPerWarehouse = input.costingPerWarehouse ?? old.costingPerWarehouse
            new.overBudget = input.overBudget ?? old.overBudget
            new.webhooksAllowPrivate = input.webhooksAllowPrivate ?? old.webhooksAllowPrivate
            // Costs already carried per branch cannot be split per warehouse after the fact (nor
            // merged back): the scope is chosen before the first posting.
            if new.costingPerWarehouse != old.costingPerWarehouse, try await Ledger.anyEntries(on: tx.store) {
                throw DomainError(.conflict, code: "costing_in_use", field: "costingPerWarehouse")
            }
            var changes: [FieldChange] = []
            func save(_ key: String, _ field: String, _ o: String, _ n: String) async throws {
                guard o != n else { return }
                try await Settings.set(key, n, on: tx.store)
                changes.append(FieldChange(field, old: o, new: n))
            }
            try await save(keys.negative, "allowNegativeStock", String(old.allowNegativeStock), String(new.allowNegativeStock))
            try await save(keys.perWarehouse, "costingPerWarehouse", String(old.costingPerWarehouse), String(new.costingPerWarehouse))
            try await save(keys.overBudget, "overBudget", old.overBudget, new.overBudget)
            try await save(keys.webhooks, "webhooksAllowPrivate", String(old.webhooksAllowPrivate), String(new.webhooksAllowPrivate))
            let on = input.webForm ?? (old.webFormKey != nil)
            if !on, old.webFormKey != nil {
                try await Settings.remove([keys.webForm], on: tx.store)
                new.webFormKey = nil
                changes.append(FieldChange("webForm", old: "true", new: "false"))
            } else if on, old.webFormKey == nil || input.rotateWebForm == true {
                new.webFormKey = tx.tokens.token(18)
                try await Settings.set(keys.webForm, new.webFormKey!, on: tx.store)
                changes.append(FieldChange("webForm", old: String(old.webFormKey != nil), new: "true"))
            }
            func keep(_ key: String, _ field: String, _ o: String?, _ n: String??) async throws {
                guard let n, n != o else { return }
                if let value = n {
                    try await Settings.set(key, value, on: tx.store)
                } else {
                    try await Settings.remove([key], on: tx.store)
                }
                changes.append(FieldChange(field, old: o, new: n))
            }
            try await keep(mail.host, "smtpHost", old.smtpHost, host)
            try await keep(mail.port, "smtpPort", String(old.smtpPort), input.smtpPort.map { String($0) })
            try await keep(mail.security, "smtpSecurity", old.smtpSecurity, input.smtpSecurity)
            try await keep(mail.user, "smtpUser", old.smtpUser, user)
            try await keep(mail.from, "mailFrom", old.mailFrom, from)
            try await keep(mail.fromName, "mailFromName", old.mailFromName, fromName)
            if let p = input.smtpPassword {
                // The log says that it changed, never what it is.
                if p.isEmpty {
                    try await Settings.remove([mail.password], on: tx.store)
                } else {
                    try await Settings.set(mail.password, p, on: tx.store)
                }
                changes.append(FieldChange("smtpPassword", old: old.smtpPasswordSet ? "***" : nil, new: p.isEmpty ? nil : "***"))
            }
            new = try await read(tx.store)
            if !changes.isEmpty { try await tx.audit("update", "settings", nil, changes) }
            return new
        }
    }
}
