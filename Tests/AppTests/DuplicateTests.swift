import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// One company typed three ways is found, reviewed and merged into one record; the merge moves
/// everything that named the other and can be undone, putting every record back.
@Suite("Duplicates: the finder, merge and undo")
struct DuplicateTests {
    static func items(_ r: TestingHTTPResponse) -> [[String: Any]] { r.json["items"] as? [[String: Any]] ?? [] }
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func theFinderMeetsOneCompanyUnderItsSpellingsAndPassesOverSharedSwitchboards() {
        #expect(DuplicateKeys.phone("+86 138-0013-8000") == "13800138000")
        #expect(DuplicateKeys.phone("0086 13800138000") == "13800138000")
        #expect(DuplicateKeys.phone("+86 10 6552 9988") == DuplicateKeys.phone("010-65529988"))
        #expect(DuplicateKeys.phone("８８８") == nil, "too short to tell anything")
        #expect(DuplicateKeys.name("東莞市華興電器有限公司") == DuplicateKeys.name("东莞市华兴电器 Co., Ltd."))
        #expect(DuplicateKeys.address("北京市朝阳区") == nil, "a district alone says nothing")
        #expect(DuplicateKeys.address("北京市朝陽區建國路８８號") == DuplicateKeys.address("北京市朝阳区建国路88号"))

        var finder = DuplicateFinder()
        finder.add(1, name: "东莞市华兴电器有限公司", phones: ["0769-2222 3333"])
        finder.add(2, name: "東莞市華興電器", phones: ["+86 769 2222 3333"])
        finder.add(3, name: "北京快普科技", emails: ["info@kp.example"])
        finder.add(4, name: "北京快谱科技有限公司", emails: [" INFO@kp.example"])
        finder.add(5, name: "上海远景贸易有限公司", address: "上海市浦东新区世纪大道100号")
        finder.add(6, name: "远景（上海）国际贸易", address: "上海市浦东新区世纪大道100号")
        finder.add(7, name: "杭州西湖茶业")
        // Thirty companies behind one switchboard number: the number tells nothing about any two.
        for i in 100..<130 { finder.add(Int64(i), name: "园区企业\(i)号", phones: ["400-800-1234"]) }
        finder.add(3, phones: ["138 0013 8000"])
        finder.add(7, phones: ["13800138000"])
        let pairs = finder.pairs()
        let found = pairs.map { "\($0.a)-\($0.b):\($0.reasons.map(\.code).joined(separator: "+")):\($0.score)" }
        #expect(found == ["1-2:name+phone:97", "3-4:pinyin+email:88", "3-7:phone:70", "5-6:address:40"])
        #expect(pairs.first { $0.a == 3 && $0.b == 7 }?.cluster == 3, "3, 4 and 7 hang together")
        #expect(pairs.first { $0.a == 3 && $0.b == 4 }?.cluster == 3)
        #expect(DuplicateFinder.clusters(pairs) == 2)
    }

    @Test func aScanShowsEachPersonThePairsTheySeeBothSidesOfAndADismissedPairStaysAway() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let a = try await CustomerService.create(
                .init(name: "东莞市华兴电器有限公司", phone: "0769-2222 3333"), try await t.context(as: "rep1"))
            let b = try await CustomerService.create(.init(name: "東莞市華興電器", phone: "+86 769 2222 3333"), try await t.context(as: "shrep"))
            _ = try await CustomerService.create(.init(name: "杭州西湖茶业"), try await t.context(as: "rep1"))

            let admin = try await t.token()
            let rep = try await t.token("rep1", password: TestApp.userPassword)
            #expect(try await t.api(.POST, "/api/v1/duplicates/scans", token: rep).status == .forbidden, "a rep may not merge")
            let none = try await t.api(.GET, "/api/v1/duplicates", token: admin)
            #expect(none.status == .ok && Self.items(none).isEmpty && none.json["scan"] == nil)

