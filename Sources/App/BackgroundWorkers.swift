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

/// Runs the webhook dispatcher every two seconds while the server serves.
struct WebhookWorker: LifecycleHandler {
    final class Holder: @unchecked Sendable { var task: Task<Void, Never>? }
    let holder = Holder()

    func didBootAsync(_ app: Application) async throws {
        let args = app.environment.arguments
        let command = args.count > 1 ? args[1] : "serve"
        guard command == "serve" || command.hasPrefix("-"), app.environment != .testing else { return }
        let transport = HTTPWebhookTransport(client: app.client)
        holder.task = Task.detached {
            while !Task.isCancelled {
                do {
                    let o = try await WebhookDispatcher.run(systemContext(app), transport: transport)
                    if o.disabled > 0 { app.logger.warning("webhooks: \(o.disabled) subscription(s) turned off after failing for a day") }
                    // More waiting: go straight on.
                    if o.delivered + o.failed >= 20 { continue }
                } catch {
                    app.logger.error("webhooks: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }

    func shutdownAsync(_ app: Application) async { holder.task?.cancel() }
}

/// Runs import jobs while the server serves: a few batches at a time, every second while one
/// waits. A job left running by a stopped server is taken up again once its lease runs out.
struct ImportWorker: LifecycleHandler {
    final class Holder: @unchecked Sendable { var task: Task<Void, Never>? }
    let holder = Holder()

    func didBootAsync(_ app: Application) async throws {
        let args = app.environment.arguments
        let command = args.count > 1 ? args[1] : "serve"
        guard command == "serve" || command.hasPrefix("-"), app.environment != .testing else { return }
        holder.task = Task.detached {
            while !Task.isCancelled {
                do {
                    // Straight on while a job has rows left.
                    if let job = try await ImportService.runPending(systemContext(app)), job.status == "running" { continue }
                } catch {
                    app.logger.error("imports: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    func shutdownAsync(_ app: Application) async { holder.task?.cancel() }
}
