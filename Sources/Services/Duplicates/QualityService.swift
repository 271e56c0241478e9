import Foundation
import Kernel
import Persistence

/// Cleansing reports over the customers the reader sees: missing phone (on the customer and its
/// contacts), region, owner (neither owned nor in a pool), USCC (companies), a stored USCC whose
/// check character is wrong, and owned customers nobody followed up for `staleDays`.
public enum QualityService {
    public typealias Check = QualityQueries.Check
    public static let staleDays: Int64 = 180

    static func staleBefore(_ ctx: ServiceContext) -> Int64 { ctx.nowMillis - staleDays * 86_400_000 }

    /// Each check with how many customers it finds.
    public static func summary(_ ctx: ServiceContext) async throws -> [(check: Check, count: Int64)] {
        let scope = try ctx.require(.customers, .view)
        var out: [(Check, Int64)] = []
        for c in Check.allCases {
            if c == .invalidUSCC {
                out.append((c, Int64(try await invalid(scope: scope, after: 0, limit: .max, ctx).count)))
            } else {
                out.append((c, try await QualityQueries.count(c, scope: scope, staleBefore: staleBefore(ctx), on: ctx.store)))
            }
        }
        return out
    }

    /// A page of the customers one check finds, by id.
    public static func list(_ check: Check, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<QualityRow> {
        let scope = try ctx.require(.customers, .view)
        var after: Int64 = 0
        if let cursor {
            guard case .int = cursor.key else { throw DomainError(.badRequest, code: "invalid_cursor", field: "cursor") }
            after = cursor.id
        }
        let rows =
            check == .invalidUSCC
            ? try await invalid(scope: scope, after: after, limit: limit + 1, ctx)
            : try await QualityQueries.rows(
                check, scope: scope, staleBefore: staleBefore(ctx), after: after, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// Customers whose stored USCC fails its check, read a page at a time.
    static func invalid(scope: RowScope, after: Int64, limit: Int, _ ctx: ServiceContext) async throws -> [QualityRow] {
        var out: [QualityRow] = []
        var from = after
        while out.count < limit {
            let page = try await QualityQueries.rows(.invalidUSCC, scope: scope, staleBefore: 0, after: from, limit: 5_000, on: ctx.store)
            guard let last = page.last else { break }
            out += page.filter { $0.uscc.flatMap(USCC.validate) == nil }
            from = last.id
        }
        return Array(out.prefix(limit))
    }
}
