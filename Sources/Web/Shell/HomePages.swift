import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum HomePages {
    static func home(_ req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        // A distributor's people have the portal as their home.
        if p.partnerId != nil { return req.redirect(to: Paths.Portal.home(), redirectType: .normal) }
        let store = req.store
        let t = req.t
        var model = HomeModel()
        model.sections = [
            (t("home.section.sales"), try await salesTiles(req, p)),
            (t("home.section.stock"), try await stockTiles(req, p)),
            (t("home.section.finance"), try await financeTiles(req, p)),
            (t("home.section.business"), try await businessTiles(req, p)),
        ]
        model.cards = try await crmCards(req, p)
        if p.can(.organisation, .edit) {
            let steps = try await SetupGuide.status(req.services)
            if steps.contains(where: { !$0.done && !$0.skipped }) {
                model.setup = steps.filter { !$0.skipped }.map { s in
                    let (module, action) = SetupGuide.right(s.step)
                    return .init(
                        label: t("setup.step." + s.step.rawValue), hint: t("setup.hint." + s.step.rawValue),
                        href: p.can(module, action) ? s.step.href : nil,
                        done: s.done,
                        skip: s.done ? nil : Paths.Organisation.skipSetupStep(s.step.rawValue))
                }
                model.csrf = req.state.csrf
            }
            // The demo company in a database of its own, offered from the real one only.
            if let sandbox = req.concord.sandbox, !req.state.sandbox {
                let password = sandbox.ready ? try await Settings.get(Sandbox.passwordSetting, on: store) : nil
                model.sandbox = (sandbox.ready, password, Paths.Organisation.sandbox())
                model.csrf = req.state.csrf
            }
        }
        // The headcount is for whoever runs the organisation, not everyone's first screen.
        if p.can(.users, .edit) || p.can(.organisation, .edit) {
            let branches = p.can(.organisation, .view) ? try await BranchService.visible(req.services) : []
            let departments = p.can(.organisation, .view) ? try await DepartmentService.visible(req.services) : []
            let counts = try await OrganisationQueries.userCountsByBranch(on: store)
            let visibleBranchIDs = Set(branches.map(\.id))
            let kinds = Chart.counts(
                BranchKind.allCases.compactMap { k -> (String, Int64)? in
                    let n = branches.filter { $0.kind == k.rawValue }.count
                    return n == 0 ? nil : (t("branch.kind." + k.rawValue), Int64(n))
                }
            ).points
            model.organisation = .init(
                branches: branches.count, departments: departments.count,
                users: Int(counts.filter { visibleBranchIDs.contains($0.branchId) }.reduce(0) { $0 + $1.users }),
                roles: p.can(.roles, .view) ? try await OrganisationQueries.roles(on: store).count : 0,
                usersByBranch: Chart.counts(branches.map { b in (b.name, counts.first { $0.branchId == b.id }?.users ?? 0) }).points,
                branchesByKind: kinds)
        }
        if let scope = p.rowScope(.audit) {
            let page = try await Audit.entries(filter: .init(), scope: scope, limit: 8, cursor: nil, on: store)
            model.recent = page.items.map {
                (
                    PageShell.date($0.at, req.state.lang), $0.username ?? "—",
                    AuditWords.what(action: $0.action, entity: $0.entity, id: $0.entityId, t)
                )
            }
        }
        return PageShell.page(req, HomePage.render(PageShell.context(req), model))
    }

    static func money(_ fen: Int64?) -> String { "¥" + FormKit.money(fen ?? 0) }

    /// This month so far, and the same days of last year.
    static func monthToDate(_ req: Request) -> (from: String, to: String, lastFrom: String, lastTo: String) {
        let today = StockPages.today(req)
        let from = String(today.prefix(8)) + "01"
        func lastYear(_ d: String) -> String {
            let y = (Int(d.prefix(4)) ?? 1970) - 1
            let md = d.dropFirst(4)
            // 29 February has no last year: the 28th stands for it.
            return String(format: "%04d", y) + (md == "-02-29" ? "-02-28" : String(md))
        }
        return (from, today, lastYear(from), lastYear(today))
    }

    /// A salesperson's (and a sales manager's, over their scope): the open pipeline and what was signed this month.
    static func salesTiles(_ req: Request, _ p: Principal) async throws -> [HomeModel.Tile] {
        let t = req.t
        var tiles: [HomeModel.Tile] = []
        if let scope = p.rowScope(.opportunities, .view) {
            let f = try await WorkbenchQueries.pipeline(scope, on: req.store)
            tiles.append(.init(t("home.pipeline"), money(f.amount), detail: t("home.count", String(f.n)), href: Paths.CRM.opportunities()))
        }
        if let scope = p.rowScope(.contracts, .view) {
            let m = monthToDate(req)
            let now = try await WorkbenchQueries.signed(from: m.from, to: m.to, scope, on: req.store)
            let last = try await WorkbenchQueries.signed(from: m.lastFrom, to: m.lastTo, scope, on: req.store)
            tiles.append(
                .init(
                    t("home.signed_this_month"), money(now.amount), detail: t("home.last_year_same_days", money(last.amount)),
                    href: Paths.Contracts.contracts()))
        }
        return tiles
    }

    /// A warehouse keeper's: documents saved and not posted, stock below safety, batches near expiry, transfers on the road.
    static func stockTiles(_ req: Request, _ p: Principal) async throws -> [HomeModel.Tile] {
        guard p.can(.stock, .create) || p.can(.stock, .edit), let scope = p.rowScope(.stock, .view) else { return [] }
        let t = req.t
        let drafts = try await WorkbenchQueries.draftStockDocuments(scope, on: req.store)
        let warehouses = try await StockReportPages.warehouses(req).map(\.id)
        let below = try await StockReports.levelAlerts(below: true, warehouses: warehouses, on: req.store)
        let transit = try await WorkbenchQueries.inTransit(scope, on: req.store)
        let expiring = try await BatchService.expiring(
            today: CalendarDate.today(req.concord.clock), days: nil, warehouse: nil, req.services)
        return [
            .init(
                t("home.drafts_to_post"), String(drafts.n), href: Paths.Inventory.documents() + "?status=draft", warn: drafts.n > 0),
            .init(t("home.below_safety"), String(below.count), href: Paths.Inventory.alerts(), warn: !below.isEmpty),
            .init(t("home.expiring"), String(expiring.count), href: Paths.Inventory.expiring(), warn: !expiring.isEmpty),
            .init(t("home.in_transit"), String(transit.n), href: Paths.Branches.transfers() + "?status=in_transit"),
        ]
    }

    /// Finance's: installments past due, deliveries not yet invoiced, money received and not applied.
    static func financeTiles(_ req: Request, _ p: Principal) async throws -> [HomeModel.Tile] {
        guard let cash = p.rowScope(.cash, .view) else { return [] }
        let t = req.t
        var tiles: [HomeModel.Tile] = []
        if p.can(.contracts, .view) {
            let overdue = try await ContractService.overdue(asOf: StockPages.today(req), limit: 1000, req.services)
            let open = try overdue.reduce(Int64(0)) { try $0.plus($1.amount.minus($1.settled)) }
            tiles.append(
                .init(
                    t("nav.overdue"), money(open), detail: t("home.count", String(overdue.count)), href: Paths.Contracts.overdue(),
                    warn: !overdue.isEmpty))
        }
        let unbilled = try await WorkbenchQueries.uninvoicedDeliveries(cash, on: req.store)
        tiles.append(
            .init(
                t("home.not_invoiced"), money(unbilled.amount), detail: t("home.documents", String(unbilled.n)),
                href: Paths.Cash.receivables()))
        let unapplied = try await WorkbenchQueries.unapplied(cash, on: req.store)
        tiles.append(
            .init(
                t("home.unapplied"), money(unapplied.amount), detail: t("home.count", String(unapplied.n)), href: Paths.Cash.collections()))
        return tiles
    }

    /// The general manager's: this month's sales and gross profit over the branches in reach, with the head-office view behind.
    static func businessTiles(_ req: Request, _ p: Principal) async throws -> [HomeModel.Tile] {
        guard p.can(.costs, .view) else { return [] }
        let t = req.t
        let views = try await HQDashboard.run(today: StockPages.today(req), req.services)
        var sales: Int64 = 0, profit: Int64 = 0, collected: Int64 = 0
        for v in views {
            let f = v.periods[.month] ?? HQDashboard.Figures()
            sales = try sales.plus(f.sales)
            profit = try profit.plus(f.grossProfit)
            collected = try collected.plus(f.collections)
        }
        let href = Paths.Branches.headOffice()
        return [
            .init(t("home.month_sales"), money(sales), detail: t("home.net_of_vat"), href: href),
            .init(t("home.month_gross_profit"), money(profit), href: href, warn: profit < 0),
            .init(t("home.month_collections"), money(collected), href: href),
        ]
    }

    /// The salesperson's day: follow-ups due, contacts' birthdays this week, customers about to
    /// drop into a pool, unread notifications.
    static func crmCards(_ req: Request, _ p: Principal) async throws -> [Node] {
        let t = req.t
        var cards: [Node] = []
        let unread = try await NotificationService.unreadCount(req.services)
        if unread > 0 {
            cards.append(HomePage.linkCard(t("notify.title"), text: t("home.unread", String(unread)), href: Paths.Shell.notifications()))
        }
        let approvals = try await ApprovalService.pendingCount(req.services)
        if approvals > 0 {
            cards.append(HomePage.linkCard(t("nav.approvals"), text: t("home.approvals", String(approvals)), href: Paths.Approvals.inbox()))
        }
        guard let scope = p.rowScope(.customers, .view) else { return cards }
        let now = req.services.nowMillis
        let today = CalendarDate.chinaDate(now)
        let dueRows = try await CRMQueries.followUpsDue(ownerId: p.userId, today: today, limit: 10, on: req.store)
        cards.append(
            HomePage.listCard(
                t("home.follow_ups_due"), empty: t("home.follow_ups_none"),
                dueRows.map { .init(name: $0.name, href: Paths.CRM.customer($0.id), detail: $0.nextFollowUp ?? "") }))
        if p.can(.activities, .view) {
            let me = p.userId
            let endOfToday = (CalendarDate(today)?.adding(days: 1).chinaStartMillis) ?? now
            let tasks = try await WorkbenchQueries.tasks(owner: me, before: endOfToday, limit: 10, on: req.store)
            cards.append(
                HomePage.listCard(
                    t("home.tasks"), empty: t("home.tasks_none"),
                    tasks.map {
                        .init(name: $0.title, href: Paths.CRM.schedule(), detail: CalendarDate.chinaDateTime($0.startsAt))
                    }))
        }
        let birthdays = try await CRMQueries.birthdays(scope: scope, monthDays: DailyJobs.monthDays(from: now, days: 7), on: req.store)
        cards.append(
            HomePage.listCard(
                t("home.birthdays"), empty: t("home.birthdays_none"),
                birthdays.prefix(10).map {
                    .init(
                        before: "🎂 " + $0.name + " · ", name: $0.partnerName, href: Paths.CRM.customer($0.partnerId), detail: $0.birthdayMd)
                }))
        if p.can(.pools, .view) {
            let dropping = try await PoolService.preview(days: 7, limit: 100, req.services)
            if !dropping.isEmpty {
                cards.append(
                    HomePage.linkCard(t("pool.preview"), text: t("home.dropping", String(dropping.count)), href: Paths.CRM.poolPreview()))
            }
        }
        return cards
    }
}
