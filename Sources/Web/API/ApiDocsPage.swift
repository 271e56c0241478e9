import Foundation
import Vapor
import Views

/// A readable reference of the API, made from the same OpenAPI document programs read.
enum ApiDocsPages {
    static func page(_ req: Request) async throws -> Response {
        let t = req.t
        let doc = OpenAPI.document()
        let paths = (doc["paths"] as? [String: [String: Any]]) ?? [:]
        let html = Layout.page(PageShell.context(req), title: t("api.title")) {
            h("section", ["class": "card"]) {
                h("p") {
                    t("api.intro") + " "; h("a", ["href": "/api/v1/openapi.json"]) { "/api/v1/openapi.json" }
                }
                h("p") { t("api.auth") }
                h("p") { t("api.errors") }
            }
            h("div", ["class": "table-wrap"]) {
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { "Method" }; h("th") { "Path" }; h("th") { "Summary" }; h("th") { "Responses" }
                        }
                    }
                    h("tbody") {
                        for path in paths.keys.sorted() {
                            for (method, op) in (paths[path] ?? [:]).sorted(by: { $0.key < $1.key }) {
                                let o = op as? [String: Any] ?? [:]
                                let codes = ((o["responses"] as? [String: Any]) ?? [:]).keys.sorted().joined(separator: " ")
                                h("tr") {
                                    h("td", ["data-label": "Method"]) { h("code") { method.uppercased() } }
                                    h("td", ["data-label": "Path"]) { h("code") { path } }
                                    h("td", ["data-label": "Summary"]) { (o["summary"] as? String) ?? "" }
                                    h("td", ["data-label": "Responses"]) { codes }
                                }
                            }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func json(_ req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: OpenAPI.json()))
    }
}
