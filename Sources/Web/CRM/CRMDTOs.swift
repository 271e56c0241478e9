import Foundation
import Kernel
import Persistence
import Services

extension Fmt {
    static func degrees(_ micro: Int64?) -> String? { micro.map { ScaledDecimal.format($0, scale: 6, minDecimals: 0) } }
}

struct CustomerDTO: Encodable {
    var id: String
    var code: String
    var name: String
    var kind: String
    var uscc: String?
    var industry: String?
    var level: String?
    var source: String?
    var status: String
    var tags: [String]
    var province: String?
    var city: String?
    var district: String?
    var street: String?
    var address: String?
    var latitude: String?
    var longitude: String?
    var phone: String?
    var email: String?
    var website: String?
    var creditLimit: String?
    var note: String?
    var isSupplier: Bool
    var ownerId: String?
    var departmentId: String?
    var branchId: String
    var poolId: String?
    var poolExempt: Bool
    var lastActivityAt: String?
    var nextFollowUp: String?
    var customFields: [String: String]
    var active: Bool
    var version: Int64
    var createdAt: String?
    var updatedAt: String?
    var regionId: String?
    var campaignId: String?

    init(_ p: PartnerRow) {
        id = String(p.id); code = p.code; name = p.name; kind = p.kind; uscc = p.uscc; industry = p.industry; level = p.level;
        source = p.source
        status = p.status; tags = p.tagList; province = p.province; city = p.city; district = p.district; street = p.street;
        address = p.address
        latitude = Fmt.degrees(p.latitude); longitude = Fmt.degrees(p.longitude); phone = p.phone; email = p.email; website = p.website
        creditLimit = Fmt.money(p.creditLimit); note = p.note; isSupplier = p.isSupplier; ownerId = APIID.string(p.ownerId)
        departmentId = APIID.string(p.departmentId); branchId = String(p.branchId); poolId = APIID.string(p.poolId);
        poolExempt = p.poolExempt
        lastActivityAt = ISOTime.string(p.lastActivityAt); nextFollowUp = p.nextFollowUp;
        customFields = CustomFieldService.decode(p.customValues)
        active = p.active; version = p.version; createdAt = ISOTime.string(p.createdAt); updatedAt = ISOTime.string(p.updatedAt)
        regionId = APIID.string(p.regionId); campaignId = APIID.string(p.campaignId)
    }
}

struct CustomerBody: Decodable {
    var code: String?
    var name: String?
    var kind: String?
    var uscc: String?
    var industry: String?
    var level: String?
    var source: String?
    var status: String?
    var tags: [String]?
    var province: String?
    var city: String?
    var district: String?
    var street: String?
    var latitude: String?
    var longitude: String?
    var phone: String?
    var email: String?
    var website: String?
    var creditLimit: String?
    var note: String?
    var isSupplier: Bool?
    var poolExempt: Bool?
    var ownerId: String?
    var poolId: String?
    var branchId: String?
    var customFields: [String: String]?
    var regionId: String?
    var version: Int64?

    func input() throws -> CustomerService.Input {
        var i = CustomerService.Input(
            code: code, name: name, kind: kind, uscc: uscc, industry: industry, level: level, source: source, status: status, tags: tags,
            province: province, city: city, district: district, street: street, latitude: latitude, longitude: longitude, phone: phone,
            email: email, website: website, creditLimit: creditLimit, note: note, isSupplier: isSupplier, poolExempt: poolExempt,
            ownerId: try APIID.parse(ownerId, field: "ownerId"), poolId: try APIID.parse(poolId, field: "poolId"),
            branchId: try APIID.parse(branchId, field: "branchId"), customFields: customFields)
        i.regionId = try APIID.parse(regionId, field: "regionId")
        return i
    }
}

struct ContactDTO: Encodable {
    var id: String
    var partnerId: String
    var name: String
    var title: String?
    var mobile: String?
    var phone: String?
    var email: String?
    var wechat: String?
    var birthday: String?
    var isPrimary: Bool
    var note: String?
    var customFields: [String: String]
    var version: Int64
    var createdAt: String?
    var updatedAt: String?

    init(_ c: ContactRow) {
        id = String(c.id); partnerId = String(c.partnerId); name = c.name; title = c.title; mobile = c.mobile; phone = c.phone;
        email = c.email
        wechat = c.wechat; birthday = c.birthday.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }; isPrimary = c.isPrimary;
        note = c.note
        customFields = CustomFieldService.decode(c.customValues); version = c.version
        createdAt = ISOTime.string(c.createdAt); updatedAt = ISOTime.string(c.updatedAt)
    }
}

