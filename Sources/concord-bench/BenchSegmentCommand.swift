import App
import DocumentsCore
import Foundation
import Kernel
import Persistence
import SQLKit
import Services
import Vapor

/// `concord-bench segments`: the marketing benchmark of issue 17 against the database the
/// environment names (use an empty one). Seeds customers (levels, provinces, tags), a contact with
/// an e-mail for each, and posted sales deliveries over the last 400 days, by bulk insert (a
/// million customers cannot be typed in through the services in a benchmark's time); then times,
/// through the services the API calls, the count of a segment with a purchase-history rule and the
/// queuing of a send to 100,000 of its contacts.
struct BenchSegmentCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "customers", help: "customers to seed (default 1000000)") var customers: Int?
        @Option(name: "deliveries", help: "posted sales deliveries to seed (default 2000000)") var deliveries: Int?
        @Option(name: "runs", help: "timed runs of each count (default 5)") var runs: Int?
    }

    var help: String { "Benchmarks segment counts over many customers and queuing a large send (use an empty database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let say = { (s: String) in context.console.print(s) }
        let sys = try await BenchStockCommand.open(context.application, say)
        let store = sys.store
        guard try await store.scalar("SELECT COUNT(*) AS n FROM partners", as: Int64.self) == 0 else {
            say("the database already holds partners: run the benchmark on an empty one")
            throw ExitCode(1)
        }
        let customers = signature.customers ?? 1_000_000, deliveries = signature.deliveries ?? 2_000_000
        let start = Date()
        let hq = try await OrganisationQueries.headOffice(on: store)!.id
        let warehouse = try await WarehouseService.create(.init(code: "W1", name: "总仓", branchId: hq, kind: "central"), sys).id
        var products: [Int64] = []
        for i in 0..<20 {
            products.append(
                try await ProductService.create(.init(code: "P\(i)", name: "基准商品\(i)", baseUnit: "件", salePrice: "10"), sys).product.id)
        }
        let items = products
        let now = sys.nowMillis
        let today = CalendarDate.today(sys.clock)
        let levels = ["A", "B", "C", "D"], provinces = ["江苏省", "浙江省", "广东省", "山东省", "四川省", "河南省", "湖北省", "北京市"]
        func insert(_ head: String, count: Int, _ row: @escaping @Sendable (Int) throws -> SQLQueryString) async throws {
            try await BenchStockCommand.bulkInsert(store, head, count: count, per: 500, row)
        }
        try await insert(
            """
            INSERT INTO partners (id, code, name, name_key, search_text, kind, is_customer, is_supplier, branch_id, active, version,
                created_at, updated_at, status, level, province, tags) VALUES
            """, count: customers
        ) { i in
            let name = "分群客户\(i + 1)"
            return """
                (\(bind: Int64(i + 1)), \(bind: String(format: "G%07d", i + 1)), \(bind: name), \(bind: name), \(bind: name), 'company',
                 \(bind: true), \(bind: false), \(bind: hq), \(bind: true), 1, \(bind: now), \(bind: now), 'active', \(bind: levels[i % 4]),
                 \(bind: provinces[i % 8]), \(bind: i % 10 == 0 ? ",重点," : ""))
                """
        }
        try await insert(
            "INSERT INTO contacts (id, partner_id, name, email, is_primary, search_text, custom_values, version, created_at, updated_at) VALUES",
            count: customers
        ) { i in
            "(\(bind: Int64(i + 1)), \(bind: Int64(i + 1)), '采购经理', \(bind: "buyer\(i + 1)@example.cn"), \(bind: true), '采购经理', '{}', 1, \(bind: now), \(bind: now))"
        }
        say(String(format: "   (%d customers with a contact, %.1f s)", customers, Date().timeIntervalSince(start)))
        let days = (0..<400).map { today.adding(days: -$0).text }
        try await insert(
            """
            INSERT INTO stock_documents (id, number, doc_type, status, branch_id, partner_id, posting_date, version, created_at, updated_at,
                posted_at) VALUES
            """, count: deliveries
        ) { i in
            // Customers 1…, a document every few days per customer, the dates spread over 400 days.
            let partner = Int64(i) * 7919 % Int64(customers) + 1
            return """
                (\(bind: Int64(i + 1)), \(bind: String(format: "SD-G-%08d", i + 1)), 'salesDelivery', 'posted', \(bind: hq), \(bind: partner),
                 \(bind: days[(i * 31) % 400]), 1, \(bind: now), \(bind: now), \(bind: now))
                """
        }
        try await insert(
            """
            INSERT INTO stock_document_lines (id, document_id, line_no, product_id, unit, factor, quantity, base_qty, warehouse_id, unit_price,
                amount) VALUES
            """, count: deliveries
        ) { i in
            let qty = Int64(i % 50 + 1)
            return """
                (\(bind: Int64(i + 1)), \(bind: Int64(i + 1)), 1, \(bind: items[i % items.count]), '件', 1000000, \(bind: qty * 1_000_000),
                 \(bind: qty * 1_000_000), \(bind: warehouse), 100000000, \(bind: qty * 1000))
                """
        }
        try await store.run("ANALYZE")
        say(String(format: "   (%d deliveries, %.1f s)", deliveries, Date().timeIntervalSince(start)))

        let runs = signature.runs ?? 5
        func time(_ label: String, _ body: () async throws -> String) async throws {
            var ms: [Double] = []
            var answer = ""
            for _ in 0..<runs {
                let t0 = Date()
                answer = try await body()
                ms.append(Date().timeIntervalSince(t0) * 1000)
            }
            ms.sort()
            say(String(format: "%@: median %.0f ms, max %.0f ms (%@)", label, ms[ms.count / 2], ms.last ?? 0, answer))
        }
        let product = products[4]
        try await time("count: level A, bought product P4 for 100.00+ twice in 90 days") {
            let r = try await SegmentService.rule(
                .init(levels: ["A"], productIds: [product], periodDays: "90", minAmount: "100", minDeliveries: "2"), sys)
            return String(try await SegmentService.preview(r, sys).count) + " customers"
        }
        try await time("count: 江苏省, tag 重点, no delivery for 60 days") {
            let r = try await SegmentService.rule(.init(provinces: ["江苏省"], tags: ["重点"], inactiveDays: "60"), sys)
            return String(try await SegmentService.preview(r, sys).count) + " customers"
        }
        try await time("count: levels A and B (no purchase rule)") {
            let r = try await SegmentService.rule(.init(levels: ["A", "B"]), sys)
            return String(try await SegmentService.preview(r, sys).count) + " customers"
        }
        let segment = try await SegmentService.create(.init(name: "A 和 B 类客户", levels: ["A", "B"]), sys)
        let template = try await MessageService.createTemplate(.init(name: "基准", subject: "新品", body: "{{姓名}}，新品到货。"), sys)
        let t0 = Date()
        let q = try await MessageService.queue(
            .init(templateId: template.id, segmentId: segment.id), baseUrl: "https://crm.example.cn", sys)
        say(String(format: "queue a send to a segment: %d recipients queued in %.2f s", q.queued, Date().timeIntervalSince(t0)))
        say("peak resident memory: " + BenchStockCommand.peakMB())
    }
}
