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
        /// 短信: none, log (printed to the server's log), aliyun or tencent.
        public var smsProvider = "none"
        public var smsKeyId: String?
        /// Whether the provider's secret is kept (never shown back); CONCORD_SMS_SECRET, when set, wins.
        public var smsSecretSet = false
        /// The approved signature (签名) texts go out under.
        public var smsSignName: String?
        /// Tencent's SmsSdkAppId.
        public var smsAppId: String?
        /// The secret in the address the provider posts replies to (`/marketing/sms-replies/<key>`).
        public var smsReplyKey: String?
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
        public var smsProvider: String?
        public var smsKeyId: String?
        /// Kept as given; empty: forgotten. Never answered back.
        public var smsSecret: String?
        public var smsSignName: String?
        public var smsAppId: String?
        public init(
            allowNegativeStock: Bool? = nil, costingPerWarehouse: Bool? = nil, overBudget: String? = nil, webhooksAllowPrivate: Bool? = nil,
            webForm: Bool? = nil, rotateWebForm: Bool? = nil, smtpHost: String? = nil, smtpPort: Int? = nil, smtpSecurity: String? = nil,
            smtpUser: String? = nil, smtpPassword: String? = nil, mailFrom: String? = nil, mailFromName: String? = nil,
            smsProvider: String? = nil, smsKeyId: String? = nil, smsSecret: String? = nil, smsSignName: String? = nil,
            smsAppId: String? = nil
        ) {
            self.smsProvider = smsProvider
            self.smsKeyId = smsKeyId
            self.smsSecret = smsSecret
            self.smsSignName = smsSignName
            self.smsAppId = smsAppId
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
    static let sms = (
        provider: "sms.provider", keyId: "sms.key_id", secret: "sms.secret", signName: "sms.sign_name", appId: "sms.app_id",
        replyKey: Settings.Key.smsReplyKey
    )
    public static let smsProviders = ["none", "log", "aliyun", "tencent"]

    /// The text-message provider, or nil while none is set. `log` prints instead of sending.
    public static func smsProvider(
        _ store: Store, transport: any HTTPTransport, clock: Clock, tokens: TokenGenerator, log: @escaping @Sendable (String) -> Void
    ) async throws -> (any SMSProvider)? {
        let v = try await read(store)
        let env = ProcessInfo.processInfo.environment["CONCORD_SMS_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        let kept = try await Settings.get(sms.secret, on: store)
        let secret = env ?? kept
        switch v.smsProvider {
        case "log": return LogSMSProvider(log: log)
        case "aliyun":
            guard let id = v.smsKeyId, let secret, let sign = v.smsSignName else { return nil }
            return AliyunSMSProvider(accessKeyId: id, secret: secret, signName: sign, transport: transport, clock: clock) {
                tokens.token(16)
            }
        case "tencent":
            guard let id = v.smsKeyId, let secret, let sign = v.smsSignName, let app = v.smsAppId else { return nil }
            return TencentSMSProvider(secretId: id, secretKey: secret, appId: app, signName: sign, transport: transport, clock: clock)
        default: return nil
        }
    }

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
                mail.password, mail.from, mail.fromName, sms.provider, sms.keyId, sms.secret, sms.signName, sms.appId, sms.replyKey,
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
        v.smsProvider = s[sms.provider] ?? "none"
        v.smsKeyId = s[sms.keyId]
        v.smsSecretSet = s[sms.secret] != nil
        v.smsSignName = s[sms.signName]
        v.smsAppId = s[sms.appId]
        v.smsReplyKey = s[sms.replyKey]
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
        if let p = input.smsProvider, !smsProviders.contains(p) {
            throw DomainError.invalid("smsProvider", code: "wrong_type", args: ["smsProvider"])
        }
        let keyId = try input.smsKeyId.map { try Validate.optional($0, "smsKeyId", max: 128) }
        let signName = try input.smsSignName.map { try Validate.optional($0, "smsSignName", max: 40) }
        let appId = try input.smsAppId.map { try Validate.optional($0, "smsAppId", max: 64) }
        if let p = input.smsSecret, p.count > 200 || p.contains("\n") || p.contains("\r") {
            throw DomainError.invalid("smsSecret", code: "wrong_type", args: ["smsSecret"])
        }
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
            try await keep(sms.provider, "smsProvider", old.smsProvider, input.smsProvider)
            try await keep(sms.keyId, "smsKeyId", old.smsKeyId, keyId)
            try await keep(sms.signName, "smsSignName", old.smsSignName, signName)
            try await keep(sms.appId, "smsAppId", old.smsAppId, appId)
            if let p = input.smsSecret {
                if p.isEmpty {
                    try await Settings.remove([sms.secret], on: tx.store)
                } else {
                    try await Settings.set(sms.secret, p, on: tx.store)
                }
                changes.append(FieldChange("smsSecret", old: old.smsSecretSet ? "***" : nil, new: p.isEmpty ? nil : "***"))
            }
            // A provider set: the address it posts replies to gets its secret (once).
            if (input.smsProvider ?? old.smsProvider) != "none", old.smsReplyKey == nil {
                try await Settings.set(sms.replyKey, tx.tokens.token(18), on: tx.store)
            }
            new = try await read(tx.store)
            if !changes.isEmpty { try await tx.audit("update", "settings", nil, changes) }
            return new
        }
    }
}
