/// An attachment of a contract or an expense claim (migrations 007, 009, 013).

/// A file attached to a contract or an expense claim (`ownerId` is the one it belongs to).
public struct AttachmentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var ownerId: Int64
    public var fileName: String
    public var contentType: String
    public var size: Int64
    public var storedName: String
    public var uploadedBy: Int64?
    public var createdAt: Int64
}
