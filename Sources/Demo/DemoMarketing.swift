import Foundation
import Kernel
import Persistence
import Services

/// The demo company's marketing: a food fair in the demo month with its booth and materials
/// paid, a lead met there converted by the key-account rep, the opportunity won, the contract
/// signed and part of it collected — so the campaign's page shows a return in money received.
/// A tasting at the fair with its invitations, answers, check-ins and a walk-in. Another campaign
/// is still being planned. Through the services, as the people would.
public enum DemoMarketing {
    public static func load(month: String, _ ctx: ServiceContext) async throws {
        guard try await MarketingQueries.campaign(code: "FAIR-SPRING", on: ctx.store) == nil,
            let lina = try await OrganisationQueries.user(username: "lina", on: ctx.store),
            let wang = try await OrganisationQueries.user(username: "wangfang", on: ctx.store),
            let sun = try await OrganisationQueries.user(username: "sunli", on: ctx.store),
            let boss = try await OrganisationQueries.user(username: "zhangwei", on: ctx.store),
            let water = try await InventoryQueries.product(code: "NF-550", on: ctx.store)
        else { return }
        let linaCtx = try await ctx.acting(as: lina, requestId: "demo"), wangCtx = try await ctx.acting(as: wang, requestId: "demo")
        let sunCtx = try await ctx.acting(as: sun, requestId: "demo"), bossCtx = try await ctx.acting(as: boss, requestId: "demo")
        func day(_ d: Int) -> String { month + "-" + (d < 10 ? "0\(d)" : "\(d)") }

        let fair = try await CampaignService.create(
            .init(
                code: "FAIR-SPRING", name: "全国糖酒会 饮料展位", kind: "exhibition", channel: "糖酒会", ownerId: lina.id, startsOn: day(3),
                endsOn: day(5), budget: "20000", expectedLeads: "30", expectedRevenue: "200000",
                description: "展位 36㎡，新品试饮，现场登记意向客户。"), linaCtx)
        _ = try await CampaignService.transition(fair.id, .start, version: nil, linaCtx)
        _ = try await CampaignService.addCost(fair.id, .init(costDate: day(1), channel: "展位费", amount: "12000", note: "标准展位 4 个"), linaCtx)
        _ = try await CampaignService.addCost(fair.id, .init(costDate: day(2), channel: "物料", amount: "2600", note: "易拉宝、试饮杯"), linaCtx)

        // Met at the booth; converted by the rep, the opportunity won, the contract signed and approved.
        let lead = try await LeadService.create(
            .init(
                company: "北京鲜丰便利连锁有限公司", contactName: "刘敏", title: "采购经理", phone: "13810086021", source: "展会",
                province: "北京市", city: "北京市", ownerId: wang.id, campaignId: fair.id), linaCtx)
        _ = try await LeadService.create(
            .init(company: "天津海河商贸有限公司", contactName: "孙涛", phone: "13920031177", source: "展会", ownerId: wang.id, campaignId: fair.id),
            linaCtx)
        let converted = try await LeadService.convert(
            lead.id, .init(opportunityName: "鲜丰便利 门店饮料供货", amount: "45200", expectedClose: day(20)), wangCtx)
        guard let opportunity = converted.opportunity,
            let won = try await StageService.list(wangCtx).first(where: { $0.outcome == "won" })
        else { return }
        _ = try await OpportunityService.move(opportunity.id, to: won.id, lostReason: nil, wangCtx)
        let contract = try await ContractService.create(
            .init(
                partnerId: converted.customer.id, opportunityId: opportunity.id, title: "鲜丰便利 门店饮料供货合同", signDate: day(12),
                startDate: day(12), endDate: CalendarDate.add(days: 364, to: day(12)),
                lines: [.init(productId: water.id, unit: "箱", quantity: "1000", unitPrice: "40", taxRate: "13")]), wangCtx)
        _ = try await ContractService.transition(contract.contract.id, .submit, wangCtx)
        try await DemoFinance.approveAll(.contract, contract.contract.id, finance: sunCtx, manager: bossCtx, ctx)
        _ = try await PaymentService.create(
            .in,
            .init(
                partnerId: converted.customer.id, contractId: contract.contract.id, paymentDate: day(15), amount: "18000", method: "bank",
                reference: "首付款", mode: "none"), sunCtx)

        // The tasting at the fair: three customers' buyers invited, all said yes, two came, one walked in.
        let tasting = try await EventService.create(
            .init(
                campaignId: fair.id, name: "新品试饮会", venue: "糖酒会 3 号馆 B12 展位", startsAt: day(4) + "T14:00", endsAt: day(4) + "T16:30",
                capacity: "40", agenda: "14:00 新品介绍\n14:30 试饮\n15:30 订货政策与答疑"), linaCtx)
        let buyers = try await ContactService.list(q: nil, partnerId: nil, limit: 3, cursor: nil, linaCtx).items
        let invited = try await EventService.invite(tasting.id, contacts: buyers.map(\.id), leads: [], linaCtx).created
        for (n, i) in invited.enumerated() {
            _ = try await EventService.answer(i.id, .accept, linaCtx)
            if n < 2 { _ = try await EventService.checkIn(tasting.id, code: i.ticket, invitationId: nil, linaCtx) }
        }
        _ = try await EventService.walkIn(
            tasting.id, .init(name: "王强", company: "青岛崂山连锁超市有限公司", phone: "13706391288"), linaCtx)

        // The invitation the tasting's buyers were sent (the demo has no mail server: it is the template alone).
        _ = try await MessageService.createTemplate(
            .init(
                name: "试饮会邀请", subject: "诚邀您参加{{活动}}",
                body: "{{姓名}}，您好：\n\n诚邀您于 {{时间}} 在 {{地点}} 参加{{活动}}，现场有新品试饮和订货政策说明。\n请点击链接告诉我们您是否出席，确认后会收到入场二维码：\n{{报名链接}}\n\n{{发件单位}}"),
            linaCtx)

        // The library: the fair's price sheet (a small PDF) and the factory video, published; the
        // rep's link to the price sheet opened twice, once by a buyer who left a number (a lead of his).
        let folder = try await MaterialService.createFolder(name: "展会资料", parentId: nil, linaCtx)
        let sheet = try await MaterialService.create(
            .init(title: "糖酒会订货价格表", description: "展会期间订货政策与价格。", folderId: folder.id, kind: "file", campaignId: fair.id),
            first: .init(fileName: "糖酒会订货价格表.pdf", data: demoPDF("Price sheet"), note: "展会版"), linaCtx)
        _ = try await MaterialService.transition(sheet.id, .publish, version: nil, linaCtx)
        let video = try await MaterialService.create(
            .init(title: "工厂参观视频", folderId: folder.id, kind: "link"), first: .init(url: "https://www.example.com/factory-tour"), linaCtx)
        _ = try await MaterialService.transition(video.id, .publish, version: nil, linaCtx)
        let link = try await MaterialService.share(sheet.id, days: 30, wangCtx)
        let visitor = ctx.through("material", via: "demo")
        _ = try await MaterialService.view(token: link.token, visitor: "demo-visitor-0000000001", ip: nil, visitor)
        _ = try await MaterialService.view(token: link.token, visitor: "demo-visitor-0000000002", ip: nil, visitor)
        _ = try await MaterialService.leave(
            token: link.token, visitor: "demo-visitor-0000000002", name: "赵磊", phone: "13651234876", company: "石家庄惠友超市", ip: nil,
            visitor)

        _ = try await CampaignService.create(
            .init(
                code: "WX-SUMMER", name: "夏季微信团购", kind: "wechat", channel: "企业微信社群", ownerId: lina.id,
                startsOn: CalendarDate.add(days: 40, to: day(1)), budget: "5000", expectedLeads: "80"), linaCtx)
    }

    /// A one-page PDF that says `text`: enough for a viewer to open.
    static func demoPDF(_ text: String) -> Data {
        Data(
            """
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
            4 0 obj << /Length 44 >> stream
            BT /F1 18 Tf 30 70 Td (\(text)) Tj ET
            endstream endobj
            5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
            trailer << /Root 1 0 R >>
            %%EOF

            """.utf8)
    }
}
