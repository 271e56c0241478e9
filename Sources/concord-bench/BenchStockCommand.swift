import App
import Foundation
import InventoryCore
import Kernel
import Persistence
import SQLKit
import Services
import Vapor

/// `concord bench-stock`: the 进销存 benchmarks of issue 3, run against the database the
/// environment names (use an empty one). Prints documents per second through the same services
/// the API uses, the time of a back-dated post into a long history, the movement summary over a
/// large ledger, and peak resident memory after each.
struct BenchStockCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "documents", help: "documents to post (default 100000)") var documents: Int?
        @Option(name: "history", help: "later entries before the back-dated post (default 100000)") var history: Int?
        @Option(name: "entries", help: "ledger entries for the movement summary (default 1000000)") var entries: Int?
        @Option(name: "products", help: "products for the movement summary (default 10000)") var products: Int?
    }

    var help: String { "Benchmarks posting, back-dated re-costing and the movement summary (use an empty database)." }

    /// A benchmark's database, migrated, quiet, with an administrator; names its dialect.
    static func open(_ app: Application, _ say: (String) -> Void) async throws -> ServiceContext {
        app.logger.logLevel = .warning
        var config = Config.fromEnvironment()
        if config.adminPassword == nil { config.adminPassword = "bench-admin-password" }
        try await prepareDatabase(app, config: config)
        let ctx = systemContext(app)
        say("database: \(ctx.store.dialect.rawValue)")
        return ctx
    }

    /// Seeds rows fast: `per` rows to a statement, 20,000 to a transaction; `row(i)` is the i-th values tuple.
    static func bulkInsert(
        _ store: Store, _ head: String, count: Int, per: Int, _ row: @escaping @Sendable (Int) throws -> SQLQueryString
    ) async throws {
        var done = 0
        while done < count {
            let chunk = min(20_000, count - done)
            let from = done
            try await store.write { tx in
                for part in stride(from: from, to: from + chunk, by: per) {
                    var q = SQLQueryString(head)
                    for i in part..<min(part + per, from + chunk) {
                        q += i == part ? " " : ", "
                        q += try row(i)
                    }
                    try await tx.run(q)
                }
            }
            done += chunk
        }
    }

    static func peakMB() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? ""
        let kb = Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces) ?? "0") ?? 0
        return "\(kb / 1024) MB"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let say = { (s: String) in context.console.print(s) }
        let ctx = try await Self.open(context.application, say)
        guard try await InventoryQueries.warehouses(on: ctx.store).isEmpty else {
            say("the database already holds warehouses: run the benchmark on an empty one")
            throw ExitCode(1)
        }
        let hq = try await OrganisationQueries.headOffice(on: ctx.store)!.id
        var warehouses: [Int64] = []
        for i in 1...5 { warehouses.append(try await WarehouseService.create(.init(code: "W\(i)", name: "仓库\(i)", branchId: hq), ctx).id) }
        let supplier = try await PartnerService.create(.init(code: "S", name: "供应商", isSupplier: true), ctx).id
        let customer = try await PartnerService.create(.init(code: "C", name: "客户", isCustomer: true), ctx).id
        let methods: [CostingMethod] = [.movingAverage, .fifo, .lifo]
        var products: [Int64] = []
        for i in 0..<1000 {
            products.append(
                try await ProductService.create(
                    .init(
                        code: String(format: "P%05d", i), name: "商品\(i)", baseUnit: "个",
                        units: [.init(name: "箱", factor: "12")], costingMethod: methods[i % 3].rawValue), ctx
                ).product.id)
        }

        // 1. Posting mixed documents.
        let count = signature.documents ?? 100_000
        var rng = SystemRandomNumberGenerator()
        var stock: [String: Int] = [:]  // product|warehouse -> units on hand, so issues stay within stock
        var deliveries: [(line: Int64, product: Int64, warehouse: Int64, qty: Int)] = []
        var posted = 0, refused = 0
        let start = Date()
        for n in 0..<count {
            let roll = Int.random(in: 0..<100, using: &rng)
            let p = products[Int.random(in: 0..<products.count, using: &rng)]
            let w = warehouses[Int.random(in: 0..<warehouses.count, using: &rng)]
            let key = "\(p)|\(w)"
            let have = stock[key] ?? 0
            // Documents arrive in date order across the year (12 months of 28 days).
            let dayIndex = n * 336 / max(count, 1)
            let day = String(format: "2026-%02d-%02d", 1 + dayIndex / 28, 1 + dayIndex % 28)
            var input: StockDocumentService.Input
            var delta: [(String, Int)] = []
            if roll < 40 || have < 5 {
                let q = Int.random(in: 5...60, using: &rng)
                input = .init(
                    type: "purchaseReceipt", postingDate: day, partnerId: supplier,
                    lines: [
                        .init(
                            productId: p, quantity: String(q), warehouseId: w,
                            unitCost: "\(Int.random(in: 5...30, using: &rng)).\(Int.random(in: 10...99, using: &rng))")
                    ])
                delta = [(key, q)]
            } else if roll < 75 {
                let q = Int.random(in: 1...min(have, 20), using: &rng)
                input = .init(
                    type: "salesDelivery", postingDate: day, partnerId: customer,
                    lines: [.init(productId: p, quantity: String(q), warehouseId: w, unitPrice: "39.90")])
                delta = [(key, -q)]
            } else if roll < 85 {
                let to = warehouses.filter { $0 != w }[Int.random(in: 0..<4, using: &rng)]
                let q = Int.random(in: 1...min(have, 10), using: &rng)
                input = .init(
                    type: "transfer", postingDate: day, lines: [.init(productId: p, quantity: String(q), warehouseId: w, toWarehouseId: to)]
                )
                delta = [(key, -q), ("\(p)|\(to)", q)]
            } else if roll < 92, let d = deliveries.popLast() {
                input = .init(
                    type: "salesReturn", postingDate: day, partnerId: customer,
                    lines: [.init(productId: d.product, quantity: "1", warehouseId: d.warehouse, returnOfLineId: d.line)])
                delta = [("\(d.product)|\(d.warehouse)", 1)]
            } else {
                let q = Int.random(in: 1...min(have, 5), using: &rng)
                input = .init(
                    type: "otherIssue", postingDate: day, reason: "领用", lines: [.init(productId: p, quantity: String(q), warehouseId: w)])
                delta = [(key, -q)]
            }
            do {
                // As `POST /api/v1/stock-documents` with `"post": true` does it.
                let done = try await StockDocumentService.create(input, post: true, ctx)
                if done.document.docType == "salesDelivery", deliveries.count < 5000 {
                    deliveries.append(
                        (done.lines[0].id, done.lines[0].productId, done.lines[0].warehouseId, Int(done.lines[0].baseQty / Quantity.one)))
                }
                for (k, d) in delta { stock[k, default: 0] += d }
                posted += 1
            } catch {
                refused += 1
            }
        }
        let postSeconds = Date().timeIntervalSince(start)
        say(
            String(
                format: "1. posted %d documents (%d refused) in %.1f s: %.0f documents/s; peak memory %@", posted, refused, postSeconds,
                Double(posted) / postSeconds, Self.peakMB()))

        // 2. A back-dated receipt into a product with a long history.
        let history = signature.history ?? 100_000
        let long = try await ProductService.create(.init(code: "LONG", name: "长历史商品", baseUnit: "个", costingMethod: "moving_average"), ctx)
            .product.id
        let seedStart = Date()
        for i in 0..<history {
            // In date order from February to November, so that the receipt dated 15 January precedes them all.
            let dayIndex = i * 280 / max(history, 1)
            let day = String(format: "2026-%02d-%02d", 2 + dayIndex / 28, 1 + dayIndex % 28)
            let receipt = i % 2 == 0
            let input = StockDocumentService.Input(
                type: receipt ? "purchaseReceipt" : "salesDelivery", postingDate: day, partnerId: receipt ? supplier : customer,
                lines: [
                    .init(
                        productId: long, quantity: receipt ? "3" : "2", warehouseId: warehouses[0],
                        unitCost: receipt ? "\(10 + i % 7).25" : nil, unitPrice: receipt ? nil : "20")
                ])
            _ = try await StockDocumentService.create(input, post: true, ctx)
        }
        say(String(format: "   (seeded %d entries for one product in %.1f s)", history, Date().timeIntervalSince(seedStart)))
        let late = try await StockDocumentService.create(
            .init(
                type: "purchaseReceipt", postingDate: "2026-01-15", partnerId: supplier,
                lines: [.init(productId: long, quantity: "100", warehouseId: warehouses[0], unitCost: "99")]), ctx)
        let backStart = Date()
        _ = try await StockPosting.post(late.document.id, ctx)
        let backSeconds = Date().timeIntervalSince(backStart)
        struct Sum: Decodable { var q: Int64?; var v: Int64? }
        let sum = try await ctx.store.first(
            "SELECT CAST(SUM(qty) AS BIGINT) AS q, CAST(SUM(value) AS BIGINT) AS v FROM stock_entries WHERE product_id = \(bind: long)",
            as: Sum.self)
        let balance = try await Ledger.balance(product: long, warehouse: warehouses[0], batch: "", on: ctx.store)
        say(
            String(
                format: "2. back-dated receipt before %d later entries re-costed in %.3f s; ledger %@ = balance %@; peak memory %@",
                history, backSeconds,
                Money(fen: sum?.v ?? 0).description, Money(fen: balance?.value ?? 0).description, Self.peakMB()))

        // 3. The movement summary over a large ledger (entries written directly: this measures the report).
        let entries = signature.entries ?? 1_000_000
        let productCount = signature.products ?? 10_000
        let seed3 = Date()
        var many: [Int64] = []
        for i in 0..<productCount {
            many.append(
                try await ctx.store.insertReturningID(
                    """
                    INSERT INTO products (code, name, search_text, base_unit, costing_method, tracking, tax_rate, purchase_price, sale_price, floor_price, standard_cost,
                        active, version, created_at, updated_at)
                    VALUES (\(bind: String(format: "M%06d", i)), \(bind: "汇总商品\(i)"), \(bind: "m\(i)"), '个', 'moving_average', 'none', 1300, 0, 0, 0, 0, \(bind: true), 1, 0, 0)
                    """))
        }
        let docId = try await ctx.store.insertReturningID(
            """
            INSERT INTO stock_documents (number, doc_type, status, branch_id, posting_date, version, created_at, updated_at)
            VALUES ('BENCH-SEED', 'otherReceipt', 'posted', \(bind: hq), '2026-01-01', 1, 0, 0)
            """)
        let lineId = try await ctx.store.insertReturningID(
            """
            INSERT INTO stock_document_lines (document_id, line_no, product_id, unit, factor, quantity, base_qty, warehouse_id)
            VALUES (\(bind: docId), 1, \(bind: many[0]), '个', 1000000, 1000000, 1000000, \(bind: warehouses[0]))
            """)
        let batchSize = 500
        var written = 0
        while written < entries {
            let n = min(batchSize, entries - written)
            let (from, ids, whs) = (written, many, warehouses)
            try await ctx.store.write { tx in
                var q: SQLQueryString =
                    "INSERT INTO stock_entries (product_id, warehouse_id, scope_key, batch, posting_date, document_id, line_id, kind, qty, value, created_at) VALUES "
                for j in 0..<n {
                    let k = from + j
                    let inbound = k % 3 != 2
                    let dayIndex = k * 336 / max(entries, 1)
                    let day = String(format: "2026-%02d-%02d", 1 + dayIndex / 28, 1 + dayIndex % 28)
                    if j > 0 { q += ", " }
                    q +=
                        "(\(bind: ids[k % ids.count]), \(bind: whs[k % 5]), \(bind: "E\(hq)"), '', \(bind: day), \(bind: docId), \(bind: lineId), \(bind: inbound ? "in" : "out"), \(bind: Int64(inbound ? 2_000_000 : -1_000_000)), \(bind: Int64(inbound ? 2000 : -1000)), 0)"
                }
                try await tx.run(q)
            }
            written += n
        }
        say(String(format: "   (seeded %d entries over %d products in %.1f s)", entries, productCount, Date().timeIntervalSince(seed3)))
        var best = Double.infinity
        var rows = 0
        for _ in 0..<3 {
            let t0 = Date()
            let r = try await StockReports.movementSummary(
                from: "2026-06-01", to: "2026-06-30", warehouses: warehouses, byWarehouse: false, on: ctx.store)
            best = min(best, Date().timeIntervalSince(t0))
            rows = r.count
        }
        say(
            String(
                format: "3. movement summary for one month over %d entries: %d rows in %.3f s (best of 3); peak memory %@",
                entries + history + posted,
                rows, best, Self.peakMB()))
    }
}
