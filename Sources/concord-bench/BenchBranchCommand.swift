import App
import Foundation
import Kernel
import Persistence
import SQLKit
import Services
import Vapor

/// `concord bench-branches`: the branch-results benchmark of issue 6 against the database the
/// environment names (use an empty one). Seeds independently accounted branches with a warehouse
/// each, products, a year of posted receipts and deliveries (their ledger entries, costs and
/// prices written as posting writes them), inter-branch transfers between them, and expense
/// claims; then times branch and consolidated results for the twelve months.
struct BenchBranchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "branches", help: "independent branches besides head office (default 19)") var branches: Int?
        @Option(name: "entries", help: "stock entries to seed (default 1000000)") var entries: Int?
        @Option(name: "runs", help: "timed runs (default 10)") var runs: Int?
        @Flag(name: "reuse", help: "time on a database this command seeded before") var reuse: Bool
    }

    var help: String { "Benchmarks branch and consolidated results over a year (use an empty database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let say = { (s: String) in context.console.print(s) }
        let sys = try await BenchStockCommand.open(context.application, say)
        if !signature.reuse {
            guard try await InventoryQueries.warehouses(on: sys.store).isEmpty else {
                say("the database already holds warehouses: run the benchmark on an empty one (or pass --reuse)")
                throw ExitCode(1)
            }
            try await seed(sys, branches: signature.branches ?? 19, entries: signature.entries ?? 1_000_000, say: say)
        }
        var ms: [Double] = []
        var summary = ""
        for _ in 0..<(signature.runs ?? 10) {
            let t0 = Date()
            let r = try await BranchResults.run(from: "2026-01", to: "2026-12", sys)
            ms.append(Date().timeIntervalSince(t0) * 1000)
            let c = r.months.compactMap { r.consolidated[$0] }
            summary =
                "\(r.entities.count) entities × \(r.months.count) months; consolidated revenue \(Money(fen: try Checked.sum(c.map(\.revenue)))), "
                + "eliminated \(Money(fen: try Checked.sum(r.eliminations.map(\.revenue))))"
        }
        ms.sort()
        say(
            String(format: "branch and consolidated results, 12 months: p50 %.0f ms, max %.0f ms (%@)", ms[ms.count / 2], ms.last!, summary)
        )
        say("peak memory \(BenchStockCommand.peakMB())")
    }

    func seed(_ sys: ServiceContext, branches count: Int, entries: Int, say: (String) -> Void) async throws {
        let store = sys.store
        let start = Date()
        let hq = try await OrganisationQueries.headOffice(on: store)!.id
        var branchIds = [hq]
        for i in 1...count {
            branchIds.append(
                try await BranchService.create(
                    .init(
                        code: String(format: "B%02d", i), name: "分公司\(i)", parentId: hq, kind: "branch",
                        accounting: "independent"), sys
                ).id)
        }
        var warehouses: [Int64] = []
        for (i, b) in branchIds.enumerated() {
            warehouses.append(
                try await WarehouseService.create(.init(code: String(format: "W%02d", i), name: "仓库\(i)", branchId: b, kind: "branch"), sys)
                    .id)
        }
        let productCount = 1000
        let now = sys.nowMillis
        func insert(_ head: String, count: Int, _ row: @escaping @Sendable (Int) -> SQLQueryString) async throws {
            try await BenchStockCommand.bulkInsert(store, head, count: count, per: 400, row)
        }
        try await insert(
            """
            INSERT INTO products (id, code, name, search_text, base_unit, costing_method, tracking, tax_rate, purchase_price, sale_price, floor_price, standard_cost,
                active, version, created_at, updated_at) VALUES
            """, count: productCount
        ) { i in
            "(\(bind: Int64(i + 1)), \(bind: String(format: "P%05d", i + 1)), \(bind: "商品\(i + 1)"), \(bind: "p\(i + 1)"), '件', 'moving_average', 'none', 1300, 2000000, 3000000, 0, 2000000, \(bind: true), 1, \(bind: now), \(bind: now))"
        }
        try await insert("INSERT INTO product_units (product_id, name, factor, barcode) VALUES", count: productCount) { i in
            "(\(bind: Int64(i + 1)), '件', 1000000, NULL)"
        }
        // A customer per branch, and each branch's internal partner.
        let partnerBase: Int64 = 1
        let bIds = branchIds
        try await insert(
            """
            INSERT INTO partners (id, code, name, name_key, search_text, kind, is_customer, is_supplier, branch_id, active, version, created_at, updated_at, status,
                internal_branch_id) VALUES
            """, count: bIds.count * 2
        ) { i in
            let b = bIds[i / 2]
            let isInternal = i % 2 == 1
            let name = isInternal ? "内部\(b)" : "客户\(b)"
            return
                "(\(bind: partnerBase + Int64(i)), \(bind: (isInternal ? "IB" : "C") + String(b)), \(bind: name), \(bind: name), \(bind: name), 'company', \(bind: true), \(bind: true), \(bind: b), \(bind: true), 1, \(bind: now), \(bind: now), 'active', \(bind: isInternal ? b : nil))"
        }
        // Documents of ten lines: receipts and deliveries alternating, over 2026; every 50th delivery goes to another branch.
        let docs = entries / 10
        let wh = warehouses
        let productsN = Int64(productCount)
        let days = (0..<365).map { CalendarDate.add(days: Int64($0), to: "2026-01-01") }
        let date: @Sendable (Int) -> String = { days[$0 % 365] }
        try await insert(
            """
            INSERT INTO stock_documents (id, number, doc_type, status, branch_id, partner_id, posting_date, reason, version, created_at, updated_at, posted_at) VALUES
            """, count: docs
        ) { i in
            let b = i % bIds.count
            let receipt = i % 2 == 0
            let toOther = !receipt && i % 50 == 1
            let partner = partnerBase + Int64((toOther ? (b + 1) % bIds.count : b) * 2 + (toOther ? 1 : 0))
            return
                "(\(bind: Int64(i + 1)), \(bind: String(format: "BD%07d", i + 1)), \(bind: receipt ? "purchaseReceipt" : "salesDelivery"), 'posted', \(bind: bIds[b]), \(bind: partner), \(bind: date(i / 300)), NULL, 1, \(bind: now), \(bind: now), \(bind: now))"
        }
        try await insert(
            """
            INSERT INTO stock_document_lines (id, document_id, line_no, product_id, unit, factor, quantity, base_qty, warehouse_id, unit_cost, unit_price, cost_value, amount)
            VALUES
            """, count: docs * 10
        ) { k in
            let i = k / 10
            let receipt = i % 2 == 0
            let product = Int64((k * 7919) % Int(productsN)) + 1
            let qty: Int64 = receipt ? 20 : 10
            return
                "(\(bind: Int64(k + 1)), \(bind: Int64(i + 1)), \(bind: Int64(k % 10 + 1)), \(bind: product), '件', 1000000, \(bind: qty * 1_000_000), \(bind: qty * 1_000_000), \(bind: wh[i % wh.count]), \(bind: receipt ? Int64(2_000_000) : nil), \(bind: receipt ? nil : Int64(3_000_000)), \(bind: qty * 200), \(bind: receipt ? nil : qty * 300))"
        }
        try await insert(
            """
            INSERT INTO stock_entries (product_id, warehouse_id, scope_key, batch, posting_date, document_id, line_id, kind, qty, value, created_at) VALUES
            """, count: docs * 10
        ) { k in
            let i = k / 10
            let receipt = i % 2 == 0
            let product = Int64((k * 7919) % Int(productsN)) + 1
            let qty: Int64 = receipt ? 20 : 10
            return
                "(\(bind: product), \(bind: wh[i % wh.count]), \(bind: "E\(bIds[i % bIds.count])"), '', \(bind: date(i / 300)), \(bind: Int64(i + 1)), \(bind: Int64(k + 1)), \(bind: receipt ? "in" : "out"), \(bind: (receipt ? 1 : -1) * qty * 1_000_000), \(bind: (receipt ? 1 : -1) * qty * 200), \(bind: now))"
        }
        say(String(format: "   (%d documents, %d lines and entries, %.1f s)", docs, docs * 10, Date().timeIntervalSince(start)))
        // The internal deliveries as transfers received by the next branch, at cost plus 5%.
        struct D: Decodable { var id: Int64; var branchId: Int64; var postingDate: String }
        let internals = try await store.all(
            """
            SELECT d.id, d.branch_id, d.posting_date FROM stock_documents d JOIN partners p ON p.id = d.partner_id WHERE p.internal_branch_id IS NOT NULL ORDER BY d.id
            """, as: D.self)
        let bIndex = Dictionary(uniqueKeysWithValues: bIds.enumerated().map { ($1, $0) })
        try await insert(
            """
            INSERT INTO branch_transfers (id, number, status, from_branch_id, to_branch_id, from_warehouse_id, to_warehouse_id, sent_date, received_date, delivery_id, receipt_id,
                method, markup, total_cost, total_amount, created_at, version) VALUES
            """, count: internals.count
        ) { n in
            let d = internals[n]
            let b = bIndex[d.branchId] ?? 0
            let to = (b + 1) % bIds.count
            return
                "(\(bind: Int64(n + 1)), \(bind: "DB\(n + 1)"), 'received', \(bind: d.branchId), \(bind: bIds[to]), \(bind: wh[b]), \(bind: wh[to]), \(bind: d.postingDate), \(bind: d.postingDate), \(bind: d.id), \(bind: d.id), 'cost_plus', 500, 20000, 21000, \(bind: now), 1)"
        }
        try await insert(
            """
            INSERT INTO branch_transfer_lines (transfer_id, product_id, delivery_line_id, receipt_line_id, base_qty, cost, amount) VALUES
            """, count: internals.count * 10
        ) { k in
            let d = internals[k / 10]
            let line = (d.id - 1) * 10 + Int64(k % 10) + 1
            let product = Int64((Int(line - 1) * 7919) % Int(productsN)) + 1
            return "(\(bind: Int64(k / 10 + 1)), \(bind: product), \(bind: line), \(bind: line), 10000000, 2000, 2100)"
        }
        if store.dialect == .postgres {
            for t in ["products", "partners", "stock_documents", "stock_document_lines", "branch_transfers"] {
                try await store.run("SELECT setval(pg_get_serial_sequence(\(bind: t), 'id'), (SELECT MAX(id) FROM \(ident: t)))")
            }
            try await store.run("VACUUM ANALYZE")
        } else {
            try await store.run("ANALYZE")
        }
        say(
            String(
                format: "   (%d branches, %d inter-branch transfers; seeded in %.1f s)", bIds.count, internals.count,
                Date().timeIntervalSince(start)))
    }
}
