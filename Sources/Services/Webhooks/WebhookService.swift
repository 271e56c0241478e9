import Foundation
import Kernel
import Paths
import Persistence

/// Webhooks: other programs subscribe to changes (a customer created, a stock document posted, a
/// contract approved) and are told of each by an HTTP POST signed with their own secret.
public enum WebhookService {
    public struct Input: Sendable, Equatable {
        public var url: String?
        public var description: String?
        /// Event types or patterns: `customer.created`, `contract.*`, `*`.
        public var events: [String]?
        public var active: Bool?
        public init(url: String? = nil, description: String? = nil, events: [String]? = nil, active: Bool? = nil) {
            self.url = url
            self.description = description
            self.events = events
            self.active = active
        }
    }

    /// The record kinds that send events, and the patterns a subscription may name.
    public static var entities: [String] { WebhookOutbox.collections.keys.sorted() }

    public static func list(_ ctx: ServiceContext) async throws -> [WebhookSubscriptionRow] {
        try ctx.require(.webhooks, .view)
        return try await WebhookQueries.subscriptions(on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> WebhookSubscriptionRow {
        try ctx.require(.webhooks, .view)
        guard let s = try await WebhookQueries.subscription(id, on: ctx.store) else { throw DomainError.notFound }
        return s
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> WebhookSubscriptionRow {
        try ctx.require(.webhooks, .create)
        let (url, events) = try await validate(input, ctx)
        let secret = WebhookSignature.newSecret(ctx.tokens.bytes(32))
        let description = try Validate.optional(input.description, "description")
        return try await ctx.write { tx in
            let id = try await WebhookQueries.insertSubscription(
                url: url, description: description, events: events, secret: secret, createdBy: ctx.actor.userId, at: tx.nowMillis,
                on: tx.store)
            try await tx.audit(
                "create", "webhook", id,
                [FieldChange("url", old: nil, new: url), FieldChange("events", old: nil, new: events)])
            return try await WebhookQueries.subscription(id, on: tx.store)!
        }
    }

    /// Changes the address, the events or whether it is on; turning it back on clears why it was turned off.
    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> WebhookSubscriptionRow {
        try ctx.require(.webhooks, .edit)
        let old = try await find(id, ctx)
        guard let version else { throw DomainError(.invalid, code: "required", field: "version", args: ["version"]) }
        let merged = Input(
            url: input.url ?? old.url, description: input.description ?? old.description, events: input.events ?? old.patterns,
            active: input.active ?? old.active)
        let (url, events) = try await validate(merged, ctx)
        let description = try Validate.optional(merged.description, "description")
        let active = merged.active ?? old.active
        return try await ctx.write { tx in
            guard
                try await WebhookQueries.updateSubscription(
                    id, url: url, description: description, events: events, active: active, version: version, at: tx.nowMillis,
                    on: tx.store)
            else { throw DomainError(.conflict, code: "stale_version", field: "version") }
            try await tx.audit(
                "update", "webhook", id,
                [
                    FieldChange("url", old: old.url, new: url), FieldChange("events", old: old.events, new: events),
                    FieldChange("active", old: String(old.active), new: String(active)),
                ])
            return try await WebhookQueries.subscription(id, on: tx.store)!
        }
    }

    /// Removes a subscription and its delivery log.
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        try ctx.require(.webhooks, .delete)
        let old = try await find(id, ctx)
        try await ctx.write { tx in
            try await WebhookQueries.deleteSubscription(id, on: tx.store)
            try await tx.audit("delete", "webhook", id, [FieldChange("url", old: old.url, new: nil)])
        }
    }

    public static func deliveries(_ id: Int64, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<WebhookDeliveryRow>
    {
        _ = try await find(id, ctx)
        return try await WebhookQueries.deliveries(subscription: id, limit: limit, cursor: cursor, on: ctx.store)
    }

    /// The event of one delivery, sent again now as a new delivery (with the same webhook-id, so a
    /// receiver that has it already can tell).
    public static func replay(_ id: Int64, delivery deliveryId: Int64, _ ctx: ServiceContext) async throws -> WebhookDeliveryRow {
        try ctx.require(.webhooks, .edit)
        let s = try await find(id, ctx)
        guard let d = try await WebhookQueries.delivery(deliveryId, on: ctx.store), d.subscriptionId == s.id else {
            throw DomainError.notFound
        }
        guard s.active else { throw DomainError(.conflict, code: "webhook_disabled", field: "active") }
        return try await ctx.write { tx in
            let newId = try await WebhookQueries.replay(d, at: tx.nowMillis, on: tx.store)
            try await tx.audit("replay", "webhook", id, [FieldChange("delivery", old: String(d.id), new: String(newId))])
            return try await WebhookQueries.delivery(newId, on: tx.store)!
        }
    }

    public static func allowsPrivate(_ store: Store) async throws -> Bool {
        try await Settings.get(WebhookAddress.allowPrivateSetting, on: store) == "true"
    }

    static func validate(_ input: Input, _ ctx: ServiceContext) async throws -> (url: String, events: String) {
        let url = try Validate.required(input.url, "url", max: 2000)
        try WebhookAddress.check(url, allowPrivate: try await allowsPrivate(ctx.store))
        let patterns = (input.events ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !patterns.isEmpty else { throw DomainError(.invalid, code: "required", field: "events", args: ["events"]) }
        let verbs = Set(WebhookOutbox.verbs.values)
        for p in patterns {
            let parts = p.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let ok =
                p == "*"
                || (parts.count == 2 && WebhookOutbox.collections[parts[0]] != nil && (parts[1] == "*" || verbs.contains(parts[1])))
            guard ok else { throw DomainError(.invalid, code: "unknown_event", field: "events", args: [p]) }
        }
        return (url, Array(Set(patterns)).sorted().joined(separator: " "))
    }
}
