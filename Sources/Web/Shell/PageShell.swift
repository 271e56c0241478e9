import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Builds what every page shares from the request: language, user, the navigation the user's
/// permissions allow, the CSRF token and the flash message left by the last action.
enum PageShell {
    static func context(_ req: Request) -> PageContext {
        let p = req.state.principal
        func allowed(_ m: Module) -> Bool { p?.can(m, .view) ?? false }
        if p?.partnerId != nil {
            // An external user of the distributor portal sees the portal only.
            let portal = NavSection(
                titleKey: "nav.section.portal",
                items: [
                    NavItem(titleKey: "portal.nav.home", href: Paths.Portal.home()),
                    NavItem(titleKey: "portal.nav.orders", href: Paths.Portal.orders()),
                    NavItem(titleKey: "portal.nav.deliveries", href: Paths.Portal.deliveries()),
                    NavItem(titleKey: "portal.nav.statement", href: Paths.Portal.statement()),
                    NavItem(titleKey: "portal.nav.reports", href: Paths.Portal.reports()),
                ])
            var ctx = PageContext(
                lang: req.state.lang, userName: req.state.user?.displayName, nav: [portal], csrf: req.state.csrf, path: req.url.path,
                flash: flash(req))
            ctx.unread = req.state.unread
            ctx.sandbox = req.state.sandbox
            return ctx
        }
        var sections = [NavSection(titleKey: "nav.section.home", items: [NavItem(titleKey: "nav.home", href: Paths.Shell.home())])]
        var org: [NavItem] = []
        if allowed(.organisation) {
            org.append(NavItem(titleKey: "nav.branches", href: Paths.Organisation.branches()))
            org.append(NavItem(titleKey: "nav.departments", href: Paths.Organisation.departments()))
            org.append(NavItem(titleKey: "nav.company", href: Paths.Organisation.company()))
        }
        if p?.rowScope(.organisation, .edit).map({ if case .all = $0 { true } else { false } }) == true {
            org.append(NavItem(titleKey: "nav.settings", href: Paths.Organisation.settings()))
            org.append(NavItem(titleKey: "nav.numbering", href: Paths.Organisation.numbering()))
        }
        if allowed(.users) { org.append(NavItem(titleKey: "nav.users", href: Paths.Access.users())) }
        if allowed(.roles) { org.append(NavItem(titleKey: "nav.roles", href: Paths.Access.roles())) }
        if allowed(.webhooks) { org.append(NavItem(titleKey: "nav.webhooks", href: Paths.Webhooks.subscriptions())) }
        if p?.can(.customers, .create) == true || p?.can(.products, .create) == true {
            org.append(NavItem(titleKey: "nav.imports", href: Paths.Imports.jobs()))
        }
        if let p, p.partnerId == nil, Module.allCases.contains(where: { p.can($0, .export) }) {
            org.append(NavItem(titleKey: "nav.exports", href: Paths.Exports.jobs()))
        }
        if !org.isEmpty { sections.append(NavSection(titleKey: "nav.section.org", items: org)) }
        var crm: [NavItem] = []
        if allowed(.customers) {
            crm.append(NavItem(titleKey: "nav.customers", href: Paths.CRM.customers()))
            crm.append(NavItem(titleKey: "nav.contacts", href: Paths.CRM.contacts()))
            crm.append(NavItem(titleKey: "nav.duplicates", href: Paths.Duplicates.review()))
        }
        if allowed(.leads) { crm.append(NavItem(titleKey: "nav.leads", href: Paths.CRM.leads())) }
        if allowed(.opportunities) { crm.append(NavItem(titleKey: "nav.opportunities", href: Paths.CRM.opportunities())) }
        if allowed(.pools) { crm.append(NavItem(titleKey: "nav.pools", href: Paths.CRM.pools())) }
        if allowed(.activities) {
            crm.append(NavItem(titleKey: "nav.activities", href: Paths.CRM.activities()))
            crm.append(NavItem(titleKey: "nav.schedule", href: Paths.CRM.schedule()))
            crm.append(NavItem(titleKey: "nav.reports", href: Paths.CRM.reports()))
        }
        if allowed(.marketing) {
            crm.append(NavItem(titleKey: "nav.campaigns", href: Paths.Marketing.campaigns()))
            crm.append(NavItem(titleKey: "nav.segments", href: Paths.Marketing.segments()))
            crm.append(NavItem(titleKey: "nav.materials", href: Paths.Marketing.materials()))
            crm.append(NavItem(titleKey: "nav.sends", href: Paths.Marketing.sends()))
        }
        if p?.can(.customers, .approve) == true { crm.append(NavItem(titleKey: "nav.crm_settings", href: Paths.CRM.settings())) }
        if !crm.isEmpty { sections.append(NavSection(titleKey: "nav.section.crm", items: crm)) }
        var deals: [NavItem] = []
        if allowed(.quotes) { deals.append(NavItem(titleKey: "nav.quotes", href: Paths.Contracts.quotes())) }
        if allowed(.contracts) { deals.append(NavItem(titleKey: "nav.contracts", href: Paths.Contracts.contracts())) }
        if p != nil { deals.append(NavItem(titleKey: "nav.approvals", href: Paths.Approvals.inbox())) }
        if allowed(.expenses) { deals.append(NavItem(titleKey: "nav.expenses", href: Paths.Expenses.claims())) }
        if p?.can(.expenses, .approve) == true { deals.append(NavItem(titleKey: "nav.budgets", href: Paths.Expenses.budgets())) }
        if allowed(.cash) {
            deals.append(NavItem(titleKey: "nav.invoices", href: Paths.Cash.invoices()))
            deals.append(NavItem(titleKey: "nav.collections", href: Paths.Cash.collections()))
            deals.append(NavItem(titleKey: "nav.payments", href: Paths.Cash.payments()))
            deals.append(NavItem(titleKey: "nav.receivables", href: Paths.Cash.receivables()))
            deals.append(NavItem(titleKey: "nav.payables", href: Paths.Cash.payables()))
        }
        sections.append(NavSection(titleKey: "nav.section.finance", items: deals))
        var channel: [NavItem] = []
        if allowed(.prices) {
            channel.append(NavItem(titleKey: "nav.price_lists", href: Paths.Pricing.priceLists()))
            channel.append(NavItem(titleKey: "nav.regions", href: Paths.Pricing.regions()))
            channel.append(NavItem(titleKey: "nav.price_deviation", href: Paths.Pricing.deviation()))
        }
        if allowed(.channel) {
            channel.append(NavItem(titleKey: "nav.sightings", href: Paths.Pricing.sightings()))
            channel.append(NavItem(titleKey: "nav.channel_stock", href: Paths.Portal.channelStock()))
        }
        if p?.can(.users, .create) == true { channel.append(NavItem(titleKey: "nav.portal_users", href: Paths.Portal.users())) }
        if allowed(.stock) {
            channel.append(NavItem(titleKey: "nav.branch_transfers", href: Paths.Branches.transfers()))
        }
        if allowed(.costs) {
            channel.append(NavItem(titleKey: "nav.branch_results", href: Paths.Branches.results()))
            channel.append(NavItem(titleKey: "nav.hq", href: Paths.Branches.headOffice()))
        }
        if !channel.isEmpty { sections.append(NavSection(titleKey: "nav.section.channel", items: channel)) }
        var stock: [NavItem] = []
        if allowed(.products) {
            stock.append(NavItem(titleKey: "nav.products", href: Paths.Inventory.products()))
            stock.append(NavItem(titleKey: "nav.categories", href: Paths.Inventory.categories()))
            stock.append(NavItem(titleKey: "nav.warehouses", href: Paths.Inventory.warehouses()))
        }
        if allowed(.partners) { stock.append(NavItem(titleKey: "nav.partners", href: Paths.Inventory.partners())) }
        if allowed(.orders) { stock.append(NavItem(titleKey: "nav.orders", href: Paths.Inventory.orders())) }
        if allowed(.stock) {
            stock.append(NavItem(titleKey: "nav.stock_documents", href: Paths.Inventory.documents()))
            stock.append(NavItem(titleKey: "nav.balances", href: Paths.Inventory.balances()))
            stock.append(NavItem(titleKey: "nav.movement", href: Paths.Inventory.movement()))
            stock.append(NavItem(titleKey: "nav.alerts", href: Paths.Inventory.alerts()))
            stock.append(NavItem(titleKey: "nav.expiring", href: Paths.Inventory.expiring()))
            stock.append(NavItem(titleKey: "nav.transfer_plan", href: Paths.Inventory.transferPlan()))
            stock.append(NavItem(titleKey: "nav.periods", href: Paths.Inventory.periods()))
        }
        if allowed(.costs) { stock.append(NavItem(titleKey: "nav.margins", href: Paths.Inventory.margins())) }
        if !stock.isEmpty { sections.append(NavSection(titleKey: "nav.section.stock", items: stock)) }
        var system: [NavItem] = []
        if allowed(.audit) {
            system.append(NavItem(titleKey: "nav.audit", href: Paths.Audit.log()))
            system.append(NavItem(titleKey: "nav.data_map", href: Paths.DataMap.overview()))
        }
        system.append(NavItem(titleKey: "nav.notifications", href: Paths.Shell.notifications()))
        system.append(NavItem(titleKey: "nav.tokens", href: Paths.Access.tokens()))
        system.append(NavItem(titleKey: "nav.api", href: Paths.Shell.apiDocs()))
        sections.append(NavSection(titleKey: "nav.section.system", items: system))
        var ctx = PageContext(
            lang: req.state.lang, userName: req.state.user?.displayName, nav: sections, csrf: req.state.csrf,
            path: req.url.path, flash: flash(req))
        ctx.unread = req.state.unread
        ctx.sandbox = req.state.sandbox
        let help = PageContext.helpKey(req.url.path)
        if req.t.has(help) { ctx.help = req.t(help) }
        return ctx
    }

