import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor

/// What a tracked message's picture and links reach: no session, no page — a transparent pixel,
/// or a redirect to the address the send kept under the link's number.
enum TrackingPages {
    /// A 1×1 transparent GIF.
    static let pixel = Data(base64Encoded: "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7") ?? Data()

    static func open(_ req: Request) async throws -> Response {
        try await MessageService.opened(token: req.parameters.get("token") ?? "", req.visitor("tracking"))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "image/gif")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: pixel))
    }

    static func click(_ req: Request) async throws -> Response {
        guard let n = req.parameters.get("n").flatMap(Int64.init),
            let url = try await MessageService.clicked(token: req.parameters.get("token") ?? "", link: n, req.visitor("tracking"))
        else { throw DomainError.notFound }
        return req.redirect(to: url, redirectType: .normal)
    }
}