struct ContactBody: Decodable {
    var partnerId: String?
    var name: String?
    var title: String?
    var mobile: String?
    var phone: String?
    var email: String?
    var wechat: String?
    var birthday: String?
    var isPrimary: Bool?
    var note: String?
    var customFields: [String: String]?
    var version: Int64?

    func input() throws -> ContactService.Input {
        .init(
            partnerId: try APIID.parse(partnerId, field: "partnerId"), name: name, title: title, mobile: mobile, phone: phone, email: email,
            wechat: wechat, birthday: birthday, isPrimary: isPrimary, note: note, customFields: customFields)
    }
}

struct RelationDTO: Encodable {
    var id: String
    var parentId: String
    var childId: String
    var kind: String
    var note: String?
    var createdAt: String?
    init(_ r: CustomerRelationRow) {
        id = String(r.id); parentId = String(r.parentId); childId = String(r.childId); kind = r.kind; note = r.note;
        createdAt = ISOTime.string(r.createdAt)
    }
}

struct RelationBody: Decodable {
    var parentId: String?
    var childId: String?
    var kind: String?
    var note: String?
    func input() throws -> CustomerRelationService.Input {
        .init(
            parentId: try APIID.parse(parentId, field: "parentId"), childId: try APIID.parse(childId, field: "childId"), kind: kind,
            note: note)
    }
}

struct ActivityDTO: Encodable {
    var id: String
    var partnerId: String?
    var contactId: String?
    var leadId: String?
    var opportunityId: String?
    var kind: String
    var content: String
    var occurredAt: String?
    var nextFollowUp: String?
    var latitude: String?
    var longitude: String?
    var accuracy: Int64?
    var ownerId: String?
    var branchId: String
    var createdAt: String?
    init(_ a: ActivityRow) {
        id = String(a.id); partnerId = APIID.string(a.partnerId); contactId = APIID.string(a.contactId); leadId = APIID.string(a.leadId)
        opportunityId = APIID.string(a.opportunityId); kind = a.kind; content = a.content; occurredAt = ISOTime.string(a.occurredAt)
        nextFollowUp = a.nextFollowUp; latitude = Fmt.degrees(a.latitude); longitude = Fmt.degrees(a.longitude); accuracy = a.accuracyM
        ownerId = APIID.string(a.ownerId); branchId = String(a.branchId); createdAt = ISOTime.string(a.createdAt)
    }
}

struct ActivityBody: Decodable {
    var partnerId: String?
    var leadId: String?
    var contactId: String?
    var opportunityId: String?
    var kind: String?
    var content: String?
    var occurredAt: String?
    var nextFollowUp: String?
    var latitude: String?
    var longitude: String?
    var accuracy: Int64?
    func input() throws -> ActivityService.Input {
        .init(
            partnerId: try APIID.parse(partnerId, field: "partnerId"), leadId: try APIID.parse(leadId, field: "leadId"),
            contactId: try APIID.parse(contactId, field: "contactId"),
            opportunityId: try APIID.parse(opportunityId, field: "opportunityId"),
            kind: kind, content: content, occurredAt: occurredAt, nextFollowUp: nextFollowUp, latitude: latitude, longitude: longitude,
            accuracy: accuracy)
    }
}

struct CustomFieldDTO: Encodable {
    var id: String
    var entity: String
    var key: String
    var label: String
    var kind: String
    var options: [String]
    var required: Bool
    var sortOrder: Int64
    var active: Bool
    var onWebForm: Bool
    var version: Int64
    init(_ f: CustomFieldRow) {
        id = String(f.id); entity = f.entity; key = f.fieldKey; label = f.label; kind = f.kind; options = f.choices; required = f.required
        sortOrder = f.sortOrder; active = f.active; onWebForm = f.onWebForm; version = f.version
    }
}

struct CustomFieldBody: Decodable {
    var entity: String?
    var key: String?
    var label: String?
    var kind: String?
    var options: [String]?
    var required: Bool?
    var sortOrder: Int64?
    var active: Bool?
    var onWebForm: Bool?
    var version: Int64?
    var input: CustomFieldService.Input {
        .init(
            entity: entity, key: key, label: label, kind: kind, options: options, required: required, sortOrder: sortOrder, active: active,
            onWebForm: onWebForm)
    }
}

struct CRMSettingsDTO: Codable {
    var levels: [String]?
    var sources: [String]?
    var industries: [String]?
}

