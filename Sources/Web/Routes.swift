import Kernel
import Persistence
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

        // Pages. Every POST carries the CSRF token.
        let pages = app.grouped(CSRFMiddleware())
        pages.get("login", use: LoginPages.show)
        pages.post("login", use: LoginPages.login)
        pages.get("lang", ":code", use: LoginPages.language)

        let signedIn = pages.grouped(RequireSessionMiddleware())
        signedIn.post("logout", use: LoginPages.logout)
        signedIn.get(use: HomePages.home)
        signedIn.get("docs", "api", use: ApiDocsPages.page)

        signedIn.get("org", "branches", use: BranchPages.tree)
        signedIn.get("org", "branches", "print", use: BranchPages.print)
        signedIn.get("org", "branches", "new", use: BranchPages.new)
        signedIn.post("org", "branches", use: BranchPages.create)
        signedIn.get("org", "branches", ":id", use: BranchPages.show)
        signedIn.get("org", "branches", ":id", "edit", use: BranchPages.edit)
        signedIn.post("org", "branches", ":id", use: BranchPages.update)

        signedIn.get("org", "departments", use: DepartmentPages.list)
        signedIn.get("org", "departments", "new", use: DepartmentPages.new)
        signedIn.post("org", "departments", use: DepartmentPages.create)
        signedIn.get("org", "departments", ":id", "edit", use: DepartmentPages.edit)
        signedIn.post("org", "departments", ":id", use: DepartmentPages.update)

        signedIn.get("users", use: UserPages.list)
        signedIn.get("users", "new", use: UserPages.new)
        signedIn.post("users", use: UserPages.create)
        signedIn.get("users", ":id", use: UserPages.show)
        signedIn.get("users", ":id", "edit", use: UserPages.edit)
        signedIn.post("users", ":id", use: UserPages.update)
        signedIn.post("users", ":id", "password", use: UserPages.resetPassword)

        signedIn.get("roles", use: RolePages.list)
        signedIn.get("roles", "new", use: RolePages.new)
        signedIn.post("roles", use: RolePages.create)
        signedIn.get("roles", ":id", "edit", use: RolePages.edit)
        signedIn.post("roles", ":id", use: RolePages.update)

        signedIn.get("tokens", use: { try await TokenPages.list($0) })
        signedIn.post("tokens", use: TokenPages.create)
        signedIn.post("tokens", ":id", "revoke", use: TokenPages.revoke)

        signedIn.get("audit", use: AuditPages.list)

        let inv = signedIn.grouped("inventory")
        inv.get("products", use: ProductPages.list)
        inv.get("products", "new", use: ProductPages.new)
        inv.post("products", use: ProductPages.create)
        inv.get("products", ":id", use: ProductPages.show)
        inv.get("products", ":id", "edit", use: ProductPages.edit)
        inv.post("products", ":id", use: ProductPages.update)
        inv.get("warehouses", use: WarehousePages.list)
        inv.get("warehouses", "new", use: WarehousePages.new)
        inv.post("warehouses", use: WarehousePages.create)
        inv.get("warehouses", ":id", "edit", use: WarehousePages.edit)
        inv.post("warehouses", ":id", use: WarehousePages.update)
        inv.get("partners", use: PartnerPages.list)
        inv.get("partners", "new", use: PartnerPages.new)
        inv.post("partners", use: PartnerPages.create)
        inv.get("partners", ":id", "edit", use: PartnerPages.edit)
        inv.post("partners", ":id", use: PartnerPages.update)
        inv.get("documents", use: StockPages.list)
        inv.get("documents", "new", use: StockPages.new)
        inv.post("documents", use: StockPages.create)
        inv.get("documents", ":id", use: StockPages.show)
        inv.get("documents", ":id", "edit", use: StockPages.edit)
        inv.get("documents", ":id", "print", use: StockPages.print)
        inv.post("documents", ":id", use: StockPages.update)
        inv.post("documents", ":id", "post", use: StockPages.post)
        inv.post("documents", ":id", "cancel", use: StockPages.cancel)
        inv.post("documents", ":id", "delete", use: StockPages.delete)
        inv.get("reports", "balances", use: StockReportPages.balances)
        inv.get("reports", "ledger", use: StockReportPages.ledger)
        inv.get("reports", "movement", use: StockReportPages.movement)
        inv.get("reports", "alerts", use: StockReportPages.alerts)
        inv.get("reports", "margins", use: StockReportPages.margins)
        inv.get("periods", use: StockReportPages.periods)
        inv.post("periods", use: StockReportPages.closePeriod)

        // The API: bearer tokens, JSON, Idempotency-Key on POST.
        let api = app.grouped("api", "v1")
        api.post("auth", "token", use: AuthAPI.token)
        let authed = api.grouped(RequireTokenMiddleware(), IdempotencyMiddleware())
        authed.get("me", use: AuthAPI.me)
        authed.get("tokens", use: AuthAPI.listTokens)
        authed.post("tokens", ":id", "revoke", use: AuthAPI.revokeToken)
        authed.get("branches", use: OrganisationAPI.listBranches)
        authed.post("branches", use: OrganisationAPI.createBranch)
        authed.get("branches", ":id", use: OrganisationAPI.showBranch)
        authed.put("branches", ":id", use: OrganisationAPI.updateBranch)
        authed.get("departments", use: OrganisationAPI.listDepartments)
        authed.post("departments", use: OrganisationAPI.createDepartment)
        authed.get("departments", ":id", use: OrganisationAPI.showDepartment)
        authed.put("departments", ":id", use: OrganisationAPI.updateDepartment)
        authed.get("roles", use: OrganisationAPI.listRoles)
        authed.post("roles", use: OrganisationAPI.createRole)
        authed.get("roles", ":id", use: OrganisationAPI.showRole)
        authed.put("roles", ":id", use: OrganisationAPI.updateRole)
        authed.get("users", use: OrganisationAPI.listUsers)
        authed.post("users", use: OrganisationAPI.createUser)
        authed.get("users", ":id", use: OrganisationAPI.showUser)
        authed.put("users", ":id", use: OrganisationAPI.updateUser)
        authed.post("users", ":id", "reset-password", use: AuthAPI.resetPassword)
        authed.get("audit", use: OrganisationAPI.listAudit)

        authed.get("products", use: InventoryAPI.listProducts)
        authed.post("products", use: InventoryAPI.createProduct)
        authed.get("products", ":id", use: InventoryAPI.showProduct)
        authed.put("products", ":id", use: InventoryAPI.updateProduct)
        authed.get("units", use: InventoryAPI.listUnits)
        authed.get("warehouses", use: InventoryAPI.listWarehouses)
        authed.post("warehouses", use: InventoryAPI.createWarehouse)
        authed.get("warehouses", ":id", use: InventoryAPI.showWarehouse)
        authed.put("warehouses", ":id", use: InventoryAPI.updateWarehouse)
        authed.get("partners", use: InventoryAPI.listPartners)
        authed.post("partners", use: InventoryAPI.createPartner)
        authed.get("partners", ":id", use: InventoryAPI.showPartner)
        authed.put("partners", ":id", use: InventoryAPI.updatePartner)
        for orders in ["purchase-orders", "sales-orders"] {
            authed.get(.constant(orders), use: InventoryAPI.listOrders)
            authed.post(.constant(orders), use: InventoryAPI.createOrder)
            authed.get(.constant(orders), ":id", use: InventoryAPI.showOrder)
            authed.put(.constant(orders), ":id", use: InventoryAPI.updateOrder)
            authed.post(.constant(orders), ":id", "confirm", use: InventoryAPI.orderTransition(.confirm))
            authed.post(.constant(orders), ":id", "close", use: InventoryAPI.orderTransition(.close))
            authed.post(.constant(orders), ":id", "cancel", use: InventoryAPI.orderTransition(.cancel))
        }
        authed.get("stock-documents", use: InventoryAPI.listDocuments)
        authed.post("stock-documents", use: InventoryAPI.createDocument)
        authed.get("stock-documents", ":id", use: InventoryAPI.showDocument)
        authed.put("stock-documents", ":id", use: InventoryAPI.updateDocument)
        authed.delete("stock-documents", ":id", use: InventoryAPI.deleteDocument)
        authed.post("stock-documents", ":id", "post", use: InventoryAPI.postDocument)
        authed.post("stock-documents", ":id", "cancel", use: InventoryAPI.cancelDocument)
        authed.get("stock", "balances", use: InventoryAPI.balances)
        authed.get("stock", "ledger", use: InventoryAPI.ledger)
        authed.get("stock", "movement-summary", use: InventoryAPI.movementSummary)
        authed.get("stock", "below-safety", use: InventoryAPI.levelAlerts(below: true))
        authed.get("stock", "overstock", use: InventoryAPI.levelAlerts(below: false))
        authed.get("stock", "margins", use: InventoryAPI.margins)
        authed.get("stock", "available", use: InventoryAPI.atp)
        authed.post("periods", ":entity", "close", use: InventoryAPI.closePeriod)
    }

    static func health(_ req: Request) async throws -> Response {
        do {
            _ = try await req.store.scalar("SELECT 1 AS value", as: Int64.self)
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
