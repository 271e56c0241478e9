import Foundation
import Persistence
import Vapor

/// An attachment (of a contract or an expense claim) sent as a download, never shown inline.
enum AttachmentResponse {
    static func make(_ a: AttachmentRow, _ data: Data) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: a.contentType)
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename*=UTF-8''" + (a.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