            let queued = try await t.api(.POST, "/api/v1/duplicates/scans", token: admin)
            #expect(queued.status == .accepted && queued.json["status"] as? String == "queued")
            let again = try await t.api(.POST, "/api/v1/duplicates/scans", token: admin)
            #expect(again.json["id"] as? String == queued.json["id"] as? String, "one scan at a time")
            let done = try #require(try await DuplicateService.runPending(t.system))
            #expect(done.status == "done" && done.scanned == 3 && done.pairs == 1)

            let listed = try await t.api(.GET, "/api/v1/duplicates", token: admin)
            let pair = try #require(Self.items(listed).first)
            #expect(pair["reasons"] as? [String] == ["name", "phone"] && pair["score"] as? Int == 97)
            #expect((pair["a"] as? [String: Any])?["id"] as? String == String(a.id))
            #expect((pair["b"] as? [String: Any])?["id"] as? String == String(b.id))
            // The rep sees only one side: the pair is not theirs to see.
            #expect(Self.items(try await t.api(.GET, "/api/v1/duplicates", token: rep)).isEmpty)

            let dismissed = try await t.api(
                .POST, "/api/v1/duplicates/dismissals", token: admin, json: #"{"aId":"\#(b.id)","bId":"\#(a.id)"}"#)
            #expect(dismissed.status == .noContent)
            #expect(Self.items(try await t.api(.GET, "/api/v1/duplicates", token: admin)).isEmpty)
            let same = try await t.api(.POST, "/api/v1/duplicates/dismissals", token: admin, json: #"{"aId":"\#(a.id)","bId":"\#(a.id)"}"#)
            #expect(same.status == .unprocessableEntity && Self.error(same)["field"] as? String == "bId")
            let audited = try await t.store.scalar(
                "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'duplicates' AND action IN ('scan', 'dismiss')", as: Int64.self)
            #expect(audited == 2)
        }
    }

    /// Every row of every table that names a customer, as (table.column, id, customer).
    static func references(_ t: TestApp) async throws -> [String] {
        struct R: Decodable { var id: Int64; var ref: Int64? }
        var out: [String] = []
        for ref in MergeQueries.customerReferences {
            let parts = ref.split(separator: ".").map(String.init)
            for r in try await t.store.all(
                "SELECT id, \(ident: parts[1]) AS ref FROM \(ident: parts[0]) ORDER BY id", as: R.self) where r.ref != nil
            {
                out.append("\(ref) \(r.id) \(r.ref!)")
            }
        }
        return out
    }

