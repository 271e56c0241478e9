import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence

/// The public web-to-lead form (网站留资): a page without sign-in at an address with a secret in
/// it (turned on, and given a new secret when spam finds it, in the system settings), where a
/// visitor leaves company, name, phone or e-mail, a message and the lead fields chosen for the form. Each submission becomes a lead
/// (channel `web_form` in the data map), assigned by the round-robin rules or left in the lead
/// pool. Five submissions per address per ten minutes; a hidden field that people leave empty and
/// robots fill makes a submission vanish quietly.
public enum WebFormService {
    public struct Input: Sendable, Equatable {
        public var company: String?
        public var name: String?
        public var phone: String?
        public var email: String?
        public var message: String?
        /// The field people never see: filled, the submission is a robot's.
        public var website: String?
        /// The code of the campaign whose link the visitor followed (`?c=` on the form's address).
        public var campaign: String?
        /// The lead's custom fields the form shows (those flagged for it), by key; any other key is dropped.
        public var custom: [String: String]
        public init(
            company: String? = nil, name: String? = nil, phone: String? = nil, email: String? = nil, message: String? = nil,
            website: String? = nil, campaign: String? = nil, custom: [String: String] = [:]
        ) {
            self.custom = custom
            self.campaign = campaign
            self.company = company
            self.name = name
            self.phone = phone
            self.email = email
            self.message = message
            self.website = website
        }
    }

    static let perWindow: Int64 = 5
    static let windowMillis: Int64 = 10 * 60 * 1000

    /// The form's address for a campaign's ads and posters (`?c=` names the campaign), to those
    /// who run campaigns; nil while the form is off.
    public static func link(forCampaign code: String, _ ctx: ServiceContext) async throws -> String? {
        guard ctx.principal?.can(.marketing, .edit) ?? true, let key = try await Settings.get(Settings.Key.webFormKey, on: ctx.store)
        else { return nil }
        return Paths.CRM.webForm(key) + "?c=" + (code.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? code)
    }

    /// Whether `key` is the form's current address (constant time, so it cannot be guessed by timing).
    public static func opens(_ key: String, _ store: Store) async throws -> Bool {
        guard let current = try await Settings.get(Settings.Key.webFormKey, on: store) else { return false }
        let a = Array(current.utf8), b = Array(key.utf8)
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    /// Takes a submission as the system (the visitor has no rights of their own); nil when it was
    /// a robot's and was dropped. 404 for an address that is not the form's, 429 past the limit.
    public static func submit(key: String, _ input: Input, ip: String?, _ system: ServiceContext) async throws -> LeadRow? {
        guard try await opens(key, system.store) else { throw DomainError.notFound }
        let now = system.nowMillis
        let count = try await system.write { tx in
            try await AccessWrites.countFailure("webform:" + (ip ?? "-"), at: now, forgetBefore: now - windowMillis, on: tx.store)
        }
        guard (count?.failures ?? 0) <= perWindow else { throw DomainError(.tooManyRequests, code: "web_form_busy") }
        if let w = input.website, !w.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        let phone = input.phone?.trimmingCharacters(in: .whitespaces), email = input.email?.trimmingCharacters(in: .whitespaces)
        guard !(phone ?? "").isEmpty || !(email ?? "").isEmpty else { throw DomainError.required("phone") }
        let source = try await CRMSettings.values(.sources, system.store).first { $0.contains("网") || $0.lowercased().contains("web") }
        let ctx = system.through("web_form", via: ip.map { "ip:" + $0 })
        // A campaign's link that names no open campaign (mistyped, cancelled) only loses the attribution: the visitor is never refused for it.
        let campaign = try await input.campaign.asyncMap { code in
            try await MarketingQueries.campaign(code: code, on: system.store).flatMap {
                CampaignFlow.open.contains(stored: $0.status) ? $0.id : nil
            }
        }
        // Only the fields shown on the form: a visitor never sets an internal one, however they post.
        let shown = Set(try await CustomFieldService.webFormFields(system.store).map(\.fieldKey))
        var lead = LeadService.Input(
            company: input.company, contactName: try Validate.required(input.name, "name", max: 60), phone: phone, email: email,
            source: source, note: try Validate.optional(input.message, "message", max: 2000), ignoreDuplicates: true,
            campaignId: campaign)
        if !shown.isEmpty {
            lead.customFields = input.custom.filter { shown.contains($0.key) }
            lead.customAsked = shown
        }
        return try await LeadService.create(lead, ctx)
    }
}
