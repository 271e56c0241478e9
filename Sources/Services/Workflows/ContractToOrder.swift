import DocumentsCore
import Foundation
import Kernel
import Persistence

/// Contract to order: what a signed contract still owes becomes confirmed orders, linked line by
/// line, so deliveries and invoices can be traced back to the contract.
public enum ContractToOrder {
    /// An active contract becomes a confirmed order (sales or purchase) for what is not yet
    /// ordered; a line may be split over warehouses. Without lines: everything left, from the
    /// warehouse named.
    public static func make(
        _ id: Int64, lines: [ContractService.OrderLineInput], warehouseId: Int64?, orderDate: String?, _ ctx: ServiceContext
    ) async throws -> OrderService.Details {
        try ctx.require(.orders, .create)
        return try await ctx.write { ctx in
            let c = try await ContractService.row(id, ctx, action: .edit)
            try ContractFlow.require(.makeOrder, from: c.status, number: c.number)
            let d = try await ContractService.details(c, ctx.store)
            let ordered = try await ContractService.orderedQty(id, ctx.store)
            var wanted = lines
            if wanted.isEmpty {
                guard let w = warehouseId else { throw DomainError.required("warehouseId") }
                wanted = try d.lines.compactMap { l in
                    let left = try l.baseQty.minus(ordered[l.id] ?? 0)
                    return left > 0
                        ? ContractService.OrderLineInput(
                            contractLineId: l.id, quantity: try ContractService.inLineUnit(left, l.factor).description, warehouseId: w)
                        : nil
                }
                guard !wanted.isEmpty else { throw DomainError(.conflict, code: "contract_fully_ordered", args: [c.number]) }
            }
            var used: [Int64: Int64] = [:]
            var orderLines: [OrderService.LineInput] = []
            var links: [Int64] = []
            for (i, w) in wanted.enumerated() {
                let f = "lines[\(i)]"
                guard let lid = w.contractLineId, let cl = d.lines.first(where: { $0.id == lid }) else {
                    throw DomainError.invalid(f + ".contractLineId", code: "not_found")
                }
                guard let q = w.quantity.flatMap({ try? Quantity(parsing: $0) }), q.isPositive,
                    let base = q.converted(by: Quantity(units: cl.factor))
                else {
                    throw DomainError.invalid(f + ".quantity", code: "not_positive", args: [f + ".quantity"])
                }
                let left = try cl.baseQty.minus(ordered[lid] ?? 0).minus(used[lid] ?? 0)
                guard base.units <= left else {
                    throw DomainError.invalid(
                        f + ".quantity", code: "contract_line_exceeded",
                        args: [c.number, try ContractService.inLineUnit(left, cl.factor).description, cl.unit])
                }
                used[lid] = try (used[lid] ?? 0).plus(base.units)
                orderLines.append(
                    .init(
                        productId: cl.productId, unit: cl.unit, quantity: q.description,
                        unitPrice: UnitPrice(units: cl.unitPrice).description,
                        warehouseId: w.warehouseId))
                links.append(lid)
            }
            let kind: OrderService.Kind = c.kind == ContractService.Kind.sales.rawValue ? .sales : .purchase
            let order = try await OrderService.create(
                kind: kind,
                .init(
                    partnerId: c.partnerId, orderDate: orderDate ?? CalendarDate.chinaDate(ctx.nowMillis),
                    note: c.number, lines: orderLines), ctx)
            // The order belongs to whoever owns the contract: the salesperson follows the deal to its delivery.
            try await InventoryWrites.tie(order: order.order.id, toContract: id, owner: c.ownerId, on: ctx.store)
            try await OrderService.setStatus(order.order, .confirmByContract, ctx)
            for (l, link) in zip(order.lines, links) { try await InventoryWrites.tie(orderLine: l.id, toContractLine: link, on: ctx.store) }
            try await ctx.audit("order", "contract", id, branch: c.branchId, [FieldChange("order", old: nil, new: order.order.number)])
            return OrderService.Details(
                order: try await InventoryQueries.order(order.order.id, on: ctx.store)!,
                lines: try await InventoryQueries.orderLines(of: order.order.id, on: ctx.store))
        }
    }
}
