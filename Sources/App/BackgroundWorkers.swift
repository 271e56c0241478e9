import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// Webhooks over the network: a POST with a ten-second timeout that never follows a redirect (a
/// redirect could lead past the address check to this machine or the company network).
public struct HTTPWebhookTransport: WebhookTransport {
    let client: any Client
    public init(client: any Client) { self.client = client }

    public func post(url: String, headers: [(String, String)], body: [UInt8]) async throws -> WebhookResponse {
        var h = HTTPHeaders()
        for (name, value) in headers { h.add(name: name, value: value) }
        var request = ClientRequest(method: .POST, url: URI(string: url), headers: h, body: ByteBuffer(bytes: body))
        request.timeout = .seconds(10)
        let response = try await client.send(request)
        return WebhookResponse(status: Int(response.status.code), body: response.body.map { String(buffer: $0) } ?? "")
    }
}

/// Work the server repeats while it serves (not for commands or tests): `turn` runs, and answers
/// whether more is waiting (then the next turn follows at once), else the worker pauses.
struct RepeatingWorker: LifecycleHandler {
    final class Holder: @unchecked Sendable { var task: Task<Void, Never>? }
    let holder = Holder()
    let name: String
    let pause: Duration
    let turn: @Sendable (Application) async throws -> Bool

    func didBootAsync(_ app: Application) async throws {
        let args = app.environment.arguments
        let command = args.count > 1 ? args[1] : "serve"
        guard command == "serve" || command.hasPrefix("-"), app.environment != .testing else { return }
        let (name, pause, turn) = (self.name, self.pause, self.turn)
        holder.task = Task.detached {
            while !Task.isCancelled {
                do {
                    if try await turn(app) { continue }
                } catch {
                    app.logger.error("\(name): \(String(reflecting: error))")
                }
                try? await Task.sleep(for: pause)
            }
        }
    }

    func shutdownAsync(_ app: Application) async { holder.task?.cancel() }

    /// Webhooks every two seconds: new events handed to subscriptions, what is due sent.
    static let webhooks = RepeatingWorker(name: "webhooks", pause: .seconds(2)) { app in
        let o = try await WebhookDispatcher.run(systemContext(app), transport: HTTPWebhookTransport(client: app.client))
        if o.disabled > 0 { app.logger.warning("webhooks: \(o.disabled) subscription(s) turned off after failing for a day") }
        return o.delivered + o.failed >= 20
    }

    /// Import jobs: a few batches a turn, straight on while a job has rows left. A job left
    /// running by a stopped server is taken up again once its lease runs out.
    static let imports = RepeatingWorker(name: "imports", pause: .seconds(1)) { app in
        try await ImportService.runPending(systemContext(app))?.status == "running"
    }

    /// Sends (群发): a batch of 20 messages a turn, a turn a second at most — the account's rate;
    /// straight on while a batch went out. Without a mail server set, sends wait.
    static let sends = RepeatingWorker(name: "sends", pause: .seconds(1)) { app in
        // Texts go out through the same POST as webhooks (a timeout, no redirects).
        let ctx = systemContext(app)
        let smtp = try await SystemSettings.smtp(ctx.store)
        let logger = app.logger
        let sms = try await SystemSettings.smsProvider(
            ctx.store, transport: HTTPWebhookTransport(client: app.client), clock: ctx.clock, tokens: ctx.tokens,
            log: { logger.notice("\($0)") })
        let turn = try await MessageService.runPending(ctx, transport: smtp.map(SMTPTransport.init), sms: sms)
        if turn.sent + turn.failed + turn.retrying > 0 { try await Task.sleep(for: .seconds(1)) }
        return turn.sent + turn.failed + turn.retrying + turn.finished > 0
    }

    /// Duplicate scans: one at a time, to the end (a scan of a million customers takes minutes).
    static let duplicates = RepeatingWorker(name: "duplicates", pause: .seconds(3)) { app in
        try await DuplicateService.runPending(systemContext(app)) != nil
    }
}
