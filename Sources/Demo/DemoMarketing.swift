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

        _ = try await CampaignService.create(
            .init(
                code: "WX-SUMMER", name: "夏季微信团购", kind: "wechat", channel: "企业微信社群", ownerId: lina.id,
                startsOn: CalendarDate.add(days: 40, to: day(1)), budget: "5000", expectedLeads: "80"), linaCtx)
    }
}
