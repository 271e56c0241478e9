import Foundation
import Vapor

/// `concord-bench hello --port N`: a plain Vapor server with one route, `GET /hello`, and no
/// middleware of ours: the floor the API's own cost per request is measured against
/// (Benchmarks/run-api). Serves until it is killed.
struct BenchHelloCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", help: "the port to listen on (default 8099)") var port: Int?
    }

    var help: String { "Serves a bare Vapor 'hello' route, the floor for the API benchmarks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let bare = try await Application.make(.production)
        bare.middleware = Middlewares()
        bare.http.server.configuration.hostname = "127.0.0.1"
        bare.http.server.configuration.port = signature.port ?? 8099
        bare.get("hello") { _ in "hello" }
        try await bare.server.start(address: nil)
        context.console.print("hello floor on port \(bare.http.server.configuration.port)")
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