    static let flashCookie = "concord_flash"

    /// Reads the message the previous action left ("success:user.saved"); only catalog keys are
    /// accepted, so a forged cookie cannot put words on the page.
    static func flash(_ req: Request) -> [Flash] {
        guard let raw = req.cookies[flashCookie]?.string, let colon = raw.firstIndex(of: ":") else { return [] }
        let kind = Flash.Kind(rawValue: String(raw[..<colon])) ?? .info
        // "key|arg|arg": the arguments the message was raised with (percent-encoded), so that a
        // refusal after a redirect still names what it is about instead of showing {0}.
        let parts = raw[raw.index(after: colon)...].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let key = parts[0]
        guard req.t.has(key) else { return [] }
        let args = parts.dropFirst().map { String(($0.removingPercentEncoding ?? "").prefix(200)) }
        return [Flash(kind, ConcordErrorMiddleware.message(DomainError(.invalid, code: "", messageKey: key, args: args), req.t))]
    }

    /// A 303 to `location` that leaves a flash message for the next page.
    static func redirect(
        _ req: Request, to location: String, flash key: String? = nil, args: [String] = [], kind: Flash.Kind = .success
    ) -> Response {
        let response = req.redirect(to: location, redirectType: .normal)
        if let key {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._")
            let value = ([key] + args.map { String($0.prefix(200)).addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }).joined(
                separator: "|")
            response.cookies[flashCookie] = HTTPCookies.Value(
                string: "\(kind.rawValue):\(value)", maxAge: 30, path: "/",
                isSecure: req.concord.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// A 303 to `location` that shows a refusal there, with what it named.
    static func redirect(_ req: Request, to location: String, error e: DomainError) -> Response {
        redirect(req, to: location, flash: e.messageKey, args: e.args, kind: .error)
    }

    /// Renders a page and clears the flash that it showed.
    static func page(_ req: Request, _ html: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response.html(html, status: status)
        if req.cookies[flashCookie] != nil {
            response.cookies[flashCookie] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                isSecure: req.concord.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// A service error on a form: the message goes next to the field it names.
    /// Where a person sees each API collection an error can point to.
    static let resourcePages = [
        "customers": Paths.CRM.customer("{id}"), "partners": Paths.Inventory.editPartner("{id}"), "leads": Paths.CRM.lead("{id}"),
        "contracts": Paths.Contracts.contract("{id}"), "quotes": Paths.Contracts.quote("{id}"),
    ]

    static func attach(_ error: any Error, to form: inout FormModel, _ req: Request) throws {
        guard let e = error as? DomainError, e.kind == .invalid || e.kind == .conflict || (e.kind == .forbidden && e.field != nil) else {
            throw error
        }
        // A duplicate links to the record it matches, on the page that shows that kind of record.
        let link = e.resource.flatMap { r -> (href: String, label: String)? in
            let parts = r.split(separator: "/")
            guard parts.count == 2, let page = resourcePages[String(parts[0])] else { return nil }
            return (page.replacingOccurrences(of: "{id}", with: String(parts[1])), req.t("action.open_existing"))
        }
        form.attach(error: ConcordErrorMiddleware.message(e, req.t), field: e.field, link: link)
    }

    /// A path as a whole address, for what leaves the browser (an invitation, a QR code on a poster):
    /// the host the request came to, over HTTPS when the cookies are secure.
    static func absolute(_ req: Request, _ path: String) -> String {
        let host = req.headers.first(name: .host) ?? "127.0.0.1"
        return (req.concord.secureCookies ? "https" : "http") + "://" + host + path
    }

    static func date(_ ms: Int64?, _ lang: Lang) -> String {
        guard let ms else { return "—" }
        return CalendarDate.chinaDateTime(ms)
    }

    /// Names by id, for showing who and which customer on a page.
    enum NameSource { case users, partners }

    /// Whether the signed-in person may open a record of this module held by that branch, department and owner:
    /// pages link only where the link leads somewhere.
    static func mayOpen(_ req: Request, _ module: Module, branch: Int64?, department: Int64? = nil, owner: Int64?) -> Bool {
        guard let p = req.state.principal else { return false }
        return p.rowScope(module, .view)?.contains(branch: branch, department: department, owner: owner) ?? false
    }

    /// A customer's name, linked to its page when the reader may open it (a record can name a
    /// customer that changed hands since).
    static func customerLink(_ id: Int64, _ name: String, _ req: Request) async -> Node {
        (try? await CustomerService.find(id, req.services)) != nil ? CommonPages.link(name, Paths.CRM.customer(id)) : .text(name)
    }

    static func names(_ source: NameSource, _ ids: [Int64], _ req: Request) async throws -> [Int64: String] {
        switch source {
        case .users: try await AccessQueries.userNames(ids, on: req.store)
        case .partners: try await CRMQueries.partnerNames(ids, on: req.store)
        }
    }

    /// The active people a scope reaches, by name: whom a manager may hand a record to.
    static func people(in scope: RowScope, _ req: Request) async throws -> [(id: Int64, name: String)] {
        try await AccessQueries.activeStaff(on: req.store)
            .filter { scope.contains(branch: $0.branchId, department: $0.departmentId, owner: $0.id) }.map { ($0.id, $0.displayName) }
    }

    /// "1", "2" → Int64 ids from a form; junk is dropped (the service then names the field).
    static func ids(_ texts: [String]?) -> [Int64] { (texts ?? []).compactMap { Int64($0) } }
    static func id(_ text: String?) -> Int64? { text.flatMap { Int64($0) } }
}

extension Dictionary where Key == Int64, Value == ProductRow {
    /// A product as document lines show it: code and name ("" for one no longer found).
    func label(_ id: Int64) -> String { (self[id]?.code ?? "") + " " + (self[id]?.name ?? "") }
}
