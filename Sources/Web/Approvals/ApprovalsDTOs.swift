import Foundation
import Kernel
import Persistence
import Services

/// What the order-to-cash API sends and takes. Ids, money, prices and quantities travel as strings.

struct ApprovalRoundDTO: Encodable {
    struct Assignee: Encodable { var step: Int64; var userId: String; var kind: String }
    struct Act: Encodable { var step: Int64; var userId: String; var action: String; var comment: String?; var at: String? }
    var id: String; var docType: String; var docId: String; var docNumber: String; var branchId: String; var amount: String;
    var submitterId: String
    var status: String; var step: Int64; var stepCount: Int64; var canAct: Bool; var createdAt: String?; var decidedAt: String?
    var assignees: [Assignee]; var actions: [Act]
    init(_ d: ApprovalService.Details) {
        let a = d.approval
        id = String(a.id); docType = a.docType; docId = String(a.docId); docNumber = a.docNumber; branchId = String(a.branchId);
        amount = Fmt.money(a.amount)!
        submitterId = String(a.submitterId); status = a.status; step = a.stepNo; stepCount = a.stepCount; canAct = d.canAct
        createdAt = ISOTime.string(a.createdAt); decidedAt = ISOTime.string(a.decidedAt)
        assignees = d.assignees.map { Assignee(step: $0.stepNo, userId: String($0.userId), kind: $0.stepKind) }
        actions = d.actions.map {
            Act(step: $0.stepNo, userId: String($0.userId), action: $0.action, comment: $0.comment, at: ISOTime.string($0.at))
        }
    }
}

struct ApprovalRuleDTO: Encodable {
    struct Step: Encodable { var kind: String; var ref: String? }
    var id: String; var docType: String; var branchId: String?; var minAmount: String; var name: String; var steps: [Step];
    var active: Bool; var version: Int64
    init(_ r: ApprovalRuleRow) {
        id = String(r.id); docType = r.docType; branchId = APIID.string(r.branchId); minAmount = Fmt.money(r.minAmount)!; name = r.name
        steps = ApprovalService.steps(of: r).map { Step(kind: $0.kind.rawValue, ref: APIID.string($0.ref)) }; active = r.active;
        version = r.version
    }
}

struct ApprovalRuleBody: Decodable {
    struct Step: Decodable { var kind: String?; var ref: String? }
    var docType: String?; var branchId: String?; var minAmount: String?; var name: String?; var steps: [Step]?; var active: Bool?;
    var version: Int64?
    func input() throws -> ApprovalService.RuleInput {
        let parsed = try (steps ?? []).enumerated().map { i, s in
            ApprovalService.Step(
                kind: try Validate.oneOf(s.kind, "steps[\(i)].kind", as: ApprovalService.Step.Kind.self),
                ref: try APIID.parse(s.ref, field: "steps[\(i)].ref"))
        }
        return .init(
            docType: docType, branchId: try APIID.parse(branchId, field: "branchId"), minAmount: minAmount, name: name, steps: parsed,
            active: active)
    }
}