    @Test func aMergeMovesEveryReferenceAndItsUndoPutsBothRecordsAndEveryReferenceBack() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: TestApp.userPassword)
            // The two demo customers that most records name.
            struct Busy: Decodable { var id: Int64; var n: Int64 }
            let busiest = try await t.store.all(
                """
                SELECT p.id, (SELECT COUNT(*) FROM contacts c WHERE c.partner_id = p.id) + (SELECT COUNT(*) FROM open_items o WHERE o.partner_id = p.id)
                    + (SELECT COUNT(*) FROM stock_documents d WHERE d.partner_id = p.id) + (SELECT COUNT(*) FROM contracts k WHERE k.partner_id = p.id)
                    + (SELECT COUNT(*) FROM activities a WHERE a.partner_id = p.id) AS n
                FROM partners p WHERE p.is_customer = TRUE AND p.internal_branch_id IS NULL ORDER BY n DESC, p.id LIMIT 2
                """, as: Busy.self)
            let (survivorId, mergedId) = (busiest[0].id, busiest[1].id)
            let survivor = try #require(try await CRMQueries.customer(survivorId, on: t.store))
            let merged = try #require(try await CRMQueries.customer(mergedId, on: t.store))
            let before = try await Self.references(t)
            let mergedRefs = before.filter { $0.hasSuffix(" \(mergedId)") }
            #expect(mergedRefs.count >= 5, "a customer with history: \(mergedRefs)")
            struct Sum: Decodable { var s: Int64? }
            func receivable(_ ids: [Int64]) async throws -> Int64 {
                try await t.store.first(
                    "SELECT SUM(residual) AS s FROM open_items WHERE side = 'receivable' AND partner_id IN (\(binds: ids.map { $0 as any Encodable & Sendable }))",
                    as: Sum.self)?.s ?? 0
            }
            let owedBefore = try await receivable([survivorId, mergedId])

            let admin = try await t.token()
            let rep = try await t.token("wangfang", password: TestApp.userPassword)
            let preview = try await t.api(.GET, "/api/v1/merges/preview?survivorId=\(survivorId)&mergedId=\(mergedId)", token: admin)
            #expect(preview.status == .ok)
            let moves = preview.json["moves"] as? [String: Int] ?? [:]
            #expect(moves.values.reduce(0, +) == mergedRefs.count)
            let body = """
                {"survivorId":"\(survivorId)","mergedId":"\(mergedId)","choices":{"phone":"merged","note":"survivor"},
                 "survivorVersion":\(survivor.version),"mergedVersion":\(merged.version)}
                """
            let bad = try await t.api(
                .POST, "/api/v1/merges", token: admin,
                json: #"{"survivorId":"\#(survivorId)","mergedId":"\#(mergedId)","choices":{"phone":"both"}}"#)
            #expect(bad.status == .unprocessableEntity && Self.error(bad)["field"] as? String == "phone")
            let done = try await t.api(.POST, "/api/v1/merges", token: admin, json: body)
            #expect(done.status == .created, "\(done.text)")
            let mergeId = try #require(done.json["id"] as? String)

            // The other is gone, everything that named it names the survivor, the books still add up.
            #expect(try await CRMQueries.customer(mergedId, on: t.store) == nil)
            let after = try await Self.references(t)
            #expect(after.filter { $0.hasSuffix(" \(mergedId)") }.isEmpty)
            #expect(after.count == before.count)
            let kept = try #require(try await CRMQueries.customer(survivorId, on: t.store))
            #expect(kept.phone == merged.phone && kept.code == survivor.code && kept.note == survivor.note)
            #expect(try await receivable([survivorId]) == owedBefore)
            #expect(try await t.api(.GET, "/api/v1/customers/\(mergedId)", token: admin).status == .notFound)
            #expect(
                try await t.store.scalar(
                    "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'customer' AND action IN ('merge', 'merge_away')", as: Int64.self)
                    == 2)

            // Undone: both records as they were, each reference where it was.
            #expect(try await t.api(.POST, "/api/v1/merges/\(mergeId)/undo", token: rep).status == .forbidden)
            let undone = try await t.api(.POST, "/api/v1/merges/\(mergeId)/undo", token: admin)
            #expect(undone.status == .ok && undone.json["undoneAt"] as? String != nil, "\(undone.text)")
            #expect(try await Self.references(t) == before)
            #expect(try await CRMQueries.customer(mergedId, on: t.store) == merged, "the merged record exactly as it was")
            var restored = try #require(try await CRMQueries.customer(survivorId, on: t.store))
            #expect(restored.version == survivor.version + 2)
            restored.version = survivor.version
            restored.updatedAt = survivor.updatedAt
            #expect(restored == survivor, "the survivor's fields as they were")
            #expect(try await receivable([survivorId, mergedId]) == owedBefore)
            let twice = try await t.api(.POST, "/api/v1/merges/\(mergeId)/undo", token: admin)
            #expect(twice.status == .conflict && Self.error(twice)["code"] as? String == "merge_already_undone")

            // A merge whose survivor changed since is not undone; nor one older than 30 days.
            let second = try await t.api(
                .POST, "/api/v1/merges", token: admin,
                json:
                    #"{"survivorId":"\#(survivorId)","mergedId":"\#(mergedId)","survivorVersion":\#(survivor.version + 2),"mergedVersion":\#(merged.version)}"#
            )
            #expect(second.status == .created, "\(second.text)")
            let secondId = try #require(second.json["id"] as? String)
            // Someone edits the survivor after the merge.
            try await t.store.run("UPDATE partners SET note = '改过了', version = version + 1 WHERE id = \(bind: survivorId)")
            let changed = try await t.api(.POST, "/api/v1/merges/\(secondId)/undo", token: admin)
            #expect(changed.status == .conflict && Self.error(changed)["code"] as? String == "merge_changed_since")
            t.clock.advance(seconds: 31 * 86_400)
            let late = try await t.api(.POST, "/api/v1/merges/\(secondId)/undo", token: admin)
            #expect(late.status == .conflict && Self.error(late)["code"] as? String == "merge_undo_expired")
        }
    }

    @Test func thePagesListPairsMergeFieldByFieldAndUndo() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            let a = try await CustomerService.create(.init(name: "北京快普科技有限公司", phone: "010-6256 8899"), boss)
            let b = try await CustomerService.create(.init(name: "北京快谱科技", phone: "+86 10 6256 8899", email: "info@kp.example"), boss)
            _ = try await ContactService.create(.init(partnerId: b.id, name: "李雷", mobile: "13900001111"), boss)
            var browser = Browser(t: t)
            _ = try await browser.login("boss", TestApp.userPassword)
            let empty = try await browser.get("/duplicates")
            #expect(empty.status == .ok && empty.text.contains("还没有扫描过重复客户"))
            let started = try await browser.post("/duplicates/scan", [("_csrf", Browser.csrf(empty.text))])
            #expect(started.status == .seeOther)
            _ = try await DuplicateService.runPending(t.system)
            let list = try await browser.get("/duplicates")
            #expect(
                list.text.contains("北京快谱科技") && list.text.contains("名称同音")
                    && list.text.contains("/duplicates/merge?survivor=\(a.id)&amp;merged=\(b.id)"))

            let page = try await browser.get("/duplicates/merge?survivor=\(a.id)&merged=\(b.id)")
            #expect(page.status == .ok && page.text.contains("联系人 1 个") && page.text.contains("采用：info@kp.example"))
            let merged = try await browser.post(
                "/duplicates/merge",
                [
                    ("_csrf", Browser.csrf(page.text)), ("survivor", String(a.id)), ("merged", String(b.id)), ("survivorVersion", "1"),
                    ("mergedVersion", "1"), ("choice[email]", "merged"),
                    ("choice[name]", "survivor"), ("choice[phone]", "merged"),
                ])
            #expect(merged.status == .seeOther, "\(merged.text)")
            let location = try #require(merged.headers.first(name: .location))
            let record = try await browser.get(location)
            #expect(record.text.contains("撤销合并") && record.text.contains("北京快谱科技"))
            let kept = try #require(try await CRMQueries.customer(a.id, on: t.store))
            #expect(kept.email == "info@kp.example" && kept.name == "北京快普科技有限公司")
            #expect(kept.phone == b.phone, "a choice the form made, not the proposal")
            #expect(try await CRMQueries.contacts(of: a.id, on: t.store).map(\.name) == ["李雷"])
            #expect(try await browser.get("/duplicates/merges").text.contains(location))

            let undone = try await browser.post(location + "/undo", [("_csrf", Browser.csrf(record.text))])
            #expect(undone.status == .seeOther)
            #expect(try await browser.get(location).text.contains("已撤销"))
            #expect(try await CRMQueries.contacts(of: b.id, on: t.store).map(\.name) == ["李雷"])

            // Someone without the right to delete customers sees the list but no merge.
            var rep = Browser(t: t)
            _ = try await rep.login("rep1", TestApp.userPassword)
            let repList = try await rep.get("/duplicates")
            #expect(repList.status == .ok && !repList.text.contains("action=\"/duplicates/scan\""))
            #expect(try await rep.get("/duplicates/merge?survivor=\(a.id)&merged=\(b.id)").status == .forbidden)
        }
    }

    @Test func cleansingChecksCountAndListWhatIsMissingWrongOrStaleWithinTheReadersScope() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let rep = try await t.context(as: "rep1")
            let code = uscc("91110108MA01QQQQ0")
            let complete = try await CustomerService.create(
                .init(name: "完整信息有限公司", uscc: code, province: "北京市", city: "北京市", phone: "010-1234 5678"), rep)
            let viaContact = try await CustomerService.create(
                .init(name: "联系人有电话公司", uscc: uscc("91110108MA01QQQQ1"), province: "北京市"), rep)
            _ = try await ContactService.create(.init(partnerId: viaContact.id, name: "韩梅梅", mobile: "13900002222"), rep)
            let bare = try await CustomerService.create(.init(name: "什么都没填的公司"), rep)
            _ = try await CustomerService.create(.init(name: "别人的客户"), try await t.context(as: "shrep"))
            // A USCC that came in before it was checked (a legacy row).
            try await t.store.run("UPDATE partners SET uscc = '91110108MA01QQQQ9X' WHERE id = \(bind: complete.id)")

            var token = try await t.token("rep1", password: TestApp.userPassword)
            func counts() async throws -> [String: Int] {
                let r = try await t.api(.GET, "/api/v1/duplicates/quality", token: token)
                #expect(r.status == .ok)
                return Dictionary(
                    uniqueKeysWithValues: (r.json["checks"] as? [[String: Any]] ?? []).map { ($0["check"] as! String, $0["count"] as! Int) }
                )
            }
            var c = try await counts()
            #expect(c["missing_phone"] == 1 && c["missing_region"] == 1 && c["missing_uscc"] == 1 && c["invalid_uscc"] == 1)
            #expect(c["missing_owner"] == 0 && c["stale"] == 0, "\(c)")
            let listed = try await t.api(.GET, "/api/v1/duplicates/quality?check=missing_phone", token: token)
            #expect(Self.items(listed).map { $0["id"] as? String } == [String(bare.id)])
            let invalid = try await t.api(.GET, "/api/v1/duplicates/quality?check=invalid_uscc", token: token)
            #expect(Self.items(invalid).map { $0["id"] as? String } == [String(complete.id)])
            // The list to hand out: as a file, for those who may export.
            #expect(try await t.api(.GET, "/api/v1/duplicates/quality/export?check=missing_phone", token: token).status == .forbidden)
            let admin = try await t.token()
            let file = try await t.api(.GET, "/api/v1/duplicates/quality/export?check=missing_phone&format=csv", token: admin)
            #expect(file.status == .ok && file.text.contains("什么都没填的公司") && file.text.contains("别人的客户"))
            #expect(!file.text.contains("联系人有电话公司"))
            let wrong = try await t.api(.GET, "/api/v1/duplicates/quality?check=everything", token: token)
            #expect(wrong.status == .badRequest && Self.error(wrong)["field"] as? String == "check")

            // Half a year on, the owned customers nobody followed up are stale.
            t.clock.advance(seconds: 181 * 86_400)
            token = try await t.token("rep1", password: TestApp.userPassword)
            c = try await counts()
            #expect(c["stale"] == 3)

            var b = Browser(t: t)
            _ = try await b.login("rep1", TestApp.userPassword)
            let page = try await b.get("/duplicates/quality?check=missing_region")
            #expect(page.status == .ok && page.text.contains("什么都没填的公司") && !page.text.contains("别人的客户"))
        }
    }

    @Test func contactsTypedTwiceAreFoundMergedWithTheirHistoryAndTheMergeUndone() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let rep1 = try await t.context(as: "rep1")
            let x = try await CustomerService.create(.init(name: "杭州西湖茶业有限公司"), rep1)
            let y = try await CustomerService.create(.init(name: "宁波港务贸易有限公司"), rep1)
            let one = try await ContactService.create(.init(partnerId: x.id, name: "张伟", mobile: "13800138000", isPrimary: true), rep1)
            let two = try await ContactService.create(
                .init(partnerId: x.id, name: "張偉", mobile: "+86 138 0013 8000", email: "zhangwei@xihu.example.cn", birthday: "06-18"), rep1)
            // The same common name at another company is another person.
            _ = try await ContactService.create(.init(partnerId: y.id, name: "张伟"), rep1)
            let call = try await ActivityService.create(
                .init(partnerId: x.id, contactId: two.id, kind: "call", content: "约了下周拜访"), rep1)

            let boss = try await t.token("boss", password: TestApp.userPassword)
            let shrep = try await t.token("shrep", password: TestApp.userPassword)
            #expect(try await t.api(.POST, "/api/v1/contact-duplicates/scans", token: boss).status == .accepted)
            let scan = try #require(try await DuplicateService.runPending(t.system))
            #expect(scan.entity == "contact" && scan.scanned == 3)
            let pairs = Self.items(try await t.api(.GET, "/api/v1/contact-duplicates", token: boss))
            #expect(pairs.count == 1)
            let pair = try #require(pairs.first)
            #expect((pair["a"] as? [String: Any])?["id"] as? String == String(one.id))
            #expect((pair["b"] as? [String: Any])?["code"] as? String == "杭州西湖茶业有限公司")
            #expect(Set(pair["reasons"] as? [String] ?? []) == ["name", "phone"])
            // Shanghai sees neither side.
            #expect(Self.items(try await t.api(.GET, "/api/v1/contact-duplicates", token: shrep)).isEmpty)

            let preview = try await t.api(.GET, "/api/v1/contact-merges/preview?survivorId=\(one.id)&mergedId=\(two.id)", token: boss)
            #expect(preview.status == .ok && preview.json["moves"] as? [String: Int] == ["activities.contact_id": 1])
            let fields = preview.json["fields"] as? [[String: Any]] ?? []
            #expect(fields.first { $0["field"] as? String == "email" }?["proposed"] as? String == "merged")
            let out = try await t.api(
                .POST, "/api/v1/contact-merges", token: shrep, json: #"{"survivorId":"\#(one.id)","mergedId":"\#(two.id)"}"#)
            #expect(out.status == .notFound, "another branch's contacts are not there to merge")
            let done = try await t.api(
                .POST, "/api/v1/contact-merges", token: boss,
                json:
                    #"{"survivorId":"\#(one.id)","mergedId":"\#(two.id)","choices":{"name":"survivor"},"survivorVersion":1,"mergedVersion":1}"#
            )
            #expect(done.status == .created, "\(done.text)")
            let mergeId = try #require(done.json["id"] as? String)

            // One person: the other gone, the empty fields filled from it, the call theirs.
            #expect(try await CRMQueries.contact(two.id, on: t.store) == nil)
            let kept = try #require(try await CRMQueries.contact(one.id, on: t.store))
            #expect(kept.name == "张伟" && kept.email == "zhangwei@xihu.example.cn" && kept.birthdayMd == "06-18" && kept.isPrimary)
            #expect(try await CRMQueries.activity(call.id, on: t.store)?.contactId == one.id)
            #expect(try await t.api(.GET, "/api/v1/contacts?q=zhangwei", token: boss).json["items"] as? [Any] != nil)
            #expect(
                try await t.store.scalar(
                    "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'contact' AND action IN ('merge', 'merge_away')", as: Int64.self)
                    == 2)
            // Not a customer merge: the customers' address does not know it.
            #expect(try await t.api(.GET, "/api/v1/merges/\(mergeId)", token: boss).status == .notFound)
            #expect(try await t.api(.GET, "/api/v1/contact-merges/\(mergeId)", token: boss).status == .ok)

            // Undone: both as they were, the call back with the one it was with.
            let undone = try await t.api(.POST, "/api/v1/contact-merges/\(mergeId)/undo", token: boss)
            #expect(undone.status == .ok && undone.json["undoneAt"] as? String != nil, "\(undone.text)")
            #expect(try await CRMQueries.contact(two.id, on: t.store) == two, "the merged contact exactly as it was")
            var restored = try #require(try await CRMQueries.contact(one.id, on: t.store))
            #expect(restored.version == one.version + 2)
            restored.version = one.version
            restored.updatedAt = one.updatedAt
            #expect(restored == one)
            #expect(try await CRMQueries.activity(call.id, on: t.store)?.contactId == two.id)
            let twice = try await t.api(.POST, "/api/v1/contact-merges/\(mergeId)/undo", token: boss)
            #expect(twice.status == .conflict && Self.error(twice)["code"] as? String == "merge_already_undone")

            // The pages: the pair to review, the merge side by side, the record with its undo.
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let review = try await b.get("/duplicates/contacts")
            #expect(review.status == .ok && review.text.contains("重复联系人") && review.text.contains("張偉"))
            let form = try await b.get("/duplicates/contacts/merge?survivor=\(one.id)&merged=\(two.id)")
            #expect(form.status == .ok && form.text.contains("合并联系人") && form.text.contains("保留的联系人"))
            let merged = try await b.post(
                "/duplicates/contacts/merge",
                [
                    ("_csrf", Browser.csrf(form.text)), ("survivor", String(one.id)), ("merged", String(two.id)),
                    ("survivorVersion", String(one.version + 2)), ("mergedVersion", String(two.version)), ("choice[name]", "merged"),
                ])
            #expect(merged.status == .seeOther)
            #expect(try await CRMQueries.contact(one.id, on: t.store)?.name == "張偉")
            let record = try await b.get(try #require(merged.headers.first(name: .location)))
            #expect(record.status == .ok && record.text.contains("并入的联系人") && record.text.contains("跟进记录 1 条"))
            #expect(!record.text.contains("⟦"))
            let list = try await b.get("/duplicates/merges?entity=contact")
            #expect(list.status == .ok && list.text.contains("張偉"))
        }
    }

    @Test func productsCreatedTwiceAreMergedWhenNeitherHasStockAndTheMergeUndone() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let ctx = t.system
            let one = try await ProductService.create(
                .init(code: "KL01", name: "可口可乐", spec: "330ml", baseUnit: "罐", units: [.init(name: "箱", factor: "24")]), ctx)
            let two = try await ProductService.create(
                .init(
                    code: "KL99", name: "可口可樂", spec: "330ML", baseUnit: "罐",
                    units: [.init(name: "箱", factor: "24", barcode: "6900000000017")], salePrice: "3.5"), ctx)
            let order = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: f.customer, orderDate: "2026-11-02",
                    lines: [.init(productId: two.product.id, unit: "箱", quantity: "2", warehouseId: f.w1)]), ctx)
            let admin = try await t.token()

            #expect(try await t.api(.POST, "/api/v1/product-duplicates/scans", token: admin).status == .accepted)
            let scan = try #require(try await DuplicateService.runPending(t.system))
            #expect(scan.entity == "product")
            let pairs = Self.items(try await t.api(.GET, "/api/v1/product-duplicates", token: admin))
            #expect(pairs.count == 1 && pairs.first?["reasons"] as? [String] == ["name"], "\(pairs)")

            // Other units, or stock history: never merged away.
            let stocked = try await t.api(
                .POST, "/api/v1/product-merges", token: admin,
                json: #"{"survivorId":"\#(one.product.id)","mergedId":"\#(f.products["MA"]!)","survivorVersion":1,"mergedVersion":1}"#)
            #expect(stocked.status == .conflict && Self.error(stocked)["code"] as? String == "merge_product_units_differ")
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "10", at: "2")])
            let history = try await t.api(
                .POST, "/api/v1/product-merges", token: admin,
                json: #"{"survivorId":"\#(f.products["FIFO"]!)","mergedId":"\#(f.products["MA"]!)","survivorVersion":1,"mergedVersion":1}"#)
            #expect(history.status == .conflict && Self.error(history)["code"] as? String == "merge_product_has_stock")

            let preview = try await t.api(
                .GET, "/api/v1/product-merges/preview?survivorId=\(one.product.id)&mergedId=\(two.product.id)", token: admin)
            #expect(preview.status == .ok && preview.json["moves"] as? [String: Int] == ["order_lines.product_id": 1])
            let done = try await t.api(
                .POST, "/api/v1/product-merges", token: admin,
                json: #"{"survivorId":"\#(one.product.id)","mergedId":"\#(two.product.id)","survivorVersion":1,"mergedVersion":1}"#)
            #expect(done.status == .created, "\(done.text)")
            let mergeId = try #require(done.json["id"] as? String)
            #expect(try await InventoryQueries.product(two.product.id, on: t.store) == nil)
            let kept = try #require(try await InventoryQueries.product(one.product.id, on: t.store))
            #expect(kept.code == "KL01" && kept.salePrice == two.product.salePrice, "an empty price taken from the other")
            #expect(try await InventoryQueries.units(of: one.product.id, on: t.store).first { $0.name == "箱" }?.barcode == "6900000000017")
            let line = try #require(try await OrderService.find(order.order.id, kind: .sales, ctx).lines.first)
            #expect(line.productId == one.product.id && line.baseQty == order.lines[0].baseQty)

            let undone = try await t.api(.POST, "/api/v1/product-merges/\(mergeId)/undo", token: admin)
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(try await InventoryQueries.product(two.product.id, on: t.store) == two.product)
            #expect(try await InventoryQueries.units(of: two.product.id, on: t.store) == two.units)
            #expect(try await InventoryQueries.units(of: one.product.id, on: t.store) == one.units)
            #expect(try await OrderService.find(order.order.id, kind: .sales, ctx).lines.first?.productId == two.product.id)
            var restored = try #require(try await InventoryQueries.product(one.product.id, on: t.store))
            restored.version = one.product.version
            restored.updatedAt = one.product.updatedAt
            #expect(restored == one.product)

            // Someone who may merge products but not see costs neither sees nor chooses the standard cost.
            let role = try await RoleService.create(
                .init(
                    code: "goods", name: "商品管理", permissions: ["products.view", "products.edit", "products.delete"], dataScope: "all"),
                t.system
            ).id
            _ = try await UserService.create(
                .init(
                    username: "goods", displayName: "goods", password: TestApp.userPassword, branchId: f.hq, departmentId: nil,
                    roleIds: [role]), t.system)
            let goods = try await t.token("goods", password: TestApp.userPassword)
            let blind = try await t.api(
                .GET, "/api/v1/product-merges/preview?survivorId=\(one.product.id)&mergedId=\(two.product.id)", token: goods)
            #expect(blind.status == .ok)
            #expect(!((blind.json["fields"] as? [[String: Any]]) ?? []).contains { $0["field"] as? String == "standardCost" })
            let chosen = try await t.api(
                .POST, "/api/v1/product-merges", token: goods,
                json:
                    #"{"survivorId":"\#(one.product.id)","mergedId":"\#(two.product.id)","choices":{"standardCost":"merged"},"survivorVersion":3,"mergedVersion":1}"#
            )
            #expect(chosen.status == .unprocessableEntity, "\(chosen.text)")

            // The page: the pair, the merge side by side.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let review = try await b.get("/duplicates/products")
            #expect(review.status == .ok && review.text.contains("重复商品") && review.text.contains("可口可樂"))
            let form = try await b.get("/duplicates/products/merge?survivor=\(one.product.id)&merged=\(two.product.id)")
            #expect(form.status == .ok && form.text.contains("合并商品") && form.text.contains("订单行 1 条"))
            #expect(!form.text.contains("⟦"))

            // A moved line received against since: undoing would leave the receipt on the survivor
            // and its order line on the other, so the merge stands.
            let po = try await OrderService.create(
                kind: .purchase,
                .init(
                    partnerId: f.supplier, orderDate: "2026-11-02",
                    lines: [.init(productId: two.product.id, quantity: "5", unitPrice: "2", warehouseId: f.w1)]), ctx)
            _ = try await OrderService.transition(po.order.id, kind: .purchase, .confirm, ctx)
            let survivorNow = try #require(try await InventoryQueries.product(one.product.id, on: t.store))
            let again = try await t.api(
                .POST, "/api/v1/product-merges", token: admin,
                json:
                    #"{"survivorId":"\#(one.product.id)","mergedId":"\#(two.product.id)","survivorVersion":\#(survivorNow.version),"mergedVersion":\#(two.product.version)}"#
            )
            #expect(again.status == .created, "\(again.text)")
            let againId = try #require(again.json["id"] as? String)
            try await f.post(
                t, .purchaseReceipt, date: "2026-11-04",
                lines: [.init(productId: one.product.id, quantity: "5", warehouseId: f.w1, unitCost: "2", orderLineId: po.lines[0].id)])
            let refused = try await t.api(.POST, "/api/v1/product-merges/\(againId)/undo", token: admin)
            #expect(refused.status == .conflict && Self.error(refused)["code"] as? String == "merge_lines_used", "\(refused.text)")
            #expect(try await InventoryQueries.product(two.product.id, on: t.store) == nil)
            #expect(try await OrderService.find(po.order.id, kind: .purchase, ctx).lines.first?.productId == one.product.id)
        }
    }
}
