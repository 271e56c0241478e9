import Foundation
import InventoryCore
import Kernel
import Persistence

/// Switching a branch between independent and consolidated accounting (独立核算 / 非独立核算).
/// Only at a period boundary: nothing may be posted yet in the current month in the warehouses
/// whose accounting entity changes. The switch says first what it will move: the stock on hand
/// of those warehouses leaves the old entity's costing at its value and enters the new one at
/// the same value (an issue and a receipt dated the first of the month); receivables and
/// payables stay with the branch.
public enum AccountingSwitch {
    public typealias Move = BranchQueries.Balance

    public struct Plan: Sendable {
        public var branchId: Int64
        public var from: AccountingMode
        public var to: AccountingMode
        public var effective: String
        public var warehouses: [Int64]
        public var moves: [Move]
        public var openReceivables: Int64
        public var openPayables: Int64
        /// Documents already posted this month in the affected warehouses (a switch needs none).
        public var postedThisMonth: Int64
    }

    public static func plan(_ branchId: Int64, to target: String?, _ ctx: ServiceContext) async throws -> Plan {
        let scope = try ctx.require(.organisation, .edit)
        guard let branch = try await OrganisationQueries.branch(branchId, on: ctx.store),
            scope.contains(branch: branchId, department: nil, owner: nil)
        else {
            throw DomainError.notFound
        }
        let to = try Validate.oneOf(target, "accounting", as: AccountingMode.self)
        let from = AccountingMode(rawValue: branch.accounting) ?? .independent
        guard to != from else { throw DomainError.invalid("accounting", code: "accounting_unchanged", args: [branch.name]) }
        guard branch.parentId != nil || to == .independent else { throw DomainError.invalid("accounting", code: "head_office_independent") }
        // Which warehouses change entity: those of this branch and of the branches that follow it.
        let before = try await CostingScopes.load(ctx.store)
        let all = try await InventoryQueries.warehouses(on: ctx.store)
        var after = before.branches
        after[branchId]?.accounting = to.rawValue
        func entity(_ b: Int64, _ branches: [Int64: BranchRow]) -> Int64 {
            var cursor = branches[b]
            while let c = cursor, c.accounting != AccountingMode.independent.rawValue, let p = c.parentId { cursor = branches[p] }
            return cursor?.id ?? b
        }
        let affected = all.filter { entity($0.branchId, before.branches) != entity($0.branchId, after) }.map(\.id)
        let effective = String(CalendarDate.chinaDate(ctx.nowMillis).prefix(7)) + "-01"
        var moves: [Move] = []
        var posted: Int64 = 0
        if !affected.isEmpty {
            moves = try await BranchQueries.balances(inWarehouses: affected, on: ctx.store)
            posted = try await BranchQueries.documentsPosted(inWarehouses: affected, since: effective, on: ctx.store)
        }
        let open = try await BranchQueries.open(ofBranch: branchId, on: ctx.store)
        return Plan(
            branchId: branchId, from: from, to: to, effective: effective, warehouses: affected, moves: moves,
            openReceivables: open["ar"] ?? 0, openPayables: open["ap"] ?? 0,
            postedThisMonth: posted)
    }

    /// Switches, refusing in the middle of a period; answers the branch.
    public static func apply(_ branchId: Int64, to target: String?, version: Int64?, _ ctx: ServiceContext) async throws -> BranchRow {
        try await ctx.write { ctx in
            let p = try await plan(branchId, to: target, ctx)
            guard let branch = try await OrganisationQueries.branch(branchId, on: ctx.store) else { throw DomainError.notFound }
            try Validate.version(version, current: branch.version)
            guard p.postedThisMonth == 0 else {
                throw DomainError(
                    .conflict, code: "mode_switch_mid_period", args: [String(p.effective.prefix(7)), String(p.postedThisMonth)])
            }
            let reason = "核算方式变更：" + branch.name
            // Out of the old entity's costing, at value…
            var issued: [(Move, Int64)] = []
            for (warehouse, moves) in Dictionary(grouping: p.moves.filter { $0.qty > 0 }, by: \.warehouseId).sorted(by: { $0.key < $1.key })
            {
                let d = try await StockDocumentService.create(
                    .init(
                        type: StockDocumentType.otherIssue.rawValue, postingDate: p.effective, reason: reason,
                        lines: moves.map {
                            .init(
                                productId: $0.productId, quantity: Quantity(units: $0.qty).description,
                                warehouseId: warehouse, batch: $0.batch.isEmpty ? nil : $0.batch)
                        }),
                    post: true, ctx)
                for (m, l) in zip(moves, d.lines) { issued.append((m, l.costValue ?? 0)) }
            }
            try await OrganisationWrites.setAccounting(ofBranch: branchId, p.to, at: ctx.nowMillis, on: ctx.store)
            // …and into the new one at the same value.
            for (warehouse, group) in Dictionary(grouping: issued, by: { $0.0.warehouseId }).sorted(by: { $0.key < $1.key }) {
                let d = try await StockDocumentService.create(
                    .init(
                        type: StockDocumentType.otherReceipt.rawValue, postingDate: p.effective, reason: reason,
                        lines: try group.map {
                            .init(
                                productId: $0.0.productId, quantity: Quantity(units: $0.0.qty).description,
                                warehouseId: warehouse, batch: $0.0.batch.isEmpty ? nil : $0.0.batch,
                                unitCost: try BranchTradeService.unitPrice($0.1, $0.0.qty).description)
                        }), ctx)
                for (l, g) in zip(d.lines, group) {
                    try await InventoryWrites.fixValue(ofLine: l.id, g.1, on: ctx.store)
                }
                _ = try await StockPosting.post(d.document.id, ctx)
            }
            try await ctx.audit(
                "switch_accounting", "branch", branchId, branch: branchId,
                [
                    FieldChange("accounting", old: p.from.rawValue, new: p.to.rawValue),
                    FieldChange("effective", old: nil, new: p.effective),
                    FieldChange("moved", old: nil, new: "\(p.moves.count) balances, \(Money(fen: try Checked.sum(p.moves.map(\.value))))"),
                ])
            return try await OrganisationQueries.branch(branchId, on: ctx.store)!
        }
    }
}
