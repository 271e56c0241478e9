import Foundation
import Vapor
import Views

/// A readable reference of the API, made from the same OpenAPI document programs read.
enum ApiDocsPages {
    /// Every operation of the OpenAPI document, as the reference page lists them.
    static func operations() -> [ApiDocsView.Operation] {
        let doc = OpenAPI.document()
        let paths = (doc["paths"] as? [String: [String: Any]]) ?? [:]
        let operations = paths.keys.sorted().flatMap { path in
            (paths[path] ?? [:]).sorted(by: { $0.key < $1.key }).map { method, op in
                let o = op as? [String: Any] ?? [:]
                let verbs = (paths[path] ?? [:]).keys
                return ApiDocsView.Operation(
                    method: method.uppercased(), path: path, summary: (o["summary"] as? String) ?? "",
                    responses: ((o["responses"] as? [String: Any]) ?? [:]).keys.sorted().joined(separator: " "),
                    singleton: verbs.contains("put") && !verbs.contains("post"))
            }
        }
        return operations
    }

    static func page(_ req: Request) async throws -> Response {
        let html = ApiDocsView.page(PageShell.context(req), operations())
        return PageShell.page(req, html)
    }

    static func json(_ req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: OpenAPI.json()))
    }
}
