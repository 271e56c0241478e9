import App
import DocumentsCore
import Foundation
import Kernel
import Persistence
import SQLKit
import Services
import Vapor

/// `concord bench-finance`: the receivables benchmark of issue 5 against the database the
/// environment names (use an empty one). Seeds customers, contracts, invoices with their open
/// items and collections settled on most of them, then times the ageing report through the
/// service the API calls: the whole company (as a finance manager who sees all, and as a
/// salesperson who sees their own customers) and one customer.
struct BenchFinanceCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contracts", help: "contracts to seed (default 100000)") var contracts: Int?
        @Option(name: "invoices", help: "invoices to seed (default 1000000); collections settle about 80% of them") var invoices: Int?
        @Option(name: "runs", help: "timed runs of each report (default 30)") var runs: Int?
        @Flag(name: "reuse", help: "time the reports on a database this command seeded before") var reuse: Bool
    }

    var help: String { "Benchmarks the receivables ageing report over many contracts, invoices and collections (use an empty database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let say = { (s: String) in context.console.print(s) }
        let sys = try await BenchStockCommand.open(context.application, say)
        let store = sys.store
        let runs = signature.runs ?? 30
        if !signature.reuse {
            guard try await store.scalar("SELECT COUNT(*) AS n FROM contracts", as: Int64.self) == 0 else {
                say("the database already holds contracts: run the benchmark on an empty one (or pass --reuse)")
                throw ExitCode(1)
            }
            try await seed(sys, contracts: signature.contracts ?? 100_000, invoices: signature.invoices ?? 1_000_000, say: say)
        }
        try await measure(sys, runs: runs, say: say)
    }

    func seed(_ sys: ServiceContext, contracts: Int, invoices: Int, say: (String) -> Void) async throws {
        let store = sys.store
        let start = Date()
        let hq = try await OrganisationQueries.headOffice(on: store)!.id
        let dept = try await DepartmentService.create(.init(code: "SALES", name: "销售部", branchId: hq), sys).id
        let perms = ["customers.view", "cash.view", "contracts.view"]
        let repRole = try await RoleService.create(.init(code: "rep", name: "销售代表", permissions: perms, dataScope: "own"), sys).id
        let cfoRole = try await RoleService.create(.init(code: "cfo", name: "财务经理", permissions: perms, dataScope: "all"), sys).id
        var repIds: [Int64] = []
        for i in 0..<50 {
            repIds.append(
                try await UserService.create(
                    .init(
                        username: "rep\(i)", displayName: "销售\(i)", password: "bench-password-1", branchId: hq,
                        departmentId: dept, roleIds: [repRole]), sys
                ).user.id)
        }
        _ = try await UserService.create(
            .init(
                username: "cfo", displayName: "财务经理", password: "bench-password-1", branchId: hq, departmentId: dept,
                roleIds: [cfoRole]), sys)
        let reps = repIds
        let product = try await ProductService.create(
            .init(code: "B-1", name: "基准商品", baseUnit: "件", salePrice: "100", floorPrice: "50"), sys
        ).product.id
        let customers = max(1, contracts / 5)
        let now = sys.nowMillis
        let day: Int64 = 86_400_000
        let today = CalendarDate.chinaDate(now)
        var rng = SystemRandomNumberGenerator()

        func insert(_ head: String, count: Int, _ row: @escaping @Sendable (Int) throws -> SQLQueryString) async throws {
            try await BenchStockCommand.bulkInsert(store, head, count: count, per: 500, row)
        }
        // Customers (ids 1…), owned by the fifty salespeople.
        try await insert(
            """
            INSERT INTO partners (id, code, name, name_key, search_text, kind, is_customer, is_supplier, branch_id, owner_id, department_id, active, version,
                created_at, updated_at, status) VALUES
            """, count: customers
        ) { i in
            let name = "基准客户\(i + 1)有限公司"
            return """
                (\(bind: Int64(i + 1)), \(bind: String(format: "B%07d", i + 1)), \(bind: name), \(bind: name), \(bind: name), 'company', \(bind: true), \(bind: false),
                 \(bind: hq), \(bind: reps[i % reps.count]), \(bind: dept), \(bind: true), 1, \(bind: now), \(bind: now), 'active')
                """
        }
        say(String(format: "   (%d customers, %.1f s)", customers, Date().timeIntervalSince(start)))
        // Contracts, one line each, active.
        let amounts = (0..<contracts).map { _ in Int64.random(in: 1_000...500_000, using: &rng) * 100 }
        try await insert(
            """
            INSERT INTO contracts (id, number, kind, status, branch_id, partner_id, title, sign_date, start_date, end_date, renew_notice_days, net_amount,
                tax_amount, total_amount, owner_id, department_id, version, created_at, updated_at) VALUES
            """, count: contracts
        ) { i in
            let tax = try VAT.included(in: Money(fen: amounts[i]), rate: 1300).fen
            let partner = Int64(i % customers + 1)
            return """
                (\(bind: Int64(i + 1)), \(bind: String(format: "HT-B-%07d", i + 1)), 'sales', 'active', \(bind: hq), \(bind: partner), '年度供货合同',
                 '2026-01-05', '2026-01-05', '2027-01-04', 30, \(bind: amounts[i] - tax), \(bind: tax), \(bind: amounts[i]), \(bind: reps[Int(partner - 1) % reps.count]),
                 \(bind: dept), 1, \(bind: now), \(bind: now))
                """
        }
        try await insert(
            """
            INSERT INTO contract_lines (id, contract_id, line_no, product_id, unit, factor, quantity, base_qty, unit_price, tax_rate, amount, tax_amount,
                invoiced_amount, advance_open) VALUES
            """, count: contracts
        ) { i in
            let qty = amounts[i] / 10_000
            return """
                (\(bind: Int64(i + 1)), \(bind: Int64(i + 1)), 1, \(bind: product), '件', 1000000, \(bind: qty * 1_000_000), \(bind: qty * 1_000_000),
                 100000000, 1300, \(bind: amounts[i]), \(bind: try VAT.included(in: Money(fen: amounts[i]), rate: 1300).fen), \(bind: amounts[i]), 0)
                """
        }
        say(String(format: "   (%d contracts, %.1f s)", contracts, Date().timeIntervalSince(start)))
        // Invoices spread over the last 150 days; each is an open item; collections settle 80% of them,
        // a tenth of those only in part.
        let perContract = max(1, invoices / contracts)
        struct Inv { var contract: Int; var date: String; var amount: Int64; var settled: Int64 }
        let list: [Inv] = (0..<invoices).map { i in
            let c = (i / perContract) % contracts
            let amount = max(100, amounts[c] / Int64(perContract))
            let date = CalendarDate.chinaDate(now - Int64.random(in: 0...150, using: &rng) * day)
            let roll = Int.random(in: 0..<10, using: &rng)
            let settled = roll < 7 ? amount : roll < 8 ? amount / 2 : 0
            return Inv(contract: c, date: date, amount: amount, settled: settled)
        }
        try await insert(
            """
            INSERT INTO invoices (id, number, side, kind, invoice_no, status, branch_id, partner_id, contract_id, invoice_date, net_amount, tax_amount, total_amount,
                owner_id, version, created_at, updated_at) VALUES
            """, count: invoices
        ) { i in
            let v = list[i]
            let tax = try VAT.included(in: Money(fen: v.amount), rate: 1300).fen
            return """
                (\(bind: Int64(i + 1)), \(bind: String(format: "IV-B-%08d", i + 1)), 'sales', 'special', NULL, 'issued', \(bind: hq),
                 \(bind: Int64(v.contract % customers + 1)), \(bind: Int64(v.contract + 1)), \(bind: v.date), \(bind: v.amount - tax), \(bind: tax), \(bind: v.amount),
                 NULL, 1, \(bind: now), \(bind: now))
                """
        }
        try await insert(
            """
            INSERT INTO invoice_lines (id, invoice_id, line_no, product_id, stock_line_id, contract_line_id, base_qty, tax_rate, amount, tax_amount) VALUES
            """, count: invoices
        ) { i in
            let v = list[i]
            return """
                (\(bind: Int64(i + 1)), \(bind: Int64(i + 1)), 1, \(bind: product), NULL, \(bind: Int64(v.contract + 1)), 1000000, 1300, \(bind: v.amount),
                 \(bind: try VAT.included(in: Money(fen: v.amount), rate: 1300).fen))
                """
        }
        try await insert(
            """
            INSERT INTO open_items (id, side, source, partner_id, branch_id, contract_id, doc_id, doc_number, line_id, product_id, doc_date, amount, invoiced,
                settled, residual) VALUES
            """, count: invoices
        ) { i in
            let v = list[i]
            return """
                (\(bind: Int64(i + 1)), 'ar', 'invoice', \(bind: Int64(v.contract % customers + 1)), \(bind: hq), \(bind: Int64(v.contract + 1)), \(bind: Int64(i + 1)),
                 \(bind: String(format: "IV-B-%08d", i + 1)), \(bind: Int64(i + 1)), \(bind: product), \(bind: v.date), \(bind: v.amount), 0, \(bind: v.settled),
                 \(bind: v.amount - v.settled))
                """
        }
        say(String(format: "   (%d invoices with their open items, %.1f s)", invoices, Date().timeIntervalSince(start)))
        let paid = list.indices.filter { list[$0].settled > 0 }
        try await insert(
            """
            INSERT INTO payments (id, number, direction, status, branch_id, partner_id, contract_id, payment_date, amount, applied, method, reference, owner_id,
                note, version, created_at, updated_at) VALUES
            """, count: paid.count
        ) { k in
            let i = paid[k], v = list[i]
            // One collection in twenty brought more than it settled: a credit.
            let extra: Int64 = k % 20 == 0 ? 10_000 : 0
            return """
                (\(bind: Int64(k + 1)), \(bind: String(format: "RC-B-%08d", k + 1)), 'in', 'posted', \(bind: hq), \(bind: Int64(v.contract % customers + 1)),
                 \(bind: Int64(v.contract + 1)), \(bind: v.date), \(bind: v.settled + extra), \(bind: v.settled), 'bank', NULL, NULL, NULL, 1, \(bind: now), \(bind: now))
                """
        }
        try await insert("INSERT INTO settlements (id, payment_id, item_id, amount, at) VALUES", count: paid.count) { k in
            "(\(bind: Int64(k + 1)), \(bind: Int64(k + 1)), \(bind: Int64(paid[k] + 1)), \(bind: list[paid[k]].settled), \(bind: now))"
        }
        say(String(format: "   (%d collections and settlements, %.1f s)", paid.count, Date().timeIntervalSince(start)))
        if store.dialect == .postgres {
            for t in ["partners", "contracts", "contract_lines", "invoices", "invoice_lines", "open_items", "payments", "settlements"] {
                try await store.run("SELECT setval(pg_get_serial_sequence(\(bind: t), 'id'), (SELECT MAX(id) FROM \(ident: t)))")
            }
            try await store.run("VACUUM ANALYZE")
        } else {
            try await store.run("ANALYZE")
        }
        _ = today
        say(String(format: "   seeded in %.1f s; peak memory %@", Date().timeIntervalSince(start), BenchStockCommand.peakMB()))
    }

    func measure(_ sys: ServiceContext, runs: Int, say: (String) -> Void) async throws {
        let store = sys.store
        func as_(_ username: String) async throws -> ServiceContext {
            try await sys.acting(as: try await OrganisationQueries.user(username: username, on: store)!, requestId: "bench")
        }
        let cfo = try await as_("cfo"), rep = try await as_("rep7")
        let customers = try await store.scalar("SELECT COUNT(*) AS n FROM partners", as: Int64.self) ?? 1
        let items = try await store.scalar("SELECT COUNT(*) AS n FROM open_items", as: Int64.self) ?? 0
        let open = try await store.scalar("SELECT COUNT(*) AS n FROM open_items WHERE residual <> 0", as: Int64.self) ?? 0
        say("open items: \(items), of them open: \(open); customers: \(customers)")
        func time(_ label: String, _ body: (Int) async throws -> String) async throws {
            var ms: [Double] = []
            var last = ""
            for i in 0..<runs {
                let t0 = Date()
                last = try await body(i)
                ms.append(Date().timeIntervalSince(t0) * 1000)
            }
            ms.sort()
            say(
                String(
                    format: "%@: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%@)", label, ms[ms.count / 2],
                    ms[min(ms.count - 1, Int(Double(ms.count) * 0.95))],
                    ms.last!, last))
        }
        try await time("ageing, whole company, finance manager (all)") { _ in
            let r = try await AgeingReport.run(.init(side: .ar), sys: cfo)
            return "\(r.rows.count) rows shown, open \(Money(fen: r.total.open)), credits of \(r.credits.count) customers"
        }
        try await time("ageing, whole company, salesperson (own customers)") { _ in
            let r = try await AgeingReport.run(.init(side: .ar), sys: rep)
            return "\(r.rows.count) rows, open \(Money(fen: r.total.open))"
        }
        try await time("ageing, one customer") { i in
            let r = try await AgeingReport.run(.init(side: .ar, partnerId: Int64(i * 7919 % Int(customers) + 1)), sys: cfo)
            return "open \(Money(fen: r.total.open))"
        }
        try await time("ageing, one customer by document") { i in
            let r = try await AgeingReport.run(
                .init(side: .ar, groupBy: .document, partnerId: Int64(i * 7919 % Int(customers) + 1)), sys: cfo)
            return "\(r.rows.count) documents"
        }
        say("peak memory \(BenchStockCommand.peakMB())")
    }
}

extension AgeingReport {
    static func run(_ f: Filter, sys ctx: ServiceContext) async throws -> Report { try await run(f, ctx) }
}
