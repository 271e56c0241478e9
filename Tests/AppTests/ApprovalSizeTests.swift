import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing

/// Approvals fit the company's size: a document type without a rule needs no approval, and a
/// quote under the floor asks someone only when the company has someone else to ask. When a
/// rule's step finds nobody, the refusal says which rule and step and who can mend it.
@Suite("Approvals: the company's size and its rules")
struct ApprovalSizeTests {
    @Test func aOnePersonCompanyNeedsNoApproval() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            // A contract without a rule: in force once submitted, with no approval round.
            let c = try await ContractService.create(
                .init(
                    partnerId: f.customer, signDate: "2026-11-20", endDate: "2027-11-19",
                    lines: [.init(productId: f.products["MA"], quantity: "10", unitPrice: "3", taxRate: "13")]), admin)
            _ = try await ContractService.setPlan(c.contract.id, [.init(dueDate: "2026-12-01", amount: "30.00")], admin)
            #expect(try await ContractService.transition(c.contract.id, .submit, admin).contract.status == "active")
            // A quote under the floor (2.00 against 2.50), and nobody but the administrator: nobody else to ask.
            let q = try await QuoteService.create(
                .init(
                    partnerId: f.customer, quoteDate: "2026-11-20", validUntil: "2026-12-31",
                    lines: [.init(productId: f.products["MA"], quantity: "10", unitPrice: "2")]), admin)
            #expect(q.quote.belowFloor)
            #expect(try await QuoteService.transition(q.quote.id, .submit, admin).quote.status == "approved")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM approvals", as: Int64.self) == 0)
        }
    }

    @Test func aStepThatFindsNobodySaysWhichRuleAndStep() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let empty = try await RoleService.create(
                .init(code: "cfo", name: "财务总监", permissions: ["contracts.view"], dataScope: "all"), t.system)
            _ = try await ApprovalService.saveRule(
                nil, .init(docType: "contract", name: "合同财务复核", steps: [.init(kind: .role, ref: empty.id)]), version: nil, t.system)
            let c = try await ContractService.create(
                .init(
                    partnerId: f.customer, signDate: "2026-11-20", endDate: "2027-11-19",
                    lines: [.init(productId: f.products["MA"], quantity: "10", unitPrice: "3", taxRate: "13")]), admin)
            _ = try await ContractService.setPlan(c.contract.id, [.init(dueDate: "2026-12-01", amount: "30.00")], admin)
            let e = await #expect(throws: DomainError.self) { try await ContractService.transition(c.contract.id, .submit, admin) }
            #expect(e?.code == "approval_rule_no_approver" && e?.args == ["合同财务复核", "1", "财务总监"])
            #expect(try await ContractService.find(c.contract.id, admin).contract.status == "draft", "nothing half-written")
        }
    }
}
