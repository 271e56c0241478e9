import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@Suite("CRM: schedule, reminders and work reports")
struct ScheduleTests {
    @Test func weeksRunMondayToSunday() throws {
        #expect(try WorkReportService.period(.weekly, containing: "2026-11-27") == ("2026-11-23", "2026-11-29"))
        #expect(try WorkReportService.period(.weekly, containing: "2026-11-23") == ("2026-11-23", "2026-11-29"))
        #expect(try WorkReportService.period(.weekly, containing: "2026-11-29") == ("2026-11-23", "2026-11-29"))
        #expect(try WorkReportService.period(.weekly, containing: "2027-01-01") == ("2026-12-28", "2027-01-03"))
        #expect(try WorkReportService.period(.daily, containing: "2026-02-28") == ("2026-02-28", "2026-02-28"))
    }

    @Test func aReminderArrivesOnceAndOthersDoNotSeeTheTask() async throws {
        try await TestApp.run { t in
            _ = try await SalesTests.setUp(t)
            let rep = try await t.context(as: "rep1")
            let now = Millis.from(t.clock.now)
            let startText = CalendarDate.chinaDateTime(now + 3_600_000).replacingOccurrences(of: " ", with: "T")
            let task = try await TaskService.create(.init(title: "拜访华东集团", kind: "meeting", startsAt: startText, remindMinutes: 30), rep)
            #expect(task.remindAt == task.startsAt - 30 * 60_000)
            await PoolTests.expectRefused("ends_before_start") {
                _ = try await TaskService.create(.init(title: "x", startsAt: "2026-12-01T10:00", endsAt: "2026-12-01T09:00"), rep)
            }
            #expect(try await TaskService.sendReminders(t.system) == 0, "not yet")
            t.clock.advance(seconds: 31 * 60)
            #expect(try await TaskService.sendReminders(t.system) == 1)
            #expect(try await TaskService.sendReminders(t.system) == 0, "once")
            #expect(try await PoolTests.notices(t, "rep1").map(\.kind) == ["notify.task.reminder"])
            let today = CalendarDate.chinaDate(now)
            let week = try await t.api(
                .GET, "/api/v1/tasks?from=\(today)", token: try await t.token("rep1", password: TestApp.userPassword))
            #expect((week.json["items"] as? [[String: Any]])?.map { $0["title"] as? String } == ["拜访华东集团"])
            let other = try await t.token("rep2", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/tasks/\(task.id)", token: other).status == .notFound)
            #expect(try await t.api(.POST, "/api/v1/tasks/\(task.id)/done", token: other).status == .notFound)
            let done = try await t.api(
                .POST, "/api/v1/tasks/\(task.id)/done", token: try await t.token("rep1", password: TestApp.userPassword))
            #expect(done.json["done"] as? Bool == true)
        }
    }

    @Test func aDailyReportCarriesTheDaysCountsAndTheManagersComment() async throws {
        try await TestApp.run { t in
            _ = try await SalesTests.setUp(t)
            // rep1 reports to boss.
            let boss = try await OrganisationQueries.user(username: "boss", on: t.store)!
            try await t.store.run("UPDATE users SET manager_id = \(bind: boss.id) WHERE username = 'rep1'")
            let rep = try await t.context(as: "rep1")
            let c = try await CustomerService.create(.init(name: "日报测试公司"), rep)
            _ = try await ActivityService.create(.init(partnerId: c.id, kind: "visit", content: "上门"), rep)
            _ = try await ActivityService.create(.init(partnerId: c.id, kind: "call", content: "电话"), rep)
            let stages = try await StageService.list(rep)
            let o = try await OpportunityService.create(.init(partnerId: c.id, name: "首单", amount: "12000"), rep)
            _ = try await OpportunityService.move(o.id, to: stages[1].id, lostReason: nil, rep)
            _ = try await OpportunityService.move(o.id, to: stages[4].id, lostReason: nil, rep)
            let report = try await WorkReportService.submit(.init(kind: "daily", content: "拜访一家，电话一通，签下首单。", plan: "明天回访"), rep)
            let stats = WorkReportService.decodeStats(report)!
            #expect(stats == .init(visits: 1, followUps: 2, newCustomers: 1, stageMoves: 2, dealsWon: 1, amountWon: 1_200_000))
            await PoolTests.expectRefused("report_exists") {
                _ = try await WorkReportService.submit(.init(kind: "daily", content: "again"), rep)
            }
            #expect(try await PoolTests.notices(t, "boss").map(\.kind) == ["notify.report.submitted"])
            // Only a manager over the writer comments; not the writer, not a peer.
            await PoolTests.expectRefused("forbidden") {
                _ = try await WorkReportService.comment(report.id, text: "好", try await t.context(as: "rep2"))
            }
            let commented = try await WorkReportService.comment(report.id, text: "很好，继续保持", try await t.context(as: "boss"))
            #expect(commented.comment == "很好，继续保持" && commented.commentedBy == boss.id)
            #expect(try await PoolTests.notices(t, "rep1").map(\.kind) == ["notify.report.commented"])
            // Pages in both languages.
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/crm/schedule", "/crm/schedule?view=week", "/crm/schedule/new", "/crm/reports", "/crm/reports/new?kind=weekly",
                    "/crm/reports/\(report.id)",
                ] {
                    let r = try await b.get(path)
                    #expect(r.status == .ok, "\(lang) \(path)")
                    #expect(!r.text.contains("⟦"), "\(lang) \(path) has an untranslated string")
                }
            }
            _ = try await b.get("/lang/zh-CN")
            let form = try await b.get("/crm/schedule/new")
            var r = try await b.post(
                "/crm/schedule",
                [
                    ("_csrf", Browser.csrf(form.text)), ("title", "周会"), ("kind", "meeting"), ("date", "2026-12-01"),
                    ("time", "25:00"),
                ])
            #expect(r.status == .unprocessableEntity)
            r = try await b.post(
                "/crm/schedule",
                [
                    ("_csrf", Browser.csrf(form.text)), ("title", "周会"), ("kind", "meeting"), ("date", "2026-12-01"),
                    ("time", "10:00"), ("remindMinutes", "15"),
                ])
            #expect(r.status == .seeOther)
            let day = try await b.get("/crm/schedule?date=2026-12-01")
            #expect(day.text.contains("周会") && day.text.contains("10:00"))
        }
    }
    @Test func aMonthShowsEachDaysTasksAndFollowUpsFromMondayOn() async throws {
        try await TestApp.run { t in
            _ = try await SalesTests.setUp(t)
            let rep = try await t.context(as: "rep1")
            let customer = try await CustomerService.create(.init(name: "上海华东集团有限公司"), rep).id
            _ = try await ActivityService.create(
                .init(partnerId: customer, kind: "call", content: "约了下月初拜访", nextFollowUp: "2026-12-02"), rep)
            for (title, at) in [("周会", "2026-12-02T09:00"), ("报价复核", "2026-12-02T14:00"), ("展会", "2026-12-02T16:00")] {
                _ = try await TaskService.create(.init(title: title, startsAt: at), rep)
            }
            // The API reads the follow-up dates the month shows; a range too long is refused by name.
            let token = try await t.token("rep1", password: TestApp.userPassword)
            let api = try await t.api(.GET, "/api/v1/follow-ups?from=2026-12-01&to=2026-12-31", token: token)
            #expect((api.json["items"] as? [[String: Any]])?.map { $0["date"] as? String } == ["2026-12-02"])
            #expect(try await t.api(.GET, "/api/v1/follow-ups?from=2026-12-01&to=2027-03-01", token: token).status == .badRequest)
            #expect(try await t.api(.GET, "/api/v1/follow-ups?from=2026-13-01", token: token).status == .unprocessableEntity)

            var b = Browser(t: t)
            _ = try await b.login("rep1", TestApp.userPassword)
            let month = try await b.get("/crm/schedule?view=month&date=2026-12-15")
            #expect(month.status == .ok)
            // December 2026 begins on a Tuesday: the grid opens on Monday 30 November and closes on Sunday 3 January.
            let days = month.text.components(separatedBy: "class=\"month-date\"").dropFirst().map { String($0.prefix(60)) }
            #expect(days.count == 35)
            #expect(days.first?.contains("date=2026-11-30") == true && days.last?.contains("date=2027-01-03") == true)
            // The 2nd: the follow-up first, then two tasks, then how many more.
            let second = try #require(month.text.range(of: "date=2026-12-02\">2</a>"))
            let cell = String(month.text[second.upperBound...].prefix(900))
            #expect(cell.contains("上海华东集团有限公司") && cell.contains("09:00 周会") && cell.contains("14:00 报价复核"))
            #expect(!cell.contains("展会") && cell.contains("还有 1 项"))
            #expect(month.text.contains("2026 年 12 月"))
            // Previous and next go a month at a time; the day view lists the follow-up too.
            #expect(month.text.contains("view=month&amp;date=2026-11-30") && month.text.contains("view=month&amp;date=2027-01-01"))
            let day = try await b.get("/crm/schedule?date=2026-12-02")
            #expect(day.text.contains("上海华东集团有限公司") && day.text.contains("展会"))
        }
    }
}
