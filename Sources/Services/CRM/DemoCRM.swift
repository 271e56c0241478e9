import Foundation
import Kernel
import Persistence

/// The demo company's CRM: owners for the 进销存 customers, more customers with contacts and a
/// group of related organisations, a custom field, and follow-ups logged by the sales people
/// themselves over the last weeks.
public enum DemoCRM {
    public static func load(_ ctx: ServiceContext) async throws {
        guard try await CRMQueries.customFields(entity: nil, activeOnly: false, on: ctx.store).isEmpty else { return }
        func user(_ name: String) async throws -> UserRow? { try await OrganisationQueries.user(username: name, on: ctx.store) }
        guard let wang = try await user("wangfang"), let liu = try await user("liuyang"), let zhao = try await user("zhaolei"),
              let li = try await user("lina") else { return }
        func asUser(_ u: UserRow) async throws -> ServiceContext {
            var c = ctx
            guard let (_, principal) = try await AccessQueries.principal(userId: u.id, on: ctx.store) else { return ctx }
            c.actor = ActingUser(userId: u.id, username: u.username, ip: "127.0.0.1", requestId: "demo")
            c.principal = principal
            return c
        }
        _ = try await CustomFieldService.create(.init(entity: "customer", key: "budget", label: "年度采购预算", kind: "number", sortOrder: 1), ctx)
        _ = try await CustomFieldService.create(.init(entity: "customer", key: "channel", label: "合作方式", kind: "choice", options: ["直销", "经销", "代理"],
                                                      sortOrder: 2), ctx)

        // The 进销存 demo's customers get their owners.
        for (code, owner) in [("C-001", wang), ("C-002", liu), ("C-003", zhao)] {
            if let c = try await ctx.store.first("SELECT * FROM partners WHERE code = \(bind: code)", as: PartnerRow.self), c.ownerId == nil {
                _ = try await CustomerService.setOwner(c, to: owner, pool: nil, action: "assign", reason: "演示数据", ctx)
            }
        }
        let wangCtx = try await asUser(wang), liuCtx = try await asUser(liu), zhaoCtx = try await asUser(zhao), liCtx = try await asUser(li)
        let group = try await CustomerService.create(.init(name: "华东商业控股集团", kind: "company", uscc: "91310000MA1FL0QQ31", industry: "批发零售", level: "A",
                                                           source: "转介绍", status: "active", tags: ["集团客户"], province: "上海市", city: "上海市",
                                                           district: "黄浦区", street: "南京东路 100 号", latitude: "31.235929", longitude: "121.480539",
                                                           phone: "021-63210000", email: "contact@hdholding.example.cn", creditLimit: "2000000",
                                                           customFields: ["budget": "5000000", "channel": "直销"]), liuCtx)
        let sub = try await CustomerService.create(.init(name: "华东便利店连锁（苏州）", industry: "批发零售", level: "B", source: "转介绍", status: "active",
                                                         tags: ["便利店"], province: "江苏省", city: "苏州市", district: "姑苏区", phone: "0512-65230000",
                                                         customFields: ["budget": "800000", "channel": "经销"]), liuCtx)
        _ = try await CustomerRelationService.create(.init(parentId: group.id, childId: sub.id, kind: "subsidiary"), liuCtx)
        let tech = try await CustomerService.create(.init(name: "北京云栖数据技术有限公司", industry: "信息技术", level: "B", source: "官网", status: "potential",
                                                          tags: ["新客户"], province: "北京市", city: "北京市", district: "朝阳区", street: "望京 SOHO T1",
                                                          latitude: "39.996794", longitude: "116.480965", phone: "010-84780000",
                                                          customFields: ["budget": "120000"]), wangCtx)
        let hotel = try await CustomerService.create(.init(name: "成都锦江宾馆", industry: "餐饮", level: "C", source: "电话营销", status: "potential",
                                                           province: "四川省", city: "成都市", district: "锦江区", phone: "028-85506666"), zhaoCtx)
        let school = try await CustomerService.create(.init(name: "北京市海淀实验学校", industry: "教育", level: "B", source: "展会", status: "dormant",
                                                            province: "北京市", city: "北京市", district: "海淀区", phone: "010-62510000"), liCtx)

        let today = ctx.now
        func dayString(_ daysFromToday: Int) -> String {
            let d = today.addingTimeInterval(Double(daysFromToday) * 86400)
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            let c = cal.dateComponents([.year, .month, .day], from: d)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let monthDay = String(dayString(3).suffix(5))
        _ = try await ContactService.create(.init(partnerId: group.id, name: "陈海涛", title: "采购总监", mobile: "13901710001", email: "chenht@hdholding.example.cn",
                                                  birthday: "1978-" + monthDay, isPrimary: true), liuCtx)
        _ = try await ContactService.create(.init(partnerId: group.id, name: "周丽", title: "财务经理", mobile: "13901710002"), liuCtx)
        _ = try await ContactService.create(.init(partnerId: sub.id, name: "孙伟", title: "店务经理", mobile: "13962110003"), liuCtx)
        let techContact = try await ContactService.create(.init(partnerId: tech.id, name: "林晓", title: "CTO", mobile: "13811000004",
                                                                email: "linxiao@yunqi.example.cn", wechat: "linxiao_yq", birthday: "06-18"), wangCtx)
        _ = try await ContactService.create(.init(partnerId: hotel.id, name: "杨总", title: "总经理", phone: "028-85506667"), zhaoCtx)
        _ = try await ContactService.create(.init(partnerId: school.id, name: "吴老师", title: "后勤主任", mobile: "13700100005"), liCtx)

        func at(_ daysAgo: Int, _ hour: Int) -> String { dayString(-daysAgo) + "T" + (hour < 10 ? "0\(hour)" : "\(hour)") + ":30" }
        _ = try await ActivityService.create(.init(partnerId: tech.id, contactId: techContact.id, kind: "call", content: "首次电话沟通，对方在选型进销存系统，约了下周上门演示。",
                                                   occurredAt: at(12, 10), nextFollowUp: dayString(-5)), wangCtx)
        _ = try await ActivityService.create(.init(partnerId: tech.id, contactId: techContact.id, kind: "visit", content: "上门演示多仓库和成本核算，CTO 关心 API 与数据导入。",
                                                   occurredAt: at(5, 14), nextFollowUp: dayString(2), latitude: "39.996810", longitude: "116.480990",
                                                   accuracy: 25), wangCtx)
        _ = try await ActivityService.create(.init(partnerId: group.id, kind: "meeting", content: "与集团采购部季度会谈，讨论明年框架合同。", occurredAt: at(8, 15),
                                                   nextFollowUp: dayString(7)), liuCtx)
        _ = try await ActivityService.create(.init(partnerId: sub.id, kind: "email", content: "发送新品目录与报价。", occurredAt: at(3, 9)), liuCtx)
        _ = try await ActivityService.create(.init(partnerId: hotel.id, kind: "call", content: "初次联系，杨总让下月再约。", occurredAt: at(20, 11),
                                                   nextFollowUp: dayString(10)), zhaoCtx)
        if let kuaipu = try await ctx.store.first("SELECT * FROM partners WHERE code = 'C-001'", as: PartnerRow.self) {
            _ = try await ActivityService.create(.init(partnerId: kuaipu.id, kind: "visit", content: "回访上月到货情况，客户满意，追加饮料订单意向。",
                                                       occurredAt: at(2, 16), nextFollowUp: dayString(14)), wangCtx)
        }
    }
}
