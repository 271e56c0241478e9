import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

@Suite("Expense budgets and claims")
struct ExpenseTests {
    @Test func aClaimWithinBudgetNeedsTheManagerOverBudgetTheKeeperTooOrIsRefused() async throws {
        try await TestApp.run { t in
            let org = try await OrgFixture.make(t)
            let sys = t.system
            let empRole = try await RoleService.create(
                .init(
                    code: "emp", name: "员工", permissions: ["expenses.view", "expenses.create", "expenses.edit", "customers.view"],
                    dataScope: "own"), sys
            ).id
            let keeperRole = try await RoleService.create(
                .init(
                    code: "keeper", name: "预算管理", permissions: ["expenses.view", "expenses.approve", "expenses.edit"],
                    dataScope: "all"), sys
            ).id
            func user(_ name: String, _ role: Int64, manager: Int64? = nil) async throws -> Int64 {
                try await UserService.create(
                    .init(
                        username: name, displayName: name, password: TestApp.userPassword, branchId: org.hq, departmentId: org.hqSales,
                        managerId: manager, roleIds: [role]), sys
                ).user.id
            }
            let boss = try await user("boss", empRole)
            _ = try await user("keeper", keeperRole)
            _ = try await user("emp", empRole, manager: boss)
            _ = try await user("emp2", empRole, manager: boss)
            let emp = try await t.context(as: "emp"), bossCtx = try await t.context(as: "boss"), keeper = try await t.context(as: "keeper")
            try await t.managerApproves("expense_claim")
            let cats = try await ExpenseService.categories(t.store)
            let travel = try #require(cats.first { $0.code == "TRAVEL" }).id
            let office = try #require(cats.first { $0.code == "OFFICE" }).id
            // Budgets are the keeper's: the employee is refused.
            let denied = await #expect(throws: DomainError.self) {
                try await ExpenseService.setBudgets(
                    month: "2026-11", branchId: org.hq, departmentId: nil, [.init(categoryId: travel, amount: "1000")], emp)
            }
            #expect(denied?.kind == .forbidden)
            _ = try await ExpenseService.setBudgets(
                month: "2026-11", branchId: org.hq, departmentId: nil, [.init(categoryId: travel, amount: "1000")], keeper)

            func claim(_ amount: String, _ ctx: ServiceContext, category: Int64? = nil) async throws -> ExpenseService.Details {
                try await ExpenseService.create(
                    .init(
                        title: "上海出差", claimDate: "2026-11-20",
                        lines: [.init(categoryId: category ?? travel, expenseDate: "2026-11-18", amount: amount, description: "高铁")]), ctx)
            }
            let bad = await #expect(throws: DomainError.self) {
                try await ExpenseService.create(
                    .init(title: "x", claimDate: "2026-11-20", lines: [.init(categoryId: travel, expenseDate: "2026-11-21", amount: "1")]),
                    emp)
            }
            #expect(bad?.field == "lines[0].expenseDate")
            // 600.00 of 1,000.00: the manager approves.
            let first = try await claim("600", emp)
            #expect(try await ExpenseService.transition(first.claim.id, .submit, emp).claim.status == "pending")
            let a1 = try #require(try await ApprovalService.list(.todo, status: nil, limit: 5, cursor: nil, bossCtx).items.first)
            _ = try await ApprovalService.decide(a1.id, .approve, comment: nil, bossCtx)
            #expect(try await ExpenseService.find(first.claim.id, emp).claim.status == "approved")
            // 500.00 more is over: after the manager, the budget keeper.
            let second = try await claim("500", emp)
            let submitted = try await ExpenseService.transition(second.claim.id, .submit, emp)
            #expect(submitted.claim.overBudget && submitted.claim.status == "pending")
            let a2 = try #require(try await ApprovalService.list(.todo, status: nil, limit: 5, cursor: nil, bossCtx).items.first)
            #expect(a2.stepCount == 2)
            _ = try await ApprovalService.decide(a2.id, .approve, comment: nil, bossCtx)
            #expect(try await ExpenseService.find(second.claim.id, emp).claim.status == "pending", "the keeper has not approved yet")
            _ = try await ApprovalService.decide(a2.id, .approve, comment: "本月特批", keeper)
            #expect(try await ExpenseService.find(second.claim.id, emp).claim.status == "approved")
            // Under a refuse policy the next one is refused, naming the category; nothing changes.
            try await Settings.set(ExpenseService.overBudgetSetting, "refuse", on: t.store)
            let third = try await claim("100", emp)
            let refused = await #expect(throws: DomainError.self) { try await ExpenseService.transition(third.claim.id, .submit, emp) }
            #expect(refused?.code == "over_budget" && refused?.args == ["差旅费", "0.00"])
            #expect(try await ExpenseService.find(third.claim.id, emp).claim.status == "draft")
            // A category without a budget is not held back.
            let paper = try await claim("80", emp, category: office)
            #expect(try await ExpenseService.transition(paper.claim.id, .submit, emp).claim.status == "pending")
            // Receipts attach to a claim; others' claims are out of an employee's reach.
            let receipt = try await AttachmentService.add(
                .claim, first.claim.id, fileName: "发票.pdf", data: Data("%PDF-1.4 receipt".utf8),
                directory: NSTemporaryDirectory() + "concord-claims-" + UUID().uuidString, emp)
            #expect(receipt.ownerId == first.claim.id)
            let emp2 = try await t.context(as: "emp2")
            await #expect(throws: DomainError.self) { try await ExpenseService.find(first.claim.id, emp2) }
            // Paid by the keeper; actual against budget for the month.
            #expect(try await ExpenseService.transition(first.claim.id, .pay, keeper).claim.status == "paid")
            let report = try await ExpenseService.report(month: "2026-11", branchId: org.hq, keeper)
            let travelRow = try #require(report.first { $0.categoryId == travel })
            #expect(travelRow.budget == 100_000 && travelRow.actual == 110_000 && travelRow.pending == 0)
            let officeRow = try #require(report.first { $0.categoryId == office })
            #expect(officeRow.budget == 0 && officeRow.pending == 8_000)
        }
    }

    @Test func thePagesTakeAClaimAndABudgetInBothLanguages() async throws {
        try await TestApp.run { t in
            let org = try await OrgFixture.make(t)
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let travel = try #require(try await ExpenseService.categories(t.store).first { $0.code == "TRAVEL" }).id
            var page = try await b.get("/expenses/budgets?month=2026-11&branchId=\(org.hq)")
            var r = try await b.post(
                "/expenses/budgets",
                [
                    ("_csrf", Browser.csrf(page.text)), ("month", "2026-11"), ("branchId", String(org.hq)),
                    ("amounts[\(travel)]", "800"),
                ])
            #expect(r.status == .seeOther)
            page = try await b.get("/expenses/claims/new")
            r = try await b.post(
                "/expenses/claims",
                [
                    ("_csrf", Browser.csrf(page.text)), ("title", "客户拜访"), ("claimDate", "2026-11-20"),
                    ("lines[0][categoryId]", String(travel)), ("lines[0][expenseDate]", "2026-11-19"), ("lines[0][amount]", "abc"),
                ])
            #expect(r.status == .unprocessableEntity && r.text.contains("客户拜访"), "the form keeps what was typed")
            r = try await b.post(
                "/expenses/claims",
                [
                    ("_csrf", Browser.csrf(page.text)), ("title", "客户拜访"), ("claimDate", "2026-11-20"),
                    ("lines[0][categoryId]", String(travel)), ("lines[0][expenseDate]", "2026-11-19"), ("lines[0][amount]", "900"),
                ])
            #expect(r.status == .seeOther)
            let claimPath = r.headers.first(name: .location)!
            page = try await b.get(claimPath)
            #expect(page.text.contains("800.00") && page.text.contains("玖佰元整"))
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/expenses/claims", "/expenses/claims?view=all", "/expenses/claims/new", claimPath, claimPath + "/edit",
                    "/expenses/budgets", "/expenses/budgets?month=2026-11&branchId=\(org.hq)",
                ] {
                    let r = try await b.get(path)
                    #expect(r.status == .ok, "\(path) in \(lang)")
                    #expect(!r.text.contains("⟦"), "\(path) in \(lang) is translated")
                }
            }
        }
    }
}
