import Foundation
import Kernel
import Paths
import Persistence

/// The POST a webhook goes out by (`HTTPTransport`, shared with the SMS providers).
public typealias WebhookTransport = HTTPTransport
public typealias WebhookResponse = HTTPAnswer

/// Hands new events to the subscriptions that want them and sends what is due: each delivery
/// signed, retried with growing waits for about a day when the receiver fails, then given up, and
/// the subscription turned off with a notice to the person who set it up. Run by the server every
/// few seconds; deliveries are taken with a lease, so several servers share the work.
public enum WebhookDispatcher {
    /// The waits after each failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (a day and
    /// a bit in all); after the eighth failure the delivery is given up.
    public static let retryAfterMillis: [Int64] = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000].map { $0 * 1000 }
    /// How long a taken delivery is this server's (a crash mid-send frees it after this).
    static let leaseMillis: Int64 = 60_000

    public struct Outcome: Sendable, Equatable {
        public var fannedOut = 0
        public var delivered = 0
        public var failed = 0
        public var disabled = 0
        public init() {}
    }

    public static func run(_ ctx: ServiceContext, transport: any WebhookTransport, batch: Int = 20) async throws -> Outcome {
        var outcome = Outcome()
        // 1. Events to deliveries.
        let events = try await WebhookQueries.unfannedEvents(limit: 500, on: ctx.store)
        if !events.isEmpty {
            let subscriptions = try await WebhookQueries.subscriptions(on: ctx.store)
            outcome.fannedOut = try await ctx.write { tx in
                try await WebhookQueries.fanOut(events, to: subscriptions, at: tx.nowMillis, on: tx.store)
            }
        }
        // 2. What is due, sent side by side.
        let now = ctx.nowMillis
        let due = try await ctx.write { tx in
            try await WebhookQueries.claimDue(now: now, leaseUntil: now + leaseMillis, limit: batch, on: tx.store)
        }
        guard !due.isEmpty else { return outcome }
        let allowPrivate = try await WebhookService.allowsPrivate(ctx.store)
        // Subscriptions side by side; one subscription's deliveries one after another, oldest
        // first, so a receiver that never fails gets its events in the order they happened.
        let bySubscription = Dictionary(grouping: due, by: \.subscriptionId).values.map { $0.sorted { $0.id < $1.id } }
        let results = await withTaskGroup(of: [(WebhookDue, Attempt)].self) { group in
            for queue in bySubscription {
                group.addTask {
                    var done: [(WebhookDue, Attempt)] = []
                    for d in queue { done.append((d, await send(d, allowPrivate: allowPrivate, transport: transport, ctx))) }
                    return done
                }
            }
            var all: [(WebhookDue, Attempt)] = []
            for await r in group { all += r }
            return all
        }
        // 3. What each got back.
        for (d, a) in results {
            let at = ctx.nowMillis
            let index = Int(d.attempts)
            let next: Int64? = a.succeeded ? nil : (index < retryAfterMillis.count ? at + retryAfterMillis[index] : nil)
            let gaveUp = !a.succeeded && next == nil
            try await ctx.write { tx in
                try await WebhookQueries.recordAttempt(
                    d.id, succeeded: a.succeeded, next: next, code: a.code, body: a.body, error: a.error, durationMs: a.durationMs, at: at,
                    on: tx.store)
                if gaveUp, let s = try await WebhookQueries.subscription(d.subscriptionId, on: tx.store), s.active {
                    try await WebhookQueries.disable(s.id, reason: "failed_deliveries", at: at, on: tx.store)
                    try await tx.audit("disable", "webhook", s.id, [FieldChange("active", old: "true", new: "false")])
                    if let owner = s.createdBy {
                        try await NotificationService.send(
                            [
                                .init(
                                    userId: owner, kind: "notify.webhook.disabled", args: [s.url], link: Paths.Webhooks.subscription(s.id),
                                    dedupeKey: "webhook-disabled-\(s.id)-\(at)")
                            ], tx.store, at: at)
                    }
                }
            }
            if a.succeeded { outcome.delivered += 1 } else { outcome.failed += 1 }
            if gaveUp { outcome.disabled += 1 }
        }
        return outcome
    }

    struct Attempt: Sendable {
        var succeeded: Bool
        var code: Int64?
        var body: String?
        var error: String?
        var durationMs: Int64
    }

    /// The headers of the Standard Webhooks style: the message id (the same for every attempt and
    /// replay of one event), the time in seconds, the signature.
    public static func headers(eventId: Int64, payload: [UInt8], secret: String, at seconds: Int64) -> [(String, String)] {
        let id = "evt_\(eventId)"
        return [
            ("content-type", "application/json"), ("user-agent", "Concord-Webhooks/1"), ("webhook-id", id),
            ("webhook-timestamp", String(seconds)),
            ("webhook-signature", WebhookSignature.sign(id: id, timestamp: seconds, body: payload, secret: secret) ?? ""),
        ]
    }

    static func send(_ d: WebhookDue, allowPrivate: Bool, transport: any WebhookTransport, _ ctx: ServiceContext) async -> Attempt {
        let started = ContinuousClock.now
        func elapsed() -> Int64 {
            let c = (ContinuousClock.now - started).components
            return c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000
        }
        do {
            // The address is checked again: a name may point elsewhere since it was saved.
            try await WebhookAddress.resolvedCheck(d.url, allowPrivate: allowPrivate)
        } catch let e as DomainError {
            return Attempt(succeeded: false, code: nil, body: nil, error: e.code, durationMs: 0)
        } catch {
            return Attempt(succeeded: false, code: nil, body: nil, error: "invalid_url", durationMs: 0)
        }
        let body = Array(d.payload.utf8)
        let seconds = ctx.nowMillis / 1000
        do {
            let r = try await transport.post(
                url: d.url, headers: headers(eventId: d.eventId, payload: body, secret: d.secret, at: seconds), body: body)
            return Attempt(
                succeeded: (200..<300).contains(r.status), code: Int64(r.status), body: String(r.body.prefix(1000)),
                error: (200..<300).contains(r.status) ? nil : "http_\(r.status)", durationMs: elapsed())
        } catch {
            return Attempt(
                succeeded: false, code: nil, body: nil, error: String(String(describing: error).prefix(300)), durationMs: elapsed())
        }
    }
}
