import App
import Foundation
import Kernel
import NIOConcurrencyHelpers
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// A receiver on a real socket: records what it is sent and answers with the status it is told to.
final class WebhookReceiver: @unchecked Sendable {
    struct Received {
        var headers: HTTPHeaders
        var body: String
    }
    let app: Application
    let lock = NIOLock()
    private var _received: [Received] = []
    private var _status: HTTPResponseStatus = .ok
    var port = 0

    var received: [Received] { lock.withLock { _received } }
    var status: HTTPResponseStatus {
        get { lock.withLock { _status } }
        set { lock.withLock { _status = newValue } }
    }
    var url: String { "http://127.0.0.1:\(port)/hook" }

    init(_ app: Application) { self.app = app }

    static func start() async throws -> WebhookReceiver {
        let app = try await Application.make(.testing)
        let r = WebhookReceiver(app)
        app.post("hook") { req -> Response in
            let body = req.body.string ?? ""
            r.lock.withLock { r._received.append(Received(headers: req.headers, body: body)) }
            return Response(status: r.status, body: .init(string: r.status == .ok ? "thanks" : "not now"))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        r.port = app.http.server.shared.localAddress?.port ?? 0
        return r
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite("Webhooks: the outbox, signed deliveries, retries and replays")
struct WebhookTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func eachChangeReachesTheReceiverOnceSignedAndAFailingOneIsRetriedThenTurnedOff() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let receiver = try await WebhookReceiver.start()
            defer { Task { try? await receiver.stop() } }
            let admin = try await t.token()
            let transport = HTTPWebhookTransport(client: t.app.client)

            // Refused: this machine (until the setting allows it), an event that does not exist, no right.
            let local = try await t.api(
                .POST, "/api/v1/webhooks", token: admin, json: #"{"url":"\#(receiver.url)","events":["customer.*"]}"#)
            #expect(local.status == .unprocessableEntity && Self.error(local)["code"] as? String == "private_address")
            #expect(Self.error(local)["field"] as? String == "url")
            try await Settings.set(WebhookAddress.allowPrivateSetting, "true", on: t.store)
            let unknown = try await t.api(
                .POST, "/api/v1/webhooks", token: admin, json: #"{"url":"\#(receiver.url)","events":["customer.exploded"]}"#)
            #expect(Self.error(unknown)["code"] as? String == "unknown_event" && Self.error(unknown)["field"] as? String == "events")
            let rep = try await t.token("rep1", password: TestApp.userPassword)
            #expect(
                try await t.api(.POST, "/api/v1/webhooks", token: rep, json: #"{"url":"\#(receiver.url)","events":["*"]}"#).status
                    == .forbidden)

            // Nothing is written to the outbox while nobody listens.
            _ = try await CustomerService.create(.init(name: "订阅之前的客户"), try await t.context(as: "rep1"))
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM webhook_events", as: Int64.self) == 0)

            let created = try await t.api(
                .POST, "/api/v1/webhooks", token: admin,
                json: #"{"url":"\#(receiver.url)","events":["customer.*","contract.approved"],"description":"ERP"}"#)
            #expect(created.status == .created)
            let secret = try #require(created.json["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            let subscription = try #require(created.json["id"] as? String)

            // A customer created and changed through the API: two events. A change rolled back: none.
            let c = try await t.api(.POST, "/api/v1/customers", token: rep, json: #"{"name":"杭州西湖茶业有限公司","level":"B"}"#)
            let customerId = try #require(c.json["id"] as? String)
            let u = try await t.api(
                .PUT, "/api/v1/customers/\(customerId)", token: rep, json: #"{"name":"杭州西湖茶业有限公司","level":"A","version":1}"#)
            #expect(u.status == .ok)
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await t.system.write { tx in
                    try await tx.audit("create", "customer", 999_999, [])
                    throw Boom()
                }
            }
            // A lead is not subscribed to.
            _ = try await t.api(.POST, "/api/v1/leads", token: admin, json: #"{"company":"展会来的线索"}"#)

            var outcome = try await WebhookDispatcher.run(t.system, transport: transport)
            #expect(outcome.fannedOut == 2 && outcome.delivered == 2 && outcome.failed == 0)
            outcome = try await WebhookDispatcher.run(t.system, transport: transport)
            #expect(outcome == .init(), "nothing twice")
            let got = receiver.received
            #expect(got.count == 2)
            var types: [String] = []
            for r in got {
                let id = try #require(r.headers.first(name: "webhook-id"))
                let ts = try #require(r.headers.first(name: "webhook-timestamp").flatMap { Int64($0) })
                let signature = try #require(r.headers.first(name: "webhook-signature"))
                #expect(WebhookSignature.verify(header: signature, id: id, timestamp: ts, body: Array(r.body.utf8), secret: secret))
                #expect(!WebhookSignature.verify(header: signature, id: id, timestamp: ts + 1, body: Array(r.body.utf8), secret: secret))
                let json = try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any] ?? [:]
                types.append(json["type"] as? String ?? "")
                let data = json["data"] as? [String: Any] ?? [:]
                #expect(data["resource"] as? String == "/api/v1/customers/\(customerId)")
            }
            #expect(types == ["customer.created", "customer.updated"])
            #expect(Set(got.compactMap { $0.headers.first(name: "webhook-id") }).count == 2)
            let updated = try JSONSerialization.jsonObject(with: Data(got[1].body.utf8)) as? [String: Any]
            let changes = (updated?["data"] as? [String: Any])?["changes"] as? [[String: Any]] ?? []
            #expect(changes.contains { $0["field"] as? String == "level" && $0["old"] as? String == "B" && $0["new"] as? String == "A" })

            // The receiver fails: retried after 5 s, and when it recovers it gets the same message id.
            receiver.status = .internalServerError
            _ = try await t.api(
                .PUT, "/api/v1/customers/\(customerId)", token: rep, json: #"{"name":"杭州西湖茶业有限公司","level":"C","version":2}"#)
            outcome = try await WebhookDispatcher.run(t.system, transport: transport)
            #expect(outcome.failed == 1)
            #expect(try await WebhookDispatcher.run(t.system, transport: transport) == .init(), "not before its time")
            receiver.status = .ok
            t.clock.advance(seconds: 6)
            outcome = try await WebhookDispatcher.run(t.system, transport: transport)
            #expect(outcome.delivered == 1)
            let last = receiver.received.suffix(2)
            #expect(last.map { $0.headers.first(name: "webhook-id") }.count == 2)
            #expect(Set(last.map { $0.headers.first(name: "webhook-id") }).count == 1, "a retry is the same message")
            let log = try await t.api(.GET, "/api/v1/webhooks/\(subscription)/deliveries", token: admin)
            let newest = (log.json["items"] as? [[String: Any]])?.first
            #expect(newest?["status"] as? String == "succeeded" && newest?["attempts"] as? Int == 2)

            // Failing for a day: eight attempts, then given up, the subscription off and its creator told.
            receiver.status = .serviceUnavailable
            _ = try await t.api(
                .PUT, "/api/v1/customers/\(customerId)", token: rep, json: #"{"name":"杭州西湖茶业有限公司","level":"A","version":3}"#)
            var attempts = 0
            for wait in [0] + WebhookDispatcher.retryAfterMillis.map({ Double($0) / 1000 + 1 }) {
                t.clock.advance(seconds: wait)
                attempts += try await WebhookDispatcher.run(t.system, transport: transport).failed
            }
            #expect(attempts == 8)
            let off = try await t.api(.GET, "/api/v1/webhooks/\(subscription)", token: admin)
            #expect(off.json["active"] as? Bool == false && off.json["disabledReason"] as? String == "failed_deliveries")
            #expect(
                try await t.store.scalar("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'notify.webhook.disabled'", as: Int64.self)
                    == 1)
            let failed = try #require(
                (try await t.api(.GET, "/api/v1/webhooks/\(subscription)/deliveries", token: admin).json["items"] as? [[String: Any]])?
                    .first)
            #expect(failed["status"] as? String == "failed" && failed["attempts"] as? Int == 8)

            // Replayed once the subscription is back on; while off, refused.
            let failedId = try #require(failed["id"] as? String)
            let refused = try await t.api(.POST, "/api/v1/webhooks/\(subscription)/deliveries/\(failedId)/replay", token: admin)
            #expect(refused.status == .conflict)
            let on = try await t.api(
                .PUT, "/api/v1/webhooks/\(subscription)", token: admin,
                json: #"{"url":"\#(receiver.url)","events":["customer.*"],"active":true,"version":\#(off.json["version"] as? Int ?? 0)}"#)
            #expect(on.status == .ok && on.json["active"] as? Bool == true)
            receiver.status = .ok
            let replay = try await t.api(.POST, "/api/v1/webhooks/\(subscription)/deliveries/\(failedId)/replay", token: admin)
            #expect(replay.status == .created)
            #expect(try await WebhookDispatcher.run(t.system, transport: transport).delivered == 1)
            #expect(
                receiver.received.last?.headers.first(name: "webhook-id")
                    == "evt_\(String((replay.json["eventId"] as? String ?? "").dropFirst(4)))")
        }
    }

    /// The example of the Standard Webhooks specification, signed as it says.
    @Test func theSignatureIsTheSpecificationsOwnExample() {
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let signed = WebhookSignature.sign(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(signed == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func privateAndLoopbackAddressesAreRefusedUnlessAllowed() throws {
        for url in [
            "http://127.0.0.1/x", "http://localhost:8080/x", "http://10.1.2.3/", "http://192.168.1.10/", "http://172.20.0.1/",
            "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/", "http://0.0.0.0/",
            "http://[::ffff:127.0.0.1]/",
        ] {
            #expect(throws: DomainError.self, "\(url)") { try WebhookAddress.check(url, allowPrivate: false) }
            #expect(throws: Never.self) { try WebhookAddress.check(url, allowPrivate: true) }
        }
        for url in ["ftp://example.com/", "https://user:pw@example.com/", "not a url", "https:///nohost"] {
            #expect(throws: DomainError.self, "\(url)") { try WebhookAddress.check(url, allowPrivate: true) }
        }
        #expect(throws: Never.self) { try WebhookAddress.check("https://8.8.8.8/hook", allowPrivate: false) }
        #expect(throws: Never.self) { try WebhookAddress.check("https://erp.example.com/hook", allowPrivate: false) }
    }
}
