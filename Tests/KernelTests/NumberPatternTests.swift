import Kernel
import Testing

/// 编号规则: patterns as typed by an administrator, the numbers they give, and when counters restart.
@Suite("Numbering patterns")
struct NumberPatternTests {
    let day = CalendarDate("2026-12-07")!

    @Test func theStandardPatternGivesTheNumbersOfBefore() throws {
        let p = try NumberPattern(NumberPattern.standard)
        #expect(p.render(prefix: "SO", date: day, branchCode: "HQ", headOffice: true, seq: 123) == "SO-2026-000123")
        #expect(p.render(prefix: "SO", date: day, branchCode: "SH", headOffice: false, seq: 7) == "SO-2026-000007-SH")
        #expect(p.perBranch && p.period(day) == 2026)
    }

    @Test func datesAndWidthsAsAskedAndTheCounterRestartsWithTheFinestDate() throws {
        let daily = try NumberPattern("{prefix}{yyyy}{mm}{dd}{seq:3}")
        #expect(daily.render(prefix: "SO", date: day, branchCode: "SH", headOffice: false, seq: 1) == "SO20261207001")
        #expect(daily.period(day) == 20_261_207 && !daily.perBranch)
        let monthly = try NumberPattern("XS-{branch}-{yy}{mm}-{seq:4}")
        #expect(monthly.render(prefix: "SO", date: day, branchCode: "SH", headOffice: false, seq: 12) == "XS-SH-2612-0012")
        #expect(monthly.period(day) == 202_612 && monthly.perBranch)
        #expect(try NumberPattern("NO.{seq}").period(day) == 0)
        // A counter past its width is written in full, not cut.
        #expect(daily.render(prefix: "SO", date: day, branchCode: "", headOffice: true, seq: 12_345) == "SO2026120712345")
    }

    @Test func whatCannotMakeANumberIsRefusedAndSaysWhy() {
        #expect(throws: NumberPattern.Problem.needsOneSeq) { try NumberPattern("{prefix}-{yyyy}") }
        #expect(throws: NumberPattern.Problem.needsOneSeq) { try NumberPattern("{seq}{seq}") }
        #expect(throws: NumberPattern.Problem.unknownToken("{month}")) { try NumberPattern("{prefix}{month}{seq}") }
        #expect(throws: NumberPattern.Problem.badCharacter(" ")) { try NumberPattern("SO {seq}") }
        #expect(throws: NumberPattern.Problem.badCharacter("号")) { try NumberPattern("号{seq}") }
        #expect(throws: NumberPattern.Problem.seqWidth) { try NumberPattern("{seq:2}") }
        #expect(throws: NumberPattern.Problem.unknownToken("{seq")) { try NumberPattern("{seq") }
        #expect(throws: NumberPattern.Problem.tooLong) { try NumberPattern(String(repeating: "A", count: 61) + "{seq}") }
    }
}
