import App
import Foundation
import Kernel
import Persistence
import SQLKit
import Services
import Vapor

/// `concord-bench duplicates`: issue 16's duplicate-finder benchmark against the database the
/// environment names (use an empty one). Seeds N customers (bulk inserts, as `bench-crm` does: a
/// million through the services would take the benchmark's time over seeding), one in fifty with a
/// twin typed another way — traditional script, the phone with +86 and spaces, a homophone, the
/// e-mail in capitals — then times a scan as the server's worker runs it and prints how many
/// planted twins it found, pairs, clusters and peak memory.
struct BenchDuplicatesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "customers", help: "customers to seed (default 1000000)") var customers: Int?
    }

    var help: String { "Benchmarks the duplicate finder over many customers (use an empty database)." }

    /// Simplified characters of the seed names and their traditional forms.
    static let traditional: [Character: Character] = [
        "华": "華", "联": "聯", "达": "達", "远": "遠", "信": "信", "创": "創", "云": "雲", "丰": "豐", "康": "康", "光": "光",
        "龙": "龍", "凤": "鳳", "顺": "順", "隆": "隆", "贵": "貴", "益": "益", "德": "德", "圆": "圓", "启": "啟", "航": "航",
        "贸": "貿", "电": "電", "实": "實", "医": "醫", "药": "藥", "饰": "飾", "络": "絡", "网": "網", "机": "機", "械": "械",
        "业": "業", "州": "州", "门": "門", "庆": "慶", "宁": "寧", "汉": "漢", "连": "連", "锡": "錫", "东": "東", "尔": "爾",
    ]
    /// Homophones: the same pinyin, another character.
    static let homophones: [Character: Character] = [
        "普": "谱", "华": "骅", "金": "今", "盛": "胜", "达": "答", "恒": "衡", "泰": "太", "源": "元", "宏": "鸿", "远": "原",
        "信": "新", "诚": "成", "博": "搏", "创": "窗", "智": "志", "云": "芸", "天": "田", "和": "禾", "瑞": "锐", "丰": "峰",
    ]

    func run(using context: CommandContext, signature: Signature) async throws {
        let say = { (s: String) in context.console.print(s) }
        let sys = try await BenchStockCommand.open(context.application, say)
        let store = sys.store
        guard try await store.scalar("SELECT COUNT(*) AS n FROM partners", as: Int64.self) == 0 else {
            say("the database already holds partners: run the benchmark on an empty one")
            throw ExitCode(1)
        }
        let total = signature.customers ?? 1_000_000
        let hq = try await OrganisationQueries.headOffice(on: store)!.id
        let now = sys.nowMillis
        let cities = BenchCRMCommand.cities, syllables = BenchCRMCommand.syllables, trades = BenchCRMCommand.trades
        var rng = SystemRandomNumberGenerator()

        let seedStart = Date()
        var made = 0
        var planted = 0
        while made < total {
            let chunk = min(10_000, total - made)
            var rows: [(code: String, name: String, phone: String, email: String?, address: String)] = []
            rows.reserveCapacity(chunk)
            while rows.count < chunk {
                let i = made + rows.count + 1
                let name =
                    cities[Int.random(in: 0..<cities.count, using: &rng)] + syllables[Int.random(in: 0..<syllables.count, using: &rng)]
                    + syllables[Int.random(in: 0..<syllables.count, using: &rng)] + trades[Int.random(in: 0..<trades.count, using: &rng)]
                    + "\(i)" + BenchCRMCommand.suffixes[i % BenchCRMCommand.suffixes.count]
                let phone =
                    "1" + String(Int.random(in: 3...9, using: &rng))
                    + String(format: "%09d", Int.random(in: 0..<1_000_000_000, using: &rng))
                let email = i % 3 == 0 ? "c\(i)@example.cn" : nil
                let address = cities[i % cities.count] + "市人民路\(i)号"
                rows.append((String(format: "C%07d", i), name, phone, email, address))
                // One in fifty has a twin typed another way.
                if i % 50 == 0, rows.count < chunk {
                    planted += 1
                    let twin: String
                    switch (i / 50) % 4 {
                    case 0: twin = String(name.map { Self.traditional[$0] ?? $0 })
                    case 1: twin = String(name.map { Self.homophones[$0] ?? $0 }).replacingOccurrences(of: "有限公司", with: "")
                    default: twin = name.replacingOccurrences(of: "有限公司", with: "（有限公司）") + "销售部"
                    }
                    let twinPhone = "+86 " + phone.prefix(3) + " " + phone.dropFirst(3).prefix(4) + " " + phone.suffix(4)
                    rows.append((String(format: "C%07d", i) + "B", twin, twinPhone, email?.uppercased(), address))
                }
            }
            let batch = rows
            try await store.write { tx in
                for part in stride(from: 0, to: batch.count, by: 500) {
                    var q: SQLQueryString = """
                        INSERT INTO partners (code, name, name_key, search_text, kind, is_customer, is_supplier, phone, phone_digits, email, address,
                            branch_id, active, version, created_at, updated_at, status) VALUES
                        """
                    for (j, r) in batch[part..<min(part + 500, batch.count)].enumerated() {
                        q += j == 0 ? " " : ", "
                        let digits = CustomerSearch.digits(r.phone)
                        q += """
                            (\(bind: r.code), \(bind: r.name), \(bind: PartnerService.nameKey(r.name)), \(bind: r.name), 'company', \(bind: true),
                             \(bind: false), \(bind: r.phone), \(bind: digits), \(bind: r.email), \(bind: r.address), \(bind: hq), \(bind: true), 1,
                             \(bind: now), \(bind: now), 'active')
                            """
                    }
                    try await tx.run(q)
                }
            }
            made += rows.count
        }
        say(String(format: "seeded %d customers (%d planted twins) in %.1f s", made, planted, Date().timeIntervalSince(seedStart)))

        let started = Date()
        _ = try await DuplicateService.startScan(sys)
        guard let scan = try await DuplicateService.runPending(sys) else { throw Abort(.internalServerError, reason: "no scan ran") }
        let took = Date().timeIntervalSince(started)
        struct Found: Decodable { var n: Int64 }
        let found =
            try await store.first(
                """
                SELECT COUNT(*) AS n FROM duplicate_pairs d JOIN partners b ON b.id = d.b_id JOIN partners a ON a.id = d.a_id
                WHERE d.scan_id = \(bind: scan.id) AND b.code = a.code || 'B'
                """, as: Found.self)?.n ?? 0
        say(
            String(
                format: "scanned %d customers in %.1f s: %d pairs in %d clusters; planted twins found %d of %d; peak memory %@",
                scan.scanned, took, scan.pairs, scan.clusters, found, planted, BenchStockCommand.peakMB()))
    }
}
