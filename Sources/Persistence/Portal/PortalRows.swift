/// Rows of what distributors report through the portal (migration 011).

public struct ChannelReportRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var partnerId: Int64
    public var week: String
    public var productId: Int64
    public var onHand: Int64
    public var sold: Int64
    public var reportedBy: Int64?
    public var createdAt: Int64
}
