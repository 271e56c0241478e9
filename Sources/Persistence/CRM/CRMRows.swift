/// Rows of the CRM tables (migration 005), decoded from `SELECT *`.

public struct ContactRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var partnerId: Int64
    public var name: String
    public var title: String?
    public var mobile: String?
    public var phone: String?
    public var email: String?
    public var wechat: String?
    /// 'YYYY-MM-DD', or '0000-MM-DD' when the year is not known.
    public var birthday: String?
    /// 'MM-DD', for the upcoming-birthdays query.
    public var birthdayMd: String?
    public var isPrimary: Bool
    public var note: String?
    public var searchText: String
    public var phoneDigits: String?
    public var customValues: String
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct CustomFieldRow: Codable, Sendable, Equatable {
    public var id: Int64
    /// "customer" or "contact".
    public var entity: String
    public var fieldKey: String
    public var label: String
    /// "text", "number", "date" or "choice".
    public var kind: String
    /// Choices, one per line.
    public var options: String
    public var required: Bool
    public var sortOrder: Int64
    public var active: Bool
    /// A lead's field asked on the public web form too (migration 035).
    public var onWebForm: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64

    public var choices: [String] { options.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

public struct CustomerRelationRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var parentId: Int64
    public var childId: Int64
    /// "subsidiary", "branch" or "affiliate".
    public var kind: String
    public var note: String?
    public var createdAt: Int64
}

public struct ActivityRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var partnerId: Int64?
    public var contactId: Int64?
    public var leadId: Int64?
    public var opportunityId: Int64?
    /// "call", "visit", "email", "meeting" or "note".
    public var kind: String
    public var content: String
    public var occurredAt: Int64
    public var nextFollowUp: String?
    /// Micro-degrees, from the phone's browser when a visit checks in.
    public var latitude: Int64?
    public var longitude: Int64?
    public var accuracyM: Int64?
    public var ownerId: Int64?
    public var branchId: Int64
    public var departmentId: Int64?
    public var createdAt: Int64
}

public struct PoolRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// nil: the whole company's pool; else the pool of that branch's customers.
    public var branchId: Int64?
    public var claimsPerDay: Int64?
    public var reclaimAfterDays: Int64?
    public var maxHeld: Int64?
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct PoolRuleRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var poolId: Int64
    /// The customer level the rule is for; nil for every level without a rule of its own.
    public var level: String?
    public var noFollowUpDays: Int64?
    public var noDealDays: Int64?
    public var warnDays: Int64
}

public struct PoolMoveRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var partnerId: Int64
    public var poolId: Int64?
    public var action: String
    public var fromOwnerId: Int64?
    public var toOwnerId: Int64?
    public var reason: String?
    public var at: Int64
    public var byUserId: Int64?
}

public struct NotificationRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var userId: Int64
    /// The catalog key of the message ("notify.pool.recycled"): each reader sees it in their language.
    public var kind: String
    /// JSON array of the message's arguments.
    public var args: String
    public var link: String?
    public var dedupeKey: String?
    public var createdAt: Int64
    public var readAt: Int64?
}

public struct LeadRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var company: String
    public var nameKey: String
    public var searchText: String
    public var contactName: String?
    public var title: String?
    public var phone: String?
    public var phoneDigits: String?
    public var email: String?
    public var uscc: String?
    public var source: String?
    public var province: String?
    public var city: String?
    public var note: String?
    /// new, assigned, working, converted, disqualified.
    public var status: String
    public var ownerId: Int64?
    public var branchId: Int64
    public var departmentId: Int64?
    public var convertedPartnerId: Int64?
    public var convertedContactId: Int64?
    public var convertedOpportunityId: Int64?
    public var convertedAt: Int64?
    public var lastActivityAt: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The campaign that brought it (市场活动).
    public var campaignId: Int64?
    /// Its custom field values, as JSON.
    public var customValues: String
}

public struct LeadRuleRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// Only leads from this source; nil for every source.
    public var source: String?
    /// The people who take turns, "3,7,9".
    public var userIds: String
    public var nextIndex: Int64
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64

    public var users: [Int64] { userIds.split(separator: ",").compactMap { Int64($0) } }
}

public struct StageRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    /// Win probability in percent.
    public var probability: Int64
    public var sortOrder: Int64
    /// open, won or lost.
    public var outcome: String
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct OpportunityRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var partnerId: Int64
    public var name: String
    /// Fen.
    public var amount: Int64
    public var stageId: Int64
    public var expectedClose: String?
    public var outcome: String
    public var lostReason: String?
    public var closedAt: Int64?
    public var leadId: Int64?
    public var ownerId: Int64?
    public var branchId: Int64
    public var departmentId: Int64?
    public var note: String?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The campaign that brought it (市场活动).
    public var campaignId: Int64?
    /// Its custom field values, as JSON.
    public var customValues: String
}

public struct StageMoveRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var opportunityId: Int64
    public var fromStageId: Int64?
    public var toStageId: Int64
    public var at: Int64
    public var byUserId: Int64?
}

public struct TaskRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var title: String
    /// "task" or "meeting".
    public var kind: String
    public var startsAt: Int64
    public var endsAt: Int64?
    public var remindAt: Int64?
    public var reminded: Bool
    public var partnerId: Int64?
    public var opportunityId: Int64?
    public var note: String?
    public var doneAt: Int64?
    public var ownerId: Int64
    public var branchId: Int64
    public var departmentId: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct WorkReportRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var userId: Int64
    /// "daily" or "weekly".
    public var kind: String
    public var periodStart: String
    public var periodEnd: String
    public var content: String
    public var plan: String?
    /// JSON object of the counts the report was filed with.
    public var stats: String
    public var comment: String?
    public var commentedBy: Int64?
    public var commentedAt: Int64?
    public var branchId: Int64
    public var departmentId: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}