struct PoolDTO: Encodable {
    var id: String
    var name: String
    var branchId: String?
    var claimsPerDay: Int64?
    var reclaimAfterDays: Int64?
    var maxHeld: Int64?
    var active: Bool
    var rules: [PoolService.RuleInput]
    var version: Int64
    init(_ d: PoolService.Details) {
        id = String(d.pool.id); name = d.pool.name; branchId = APIID.string(d.pool.branchId); claimsPerDay = d.pool.claimsPerDay
        reclaimAfterDays = d.pool.reclaimAfterDays; maxHeld = d.pool.maxHeld; active = d.pool.active; version = d.pool.version
        rules = d.rules.map { .init(level: $0.level, noFollowUpDays: $0.noFollowUpDays, noDealDays: $0.noDealDays, warnDays: $0.warnDays) }
    }
}

struct PoolBody: Decodable {
    var name: String?
    var branchId: String?
    var claimsPerDay: Int64?
    var reclaimAfterDays: Int64?
    var maxHeld: Int64?
    var active: Bool?
    var rules: [PoolService.RuleInput]?
    var version: Int64?
    func input() throws -> PoolService.Input {
        .init(
            name: name, branchId: try APIID.parse(branchId, field: "branchId"), claimsPerDay: claimsPerDay,
            reclaimAfterDays: reclaimAfterDays,
            maxHeld: maxHeld, active: active, rules: rules)
    }
}

struct PreviewDTO: Encodable {
    var customerId: String
    var name: String
    var level: String?
    var ownerId: String?
    var poolId: String
    var dueAt: String?
    var reason: String
    init(_ r: PoolService.PreviewRow) {
        customerId = String(r.id); name = r.name; level = r.level; ownerId = APIID.string(r.ownerId); poolId = String(r.poolId)
        dueAt = ISOTime.string(r.dueAt); reason = r.reason
    }
}

struct NotificationDTO: Encodable {
    var id: String
    var kind: String
    var message: String
    var args: [String]
    var link: String?
    var createdAt: String?
    var readAt: String?
}

struct LeadDTO: Encodable {
    var id: String
    var company: String
    var contactName: String?
    var title: String?
    var phone: String?
    var email: String?
    var uscc: String?
    var source: String?
    var province: String?
    var city: String?
    var note: String?
    var status: String
    var ownerId: String?
    var branchId: String
    var convertedCustomerId: String?
    var convertedContactId: String?
    var convertedOpportunityId: String?
    var convertedAt: String?
    var version: Int64
    var createdAt: String?
    var campaignId: String?
    var customFields: [String: String]
    init(_ l: LeadRow) {
        customFields = CustomFieldService.decode(l.customValues)
        id = String(l.id); company = l.company; contactName = l.contactName; title = l.title; phone = l.phone; email = l.email;
        uscc = l.uscc
        source = l.source; province = l.province; city = l.city; note = l.note; status = l.status; ownerId = APIID.string(l.ownerId)
        branchId = String(l.branchId); convertedCustomerId = APIID.string(l.convertedPartnerId);
        convertedContactId = APIID.string(l.convertedContactId)
        convertedOpportunityId = APIID.string(l.convertedOpportunityId); convertedAt = ISOTime.string(l.convertedAt); version = l.version
        createdAt = ISOTime.string(l.createdAt); campaignId = APIID.string(l.campaignId)
    }
}

struct LeadBody: Decodable {
    var company: String?
    var contactName: String?
    var title: String?
    var phone: String?
    var email: String?
    var uscc: String?
    var source: String?
    var province: String?
    var city: String?
    var note: String?
    var ownerId: String?
    var branchId: String?
    var ignoreDuplicates: Bool?
    var campaignId: String?
    var customFields: [String: String]?
    var version: Int64?
    func input() throws -> LeadService.Input {
        .init(
            company: company, contactName: contactName, title: title, phone: phone, email: email, uscc: uscc, source: source,
            province: province,
            city: city, note: note, ownerId: try APIID.parse(ownerId, field: "ownerId"),
            branchId: try APIID.parse(branchId, field: "branchId"),
            ignoreDuplicates: ignoreDuplicates, campaignId: try APIID.parse(campaignId, field: "campaignId"), customFields: customFields)
    }
}

/// A possible duplicate; one beyond the caller's reach comes without id and name, with its branch.
struct MatchDTO: Encodable {
    var kind: String
    var id: String?
    var name: String?
    var matchedOn: String
    var branch: String
    init(_ m: LeadService.Match) { kind = m.kind; id = m.id.map(String.init); name = m.name; matchedOn = m.on; branch = m.branch }
}

struct StageDTO: Encodable {
    var id: String
    var code: String
    var name: String
    var probability: Int64
    var sortOrder: Int64
    var outcome: String
    var active: Bool
    var version: Int64
    init(_ s: StageRow) {
        id = String(s.id); code = s.code; name = s.name; probability = s.probability; sortOrder = s.sortOrder; outcome = s.outcome;
        active = s.active
        version = s.version
    }
}

