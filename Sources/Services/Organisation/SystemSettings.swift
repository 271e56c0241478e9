import Foundation
import Kernel
import Persistence

/// The company-wide switches that used to need SQL: negative stock, costing per warehouse, what
/// an expense claim over budget does, and whether webhooks may go to private addresses. Read by
/// anyone who sees the organisation; changed only with `organisation.edit` over the whole company,
/// and audited.
public enum SystemSettings {
    public struct Values: Sendable, Equatable, Codable {
        /// 允许负库存: an issue may take more than is on hand; the receipt that covers it settles the cost.
        public var allowNegativeStock = false
        /// 分仓核算: each warehouse its own costing scope instead of the branch's books.
        public var costingPerWarehouse = false
        /// `warn` (the claim goes on, marked) or `refuse`.
        public var overBudget = "warn"
        /// Webhooks to this machine and private networks (a receiver inside the firewall).
        public var webhooksAllowPrivate = false
        /// 网站留资表单: the secret in the public form's address (`/crm/web-form/<key>`); nil: off.
        public var webFormKey: String?
        public init() {}
    }

    public struct Input: Sendable, Equatable, Codable {
        public var allowNegativeStock: Bool?
        public var costingPerWarehouse: Bool?
        public var overBudget: String?
        public var webhooksAllowPrivate: Bool?
        /// Turns the public web-to-lead form on (with a new address if it had none) or off.
        public var webForm: Bool?
        /// A new address for the form (the old one stops working): when spam found it.
        public var rotateWebForm: Bool?
        public init(
            allowNegativeStock: Bool? = nil, costingPerWarehouse: Bool? = nil, overBudget: String? = nil, webhooksAllowPrivate: Bool? = nil,
            webForm: Bool? = nil, rotateWebForm: Bool? = nil
        ) {
            self.webForm = webForm
            self.rotateWebForm = rotateWebForm
            self.allowNegativeStock = allowNegativeStock
            self.costingPerWarehouse = costingPerWarehouse
            self.overBudget = overBudget
            self.webhooksAllowPrivate = webhooksAllowPrivate
        }
    }

    public static let overBudgetPolicies = ["warn", "refuse"]

    static let keys = (
        negative: Settings.Key.allowNegativeStock, perWarehouse: Settings.Key.costingPerWarehouse, overBudget: Settings.Key.overBudget,
        webhooks: Settings.Key.webhooksAllowPrivate, webForm: Settings.Key.webFormKey
    )

    public static func get(_ ctx: ServiceContext) async throws -> Values {
        try ctx.require(.organisation, .view)
        return try await read(ctx.store)
    }

    static func read(_ store: Store) async throws -> Values {
        let s = try await Settings.get([keys.negative, keys.perWarehouse, keys.overBudget, keys.webhooks, keys.webForm], on: store)
        var v = Values()
        v.allowNegativeStock = s[keys.negative] == "true"
        v.costingPerWarehouse = s[keys.perWarehouse] == "true"
        v.overBudget = s[keys.overBudget] == "refuse" ? "refuse" : "warn"
        v.webhooksAllowPrivate = s[keys.webhooks] == "true"
        v.webFormKey = s[keys.webForm]
        return v
    }

    /// Changes what the input names; a field left out keeps its value.
    public static func update(_ input: Input, _ ctx: ServiceContext) async throws -> Values {
        let scope = try ctx.require(.organisation, .edit)
        guard case .all = scope else { throw DomainError(.forbidden, code: "needs_wider_scope", field: "settings", args: ["settings"]) }
        if let p = input.overBudget, !overBudgetPolicies.contains(p) {
            throw DomainError.invalid("overBudget", code: "wrong_type", args: ["overBudget"])
        }
        return try await ctx.write { tx in
            let old = try await read(tx.store)
            var new = old
            new.allowNegativeStock = input.allowNegativeStock ?? old.allowNegativeStock
            new.costingPerWarehouse = input.costingPerWarehouse ?? old.costingPerWarehouse
            new.overBudget = input.overBudget ?? old.overBudget
            new.webhooksAllowPrivate = input.webhooksAllowPrivate ?? old.webhooksAllowPrivate
            // Costs already carried per branch cannot be split per warehouse after the fact (nor
            // merged back): the scope is chosen before the first posting.
            if new.costingPerWarehouse != old.costingPerWarehouse, try await Ledger.anyEntries(on: tx.store) {
                throw DomainError(.conflict, code: "costing_in_use", field: "costingPerWarehouse")
            }
            var changes: [FieldChange] = []
            func save(_ key: String, _ field: String, _ o: String, _ n: String) async throws {
                guard o != n else { return }
                try await Settings.set(key, n, on: tx.store)
                changes.append(FieldChange(field, old: o, new: n))
            }
            try await save(keys.negative, "allowNegativeStock", String(old.allowNegativeStock), String(new.allowNegativeStock))
            try await save(keys.perWarehouse, "costingPerWarehouse", String(old.costingPerWarehouse), String(new.costingPerWarehouse))
            try await save(keys.overBudget, "overBudget", old.overBudget, new.overBudget)
            try await save(keys.webhooks, "webhooksAllowPrivate", String(old.webhooksAllowPrivate), String(new.webhooksAllowPrivate))
            let on = input.webForm ?? (old.webFormKey != nil)
            if !on, old.webFormKey != nil {
                try await Settings.remove([keys.webForm], on: tx.store)
                new.webFormKey = nil
                changes.append(FieldChange("webForm", old: "true", new: "false"))
            } else if on, old.webFormKey == nil || input.rotateWebForm == true {
                new.webFormKey = tx.tokens.token(18)
                try await Settings.set(keys.webForm, new.webFormKey!, on: tx.store)
                changes.append(FieldChange("webForm", old: String(old.webFormKey != nil), new: "true"))
            }
            if !changes.isEmpty { try await tx.audit("update", "settings", nil, changes) }
            return new
        }
    }
}
