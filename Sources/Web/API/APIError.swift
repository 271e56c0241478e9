import Foundation
import Kernel
import Persistence
import Vapor

/// The API's conventions in one place (DESIGN.md section 8): the error body, body decoding that
/// names the field, cursor paging parameters, string ids and ISO-8601 times.
enum APIError {
    struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var field: String?
            /// The existing record the error is about (a duplicate's original), as an API path.
            var existing: String?
        }
        var error: Inner
    }

    static func response(
        status: HTTPResponseStatus, code: String, message: String, field: String?, resource: String? = nil
    ) throws -> Response {
        try Body(error: .init(code: code, message: message, field: field, existing: resource.map { "/api/v1/" + $0 }))
            .jsonResponse(status: status)
    }

    static func decoding(_ error: DecodingError) -> DomainError {
        func field(_ path: [any CodingKey]) -> String? {
            let names = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? nil : names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c):
            let f = field(c.codingPath)
            return DomainError(.badRequest, code: "wrong_type", field: f, args: [f ?? "body"])
        case let .keyNotFound(key, c):
            let f = field(c.codingPath + [key])
            return DomainError(.invalid, code: "required", field: f, args: [f ?? "body"])
        case let .dataCorrupted(c):
            if let f = field(c.codingPath) { return DomainError(.badRequest, code: "wrong_type", field: f, args: [f]) }
            return DomainError(.badRequest, code: "bad_json", args: [c.debugDescription])
        @unknown default:
            return DomainError(.badRequest, code: "bad_json", args: [""])
        }
    }
}

extension Request {
    /// A NUL byte, or its JSON escape (`\u0000`, any case): text with one is refused, as the
    /// databases would cut it or refuse it. One pass over the bytes.
    static func hasNUL(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                if b == 0 { return true }
                if b == UInt8(ascii: "\\"), i + 5 < n, bytes[i + 1] | 0x20 == UInt8(ascii: "u"), bytes[i + 2] == UInt8(ascii: "0"),
                    bytes[i + 3] == UInt8(ascii: "0"), bytes[i + 4] == UInt8(ascii: "0"), bytes[i + 5] == UInt8(ascii: "0")
                {
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// Decodes a JSON body; a malformed body or a wrong type is a 400 that names the field.
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard let buffer = body.data else { throw DomainError(.badRequest, code: "bad_json", args: ["empty body"]) }
        if let ct = headers.contentType, ct != .json, !(ct.type == "application" && ct.subType.hasSuffix("+json")) {
            throw DomainError(.badRequest, code: "bad_json", args: ["Content-Type must be application/json"])
        }
        let data = Data(buffer: buffer)
        if Self.hasNUL(buffer) {
            throw DomainError(.badRequest, code: "bad_json", args: ["NUL characters are not accepted"])
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let e as DecodingError {
            if case .dataCorrupted(let c) = e, c.codingPath.isEmpty {
                throw DomainError(
                    .badRequest, code: "bad_json", args: [c.underlyingError.map { "\($0.localizedDescription)" } ?? c.debugDescription])
            }
            throw APIError.decoding(e)
        }
    }

    /// ?limit= (1...200, default 50) and ?cursor=.
    func paging() throws -> (limit: Int, cursor: Cursor?) {
        var limit = 50
        if let text = query[String.self, at: "limit"] {
            guard let l = Int(text), (1...200).contains(l) else { throw DomainError(.badRequest, code: "invalid_limit", field: "limit") }
            limit = l
        }
        var cursor: Cursor?
        if let c = query[String.self, at: "cursor"], !c.isEmpty {
            guard let parsed = Cursor(encoded: c) else { throw DomainError(.badRequest, code: "invalid_cursor", field: "cursor") }
            cursor = parsed
        }
        return (limit, cursor)
    }

    /// A path id: digits only, else 404 (an id that cannot exist is simply not found).
    func id(_ name: String = "id") throws -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0 else { throw DomainError.notFound }
        return id
    }
}

/// Ids travel as strings.
enum APIID {
    static func string(_ id: Int64?) -> String? { id.map(String.init) }

    static func parse(_ text: String?, field: String) throws -> Int64? {
        guard let text, !text.isEmpty else { return nil }
        guard let v = Int64(text), v > 0 else { throw DomainError(.invalid, code: "not_found", field: field) }
        return v
    }

    /// A query parameter that names an id: junk there is a malformed request (400).
    static func query(_ req: Request, _ name: String) throws -> Int64? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        guard let v = Int64(text), v > 0 else { throw DomainError(.badRequest, code: "wrong_type", field: name, args: [name]) }
        return v
    }

    static func parseList(_ texts: [String]?, field: String) throws -> [Int64]? {
        try texts.map { try $0.map { try parse($0, field: field) ?? 0 } }
    }
}

/// `{"items": [...], "nextCursor": ...}`
struct ListBody<T: Encodable>: Encodable {
    var items: [T]
    var nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
    enum CodingKeys: String, CodingKey { case items, nextCursor }
}

extension Encodable {
    func jsonResponse(status: HTTPResponseStatus = .ok) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        // Keys sorted, as JSONEncoder's `.sortedKeys` wrote them, straight into the answer's bytes.
        return Response(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: try CompactJSON.encode(self))))
    }
}
