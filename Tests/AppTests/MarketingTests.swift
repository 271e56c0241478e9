import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// A campaign judged by the money it brought: a lead captured for it becomes a customer and an
/// opportunity that carry it, the contract made from the opportunity carries it, and the money
/// collected on that contract is its return, against the costs counted once.
@Suite("Marketing: campaigns, their costs and their return")
struct MarketingTests {
    @Test func aCampaignsReturnIsCountedInMoneyCollectedOnTheContractsItBrought() async throws {
        try await TestApp.run { t in
            let f = try await CashFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            // Planned through the API; a period that ends before it starts is refused on its field.
            let bad = try await t.api(
                .POST, "/api/v1/campaigns", token: token,
                json: #"{"code":"EXPO-26","name":"上海食品展","kind":"exhibition","startsOn":"2026-11-10","endsOn":"2026-11-01"}"#)
            #expect(bad.status == .unprocessableEntity && (bad.json["error"] as? [String: Any])?["field"] as? String == "endsOn")
            let made = try await t.api(
                .POST, "/api/v1/campaigns", token: token,
                json: #"{"code":"EXPO-26","name":"上海食品展","kind":"exhibition","channel":"展会","startsOn":"2026-11-10","budget":"5000"}"#)
            #expect(made.status == .created)
            let id = try #require(Int64(made.json["id"] as? String ?? ""))
            _ = try await CampaignService.transition(id, .start, version: nil, admin)
            _ = try await CampaignService.addCost(id, .init(costDate: "2026-11-10", channel: "展位费", amount: "800"), admin)
            _ = try await CampaignService.addCost(id, .init(costDate: "2026-11-12", channel: "物料", amount: "200"), admin)

            // A lead from the fair, converted: the customer and the opportunity carry the campaign.
            let lead = try await LeadService.create(.init(company: "上海鲜果超市有限公司", source: "展会", campaignId: id), admin)
            let converted = try await LeadService.convert(lead.id, .init(opportunityName: "年度供货", amount: "3000"), admin)
            let customer = converted.customer
            let opportunity = try #require(converted.opportunity)
            #expect(try await InventoryQueries.partner(customer.id, on: t.store)?.campaignId == id)
            #expect(opportunity.campaignId == id)
            let won = try #require(try await StageService.list(admin).first { $0.outcome == "won" })
            _ = try await OpportunityService.move(opportunity.id, to: won.id, lostReason: nil, admin)

            // The contract made from the opportunity carries it; 1,500.00 is collected on it.
            let c = try await ContractService.create(
                .init(
                    partnerId: customer.id, opportunityId: opportunity.id, signDate: "2026-11-20", endDate: "2027-11-19",
                    lines: [.init(productId: f.inv.products["MA"], quantity: "1000", unitPrice: "3", taxRate: "0")]), admin)
            #expect(c.contract.campaignId == id)
            _ = try await ContractService.transition(c.contract.id, .submit, admin)
            _ = try await PaymentService.create(
                .in, .init(partnerId: customer.id, contractId: c.contract.id, paymentDate: "2026-11-25", amount: "1500", mode: "none"),
                admin)

            let d = try await CampaignService.details(id, admin)
            #expect(d.performance.leads == 1 && d.performance.leadsConverted == 1 && d.performance.customers == 1)
            #expect(d.performance.opportunitiesWon == 1 && d.performance.wonAmount == 300_000)
            #expect(d.performance.contracts == 1 && d.performance.contractAmount == 300_000)
            #expect(d.performance.collected == 150_000 && d.performance.cost == 100_000)
            // (3000 − 1000) / 1000 = 200.0%; collected (1500 − 1000) / 1000 = 50.0%.
            #expect(d.returns.roiWon == 2000 && d.returns.roiSigned == 2000 && d.returns.roiCollected == 500)
            let shown = try await t.api(.GET, "/api/v1/campaigns/\(id)", token: token)
            let results = try #require(shown.json["results"] as? [String: Any])
            #expect(results["collected"] as? String == "1500.00" && results["roiCollected"] as? String == "50.0")

            // The page says it too; a cost typed wrong there comes back with the field named.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let page = try await b.get("/marketing/campaigns/\(id)")
            #expect(page.status == .ok && page.text.contains("上海鲜果超市有限公司") && page.text.contains("50.0%"))
            let typo = try await b.post(
                "/marketing/campaigns/\(id)/costs", [("_csrf", Browser.csrf(page.text)), ("costDate", "2026-11-28"), ("amount", "八百")])
            #expect(typo.status == .unprocessableEntity && typo.text.contains("cost-amount"))
            #expect(try await CampaignService.details(id, admin).performance.cost == 100_000, "nothing half-written")

            // Cancelled, it takes no more costs; someone without marketing rights sees nothing of it.
            _ = try await CampaignService.transition(id, .complete, version: nil, admin)
            let reopen = await #expect(throws: DomainError.self) { try await CampaignService.transition(id, .reopen, version: nil, admin) }
            #expect(reopen?.code == "invalid_transition")
            // The list exports as on screen, with what each campaign spent; audited.
            let csv = try await t.api(.GET, "/api/v1/campaigns/export?format=csv&status=completed", token: token)
            #expect(csv.status == .ok && csv.text.contains("EXPO-26") && csv.text.contains("1000.00"))
            #expect(
                try await t.store.scalar(
                    "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'export' AND entity = 'campaign'", as: Int64.self) == 1)
            let sales = try await t.token("sales", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/campaigns/export", token: sales).status == .forbidden)
            #expect(try await t.api(.GET, "/api/v1/campaigns/\(id)", token: sales).status == .forbidden)
            #expect(
                try await t.api(.POST, "/api/v1/campaign-costs", token: sales, json: #"{"campaignId":"\#(id)","costDate":"2026-11-30"}"#)
                    .status == .forbidden)
        }
    }

    @Test func anApprovedExpenseClaimCountsForOneCampaignOnly() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.context(as: "admin")
            let a = try await CampaignService.create(.init(code: "WX-1", name: "微信推广", kind: "wechat", startsOn: "2026-11-01"), admin)
            let b = try await CampaignService.create(.init(code: "SMS-1", name: "短信群发", kind: "sms", startsOn: "2026-11-01"), admin)
            let category = try #require(try await ExpenseService.categories(t.store).first)
            let claim = try await ExpenseService.create(
                .init(
                    title: "推广费", claimDate: "2026-11-05",
                    lines: [.init(categoryId: category.id, expenseDate: "2026-11-05", amount: "320.50")]), admin)
            // Not approved yet: not a cost.
            let early = await #expect(throws: DomainError.self) {
                _ = try await CampaignService.addCost(a.id, .init(costDate: "2026-11-06", expenseClaimId: claim.claim.id), admin)
            }
            #expect(early?.code == "claim_not_approved")
            _ = try await ExpenseService.transition(claim.claim.id, .submit, admin)
            let cost = try await CampaignService.addCost(a.id, .init(costDate: "2026-11-06", expenseClaimId: claim.claim.id), admin)
            #expect(cost.amount == 32_050, "the claim's total")
            #expect(try await ExpenseQueries.claim(claim.claim.id, on: t.store)?.campaignId == a.id)
            let twice = await #expect(throws: DomainError.self) {
                _ = try await CampaignService.addCost(b.id, .init(costDate: "2026-11-06", expenseClaimId: claim.claim.id), admin)
            }
            #expect(twice?.code == "claim_counted")
            try await CampaignService.removeCost(cost.id, admin)
            #expect(try await ExpenseQueries.claim(claim.claim.id, on: t.store)?.campaignId == nil)
            _ = try await CampaignService.addCost(b.id, .init(costDate: "2026-11-06", expenseClaimId: claim.claim.id), admin)
            #expect(try await CampaignService.details(b.id, admin).performance.cost == 32_050)

