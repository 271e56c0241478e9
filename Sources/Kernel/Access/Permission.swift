/// What a role may do: an action on a module (DESIGN.md section 3). Later modules add theirs.
public enum Module: String, Sendable, CaseIterable, Codable {
    /// Branches and departments (the Organisation module).
    case organisation
    case users, roles, audit
    /// Products, categories, units and warehouses.
    case products
    /// The partner master: customers and suppliers.
    case partners
    /// Purchase and sales orders.
    case orders
    /// Stock documents, stock reports, period close.
    case stock
    /// CRM customers (the customer side of the partner master), their contacts, related
    /// organisations and custom fields (create/edit/delete of fields: `approve`).
    case customers
    /// Public pools: view them, claim and release (`edit`), configure pools and rules and
    /// assign pool customers to others (`approve`).
    case pools
    /// Leads and the lead pool; assignment rules (`approve`).
    case leads
    /// Opportunities and the funnel; stages (`approve`).
    case opportunities
    /// Follow-ups, the schedule and work reports; a manager comments reports (`approve`).
    case activities
    /// Quotes to customers.
    case quotes
    /// Sales and purchase contracts, their attachments and payment plans.
    case contracts
    /// Invoices, collections, payments, receivables and payables (the Cash module).
    case cash
    /// Every approval in scope (`view`); the approval rules (`approve`). Acting on an approval
    /// needs no permission of its own: being its current approver is the right.
    case approvals
    /// Sales regions, price lists and the price-deviation report.
    case prices
    /// Cross-region control (窜货 sightings and cases) and the distributor channel.
    case channel
    /// Expense claims (one's own with `own` scope); budgets and the budget report (`approve`).
    case expenses
    /// Figures of cost, margin and profit (`view`): stock values and unit costs, cost of goods,
    /// gross margin, branch results and the head-office view. Quantities need only `stock`;
    /// these need this too, so a warehouse keeper counts goods without seeing what they cost.
    case costs
    /// Webhooks: the programs told of changes (subscriptions, their deliveries, replays).
    case webhooks
    /// Marketing: campaigns and their costs (view: anyone naming a campaign on a lead; create,
    /// edit: those who run campaigns).
    case marketing

    /// The actions that mean something on this module: the figures of `costs` are only seen.
    public var actions: [Action] { self == .costs ? [.view] : Action.allCases }
}

public enum Action: String, Sendable, CaseIterable, Codable {
    case view, create, edit, delete, approve, export
}

public struct Permission: Sendable, Hashable, Codable, CustomStringConvertible {
    public var module: Module
    public var action: Action
    public init(_ module: Module, _ action: Action) {
        self.module = module
        self.action = action
    }

    /// "organisation.view"
    public var description: String { "\(module.rawValue).\(action.rawValue)" }

    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let m = Module(rawValue: Self.renamed[String(parts[0])] ?? String(parts[0])),
            let a = Action(rawValue: String(parts[1])), m.actions.contains(a)
        else { return nil }
        self.init(m, a)
    }

    /// Names the modules had before each took one name in every layer: roles saved, or API
    /// clients written, with `org.view` or `finance.create` keep meaning the same right.
    static let renamed = ["org": "organisation", "finance": "cash"]

    public static var all: [Permission] {
        Module.allCases.flatMap { m in m.actions.map { Permission(m, $0) } }
    }

    /// A role's permissions as stored: "organisation.view organisation.create" or "*" for everything.
    public static func parseList(_ text: String) -> Set<Permission> {
        if text.trimmingCharactersWhitespace() == "*" { return Set(all) }
        return Set(text.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Permission(String($0)) })
    }

    public static func formatList(_ set: Set<Permission>) -> String {
        if set == Set(all) { return "*" }
        return set.map(\.description).sorted().joined(separator: " ")
    }
}

/// How far a permission reaches: own records, the department (with sub-departments), the
/// branch (with its sub-branches), or everything. Ordered from narrow to wide.
public enum DataScope: String, Sendable, CaseIterable, Codable, Comparable {
    case own, department, branch, all

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: DataScope, b: DataScope) -> Bool { a.rank < b.rank }
}
