import Foundation

/// Sends one HTTP POST. The real one (in App) goes over the network with a timeout and no
/// redirects; a test may use the same one against a receiver it started, or record what it was
/// asked to send. Webhooks and the SMS providers go through it.
public protocol HTTPTransport: Sendable {
    func post(url: String, headers: [(String, String)], body: [UInt8]) async throws -> HTTPAnswer
}

public struct HTTPAnswer: Sendable {
    public var status: Int
    public var body: String
    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}
