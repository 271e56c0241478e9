import Paths
import Vapor

extension PagePath {
    /// The path as Vapor's router reads it: `:name` segments are parameters.
    var components: [PathComponent] {
        segments.map { $0.hasPrefix(":") ? .parameter(String($0.dropFirst())) : .constant($0) }
    }
}

extension RoutesBuilder {
    /// Registers a page of a module's table (`Paths.<Module>`), never a hand-typed path.
    @discardableResult
    func get<R: AsyncResponseEncodable>(_ path: PagePath, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        on(.GET, path.components, use: handler)
    }

    @discardableResult
    func post<R: AsyncResponseEncodable>(_ path: PagePath, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        on(.POST, path.components, use: handler)
    }

    @discardableResult
    func on<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PagePath, body: HTTPBodyStreamStrategy, use handler: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        let route = on(method, path.components, body: body, use: handler)
        // Kept where the CSRF check, which reads the body before the route does, can find it.
        if case .collect(let max?) = body { route.userInfo[CSRFMiddleware.bodyLimit] = max.value }
        return route
    }
}

/// Pages that moved when each module took one name in its URL (`/deals/contracts/7` became
/// `/contracts/7`): a GET of an old address answers 301 to the new one, keeping the rest of the
/// path and the query, so bookmarks and links in stored notifications keep working.
enum MovedPages {
    static func register(_ pages: any RoutesBuilder) {
        for (from, to) in Paths.moved {
            let old = PagePath(from).components
            pages.get(old) { req in moved(req, from: from, to: to) }
            pages.get(old + [.catchall]) { req in moved(req, from: from, to: to) }
        }
    }

    static func moved(_ req: Request, from: String, to: String) -> Response {
        let rest = req.url.path.dropFirst(from.count)
        let query = req.url.query.map { "?" + $0 } ?? ""
        return req.redirect(to: to + rest + query, redirectType: .permanent)
    }
}
