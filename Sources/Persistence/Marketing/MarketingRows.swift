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

/// An event of a campaign (展会、发布会、沙龙): where, when, how many seats.
public struct EventRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var campaignId: Int64
    public var name: String
    public var venue: String?
    public var startsAt: Int64
    public var endsAt: Int64?
    /// Seats; 0 for no limit.
    public var capacity: Int64
    public var agenda: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

/// One person invited to an event (or come as a walk-in): a contact of a customer or a lead,
/// with the name and numbers they were invited by, their answer and their check-in.
public struct InvitationRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var eventId: Int64
    public var contactId: Int64?
    public var leadId: Int64?
    /// The customer the contact belongs to, for what the event brought.
    public var partnerId: Int64?
    public var name: String
    public var company: String?
    public var phone: String?
    public var email: String?
    /// invited, accepted, declined, checked_in (`InvitationFlow`).
    public var status: String
    public var walkIn: Bool
    /// The secret of the invitee's RSVP link.
    public var rsvpToken: String
    /// The code the ticket's QR carries, typed at the door when no camera reads it.
    public var ticket: String
    public var invitedBy: Int64?
    public var respondedAt: Int64?
    public var checkedInAt: Int64?
    public var checkedInBy: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

/// A message template: e-mail (subject and body) or SMS (body), marketing or transactional,
/// with `{{merge fields}}` (Mustache).
public struct MessageTemplateRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// email or sms.
    public var channel: String
    /// marketing (carries the opt-out, respects it) or transactional.
    public var purpose: String
    public var subject: String?
    public var body: String
    /// An SMS template's id at the provider (its approved template: 模板 CODE / 模板 ID).
    public var providerTemplate: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

/// A send (群发): the template's words frozen when it was queued, its state and where links point.
public struct MessageSendRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var templateId: Int64
    public var campaignId: Int64?
    public var eventId: Int64?
    public var channel: String
    public var purpose: String
    /// sending, paused, done, cancelled (`SendFlow`).
    public var status: String
    public var subject: String?
    public var body: String
    public var providerTemplate: String?
    /// The server's address as the sender saw it, for the links in the messages.
    public var baseUrl: String
    public var branchId: Int64
    public var createdBy: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    public var finishedAt: Int64?
    /// The segment its recipients were found by, when one was named.
    public var segmentId: Int64?
    /// The trigger that queued it (a birthday, an event's reminder, a quote's follow-up).
    public var triggerId: Int64?
    /// Whether opens and clicks are recorded (e-mail only; off unless asked for).
    public var tracking: Bool
}

/// One recipient of a send and their trace: queued, sending, sent, failed (why), skipped (opted
/// out), unknown (the server stopped while it was being sent: never sent again).
public struct MessageRecipientRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var sendId: Int64
    public var address: String
    public var name: String
    public var company: String?
    public var contactId: Int64?
    public var leadId: Int64?
    public var invitationId: Int64?
    /// The secret of the recipient's unsubscribe link.
    public var token: String
    public var status: String
    public var attempts: Int64
    public var nextAttemptAt: Int64
    public var claimedAt: Int64?
    public var error: String?
    public var sentAt: Int64?
    public var unsubscribedAt: Int64?
    /// First opened (the picture loaded) and first clicked, on a tracked send.
    public var openedAt: Int64?
    public var clickedAt: Int64?
    public var clicks: Int64
}

public struct OptOutRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var channel: String
    public var address: String
    public var purpose: String
    /// link (the unsubscribe link), one_click (RFC 8058), reply (an SMS reply), staff, api.
    public var source: String
    public var createdAt: Int64
}
