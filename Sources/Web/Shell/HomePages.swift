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
        let branches = p.can(.organisation, .view) ? try await BranchService.visible(req.services) : []
        let departments = p.can(.organisation, .view) ? try await DepartmentService.visible(req.services) : []
        let counts = try await OrganisationQueries.userCountsByBranch(on: store)
        let visibleBranchIDs = Set(branches.map(\.id))
        let usersByBranch = Chart.counts(branches.map { b in (b.name, counts.first { $0.branchId == b.id }?.users ?? 0) }).points
        let kinds = Chart.counts(
            BranchKind.allCases.compactMap { k -> (String, Int64)? in
                let n = branches.filter { $0.kind == k.rawValue }.count
                return n == 0 ? nil : (t("branch.kind." + k.rawValue), Int64(n))
            }
        ).points
        var recent: [(String, String, String)] = []
        if let scope = p.rowScope(.audit) {
            let page = try await Audit.entries(filter: .init(), scope: scope, limit: 8, cursor: nil, on: store)
            recent = page.items.map {
                (PageShell.date($0.at, req.state.lang), $0.username ?? "—", "\($0.action) \($0.entity) \($0.entityId ?? "")")
            }
        }
        let roles = p.can(.roles, .view) ? try await OrganisationQueries.roles(on: store).count : 0
        var model = HomeModel(
            branches: branches.count, departments: departments.count,
            users: Int(counts.filter { visibleBranchIDs.contains($0.branchId) }.reduce(0) { $0 + $1.users }),
            roles: roles, usersByBranch: usersByBranch, branchesByKind: kinds, recent: recent)
        model.cards = try await crmCards(req, p)
        return PageShell.page(req, HomePage.render(PageShell.context(req), model))
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
