import App
import Foundation
import Kernel
import Persistence
import SQLKit
import Services
import Vapor

/// `concord bench-crm`: the CRM benchmarks of issue 4 against the database the environment names
/// (use an empty one). Seeds customers and follow-ups, then times, through the same services the
/// API uses, searches by name fragment, pinyin initials and phone, the first and a deep page of
/// the customer list (as a manager who sees all and as a salesperson who sees their own), and
/// the nightly pool job over all of them; prints p50 / p95 / max and peak memory.
struct BenchCRMCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "customers", help: "customers to seed (default 1000000)") var customers: Int?
        @Option(name: "activities", help: "follow-ups to seed (default 3000000)") var activities: Int?
        @Option(name: "runs", help: "timed runs of each query (default 200)") var runs: Int?
        @Flag(name: "reuse", help: "time the queries on a database this command seeded before, without seeding again") var reuse: Bool
    }

    var help: String { "Benchmarks customer search, list paging and the pool job at a large scale (use an empty database)." }

    // Names are made of parts whose pinyin is known, so a million are seeded quickly.
    static let cities = [
        "北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "重庆", "天津", "苏州", "郑州", "长沙", "青岛", "宁波", "厦门",
        "济南", "合肥", "福州", "昆明", "沈阳", "大连", "无锡", "佛山", "东莞", "南昌", "太原", "石家庄", "哈尔滨",
    ]
    static let syllables = [
        "快", "普", "华", "联", "金", "鼎", "盛", "达", "恒", "泰", "鑫", "源", "宏", "远", "信", "诚", "博", "创", "智", "云", "天", "和",
        "新", "瑞", "丰", "安", "康", "明", "光", "海", "星", "辰", "宇", "龙", "凤", "嘉", "禾", "中", "正", "通", "顺", "隆", "富", "贵",
        "益", "德", "方", "圆", "启", "航",
    ]
    static let trades = [
        "科技", "贸易", "商贸", "食品", "电子", "物流", "实业", "医药", "建材", "服饰", "餐饮", "文化", "网络", "机械", "能源", "农业",
        "酒店", "教育", "咨询", "传媒",
    ]
    static let suffixes = ["有限公司", "股份有限公司", "集团有限公司", "商行", "经营部"]

    func run(using context: CommandContext, signature: Signature) async throws {
        let say = { (s: String) in context.console.print(s) }
        let sys = try await BenchStockCommand.open(context.application, say)
        let store = sys.store
        let existing = try await store.scalar("SELECT COUNT(*) AS n FROM partners", as: Int64.self) ?? 0
        if signature.reuse {
            guard existing > 0, try await OrganisationQueries.user(username: "boss", on: store) != nil else {
                say("--reuse needs a database this command seeded before")
                throw ExitCode(1)
            }
            struct S: Decodable { var name: String; var phone: String }
            let sample = try await store.all("SELECT name, phone FROM partners WHERE phone IS NOT NULL ORDER BY id LIMIT 2000", as: S.self)
            try await measure(
                sys, store, total: Int(existing), runs: signature.runs ?? 200, names: sample.map(\.name), phones: sample.map(\.phone),
                say: say)
            return
        }
        guard existing == 0 else {
            say("the database already holds partners: run the benchmark on an empty one (or pass --reuse)")
            throw ExitCode(1)
        }
        let total = signature.customers ?? 1_000_000
        let activityCount = signature.activities ?? 3_000_000
        let runs = signature.runs ?? 200

        // People: a manager who sees everything, fifty salespeople who see their own.
        let hq = try await OrganisationQueries.headOffice(on: store)!.id
        let dept = try await DepartmentService.create(.init(code: "SALES", name: "销售部", branchId: hq), sys).id
        let crm = [
            "customers.view", "customers.create", "customers.edit", "activities.view", "activities.create", "pools.view", "pools.edit",
        ]
        let repRole = try await RoleService.create(.init(code: "rep", name: "销售代表", permissions: crm, dataScope: "own"), sys).id
        let bossRole = try await RoleService.create(
            .init(code: "boss", name: "销售总监", permissions: crm + ["pools.approve"], dataScope: "all"), sys
        ).id
        var reps: [Int64] = []
        for i in 0..<50 {
            reps.append(
                try await UserService.create(
                    .init(
                        username: "rep\(i)", displayName: "销售\(i)", password: "bench-password-1", branchId: hq,
                        departmentId: dept, roleIds: [repRole]), sys
                ).user.id)
        }
        _ = try await UserService.create(
            .init(
                username: "boss", displayName: "总监", password: "bench-password-1", branchId: hq, departmentId: dept,
                roleIds: [bossRole]), sys)
        let pool = try await PoolService.create(.init(name: "公海", claimsPerDay: 20, rules: [.init(noFollowUpDays: 170, warnDays: 7)]), sys)
            .pool.id

        // Customers, in batches of 500 rows, each batch of 20 in one transaction.
        let now = sys.nowMillis
        let day: Int64 = 86_400_000
        var rng = SystemRandomNumberGenerator()
        var lastActivity = [Int64](repeating: 0, count: total + 1)
        var phones: [String] = []
        var names: [String] = []
        let seedStart = Date()
        var made = 0
        while made < total {
            let chunk = min(10_000, total - made)
            let start = made
            let rows: [(String, String, String, String, Int64?, Int64?, Int64, String)] = (0..<chunk).map { k in
                let i = start + k + 1
                let name =
                    Self.cities[Int.random(in: 0..<Self.cities.count, using: &rng)]
                    + Self.syllables[Int.random(in: 0..<Self.syllables.count, using: &rng)]
                    + Self.syllables[Int.random(in: 0..<Self.syllables.count, using: &rng)]
                    + Self.trades[Int.random(in: 0..<Self.trades.count, using: &rng)]
                    + Self.suffixes[i % Self.suffixes.count] + (i % 7 == 0 ? "（\(i % 97)分店）" : "")
                let code = String(format: "C%07d", i)
                let phone =
                    "1" + String(Int.random(in: 3...9, using: &rng))
                    + String(format: "%09d", Int.random(in: 0..<1_000_000_000, using: &rng))
                let owned = i % 5 != 0
                let owner: Int64? = owned ? reps[i % reps.count] : nil
                let created = now - Int64.random(in: 200...400, using: &rng) * day
                let text = CustomerSearch.text(name: name, code: code, tags: "", phones: [phone], emails: [])
                return (code, name, text, phone, owner, owned ? nil : pool, created, PartnerService.nameKey(name))
            }
            for r in rows.prefix(3) where phones.count < 2000 { phones.append(r.3); names.append(r.1) }
            try await store.write { tx in
                for part in stride(from: 0, to: rows.count, by: 500) {
                    var q: SQLQueryString = """
                        INSERT INTO partners (code, name, name_key, search_text, kind, is_customer, is_supplier, phone, phone_digits, branch_id, owner_id,
                            department_id, pool_id, active, version, created_at, updated_at, status, assigned_at) VALUES
                        """
                    for (j, r) in rows[part..<min(part + 500, rows.count)].enumerated() {
                        q += j == 0 ? " " : ", "
                        q += """
                            (\(bind: r.0), \(bind: r.1), \(bind: r.7), \(bind: r.2), 'company', \(bind: true), \(bind: false), \(bind: r.3), \(bind: r.3),
                             \(bind: hq), \(bind: r.4), \(bind: r.4 == nil ? nil : dept), \(bind: r.5), \(bind: true), 1, \(bind: r.6), \(bind: r.6),
                             'active', \(bind: r.4 == nil ? nil : r.6))
                            """
                    }
                    try await tx.run(q)
                }
            }
            made += chunk
        }
        let firstId = try await store.scalar("SELECT MIN(id) AS n FROM partners", as: Int64.self) ?? 1
        say(String(format: "   (seeded %d customers in %.1f s)", total, Date().timeIntervalSince(seedStart)))

        // Follow-ups over the last 180 days.
        let actStart = Date()
        var done = 0
        while done < activityCount {
            let chunk = min(10_000, activityCount - done)
            let rows: [(Int64, Int64, Int64?)] = (0..<chunk).map { _ in
                let c = Int.random(in: 1...total, using: &rng)
                let at = now - Int64.random(in: 0..<(180 * day), using: &rng)
                if at > lastActivity[c] { lastActivity[c] = at }
                return (firstId + Int64(c - 1), at, reps[c % reps.count])
            }
            try await store.write { tx in
                for part in stride(from: 0, to: rows.count, by: 500) {
                    var q: SQLQueryString =
                        "INSERT INTO activities (partner_id, kind, content, occurred_at, owner_id, branch_id, department_id, created_at) VALUES "
                    for (j, r) in rows[part..<min(part + 500, rows.count)].enumerated() {
                        q += j == 0 ? " " : ", "
                        q += "(\(bind: r.0), 'call', '电话跟进', \(bind: r.1), \(bind: r.2), \(bind: hq), \(bind: dept), \(bind: r.1))"
                    }
                    try await tx.run(q)
                }
            }
            done += chunk
        }
        // The customers' latest follow-up, as logging them would have set it.
        let latest = lastActivity
        try await store.write { tx in
            for part in stride(from: 1, through: total, by: 1000) {
                var q: SQLQueryString = "UPDATE partners SET last_activity_at = v.column2 FROM (VALUES "
                var first = true
                for c in part..<min(part + 1000, total + 1) where latest[c] > 0 {
                    q += first ? "" : ", "
                    q += "(\(bind: firstId + Int64(c - 1)), \(bind: latest[c]))"
                    first = false
                }
                if first { continue }
                q += ") AS v WHERE partners.id = v.column1"
                try await tx.run(q)
            }
        }
        if store.dialect == .postgres { try await store.run("ANALYZE") } else { try await store.run("ANALYZE") }
        say(
            String(
                format: "   (seeded %d follow-ups in %.1f s); peak memory %@", activityCount, Date().timeIntervalSince(actStart),
                BenchStockCommand.peakMB()))

        try await measure(sys, store, total: total, runs: runs, names: names, phones: phones, say: say)
    }

    func measure(
        _ sys: ServiceContext, _ store: Store, total: Int, runs: Int, names: [String], phones: [String], say: (String) -> Void
    ) async throws {
        // Who asks.
        func as_(_ username: String) async throws -> ServiceContext {
            try await sys.acting(as: try await OrganisationQueries.user(username: username, on: store)!, requestId: "bench")
        }
        let boss = try await as_("boss"), rep = try await as_("rep7")

        func time(_ label: String, _ body: (Int) async throws -> Int) async throws {
            var ms: [Double] = []
            var found = 0
            for i in 0..<runs {
                let t0 = Date()
                found += try await body(i)
                ms.append(Date().timeIntervalSince(t0) * 1000)
            }
            ms.sort()
            say(
                String(
                    format: "%@: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%.1f rows a query)", label, ms[ms.count / 2],
                    ms[Int(Double(ms.count) * 0.95)],
                    ms.last!, Double(found) / Double(runs)))
        }
        func brand(_ i: Int) -> String {
            Self.syllables[(i * 7) % Self.syllables.count] + Self.syllables[(i * 13 + 5) % Self.syllables.count]
        }
        func initials(_ i: Int) -> String {
            Pinyin.initials(Self.cities[i % Self.cities.count]) + Pinyin.initials(brand(i))
        }
        for (who, ctx) in [("manager (all)", boss), ("salesperson (own)", rep)] {
            say("-- \(who)")
            try await time("search name fragment (e.g. \(brand(1)))") { i in
                try await CustomerService.list(filter: .init(q: brand(i)), limit: 50, cursor: nil, ctx).items.count
            }
            try await time("search pinyin initials (e.g. \(initials(1)))") { i in
                try await CustomerService.list(filter: .init(q: initials(i)), limit: 50, cursor: nil, ctx).items.count
            }
            try await time("search phone fragment (8 digits)") { i in
                try await CustomerService.list(filter: .init(q: String(phones[i % phones.count].suffix(8))), limit: 50, cursor: nil, ctx)
                    .items.count
            }
            try await time("list, first page") { _ in
                try await CustomerService.list(filter: .init(), limit: 50, cursor: nil, ctx).items.count
            }
            try await time("list, a deep page") { i in
                // A page that starts deep in the alphabet: the cursor of a name far down the list.
                let name = names[(i * 37) % names.count]
                return try await CustomerService.list(filter: .init(), limit: 50, cursor: Cursor(key: .text(name), id: 0), ctx).items.count
            }
        }
        let jobStart = Date()
        let result = try await PoolService.runDaily(sys)
        say(
            String(
                format: "pool job over %d customers: %d recycled, %d warned in %.1f s; peak memory %@", total, result.recycled,
                result.warned,
                Date().timeIntervalSince(jobStart), BenchStockCommand.peakMB()))
    }
}
