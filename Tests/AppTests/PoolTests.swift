import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@Suite("CRM: public pools, recycle rules, claim limits, the daily job")
struct PoolTests {
    static let day: Double = 86_400

    static func notices(_ t: TestApp, _ user: String) async throws -> [NotificationRow] {
        try await NotificationService.list(unreadOnly: false, limit: 50, cursor: nil, try await t.context(as: user)).items
    }

    static func expectRefused(_ code: String, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await body()
            Issue.record("expected \(code)", sourceLocation: sourceLocation)
        } catch let e as DomainError {
            #expect(e.code == code, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func customersDropByTheRulesAndAreClaimedWithinTheLimits() async throws {
        try await TestApp.run { t in
            let f = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            // The company's pool governs every branch: a department's manager may not set it up.
            await Self.expectRefused("needs_wider_scope") {
                _ = try await PoolService.create(.init(name: "总部公海", rules: [.init(noFollowUpDays: 10)]), boss)
            }
            let pool = try await PoolService.create(
                .init(
                    name: "总部公海", claimsPerDay: 2, reclaimAfterDays: 5, maxHeld: 2,
                    rules: [
                        .init(level: "A", noFollowUpDays: 10, warnDays: 3),
                        .init(noFollowUpDays: 20, noDealDays: 60),
                    ]), t.system
            ).pool
            await Self.expectRefused("warn_too_long") {
                _ = try await PoolService.create(.init(name: "坏规则", rules: [.init(noFollowUpDays: 5, warnDays: 5)]), t.system)
            }
            let rep1 = try await t.context(as: "rep1")
            let followed = try await CustomerService.create(.init(name: "甲级常联系公司", level: "A"), rep1)
            let forgotten = try await CustomerService.create(.init(name: "甲级被遗忘公司", level: "A"), rep1)
            let ordinary = try await CustomerService.create(.init(name: "普通客户公司", level: "B"), rep1)
            let exempt = try await CustomerService.create(.init(name: "战略客户公司", level: "A", poolExempt: true), rep1)

            // Day 8: the A customers are due on day 10, inside the 3 warning days.
            t.clock.advance(seconds: 8 * Self.day)
            _ = try await ActivityService.create(.init(partnerId: followed.id, kind: "call", content: "保持联系"), rep1)
            let preview = try await PoolService.preview(rep1)
            #expect(preview.map(\.name) == ["甲级被遗忘公司"])
            #expect(preview.first?.reason == "no_follow_up")
            var run = try await PoolService.runDaily(t.system)
            #expect(run.recycled == 0 && run.warned == 1)
            #expect(try await Self.notices(t, "rep1").map(\.kind) == ["notify.pool.warning"])

            // Day 11: the forgotten one drops; the followed one, the B one and the exempt one stay.
            t.clock.advance(seconds: 3 * Self.day)
            run = try await PoolService.runDaily(t.system)
            #expect(run.recycled == 1)
            let dropped = try await CRMQueries.customer(forgotten.id, on: t.store)!
            #expect(dropped.ownerId == nil && dropped.poolId == pool.id && dropped.previousOwnerId == rep1.principal?.userId)
            for id in [followed.id, ordinary.id, exempt.id] { #expect(try await CRMQueries.customer(id, on: t.store)!.ownerId != nil) }
            #expect(try await Self.notices(t, "rep1").first?.kind == "notify.pool.recycled")
            let audit = try await Audit.entries(
                filter: .init(entity: "customer", entityId: String(forgotten.id), action: "recycle"), scope: .all, limit: 5,
                cursor: nil, on: t.store)
            #expect(audit.items.count == 1)
            // Running again the same day moves nothing and tells nobody twice.
            run = try await PoolService.runDaily(t.system)
            #expect(run.recycled == 0)

            // Its former owner must wait 5 days; the message says until when.
            do {
                _ = try await PoolService.claim(forgotten.id, rep1)
                Issue.record("the former owner reclaimed at once")
            } catch let e as DomainError {
                #expect(e.code == "claim_limit_reclaim")
                #expect(e.args.last == CalendarDate.chinaDate(Millis.from(t.clock.now) + 5 * 86_400_000))
            }
            // A pool customer cannot be followed up before it is claimed.
            await Self.expectRefused("customer_in_pool") {
                _ = try await ActivityService.create(
                    .init(partnerId: forgotten.id, kind: "call", content: "x"), try await t.context(as: "rep2"))
            }
            // rep2 claims it; then two more the same day, the third refused by the daily limit.
            let rep2 = try await t.context(as: "rep2")
            let mine = try await PoolService.claim(forgotten.id, rep2)
            #expect(mine.ownerId == rep2.principal?.userId && mine.poolId == nil)
            let spare1 = try await CustomerService.create(.init(name: "公海甲", poolId: pool.id), boss)
            let spare2 = try await CustomerService.create(.init(name: "公海乙", poolId: pool.id), boss)
            _ = try await PoolService.claim(spare1.id, rep2)
            await Self.expectRefused("claim_limit_daily") { _ = try await PoolService.claim(spare2.id, rep2) }
            // The next day the daily limit frees, but rep2 now holds 2, the most allowed.
            t.clock.advance(seconds: Self.day)
            await Self.expectRefused("claim_limit_held") { _ = try await PoolService.claim(spare2.id, rep2) }
            // Releasing needs a reason, and then frees a place.
            await Self.expectRefused("required") { _ = try await PoolService.release(spare1.id, reason: " ", rep2) }
            _ = try await PoolService.release(spare1.id, reason: "客户已倒闭", rep2)
            #expect(try await PoolService.claim(spare2.id, rep2).ownerId == rep2.principal?.userId)
            let moves = try await PoolService.moves(of: forgotten.id, boss).map(\.action)
            #expect(moves == ["claim", "recycle"])
            _ = f
        }
    }

    @Test func aBranchPoolIsItsPeoplesAndTheAPISaysWhichLimit() async throws {
        try await TestApp.run { t in
            let f = try await CRMFixture.make(t)
            let admin = try await t.token()
            let created = try await t.api(
                .POST, "/api/v1/pools", token: admin,
                json: """
                    {"name":"上海公海","branchId":"\(f.org.sh)","claimsPerDay":1,"rules":[{"noFollowUpDays":30,"warnDays":3}]}
                    """)
            #expect(created.status == .created)
            let pool = created.json["id"] as? String ?? ""
            let shPool = Int64(pool)!
            let a = try await CustomerService.create(.init(name: "浦东客户一", poolId: shPool, branchId: f.org.sh), t.system)
            let b = try await CustomerService.create(.init(name: "浦东客户二", poolId: shPool, branchId: f.org.sh), t.system)
            let hqRep = try await t.token("rep1", password: TestApp.userPassword)
            let shRep = try await t.token("shrep", password: TestApp.userPassword)
            // Head office's rep neither sees the Shanghai pool nor claims from it.
            #expect(try await t.api(.GET, "/api/v1/pools/\(pool)", token: hqRep).status == .notFound)
            #expect(
                try await t.api(.POST, "/api/v1/pools/\(pool)/claim", token: hqRep, json: #"{"customerId":"\#(a.id)"}"#).status == .notFound
            )
            #expect(try await t.api(.GET, "/api/v1/customers/\(a.id)", token: hqRep).status == .notFound)
            // Shanghai's rep sees the members, claims one, and the second is refused naming the limit and when it frees.
            let members = try await t.api(.GET, "/api/v1/pools/\(pool)/customers", token: shRep)
            #expect((members.json["items"] as? [[String: Any]])?.count == 2)
            let claimed = try await t.api(.POST, "/api/v1/pools/\(pool)/claim", token: shRep, json: #"{"customerId":"\#(a.id)"}"#)
            #expect(claimed.status == .ok)
            #expect(claimed.json["poolId"] == nil)
            let refused = try await t.api(.POST, "/api/v1/pools/\(pool)/claim", token: shRep, json: #"{"customerId":"\#(b.id)"}"#)
            #expect(refused.status == .conflict)
            let error = refused.json["error"] as? [String: Any] ?? [:]
            #expect(error["code"] as? String == "claim_limit_daily")
            #expect((error["message"] as? String)?.contains("00:00") == true)
            // Claiming a customer that is not in this pool.
            let again = try await t.api(.POST, "/api/v1/pools/\(pool)/claim", token: shRep, json: #"{"customerId":"\#(a.id)"}"#)
            #expect(again.status == .conflict)
            // Releasing to the pool, with a reason; a rep may not configure pools.
            let released = try await t.api(
                .POST, "/api/v1/pools/\(pool)/release", token: shRep, json: #"{"customerId":"\#(a.id)","reason":"联系不上"}"#)
            #expect(released.status == .ok)
            #expect(try await t.api(.PUT, "/api/v1/pools/\(pool)", token: shRep, json: #"{"name":"x","version":1}"#).status == .forbidden)
            // Notifications are one's own.
            let boss = try await t.context(as: "boss")
            _ = try await PoolService.assign(b.id, to: try await OrganisationQueries.user(username: "boss", on: t.store)!.id, t.system)
            let bossNote = try await NotificationService.list(unreadOnly: true, limit: 10, cursor: nil, boss).items.first!
            #expect(try await t.api(.POST, "/api/v1/notifications/\(bossNote.id)/read", token: shRep).status == .notFound)
            let mine = try await t.api(.GET, "/api/v1/notifications", token: try await t.token("boss", password: TestApp.userPassword))
            #expect(((mine.json["items"] as? [[String: Any]])?.first?["message"] as? String)?.contains("浦东客户二") == true)
        }
    }

    @Test func theNightlyRunHappensOnceADayAndRemindsOfBirthdays() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let rep = try await t.context(as: "rep1")
            let c = try await CustomerService.create(.init(name: "生日提醒公司"), rep)
            let inTwoDays = String(CalendarDate.chinaDate(Millis.from(t.clock.now) + 2 * 86_400_000).suffix(5))
            _ = try await ContactService.create(.init(partnerId: c.id, name: "寿星", birthday: "1980-" + inTwoDays), rep)
            let first = try await DailyJobs.run(t.system)
            #expect(first?.birthdays == 1)
            #expect(try await DailyJobs.run(t.system) == nil, "the second run the same day does nothing")
            t.clock.advance(seconds: Self.day)
            #expect(try await DailyJobs.run(t.system)?.birthdays == 0, "told once a year")
            #expect(try await Self.notices(t, "rep1").map(\.kind) == ["notify.birthday"])
        }
    }

    @Test func thePoolPagesWorkInBothLanguages() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let pool = try await PoolService.create(
                .init(name: "全公司公海", claimsPerDay: 5, rules: [.init(noFollowUpDays: 30, warnDays: 3)]), t.system
            ).pool
            let c = try await CustomerService.create(.init(name: "待领取客户", poolId: pool.id), t.system)
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/crm/pools", "/crm/pools?pool=\(pool.id)", "/crm/pools/preview", "/crm/pools/new", "/crm/pools/\(pool.id)/edit",
                    "/crm/customers/\(c.id)", "/notifications", "/",
                ] {
                    let r = try await b.get(path)
                    #expect(r.status == .ok, "\(lang) \(path)")
                    #expect(!r.text.contains("⟦"), "\(lang) \(path) has an untranslated string")
                }
            }
            // Claim from the pool page, then release from the profile.
            let page = try await b.get("/crm/pools?pool=\(pool.id)")
            var r = try await b.post("/crm/pools/\(pool.id)/claim/\(c.id)", [("_csrf", Browser.csrf(page.text))])
            #expect(r.status == .seeOther)
            var profile = try await b.get("/crm/customers/\(c.id)")
            #expect(profile.text.contains("放回公海") || profile.text.contains("Release to pool"))
            r = try await b.post("/crm/customers/\(c.id)/release", [("_csrf", Browser.csrf(profile.text)), ("reason", "重复客户")])
            #expect(r.status == .seeOther)
            profile = try await b.get("/crm/customers/\(c.id)")
            #expect(profile.text.contains("重复客户"))
            // A pool saved from its form, rules per level, by someone whose reach is the company.
            _ = try await b.post("/logout", [("_csrf", Browser.csrf(profile.text))])
            _ = try await b.login("admin", TestApp.adminPassword)
            let form = try await b.get("/crm/pools/new")
            r = try await b.post(
                "/crm/pools",
                [
                    ("_csrf", Browser.csrf(form.text)), ("name", "大客户公海"), ("claimsPerDay", "3"), ("active", "true"),
                    ("rules[0][level]", ""), ("rules[0][noFollowUpDays]", "45"), ("rules[0][warnDays]", "5"),
                    ("rules[1][level]", "A"), ("rules[1][noFollowUpDays]", "15"), ("rules[1][noDealDays]", "90"),
                ])
            #expect(r.status == .seeOther)
            let saved = try await PoolService.list(t.system).first { $0.pool.name == "大客户公海" }
            #expect(saved?.rules.map(\.level) == [nil, "A"])
            #expect(saved?.rules.map(\.noFollowUpDays) == [45, 15])
        }
    }
}
