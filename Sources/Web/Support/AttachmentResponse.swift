import Foundation
import Persistence
import Vapor

/// A kept file as the browser gets it: downloaded, or (`inline`, for a visitor looking at a
/// shared material) a picture or PDF shown in place; never sniffed, never run as a page.
enum AttachmentResponse {
    static func make(_ a: AttachmentRow, _ data: Data) -> Response {
        make(fileName: a.fileName, contentType: a.contentType, data, inline: false)
    }

    static func make(_ v: MaterialVersionRow, _ data: Data, inline: Bool) -> Response {
        make(fileName: v.fileName ?? "file", contentType: v.contentType ?? "application/octet-stream", data, inline: inline)
    }

    static func make(fileName: String, contentType: String, _ data: Data, inline: Bool) -> Response {
        let showable = inline && (contentType.hasPrefix("image/") || contentType == "application/pdf")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: (showable ? "inline" : "attachment") + "; filename*=UTF-8''"
                + (fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
