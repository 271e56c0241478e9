import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 费用报销 and 费用预算 as pages: my claims and the ones in my scope, the claim form, a claim
/// with its budget check, receipts and approvals; the month's budgets and actual against them.
enum ExpensePages {
    struct LineForm: Content { var categoryId: String?; var expenseDate: String?; var amount: String?; var description: String? }
    struct Form: Content {
        var title: String?; var claimDate: String?; var partnerId: String?; var campaign: String?; var note: String?; var version: String?
        var campaignId: String?
        var lines: [LineForm]?; var contractId: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let mine = req.query[String.self, at: "view"] != "all"
        let status = req.query[String.self, at: "status"]
        let page = try await ExpenseService.list(status: status, mine: mine, limit: limit, cursor: cursor, req.services)
        let users = try await PageShell.names(.users, page.items.map(\.ownerId), req)
        var model = ListModel(
            basePath: Paths.Expenses.claims(), query: nil,
            filters: [
                .init(
                    name: "view", label: t("approval.box"), options: [("mine", t("expense.view.mine")), ("all", t("expense.view.all"))],
                    selected: mine ? "mine" : "all"),
                .init(
                    name: "status", label: t("common.status"),
                    options: ExpenseService.Status.allCases.map { ($0.rawValue, t("expense.status." + $0.rawValue)) }, selected: status),
            ],
            columns: [
                .init(t("stock.number")), .init(t("deal.title")), .init(t("expense.claimant")), .init(t("expense.date")),
                .init(t("deal.amount")), .init(t("common.status")),
            ],
            rows: page.items.map { c in
                [
                    CommonPages.link(c.number, Paths.Expenses.claim(c.id)), .text(c.title), .text(users[c.ownerId] ?? ""),
                    .text(c.claimDate), .text(FormKit.money(c.total)),
                    .fragment(
                        [CommonPages.badge(t("expense.status." + c.status), c.status)]
                            + (c.overBudget ? [CommonPages.badge(t("expense.over_budget"), "rejected")] : [])),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.expenses, .create) == true {
            actions.append(PageAction(label: t("expense.new"), href: Paths.Expenses.newClaim(), primary: true))
        }
        if req.state.principal?.can(.expenses, .approve) == true {
            actions.append(PageAction(label: t("nav.budgets"), href: Paths.Expenses.budgets()))
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.expenses"), actions: actions, model))
    }

    static func form(_ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        var m = ExpenseFormModel()
        m.title = t(id == nil ? "expense.new" : "expense.edit")
        m.action = id.map { Paths.Expenses.claim($0) } ?? Paths.Expenses.claims()
        m.cancel = m.action
        m.csrf = req.state.csrf
        m.version = f.version
        m.error = DealForms.errorOf(error, req)
        m.claimTitle = f.title
        m.claimDate = f.claimDate
        m.partnerId = f.partnerId
        m.contractId = f.contractId
        m.campaign = f.campaign
        m.campaignId = f.campaignId
        m.campaigns = try await CampaignService.pickable(req.services).map { (String($0.id), $0.code + " " + $0.name) }
        m.note = f.note
        m.categories = try await ExpenseService.categories(req.store).filter(\.active).map { (String($0.id), $0.name) }
        m.customers = req.state.principal?.can(.customers, .view) == true ? try await DealForms.customers(req) : []
        m.contracts =
            req.state.principal?.can(.contracts, .view) == true
            ? try await ContractService.list(.init(status: "active"), limit: 100, cursor: nil, req.services).items.map {
                (String($0.id), $0.number + " " + $0.title)
            } : []
        m.lines = (f.lines ?? []).map {
            .init(
                categoryId: $0.categoryId ?? "", expenseDate: $0.expenseDate ?? "", amount: $0.amount ?? "",
                description: $0.description ?? "")
        }
        while m.lines.count < max(4, (f.lines ?? []).count + 1) { m.lines.append(.init()) }
        return PageShell.page(req, ExpenseViews.form(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.expenses, .create)
        return try await form(req, Form(claimDate: StockPages.today(req)), id: nil)
    }

    static func input(_ f: Form) -> ExpenseService.Input {
        .init(
            title: f.title, claimDate: f.claimDate, partnerId: PageShell.id(f.partnerId), contractId: PageShell.id(f.contractId),
            campaign: f.campaign, note: f.note,
            lines: (f.lines ?? []).filter { !($0.amount ?? "").isEmpty || !($0.categoryId ?? "").isEmpty }
                .map {
                    .init(
                        categoryId: PageShell.id($0.categoryId), expenseDate: $0.expenseDate, amount: $0.amount, description: $0.description
                    )
                }, campaignId: PageShell.id(f.campaignId))
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let d = try await ExpenseService.create(input(f), req.services)
            return PageShell.redirect(req, to: Paths.Expenses.claim(d.claim.id), flash: "expense.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: nil, error: e)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await ExpenseService.find(try req.id(), req.services)
        _ = try await ExpenseService.row(d.claim.id, req.services, action: .edit)
        let c = d.claim
        return try await form(
            req,
            Form(
                title: c.title, claimDate: c.claimDate, partnerId: c.partnerId.map(String.init), campaign: c.campaign, note: c.note,
                version: String(c.version), campaignId: c.campaignId.map(String.init),
                lines: d.lines.map {
                    .init(
                        categoryId: String($0.categoryId), expenseDate: $0.expenseDate,
                        amount: Money(fen: $0.amount).description, description: $0.description)
                },
                contractId: c.contractId.map(String.init)), id: c.id)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(Form.self)
        do {
            _ = try await ExpenseService.update(id, input(f), version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: Paths.Expenses.claim(id), flash: "expense.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await ExpenseService.find(try req.id(), req.services)
        let c = d.claim
        let cats = Dictionary(uniqueKeysWithValues: try await ExpenseService.categories(req.store).map { ($0.id, $0.name) })
        let owner = try await PageShell.names(.users, [c.ownerId], req)
        let checks = try await ExpenseService.check(c, req.store)
        let history = try await DealForms.approvalHistory(
            try await ApprovalService.history(.expenseClaim, docId: c.id, req.services),
            pastDraft: c.status != ExpenseClaimFlow.State.draft.rawValue, req)
        let offered =
            ExpenseClaimFlow.State(rawValue: c.status).map {
                ExpenseClaimFlow.allowedActions(
                    $0, grants: req.grants(on: .expenses, branch: c.branchId, department: c.departmentId, owner: c.ownerId))
            } ?? []
        let csrf = req.state.csrf
        var actions: [PageAction] = []
        if offered.contains(.edit) { actions.append(PageAction(label: t("action.edit"), href: Paths.Expenses.editClaim(c.id))) }
        var facts: [(String, Node)] = [
            (t("expense.claimant"), .text(owner[c.ownerId] ?? "")), (t("expense.date"), .text(c.claimDate)),
            (t("common.status"), CommonPages.badge(t("expense.status." + c.status), c.status)),
            (t("deal.total"), .text(FormKit.money(c.total) + "（" + ChineseAmount.capitals(Money(fen: c.total)) + "）")),
        ]
        if c.overBudget { facts.append((t("expense.budget"), CommonPages.badge(t("expense.over_budget"), "rejected"))) }
        if let pid = c.partnerId {
            facts.append(
                (
                    t("expense.for_customer"),
                    await PageShell.customerLink(pid, try await PageShell.names(.partners, [pid], req)[pid] ?? "", req)
                ))
        }
        if let k = c.campaign { facts.append((t("expense.campaign"), .text(k))) }
        if let fact = try await CampaignPages.fact(c.campaignId, label: t("expense.for_campaign"), req) { facts.append(fact) }
        if let k = c.contractId {
            facts.append((t("expense.for_contract"), CommonPages.link(t("contract.open"), Paths.Contracts.contract(k))))
        }
        var m = ExpenseClaimModel()
        m.id = c.id
        m.title = t("expense.title", c.number) + " · " + c.title
        m.month = String(c.claimDate.prefix(7))
        m.csrf = csrf
        m.actions = actions
        m.facts = facts
        m.lines = d.lines.map {
            .init(
                category: cats[$0.categoryId] ?? "", date: $0.expenseDate, amount: FormKit.money($0.amount),
                description: $0.description ?? "")
        }
        m.checks = checks.map { k in
            .init(
                category: cats[k.categoryId] ?? "", budget: k.budget.map { FormKit.money($0) } ?? t("expense.no_budget"),
                used: FormKit.money(k.used), claim: FormKit.money(k.claim), over: k.over)
        }
        m.transitions = offered.filter(ExpenseClaimFlow.transitions.contains).map(\.rawValue)
        m.receipts = d.attachments.map { (name: $0.fileName, href: Paths.Expenses.claimAttachment(c.id, $0.id)) }
        m.mayAttach = offered.contains(.attach)
        m.history = history
        return PageShell.page(req, ExpenseViews.claim(PageShell.context(req), m))
    }

    static func transition(_ tr: ExpenseClaimFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            do {
                _ = try await ExpenseService.transition(id, tr, req.services)
                return PageShell.redirect(req, to: Paths.Expenses.claim(id), flash: "expense.updated")
            } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
                return PageShell.redirect(
                    req, to: Paths.Expenses.claim(id), flash: e.code == "over_budget" ? "expense.refused_over_budget" : e.messageKey,
                    kind: .error)
            }
        }
    }

    static func upload(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct U: Content { var file: File? }
        guard let file = try req.content.decode(U.self).file else {
            return PageShell.redirect(req, to: Paths.Expenses.claim(id), flash: "contract.upload_missing", kind: .error)
        }
        do {
            _ = try await AttachmentService.add(
                .claim, id, fileName: file.filename, data: Data(buffer: file.data), directory: req.application.concord.filesDirectory,
                req.services)
            return PageShell.redirect(req, to: Paths.Expenses.claim(id), flash: "contract.uploaded")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge {
            return PageShell.redirect(
                req, to: Paths.Expenses.claim(id), flash: e.kind == .tooLarge ? "contract.upload_too_large" : "contract.upload_refused",
                kind: .error)
        }
    }

    static func download(_ req: Request) async throws -> Response {
        guard let aid = req.parameters.get("aid").flatMap(Int64.init) else { throw DomainError.notFound }
        let (a, data) = try await AttachmentService.read(
            .claim, try req.id(), attachment: aid, directory: req.application.concord.filesDirectory, req.services)
        return AttachmentResponse.make(a, data)
    }

    // MARK: budgets

    struct BudgetForm: Content { var month: String?; var branchId: String?; var departmentId: String?; var amounts: [String: String]? }

    static func budgets(_ req: Request) async throws -> Response {
        try req.services.require(.expenses, .approve)
        let today = StockPages.today(req)
        let asked = req.query[String.self, at: "month"] ?? String(today.prefix(7))
        let month = asked.count == 7 && Validate.isDate(asked + "-01") ? asked : String(today.prefix(7))
        let branches = try await OrganisationQueries.branches(on: req.store)
        let branch = PageShell.id(req.query[String.self, at: "branchId"]) ?? req.state.principal?.branchId ?? branches.first?.id ?? 1
        let cats = try await ExpenseService.categories(req.store)
        let current = try await ExpenseService.budgets(month: month, branchId: branch, req.services).filter { $0.departmentId == nil }
        let report = try await ExpenseService.report(month: month, branchId: nil, req.services)
        let branchNames = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.name) })
        let catNames = Dictionary(uniqueKeysWithValues: cats.map { ($0.id, $0.name) })
        var m = BudgetsModel()
        m.csrf = req.state.csrf
        m.month = month
        m.branches = branches.map { (String($0.id), $0.name) }
        m.branchId = String(branch)
        m.branchName = branchNames[branch] ?? ""
        m.amounts = cats.filter(\.active).map { c in
            (id: String(c.id), name: c.name, amount: current.first { $0.categoryId == c.id }.map { Money(fen: $0.amount).description })
        }
        m.rows = report.map { r in
            .init(
                branch: branchNames[r.branchId] ?? "", category: catNames[r.categoryId] ?? "", budget: FormKit.money(r.budget),
                actual: FormKit.money(r.actual), pending: FormKit.money(r.pending),
                remaining: FormKit.money(r.budget - r.actual - r.pending),
                over: r.actual + r.pending > r.budget)
        }
        return PageShell.page(req, ExpenseViews.budgets(PageShell.context(req), m))
    }

    static func saveBudgets(_ req: Request) async throws -> Response {
        let f = try req.content.decode(BudgetForm.self)
        let items = (f.amounts ?? [:]).compactMap { k, v in
            Int64(k).map { ExpenseService.BudgetInput(categoryId: $0, amount: v.trimmingCharacters(in: .whitespaces)) }
        }
        let back = Paths.Expenses.budgets() + "?month=\(f.month ?? "")&branchId=\(f.branchId ?? "")"
        do {
            _ = try await ExpenseService.setBudgets(
                month: f.month, branchId: PageShell.id(f.branchId), departmentId: nil,
                items.sorted { ($0.categoryId ?? 0) < ($1.categoryId ?? 0) },
                req.services)
            return PageShell.redirect(req, to: back, flash: "expense.budget_saved")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: back, flash: "expense.budget_invalid", kind: .error)
        }
    }
}
