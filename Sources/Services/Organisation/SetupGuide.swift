import Kernel
import Paths
import Persistence

/// 开始使用: the steps a new company takes in its first hour, each done when the data says so
/// (the company's details, branches, warehouses, product categories, products, opening stock,
/// customers, people, approval rules) or skipped by an administrator. Resumable by nature: it reads what exists.
public enum SetupGuide {
    public enum Step: String, Sendable, CaseIterable, Codable {
        case company, branches, warehouses, categories, products, openingStock = "opening_stock", customers, people, approvals

        /// Where the step is done.
        public var href: String {
            switch self {
            case .company: Paths.Organisation.company()
            case .branches: Paths.Organisation.branches()
            case .warehouses: Paths.Inventory.newWarehouse()
            case .categories: Paths.Inventory.categories()
            case .products: Paths.Inventory.newProduct()
            case .openingStock: Paths.Inventory.newDocument() + "?type=otherReceipt"
            case .customers: Paths.CRM.newCustomer()
            case .people: Paths.Access.newUser()
            case .approvals: Paths.Approvals.rules()
            }
        }
    }

    /// What the step's page asks of its reader: a step the reader cannot do is listed, not linked.
    public static func right(_ s: Step) -> (Module, Action) {
        switch s {
        case .company: (.organisation, .edit)
        case .branches: (.organisation, .view)
        case .warehouses, .products: (.products, .create)
        case .categories: (.products, .view)
        case .openingStock: (.stock, .create)
        case .customers: (.customers, .create)
        case .people: (.users, .create)
        case .approvals: (.approvals, .view)
        }
    }

    public struct Status: Sendable, Equatable {
        public var step: Step
        public var done: Bool
        public var skipped: Bool
    }

    static func skipKey(_ s: Step) -> String { "setup.skip." + s.rawValue }

    /// Every step and where it stands. Anyone who manages the organisation may read it.
    public static func status(_ ctx: ServiceContext) async throws -> [Status] {
        _ = try ctx.require(.organisation, .view)
        let c = try await SetupQueries.counts(on: ctx.store)
        let company = try await CompanyProfile.get(ctx.store)
        let skipped = try await Settings.get(Step.allCases.map(skipKey), on: ctx.store)
        return Step.allCases.map { s in
            let done: Bool
            switch s {
            case .company: done = company.name != nil && company.taxNumber != nil
            case .branches: done = c.branches > 1
            case .warehouses: done = c.warehouses > 0
            case .categories: done = c.categories > 0
            case .products: done = c.products > 0
            case .openingStock: done = c.stockDocuments > 0
            case .customers: done = c.customers > 0
            case .people: done = c.users > 1
            case .approvals: done = c.approvalRules > 0
            }
            return Status(step: s, done: done, skipped: skipped[skipKey(s)] == "1")
        }
    }

    /// An administrator says a step does not apply (a company with one office has no branches to add).
    public static func skip(_ step: Step, _ ctx: ServiceContext) async throws {
        _ = try ctx.require(.organisation, .edit)
        try await ctx.write { ctx in
            try await Settings.set(skipKey(step), "1", on: ctx.store)
            try await ctx.audit("skip", "setup", nil, [FieldChange("step", old: nil, new: step.rawValue)])
        }
    }
}
