/// A campaign (市场活动) as stored.
public struct CampaignRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    /// exhibition, seminar, online_ads, wechat, sms, email, telemarketing, other.
    public var kind: String
    /// Where it runs, in the marketer's words (百度推广, 抖音, 广交会).
    public var channel: String?
    /// planning, active, completed, cancelled (`CampaignFlow`).
    public var status: String
    public var ownerId: Int64?
    public var branchId: Int64
    public var startsOn: String
    public var endsOn: String?
    public var budget: Int64
    public var expectedLeads: Int64
    public var expectedRevenue: Int64
    public var description: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

/// One cost of a campaign: a bill, a booth, an ad spend, or an approved expense claim.
public struct CampaignCostRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var campaignId: Int64
    public var costDate: String
    public var channel: String?
    public var supplierId: Int64?
    public var expenseClaimId: Int64?
    public var amount: Int64
    public var note: String?
    public var createdBy: Int64?
    public var createdAt: Int64
}