            // A claim that names its campaign counts for it as soon as it is approved, and once only.
            let named = try await ExpenseService.create(
                .init(
                    title: "展会餐费", claimDate: "2026-11-07",
                    lines: [.init(categoryId: category.id, expenseDate: "2026-11-07", amount: "88.80")], campaignId: a.id), admin)
            #expect(try await CampaignService.details(a.id, admin).performance.cost == 0, "not before it is approved")
            _ = try await ExpenseService.transition(named.claim.id, .submit, admin)
            let costs = try await CampaignService.details(a.id, admin).costs
            #expect(costs.map(\.amount) == [8_880] && costs.first?.expenseClaimId == named.claim.id && costs.first?.note == "展会餐费")
            let again = await #expect(throws: DomainError.self) {
                _ = try await CampaignService.addCost(a.id, .init(costDate: "2026-11-08", expenseClaimId: named.claim.id), admin)
            }
            #expect(again?.code == "claim_counted")
        }
    }

    @Test func leadsFromAnAdsLinkAndFromAFairsListCarryTheirCampaign() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            let ads = try await CampaignService.create(
                .init(code: "BAIDU-11", name: "百度推广 11月", kind: "online_ads", startsOn: "2026-11-01"), admin)
            let fair = try await CampaignService.create(
                .init(code: "FAIR-1", name: "秋季展会", kind: "exhibition", startsOn: "2026-11-01"), admin)
            let on = try await t.api(.PUT, "/api/v1/settings", token: token, json: #"{"webForm":true}"#)
            let key = try #require(on.json["webFormKey"] as? String)

            // The campaign's page gives the marketer the form's address for the ads.
            var marketer = Browser(t: t)
            _ = try await marketer.login("admin", TestApp.adminPassword)
            let adsPage = try await marketer.get("/marketing/campaigns/\(ads.id)").text
            #expect(adsPage.contains("/crm/web-form/\(key)?c=BAIDU-11"))
            // …and the same address as a QR code for the booth, drawn on the server.
            let shown = try #require(adsPage.firstMatch(of: /(https?:\/\/[^<"]+\/crm\/web-form\/[^<"]+)<\/a>/)?.1)
            let qr = try QRCode(String(shown)).svg(title: "百度推广 11月 的留资二维码")
            #expect(adsPage.contains(#"<figure class="qr">"# + qr))
            // The ad's link names the campaign: the lead the visitor leaves carries it.
            var visitor = Browser(t: t)
            let form = try await visitor.get("/crm/web-form/\(key)?c=BAIDU-11")
            #expect(form.status == .ok && form.text.contains(#"name="campaign" value="BAIDU-11""#))
            let sent = try await visitor.post(
                "/crm/web-form/\(key)",
                [
                    ("_csrf", Browser.csrf(form.text)), ("company", "杭州点石广告有限公司"), ("name", "钱八"), ("phone", "13600002222"),
                    ("campaign", "BAIDU-11"), ("website", ""),
                ])
            #expect(sent.status == .ok)
            let fromAd = try #require(try await t.store.first("SELECT * FROM leads WHERE company = '杭州点石广告有限公司'", as: LeadRow.self))
            #expect(fromAd.campaignId == ads.id)
            // A link naming no campaign loses the attribution, never the visitor.
            let stray = try await visitor.get("/crm/web-form/\(key)?c=NOPE")
            _ = try await visitor.post(
                "/crm/web-form/\(key)",
                [("_csrf", Browser.csrf(stray.text)), ("company", "无名公司"), ("name", "孙九"), ("phone", "13600003333"), ("campaign", "NOPE")])
            let unattributed = try #require(try await t.store.first("SELECT * FROM leads WHERE company = '无名公司'", as: LeadRow.self))
            #expect(unattributed.campaignId == nil)

            // The fair's list names it by name; a campaign nobody made is that row's refusal.
            let csv = """
                公司名称,联系人,手机,市场活动
                宁波东海食品有限公司,周一,13500001111,秋季展会
                温州南门贸易有限公司,吴二,13500002222,FAIR-1
                台州北岸商行,郑三,13500003333,春季展会
                """
            let job = try await ImportService.upload(kind: "leads", fileName: "展会名单.csv", file: Data(csv.utf8), admin)
            #expect(ImportService.mapping(job) == ["company", "contactName", "phone", "campaign"])
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "company", intoPool: false),
                version: job.version, admin)
            _ = try await ImportService.start(job.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.created == 2 && done.refused == 1)
            let refused = try await ImportService.rows(job.id, outcome: "refused", limit: 5, cursor: nil, admin).items
            #expect(refused.first?.field == "campaign" && refused.first?.code == "import_campaign_not_found")
            #expect(try await CampaignService.details(fair.id, admin).performance.leads == 2)

            // An opportunity found another way names its campaign; an update that does not name one keeps it.
            let customer = try await CustomerService.create(.init(name: "绍兴越城酒业有限公司"), admin)
            let opp = try await t.api(
                .POST, "/api/v1/opportunities", token: token,
                json: #"{"partnerId":"\#(customer.id)","name":"黄酒代理","amount":"8000","campaignId":"\#(ads.id)"}"#)
            #expect(opp.status == .created && opp.json["campaignId"] as? String == String(ads.id))
            let oid = try #require(opp.json["id"] as? String)
            let put = try await t.api(
                .PUT, "/api/v1/opportunities/\(oid)", token: token,
                json: #"{"partnerId":"\#(customer.id)","name":"黄酒代理","amount":"9000","version":\#(opp.json["version"] as? Int ?? 1)}"#)
            #expect(put.status == .ok && put.json["campaignId"] as? String == String(ads.id))
            let cancelledCampaign = try await CampaignService.transition(fair.id, .cancel, version: nil, admin)
            let toCancelled = try await t.api(
                .POST, "/api/v1/opportunities", token: token,
                json: #"{"partnerId":"\#(customer.id)","name":"x","amount":"1","campaignId":"\#(cancelledCampaign.id)"}"#)
            #expect(
                toCancelled.status == .unprocessableEntity
                    && (toCancelled.json["error"] as? [String: Any])?["field"] as? String == "campaignId")
        }
    }
}
