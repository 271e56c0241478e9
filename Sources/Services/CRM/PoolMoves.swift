import Kernel
import Persistence
import SQLKit

/// The history of customers going into and out of pools and between owners: the claim limits
/// read it (claims today, the last owner's wait) and the 360° page shows it.
enum PoolMoves {
    static func record(
        _ partner: Int64, pool: Int64?, action: String, from: Int64?, to: Int64?, reason: String?, _ ctx: ServiceContext
    ) async throws {
        try await ctx.store.run(
            """
            INSERT INTO pool_moves (partner_id, pool_id, action, from_owner_id, to_owner_id, reason, at, by_user_id)
            VALUES (\(bind: partner), \(bind: pool), \(bind: action), \(bind: from), \(bind: to), \(bind: reason), \(bind: ctx.nowMillis),
                    \(bind: ctx.principal?.userId))
            """)
    }
}
