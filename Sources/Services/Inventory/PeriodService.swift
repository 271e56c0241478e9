import Kernel
import Persistence

/// Period close (月结) per accounting entity: documents dated on or before the closing date are
/// refused afterwards, so the books of a closed month never change.
public enum PeriodService {
    public static func closedThrough(entity: Int64, _ store: Store) async throws -> String? {
        try await InventoryQueries.closedThrough(entity: entity, on: store)
    }

    static func ensureOpen(date: String, entities: Set<Int64>, _ store: Store) async throws {
        for e in entities.sorted() {
            if let closed = try await closedThrough(entity: e, store), date <= closed {
                throw DomainError(.conflict, code: "period_closed", field: "postingDate", args: [date, closed])
            }
        }
    }

    /// Closes an entity's books through a date (the last day of a month, usually). The entity
    /// must be independently accounted (or the head office); drafts dated inside stay drafts.
    public static func close(entity: Int64, through date: String, _ ctx: ServiceContext) async throws -> String {
        let scope = try ctx.require(.stock, .approve)
        guard Validate.isDate(date) else { throw DomainError.invalid("through", code: "invalid_date") }
        return try await ctx.write { ctx in
            guard let branch = try await OrganisationQueries.branch(entity, on: ctx.store),
                scope.contains(branch: entity, department: nil, owner: nil)
            else {
                throw DomainError.notFound
            }
            let scopes = try await CostingScopes.load(ctx.store)
            guard scopes.entity(ofBranch: entity) == entity else {
                throw DomainError.invalid("entity", code: "not_an_entity", args: [branch.name])
            }
            if let closed = try await closedThrough(entity: entity, ctx.store), date <= closed {
                throw DomainError(.conflict, code: "already_closed", field: "through", args: [closed])
            }
            try await InventoryWrites.closePeriod(
                entity: entity, through: date, by: ctx.principal?.userId, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit("close_period", "branch", entity, branch: entity, [FieldChange("closedThrough", old: nil, new: date)])
            return date
        }
    }
}
