import DocumentsCore
import Kernel
import Paths
import Persistence
import Services
import Vapor

/// All of Concord's HTTP surface, top to bottom.
public enum WebRoutes {
    /// Replaces Vapor's default middleware with Concord's, outermost first.
    public static func configureMiddleware(_ app: Application) {
        app.middleware = Middlewares()
        app.middleware.use(RequestContextMiddleware())
        app.middleware.use(SecurityHeadersMiddleware())
        app.middleware.use(ConcordErrorMiddleware())
        app.middleware.use(AuthMiddleware())
    }

    public static func register(_ app: Application) {
        // Operations: no session, no CSRF.
        app.get("healthz", use: health)
        app.get("metrics", use: metrics)
        app.get("assets", "app.css", use: Assets.css)
        app.get("assets", "app.js", use: Assets.js)
        app.get("api", "v1", "openapi.json", use: ApiDocsPages.json)

        // Pages. Every POST carries the CSRF token. Each module's table registers its own.
        let pages = app.grouped(CSRFMiddleware())
        pages.get(Paths.Shell.login, use: LoginPages.show)
        pages.post(Paths.Shell.login, use: LoginPages.login)
        pages.get(Paths.Shell.language, use: LoginPages.language)
        // An invited person has no session yet: the link's secret is the right.
        pages.get(Paths.Access.invite, use: InvitePages.show)
        pages.post(Paths.Access.invite, use: InvitePages.accept)
        // The web-to-lead form: visitors of the company's website, never signed in.
        pages.get(Paths.CRM.webForm, use: WebFormPages.show)
        pages.post(Paths.CRM.webForm, use: WebFormPages.submit)
        // An event's invitees answer at their own link, never signed in.
        Paths.Marketing.registerPublic(pages, open: app)
        MovedPages.register(pages)

        let signedIn = pages.grouped(RequireSessionMiddleware())
        signedIn.post(Paths.Shell.logout, use: LoginPages.logout)
        signedIn.get(Paths.Shell.home, use: HomePages.home)
        signedIn.get(Paths.Shell.apiDocs, use: ApiDocsPages.page)
        signedIn.get(Paths.Shell.notifications, use: NotificationPages.list)
        signedIn.post(Paths.Shell.readAllNotifications, use: NotificationPages.readAll)
        signedIn.post(Paths.Shell.readNotification, use: NotificationPages.read)
        Paths.Access.register(signedIn)
        Paths.Organisation.register(signedIn)
        Paths.Audit.register(signedIn)
        Paths.CRM.register(signedIn)
        Paths.Approvals.register(signedIn)
        Paths.Contracts.register(signedIn)
        Paths.Cash.register(signedIn)
        Paths.Pricing.register(signedIn)
        Paths.Expenses.register(signedIn)
        Paths.Branches.register(signedIn)
        Paths.Portal.register(signedIn)
        Paths.Inventory.register(signedIn)
        Paths.Webhooks.register(signedIn)
        Paths.Imports.register(signedIn)
        Paths.Exports.register(signedIn)
        Paths.Duplicates.register(signedIn)
        Paths.DataMap.register(signedIn)
        Paths.Marketing.register(signedIn)

        // The API: bearer tokens, JSON, Idempotency-Key on POST.
        let api = app.grouped("api", "v1")
        api.post("auth", "token", use: AuthAPI.token)
        let authed = api.grouped(RequireTokenMiddleware(), IdempotencyMiddleware())
        authed.get("me", use: AuthAPI.me)
        authed.post("me", "password", use: AuthAPI.changePassword)
        authed.get("tokens", use: AuthAPI.listTokens)
        authed.post("tokens", ":id", "revoke", use: AuthAPI.revokeToken)
        authed.get("branches", use: OrganisationAPI.listBranches)
        authed.post("users", ":id", "invite", use: InvitePages.issueAPI)
        api.post("invites", ":token", "accept", use: InvitePages.acceptAPI)
        authed.get("company", use: OrganisationAPI.company)
        authed.get("setup", use: OrganisationAPI.setup)
        authed.post("setup", ":step", "skip", use: OrganisationAPI.skipSetupStep)
        authed.put("company", use: OrganisationAPI.updateCompany)
        authed.get("settings", use: SettingsPages.get)
        authed.put("settings", use: SettingsPages.put)
        authed.get("settings", "numbering", use: NumberingPages.get)
        authed.put("settings", "numbering", use: NumberingPages.put)
        authed.get("company", "logo", use: OrganisationAPI.companyLogo)
        authed.on(.PUT, "company", "logo", body: .collect(maxSize: "512kb"), use: OrganisationAPI.putCompanyLogo)
        authed.delete("company", "logo", use: OrganisationAPI.deleteCompanyLogo)
        authed.post("branches", use: OrganisationAPI.createBranch)
        authed.get("branches", ":id", use: OrganisationAPI.showBranch)
        authed.put("branches", ":id", use: OrganisationAPI.updateBranch)
        authed.get("departments", use: OrganisationAPI.listDepartments)
        authed.post("departments", use: OrganisationAPI.createDepartment)
        authed.get("departments", ":id", use: OrganisationAPI.showDepartment)
        authed.put("departments", ":id", use: OrganisationAPI.updateDepartment)
        authed.get("roles", use: OrganisationAPI.listRoles)
        authed.get("role-templates", use: OrganisationAPI.roleTemplates)
        authed.get("sandbox", use: SandboxPages.status)
        authed.post("sandbox", use: SandboxPages.load)
        authed.post("roles", use: OrganisationAPI.createRole)
        authed.get("roles", ":id", use: OrganisationAPI.showRole)
        authed.put("roles", ":id", use: OrganisationAPI.updateRole)
        authed.get("users", use: OrganisationAPI.listUsers)
        authed.post("users", use: OrganisationAPI.createUser)
        authed.get("users", ":id", use: OrganisationAPI.showUser)
        authed.put("users", ":id", use: OrganisationAPI.updateUser)
        authed.post("users", ":id", "reset-password", use: AuthAPI.resetPassword)
        authed.get("audit", use: OrganisationAPI.listAudit)
        authed.get("audit", "export", use: AuditExports.log)

        authed.get("products", use: InventoryAPI.listProducts)
        authed.get("products", "export", use: InventoryExports.products)
        authed.post("products", use: InventoryAPI.createProduct)
        authed.get("products", ":id", use: InventoryAPI.showProduct)
        authed.put("products", ":id", use: InventoryAPI.updateProduct)
        authed.get("units", use: InventoryAPI.listUnits)
        authed.get("product-categories", use: InventoryAPI.listCategories)
        authed.post("product-categories", use: InventoryAPI.createCategory)
        authed.get("product-categories", ":id", use: InventoryAPI.showCategory)
        authed.put("product-categories", ":id", use: InventoryAPI.updateCategory)
        authed.get("warehouses", use: InventoryAPI.listWarehouses)
        authed.post("warehouses", use: InventoryAPI.createWarehouse)
        authed.get("warehouses", ":id", use: InventoryAPI.showWarehouse)
        authed.put("warehouses", ":id", use: InventoryAPI.updateWarehouse)
        authed.get("partners", use: InventoryAPI.listPartners)
        authed.get("partners", "export", use: InventoryExports.partners)
        authed.post("partners", use: InventoryAPI.createPartner)
        authed.get("partners", ":id", use: InventoryAPI.showPartner)
        authed.put("partners", ":id", use: InventoryAPI.updatePartner)
        for orders in ["purchase-orders", "sales-orders"] {
            authed.get(.constant(orders), use: InventoryAPI.listOrders)
            authed.post(.constant(orders), use: InventoryAPI.createOrder)
            authed.get(.constant(orders), ":id", use: InventoryAPI.showOrder)
            authed.put(.constant(orders), ":id", use: InventoryAPI.updateOrder)
            for t in OrderFlow.transitions {
                authed.post(.constant(orders), ":id", .constant(t.rawValue), use: InventoryAPI.orderTransition(t))
            }
        }
        CRMAPI.register(authed)
        ApprovalsAPI.register(authed)
        ContractsAPI.register(authed)
        CashAPI.register(authed)
        PricingAPI.register(authed)
        TransferPlanAPI.register(authed)
        ExpenseAPI.register(authed)
        WebhooksAPI.register(authed)
        ImportsAPI.register(authed)
        ExportsAPI.register(authed)
        DuplicatesAPI.register(authed)
        DataMapAPI.register(authed)
        MarketingAPI.register(authed)
        EventAPI.register(authed)
        MessageAPI.register(authed)
        SegmentAPI.register(authed)
        MaterialAPI.register(authed)
        TriggerAPI.register(authed)
        BranchAPI.register(authed)
        PortalAPI.register(authed)
        authed.get("stock-documents", use: InventoryAPI.listDocuments)
        authed.get("stock-documents", "export", use: InventoryExports.documents)
        authed.post("stock-documents", use: InventoryAPI.createDocument)
        authed.get("stock-documents", ":id", use: InventoryAPI.showDocument)
        authed.put("stock-documents", ":id", use: InventoryAPI.updateDocument)
        authed.delete("stock-documents", ":id", use: InventoryAPI.deleteDocument)
        authed.post("stock-documents", ":id", "post", use: InventoryAPI.postDocument)
        authed.post("stock-documents", ":id", "cancel", use: InventoryAPI.cancelDocument)
        authed.get("stock", "balances", use: InventoryAPI.balances)
        authed.get("stock", "balances", "export", use: InventoryExports.balances)
        authed.get("stock", "ledger", use: InventoryAPI.ledger)
        authed.get("stock", "movement-summary", use: InventoryAPI.movementSummary)
        authed.get("stock", "below-safety", use: InventoryAPI.levelAlerts(below: true))
        authed.get("stock", "overstock", use: InventoryAPI.levelAlerts(below: false))
        authed.get("stock", "batches", use: InventoryAPI.batches)
        authed.get("stock", "expiring", use: InventoryAPI.expiring)
        authed.get("stock", "margins", use: InventoryAPI.margins)
        authed.get("stock", "available", use: InventoryAPI.atp)
        authed.post("periods", ":entity", "close", use: InventoryAPI.closePeriod)
    }

    static func health(_ req: Request) async throws -> Response {
        do {
            try await req.store.ping()
            return try ["status": "ok"].jsonResponse()
        } catch {
            return try ["status": "unavailable"].jsonResponse(status: .serviceUnavailable)
        }
    }

    static func metrics(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return Response(status: .ok, headers: headers, body: .init(string: req.concord.metrics.render()))
    }
}
