import Kernel

/// Ready-made roles for the people a small company has on day one: general manager, branch
/// manager, sales manager, salesperson, finance, warehouse keeper. A template fills the new-role
/// form (or a program's POST /roles); the administrator may change anything before saving. The
/// demo company's roles are these.
public enum RoleTemplates {
    public struct Template: Sendable, Equatable {
        /// Also the role's code when made from it.
        public let key: String
        /// The role's name when made by a program (pages name it in the reader's language).
        public let name: String
        public let permissions: [String]
        public let scope: DataScope
    }

    /// A salesperson's daily work: customers, follow-ups, the pool, leads, opportunities, quotes,
    /// contracts, orders, their own expenses.
    static let crmWork = [
        "customers.view", "customers.create", "customers.edit", "activities.view", "activities.create", "activities.edit",
        "activities.delete", "pools.view", "pools.edit", "leads.view", "leads.create", "leads.edit", "opportunities.view",
        "opportunities.create", "opportunities.edit", "quotes.view", "quotes.create", "quotes.edit", "contracts.view", "contracts.create",
        "contracts.edit", "orders.view", "orders.create", "cash.view", "expenses.view", "expenses.create", "expenses.edit",
        "prices.view", "channel.view", "channel.create", "marketing.view",
    ]
    /// And what those who lead salespeople approve, hand over and export.
    static let crmLead =
        crmWork + [
            "customers.approve", "customers.delete", "customers.export", "pools.approve", "leads.approve", "leads.export",
            "opportunities.approve", "opportunities.export", "contracts.export",
            "activities.approve", "contracts.approve", "contracts.delete", "approvals.view", "partners.view", "channel.edit",
            "stock.view", "marketing.create", "marketing.edit", "marketing.export",
        ]

    public static let all: [Template] = [
        Template(
            key: "general_manager", name: "总经理",
            permissions: [
                "organisation.view", "users.view", "roles.view", "audit.view", "approvals.approve", "expenses.approve", "prices.create",
                "prices.edit", "costs.view",
            ] + crmLead, scope: .all),
        Template(
            key: "branch_manager", name: "分公司经理",
            permissions: ["organisation.view", "organisation.edit", "users.view", "users.create", "users.edit", "audit.view", "costs.view"]
                + crmLead, scope: .branch),
        Template(
            key: "sales_manager", name: "销售经理",
            permissions: ["organisation.view", "users.view", "audit.view"] + crmLead, scope: .department),
        Template(key: "sales_rep", name: "销售代表", permissions: ["users.view"] + crmWork, scope: .own),
        Template(
            key: "finance", name: "财务",
            permissions: [
                "organisation.view", "users.view", "audit.view", "audit.export", "cash.view", "cash.create", "cash.edit", "cash.export",
                "contracts.view", "approvals.view", "partners.view", "customers.view", "expenses.view", "expenses.approve",
                "expenses.edit", "stock.view", "costs.view",
            ], scope: .all),
        Template(
            key: "warehouse_keeper", name: "库管员",
            permissions: ["organisation.view", "products.view", "orders.view", "stock.view", "stock.create", "stock.edit", "stock.export"],
            scope: .branch),
    ]

    public static func named(_ key: String) -> Template? { all.first { $0.key == key } }

    /// The role a template makes, as input for `RoleService.create`.
    public static func input(_ t: Template) -> RoleService.Input {
        RoleService.Input(code: t.key, name: t.name, permissions: t.permissions, dataScope: t.scope.rawValue)
    }
}
