import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 审批: what waits for me, what I submitted, everything in my scope; one approval with its
/// steps and the approve / reject / send-back form; the rules.
enum ApprovalPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let box = ApprovalService.Box(rawValue: req.query[String.self, at: "box"] ?? "todo") ?? .todo
        let page = try await ApprovalService.list(box, status: nil, limit: limit, cursor: cursor, req.services)
        let users = try await PageShell.names(.users, page.items.map(\.submitterId), req)
        var boxes: [(String, String)] = [("todo", t("approval.box.todo")), ("submitted", t("approval.box.submitted"))]
        if req.state.principal?.can(.approvals, .view) == true { boxes.append(("all", t("approval.box.all"))) }
        var model = ListModel(
            basePath: Paths.Approvals.inbox(), query: nil,
            filters: [.init(name: "box", label: t("approval.box"), options: boxes, selected: box.rawValue)],
            columns: [
                .init(t("approval.document")), .init(t("approval.doc_type")), .init(t("deal.amount")), .init(t("approval.submitter")),
                .init(t("common.status")), .init(t("approval.step_col")),
            ],
            rows: page.items.map { a in
                [
                    CommonPages.link(a.docNumber, Paths.Approvals.approval(a.id)), .text(t("approval.type." + a.docType)),
                    .text(FormKit.money(a.amount)),
                    .text(users[a.submitterId] ?? ""), CommonPages.badge(t("approval.status." + a.status), a.status),
                    .text("\(a.stepNo) / \(a.stepCount)"),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.approvals, .view) == true {
            actions.append(PageAction(label: t("nav.approval_rules"), href: Paths.Approvals.rules()))
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.approvals"), actions: actions, model))
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await ApprovalService.details(try req.id(), req.services)
        let a = d.approval
        let users = try await PageShell.names(.users, [a.submitterId] + d.assignees.map(\.userId), req)
        let link = ApprovalService.DocType(rawValue: a.docType)?.link(a.docId) ?? "/"
        let history = try await DealForms.approvalHistory([d], req)
        var m = ApprovalModel()
        m.id = a.id
        m.title = t("approval.title", a.docNumber)
        m.facts = [
            (t("approval.document"), CommonPages.link(a.docNumber, link)),
            (t("approval.doc_type"), .text(t("approval.type." + a.docType))),
            (t("deal.amount"), .text(FormKit.money(a.amount) + "（" + ChineseAmount.capitals(Money(fen: a.amount)) + "）")),
            (t("approval.submitter"), .text(users[a.submitterId] ?? "")),
            (t("common.status"), CommonPages.badge(t("approval.status." + a.status), a.status)),
        ]
        m.steps = (1...max(a.stepCount, 1)).map { step in
            (
                kind: d.assignees.first { $0.stepNo == step }?.stepKind ?? "user",
                who: d.assignees.filter { $0.stepNo == step }.map { users[$0.userId] ?? "" }.joined(separator: "、"),
                current: step == a.stepNo && ApprovalFlow.open.contains(stored: a.status)
            )
        }
        m.lines = try await lines(a, req)
        m.mayDecide = d.canAct
        m.csrf = req.state.csrf
        m.history = history
        return PageShell.page(req, ApprovalViews.approval(PageShell.context(req), m))
    }

    /// A quote's or a sales order's lines against their floors: the price, the floor, and how far
    /// under it per unit and as a share of the floor ("−0.50（16.67%）").
    static func lines(_ a: ApprovalRow, _ req: Request) async throws -> [ApprovalModel.Line] {
        var rows: [(productId: Int64, quantity: Int64, unit: String, price: Int64, floor: Int64)] = []
        switch ApprovalService.DocType(rawValue: a.docType) {
        case .quote:
            rows = try await ContractQueries.lines(ofQuote: a.docId, on: req.store).map {
                ($0.productId, $0.quantity, $0.unit, $0.unitPrice, $0.floorPrice)
            }
        case .salesOrder:
            guard let order = try await InventoryQueries.order(a.docId, on: req.store) else { return [] }
            let lines = try await InventoryQueries.orderLines(of: a.docId, on: req.store)
            let products = try await InventoryQueries.products(ids: lines.map(\.productId), on: req.store)
            let partner = try await InventoryQueries.partner(order.partnerId, on: req.store)
            let floors = try await PriceService.propose(
                for: partner, date: order.orderDate, lines.map { ($0.productId, $0.unit, $0.factor) }, products: products, req.store)
            rows = zip(lines, floors).map { ($0.productId, $0.quantity, $0.unit, $0.unitPrice, $1.floor.units) }
        default: return []
        }
        let products = try await InventoryQueries.products(ids: rows.map(\.productId), on: req.store)
        return rows.map { r in
            let under = r.floor - r.price
            let share =
                r.floor > 0 && under > 0
                ? ScaledDecimal.format(Int64(Int128(under) * 10_000 / Int128(r.floor)), scale: 2, minDecimals: 2) : nil
            return .init(
                product: products.label(r.productId), quantity: "\(Quantity(units: r.quantity)) \(r.unit)",
                price: UnitPrice(units: r.price).description, floor: UnitPrice(units: r.floor).description,
                under: under > 0 ? "−" + UnitPrice(units: under).description + "（" + (share ?? "") + "%）" : "—", below: under > 0)
        }
    }

    struct DecideForm: Content { var decision: String?; var comment: String? }

    static func decide(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(DecideForm.self)
        guard let d = ApprovalService.Decision(rawValue: f.decision ?? "") else {
            throw DomainError(.badRequest, code: "wrong_type", field: "decision", args: ["decision"])
        }
        do {
            _ = try await ApprovalService.decide(id, d, comment: f.comment, req.services)
            return PageShell.redirect(req, to: Paths.Approvals.approval(id), flash: "approval.done")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(
                req, to: Paths.Approvals.approval(id), flash: e.kind == .invalid ? "approval.comment_required" : e.messageKey, kind: .error)
        }
    }

    // MARK: rules

    static func rules(_ req: Request) async throws -> Response {
        let t = req.t
        let rules = try await ApprovalService.rules(req.services)
        let targets = try await stepTargets(req)
        let branches = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.branches(on: req.store).map { ($0.id, $0.name) })
        let canEdit = req.state.principal?.can(.approvals, .approve) == true
        let model = ListModel(
            basePath: Paths.Approvals.rules(), query: nil, filters: [],
            columns: [
                .init(t("approval.rule.name")), .init(t("approval.doc_type")), .init(t("approval.rule.branch")),
                .init(t("approval.rule.min")), .init(t("approval.steps")),
                .init(t("common.active")),
            ],
            rows: rules.map { r in
                [
                    canEdit ? CommonPages.link(r.name, Paths.Approvals.editRule(r.id)) : .text(r.name),
                    .text(t("approval.type." + r.docType)),
                    .text(r.branchId.flatMap { branches[$0] } ?? t("approval.rule.all_branches")), .text(FormKit.money(r.minAmount)),
                    .text(
                        ApprovalService.steps(of: r).map { s in targets.first { $0.0 == stepValue(s) }?.1 ?? s.kind.rawValue }.joined(
                            separator: " → ")),
                    .text(r.active ? t("common.yes") : t("common.no")),
                ]
            }, nextCursor: nil, emptyText: t("approval.rule.empty"), searchable: false)
        let actions = canEdit ? [PageAction(label: t("approval.rule.new"), href: Paths.Approvals.newRule(), primary: true)] : []
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("nav.approval_rules"), actions: actions,
                intro: CommonPages.hint(t("approval.rule.intro")), model))
    }

    static func stepValue(_ s: ApprovalService.Step) -> String { s.kind == .manager ? "manager" : "\(s.kind.rawValue):\(s.ref ?? 0)" }

    /// What a step may name: the submitter's manager, a role, or a person; a form offers only the
    /// people its user reaches (the service refuses anyone else).
    static func stepTargets(_ req: Request, reachableOnly: Bool = false) async throws -> [(String, String)] {
        let t = req.t
        let roles = try await AccessQueries.roles(on: req.store)
        var users = try await AccessQueries.activeStaff(on: req.store)
        if reachableOnly, let scope = req.state.principal?.rowScope(.approvals, .approve) {
            users = users.filter { scope.contains(branch: $0.branchId, department: $0.departmentId, owner: $0.id) }
        }
        return [("manager", t("approval.kind.manager"))] + roles.map { ("role:\($0.id)", t("approval.kind.role") + "：" + $0.name) }
            + users.map { ("user:\($0.id)", t("approval.kind.user") + "：" + $0.displayName) }
    }

    struct RuleForm: Content {
        var docType: String?; var branchId: String?; var minAmount: String?; var name: String?; var steps: [String]?; var active: String?;
        var version: String?
    }

    static func ruleForm(_ req: Request, _ f: RuleForm, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        try req.services.require(.approvals, .approve)
        var m = ApprovalRuleFormModel()
        m.title = t(id == nil ? "approval.rule.new" : "approval.rule.edit")
        m.action = id.map { Paths.Approvals.rule($0) } ?? Paths.Approvals.rules()
        m.csrf = req.state.csrf
        m.version = f.version
        m.error = DealForms.errorOf(error, req)
        m.name = f.name
        m.docType = f.docType
        m.branchId = f.branchId
        m.minAmount = f.minAmount
        m.docTypes = ApprovalService.DocType.allCases.map(\.rawValue)
        m.branches = try await OrganisationQueries.branches(on: req.store).map { (String($0.id), $0.name) }
        m.targets = try await stepTargets(req, reachableOnly: true)
        m.steps = f.steps ?? []
        while m.steps.count < 4 { m.steps.append("") }
        m.active = f.active != "false"
        return PageShell.page(req, ApprovalViews.ruleForm(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func newRule(_ req: Request) async throws -> Response {
        try await ruleForm(req, RuleForm(docType: "contract", minAmount: "0", steps: ["manager"]), id: nil)
    }

    static func editRule(_ req: Request) async throws -> Response {
        let r = try await ApprovalService.rule(try req.id(), req.services)
        return try await ruleForm(
            req,
            RuleForm(
                docType: r.docType, branchId: r.branchId.map(String.init), minAmount: Money(fen: r.minAmount).description, name: r.name,
                steps: ApprovalService.steps(of: r).map(stepValue), active: r.active ? "true" : "false", version: String(r.version)),
            id: r.id)
    }

    static func saveRule(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id").flatMap(Int64.init)
        var f = try req.content.decode(RuleForm.self)
        if f.active == nil { f.active = "false" }
        let steps: [ApprovalService.Step] = (f.steps ?? []).compactMap { v in
            if v == "manager" { return .init(kind: .manager, ref: nil) }
            let parts = v.split(separator: ":")
            guard parts.count == 2, let k = ApprovalService.Step.Kind(rawValue: String(parts[0])), let r = Int64(parts[1]) else {
                return nil
            }
            return .init(kind: k, ref: r)
        }
        do {
            _ = try await ApprovalService.saveRule(
                id,
                .init(
                    docType: f.docType, branchId: PageShell.id(f.branchId), minAmount: f.minAmount, name: f.name, steps: steps,
                    active: f.active == "true"), version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: Paths.Approvals.rules(), flash: "approval.rule.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await ruleForm(req, f, id: id, error: e)
        }
    }
}