struct StageBody: Decodable {
    var code: String?
    var name: String?
    var probability: Int64?
    var sortOrder: Int64?
    var outcome: String?
    var active: Bool?
    var version: Int64?
    var input: StageService.Input {
        .init(code: code, name: name, probability: probability, sortOrder: sortOrder, outcome: outcome, active: active)
    }
}

struct OpportunityDTO: Encodable {
    var id: String
    var partnerId: String
    var name: String
    var amount: String
    var stageId: String
    var expectedClose: String?
    var outcome: String
    var lostReason: String?
    var closedAt: String?
    var leadId: String?
    var ownerId: String?
    var branchId: String
    var note: String?
    var version: Int64
    var createdAt: String?
    var campaignId: String?
    var customFields: [String: String]
    init(_ o: OpportunityRow) {
        customFields = CustomFieldService.decode(o.customValues)
        id = String(o.id); partnerId = String(o.partnerId); name = o.name; amount = Fmt.money(o.amount)!; stageId = String(o.stageId)
        expectedClose = o.expectedClose; outcome = o.outcome; lostReason = o.lostReason; closedAt = ISOTime.string(o.closedAt);
        leadId = APIID.string(o.leadId)
        ownerId = APIID.string(o.ownerId); branchId = String(o.branchId); note = o.note; version = o.version;
        createdAt = ISOTime.string(o.createdAt); campaignId = APIID.string(o.campaignId)
    }
}

struct OpportunityBody: Decodable {
    var partnerId: String?
    var name: String?
    var amount: String?
    var stageId: String?
    var expectedClose: String?
    var note: String?
    var campaignId: String?
    var customFields: [String: String]?
    var version: Int64?
    func input() throws -> OpportunityService.Input {
        .init(
            partnerId: try APIID.parse(partnerId, field: "partnerId"), name: name, amount: amount,
            stageId: try APIID.parse(stageId, field: "stageId"),
            expectedClose: expectedClose, note: note, campaignId: try APIID.parse(campaignId, field: "campaignId"),
            customFields: customFields)
    }
}

struct TaskDTO: Encodable {
    var id: String
    var title: String
    var kind: String
    var startsAt: String?
    var endsAt: String?
    var remindAt: String?
    var partnerId: String?
    var opportunityId: String?
    var note: String?
    var done: Bool
    var doneAt: String?
    var ownerId: String
    var version: Int64
    init(_ t: TaskRow) {
        id = String(t.id); title = t.title; kind = t.kind; startsAt = ISOTime.string(t.startsAt); endsAt = ISOTime.string(t.endsAt)
        remindAt = ISOTime.string(t.remindAt); partnerId = APIID.string(t.partnerId); opportunityId = APIID.string(t.opportunityId);
        note = t.note
        done = t.doneAt != nil; doneAt = ISOTime.string(t.doneAt); ownerId = String(t.ownerId); version = t.version
    }
}

struct TaskBody: Decodable {
    var title: String?
    var kind: String?
    var startsAt: String?
    var endsAt: String?
    var remindMinutes: Int64?
    var partnerId: String?
    var opportunityId: String?
    var note: String?
    var version: Int64?
    func input() throws -> TaskService.Input {
        .init(
            title: title, kind: kind, startsAt: startsAt, endsAt: endsAt, remindMinutes: remindMinutes,
            partnerId: try APIID.parse(partnerId, field: "partnerId"),
            opportunityId: try APIID.parse(opportunityId, field: "opportunityId"), note: note)
    }
}

struct WorkReportDTO: Encodable {
    struct StatsDTO: Encodable {
        var visits: Int64; var followUps: Int64; var newCustomers: Int64; var stageMoves: Int64; var dealsWon: Int64; var amountWon: String
    }
    var id: String
    var userId: String
    var kind: String
    var periodStart: String
    var periodEnd: String
    var content: String
    var plan: String?
    var stats: StatsDTO?
    var comment: String?
    var commentedBy: String?
    var commentedAt: String?
    var createdAt: String?
    init(_ r: WorkReportRow) {
        id = String(r.id); userId = String(r.userId); kind = r.kind; periodStart = r.periodStart; periodEnd = r.periodEnd;
        content = r.content; plan = r.plan
        stats = WorkReportService.decodeStats(r).map {
            StatsDTO(
                visits: $0.visits, followUps: $0.followUps, newCustomers: $0.newCustomers, stageMoves: $0.stageMoves,
                dealsWon: $0.dealsWon, amountWon: Fmt.money($0.amountWon)!)
        }
        comment = r.comment; commentedBy = APIID.string(r.commentedBy); commentedAt = ISOTime.string(r.commentedAt);
        createdAt = ISOTime.string(r.createdAt)
    }
}
