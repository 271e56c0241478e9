import Kernel
import Persistence

/// The history of customers going into and out of pools and between owners: the claim limits
/// read it (claims today, the last owner's wait) and the 360° page shows it.
enum PoolMoves {
    static func record(
        _ partner: Int64, pool: Int64?, action: String, from: Int64?, to: Int64?, reason: String?, _ ctx: ServiceContext
    ) async throws {
        try await CRMWrites.recordPoolMove(
            partner: partner, pool: pool, action: action, from: from, to: to, reason: reason, by: ctx.principal?.userId, at: ctx.nowMillis,
            on: ctx.store)
    }
}
