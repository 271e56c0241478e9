/// An error a use case raises for a person or a program to read. Turned into HTTP in one place
/// (Web's error middleware): the kind decides the status, the code and field go into the body,
/// the message key is looked up in the user's language.
public struct DomainError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// 400: the request cannot be read (malformed JSON, a wrong type).
        case badRequest
        /// 401: not signed in.
        case unauthenticated
        /// 403: signed in, not allowed.
        case forbidden
        /// 404: no such record, or not visible to this user.
        case notFound
        /// 409: a stale version, a duplicate, a state that forbids the action.
        case conflict
        /// 413: the body is over the limit.
        case tooLarge
        /// 422: readable but invalid: a missing field, a rule broken.
        case invalid
        /// 429: too many attempts.
        case tooManyRequests
    }

    public var kind: Kind
    /// Stable machine code, e.g. `required`, `stale_version`, `insufficient_stock`.
    public var code: String
    /// The field the error is about, in the API's camelCase.
    public var field: String?
    /// A catalog key for the message; `args` fill its placeholders.
    public var messageKey: String
    public var args: [String]
    /// The existing record the error points to, as `collection/id` (`customers/12` for a
    /// duplicate): the API answers its path, a page links to it.
    public var resource: String?

    public init(_ kind: Kind, code: String, field: String? = nil, messageKey: String? = nil, args: [String] = [], resource: String? = nil) {
        self.kind = kind
        self.code = code
        self.field = field
        self.messageKey = messageKey ?? "error.\(code)"
        self.args = args
        self.resource = resource
    }

    public static func required(_ field: String) -> DomainError {
        DomainError(.invalid, code: "required", field: field, args: [field])
    }
    public static func invalid(_ field: String, code: String = "invalid", args: [String] = []) -> DomainError {
        DomainError(.invalid, code: code, field: field, args: args.isEmpty ? [field] : args)
    }
    public static let notFound = DomainError(.notFound, code: "not_found")
    public static let forbidden = DomainError(.forbidden, code: "forbidden")
    public static let unauthenticated = DomainError(.unauthenticated, code: "unauthenticated")
    public static func staleVersion(expected: Int, actual: Int) -> DomainError {
        DomainError(.conflict, code: "stale_version", field: "version", args: [String(expected), String(actual)])
    }
    public static func duplicate(_ field: String, value: String) -> DomainError {
        DomainError(.conflict, code: "duplicate", field: field, args: [field, value])
    }
}
