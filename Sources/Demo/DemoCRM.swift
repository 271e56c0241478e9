import Foundation
import Kernel
import Persistence
import Services

/// The demo company's CRM: owners for the 进销存 customers, more customers with contacts and a
/// group of related organisations, a custom field, and follow-ups logged by the sales people
/// themselves over the last weeks.
public enum DemoCRM {
    public static func load(_ ctx: ServiceContext) async throws {
        guard try await CRMQueries.customFields(entity: nil, activeOnly: false, on: ctx.store).isEmpty else { return }
        func user(_ name: String) async throws -> UserRow? { try await OrganisationQueries.user(username: name, on: ctx.store) }
        guard let wang = try await user("wangfang"), let liu = try await user("liuyang"), let zhao = try await user("zhaolei"),
            let li = try await user("lina")
        else { return }
        func asUser(_ u: UserRow) async throws -> ServiceContext { try await ctx.acting(as: u, requestId: "demo") }
        _ = try await CustomFieldService.create(
            .init(entity: "customer", key: "budget", label: "年度采购预算", kind: "number", sortOrder: 1), ctx)
        _ = try await CustomFieldService.create(
            .init(
                entity: "customer", key: "channel", label: "合作方式", kind: "choice", options: ["直销", "经销", "代理"],
                sortOrder: 2), ctx)

        // The 进销存 demo's customers get their owners.
        for (code, owner) in [("C-001", wang), ("C-002", liu), ("C-003", zhao)] {
            if let c = try await ctx.store.first("SELECT * FROM partners WHERE code = \(bind: code)", as: PartnerRow.self), c.ownerId == nil
            {
                _ = try await CustomerService.setOwner(c, to: owner, pool: nil, action: "assign", reason: "演示数据", ctx)
            }
        }
        let wangCtx = try await asUser(wang), liuCtx = try await asUser(liu), zhaoCtx = try await asUser(zhao), liCtx = try await asUser(li)
        let group = try await CustomerService.create(
            .init(
                name: "华东商业控股集团", kind: "company", uscc: "91310000MA1FL0QQ31", industry: "批发零售", level: "A",
                source: "转介绍", status: "active", tags: ["集团客户"], province: "上海市", city: "上海市",
                district: "黄浦区", street: "南京东路 100 号", latitude: "31.235929", longitude: "121.480539",
                phone: "021-63210000", email: "contact@hdholding.example.cn", creditLimit: "2000000",
                customFields: ["budget": "5000000", "channel": "直销"]), liuCtx)
        let sub = try await CustomerService.create(
            .init(
                name: "华东便利店连锁（苏州）", industry: "批发零售", level: "B", source: "转介绍", status: "active",
                tags: ["便利店"], province: "江苏省", city: "苏州市", district: "姑苏区", phone: "0512-65230000",
                customFields: ["budget": "800000", "channel": "经销"]), liuCtx)
        _ = try await CustomerRelationService.create(.init(parentId: group.id, childId: sub.id, kind: "subsidiary"), liuCtx)
        let tech = try await CustomerService.create(
            .init(
                name: "北京云栖数据技术有限公司", industry: "信息技术", level: "B", source: "官网", status: "potential",
                tags: ["新客户"], province: "北京市", city: "北京市", district: "朝阳区", street: "望京 SOHO T1",
                latitude: "39.996794", longitude: "116.480965", phone: "010-84780000",
                customFields: ["budget": "120000"]), wangCtx)
        let hotel = try await CustomerService.create(
            .init(
                name: "成都锦江宾馆", industry: "餐饮", level: "C", source: "电话营销", status: "potential",
                province: "四川省", city: "成都市", district: "锦江区", phone: "028-85506666"), zhaoCtx)
        let school = try await CustomerService.create(
            .init(
                name: "北京市海淀实验学校", industry: "教育", level: "B", source: "展会", status: "dormant",
                province: "北京市", city: "北京市", district: "海淀区", phone: "010-62510000"), liCtx)

        let today = ctx.now
        func dayString(_ daysFromToday: Int) -> String {
            CalendarDate(chinaDayOf: Millis.from(today)).adding(days: Int64(daysFromToday)).text
        }
        let monthDay = String(dayString(3).suffix(5))
        _ = try await ContactService.create(
            .init(
                partnerId: group.id, name: "陈海涛", title: "采购总监", mobile: "13901710001", email: "chenht@hdholding.example.cn",
                birthday: "1978-" + monthDay, isPrimary: true), liuCtx)
        _ = try await ContactService.create(.init(partnerId: group.id, name: "周丽", title: "财务经理", mobile: "13901710002"), liuCtx)
        _ = try await ContactService.create(.init(partnerId: sub.id, name: "孙伟", title: "店务经理", mobile: "13962110003"), liuCtx)
        let techContact = try await ContactService.create(
            .init(
                partnerId: tech.id, name: "林晓", title: "CTO", mobile: "13811000004",
                email: "linxiao@yunqi.example.cn", wechat: "linxiao_yq", birthday: "06-18"), wangCtx)
        _ = try await ContactService.create(.init(partnerId: hotel.id, name: "杨总", title: "总经理", phone: "028-85506667"), zhaoCtx)
        _ = try await ContactService.create(.init(partnerId: school.id, name: "吴老师", title: "后勤主任", mobile: "13700100005"), liCtx)

        func at(_ daysAgo: Int, _ hour: Int) -> String { dayString(-daysAgo) + "T" + (hour < 10 ? "0\(hour)" : "\(hour)") + ":30" }
        _ = try await ActivityService.create(
            .init(
                partnerId: tech.id, contactId: techContact.id, kind: "call", content: "首次电话沟通，对方在选型进销存系统，约了下周上门演示。",
                occurredAt: at(12, 10), nextFollowUp: dayString(-5)), wangCtx)
        _ = try await ActivityService.create(
            .init(
                partnerId: tech.id, contactId: techContact.id, kind: "visit", content: "上门演示多仓库和成本核算，CTO 关心 API 与数据导入。",
                occurredAt: at(5, 14), nextFollowUp: dayString(2), latitude: "39.996810", longitude: "116.480990",
                accuracy: 25), wangCtx)
        _ = try await ActivityService.create(
            .init(
                partnerId: group.id, kind: "meeting", content: "与集团采购部季度会谈，讨论明年框架合同。", occurredAt: at(8, 15),
                nextFollowUp: dayString(7)), liuCtx)
        _ = try await ActivityService.create(.init(partnerId: sub.id, kind: "email", content: "发送新品目录与报价。", occurredAt: at(3, 9)), liuCtx)
        _ = try await ActivityService.create(
            .init(
                partnerId: hotel.id, kind: "call", content: "初次联系，杨总让下月再约。", occurredAt: at(20, 11),
                nextFollowUp: dayString(10)), zhaoCtx)
        // The pools: the company's, and Shanghai's own; a customer already waiting.
        let hqPool = try await PoolService.create(
            .init(
                name: "公司公海", claimsPerDay: 5, reclaimAfterDays: 30, maxHeld: 200,
                rules: [
                    .init(level: "A", noFollowUpDays: 60, noDealDays: 180, warnDays: 7),
                    .init(noFollowUpDays: 30, noDealDays: 120, warnDays: 5),
                ]), ctx
        ).pool
        if let sh = try await OrganisationQueries.branches(on: ctx.store).first(where: { $0.code == "SH" }) {
            _ = try await PoolService.create(
                .init(
                    name: "上海公海", branchId: sh.id, claimsPerDay: 3, reclaimAfterDays: 15, rules: [.init(noFollowUpDays: 45, warnDays: 5)]),
                ctx)
        }
        _ = try await CustomerService.create(
            .init(
                name: "天津渤海物流有限公司", industry: "批发零售", level: "C", source: "广告", province: "天津市", city: "天津市",
                phone: "022-23450000", poolId: hqPool.id), ctx)

        // Leads: exhibition leads take turns between the two Beijing reps; one waits in the lead pool.
        let liCtxRule = liCtx
        _ = try await LeadService.saveRule(nil, .init(name: "展会线索轮流分配", source: "展会", userIds: [wang.id, li.id]), version: nil, liCtxRule)
        for (company, contact, phone, source) in [
            ("北京智联云科技有限公司", "周明", "13911110001", "展会"), ("北京新航线教育", "郑洁", "13911110002", "展会"),
            ("河北冀商超市连锁", "冯总", "0311-86660000", "官网"),
        ] {
            _ = try await LeadService.create(
                .init(company: company, contactName: contact, phone: phone, source: source, ignoreDuplicates: true), liCtx)
        }

        // Opportunities at several stages, and one won this month.
        let stages = try await StageService.list(ctx)
        func stage(_ code: String) -> Int64? { stages.first { $0.code == code }?.id }
        _ = try await OpportunityService.create(
            .init(
                partnerId: tech.id, name: "云栖进销存项目", amount: "180000", stageId: stage("proposal"),
                expectedClose: dayString(20)), wangCtx)
        _ = try await OpportunityService.create(
            .init(
                partnerId: group.id, name: "华东集团 2027 年框架合同", amount: "1200000", stageId: stage("negotiation"),
                expectedClose: dayString(35)), liuCtx)
        let sub1 = try await OpportunityService.create(
            .init(
                partnerId: sub.id, name: "苏州门店补货", amount: "86000", stageId: stage("qualified"),
                expectedClose: dayString(10)), liuCtx)
        if let won = stage("won") { _ = try await OpportunityService.move(sub1.id, to: won, lostReason: nil, liuCtx) }
        _ = try await OpportunityService.create(
            .init(partnerId: hotel.id, name: "锦江宾馆客房用品", amount: "45000", expectedClose: dayString(50)), zhaoCtx)

        // The week ahead, and yesterday's report.
        _ = try await TaskService.create(
            .init(
                title: "拜访云栖数据 CTO", kind: "meeting", startsAt: dayString(1) + "T10:00", endsAt: dayString(1) + "T11:30",
                remindMinutes: 30, partnerId: tech.id), wangCtx)
        _ = try await TaskService.create(
            .init(title: "准备华东集团报价", kind: "task", startsAt: dayString(2) + "T09:00", remindMinutes: 60, partnerId: group.id), liuCtx)
        _ = try await WorkReportService.submit(
            .init(
                kind: "daily", date: dayString(-1), content: "电话回访 3 家客户，更新云栖项目方案。",
                plan: "明天上门演示"), wangCtx)

        if let kuaipu = try await ctx.store.first("SELECT * FROM partners WHERE code = 'C-001'", as: PartnerRow.self) {
            _ = try await ActivityService.create(
                .init(
                    partnerId: kuaipu.id, kind: "visit", content: "回访上月到货情况，客户满意，追加饮料订单意向。",
                    occurredAt: at(2, 16), nextFollowUp: dayString(14)), wangCtx)
        }
    }
}
