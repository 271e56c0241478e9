import Foundation
import Testing

@testable import Spreadsheets

/// Files written by other programs (`Tests/Fixtures/spreadsheets/make.py`: openpyxl, Python's
/// zipfile and codecs) read as the person who made them saw them in Excel.
@Suite("Spreadsheets: reading what other programs wrote")
struct SpreadsheetTests {
    static func fixture(_ name: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("Fixtures/spreadsheets/" + name))
    }

    static let leads: [[String]] = [
        ["公司名称", "联系人", "手机", "邮箱", "省份", "城市", "备注"],
        ["杭州西湖茶业有限公司", "王芳", "13800138000", "wang@xihu-tea.cn", "浙江", "杭州", "展会名片"],
        ["ＡＢＣ贸易（上海）有限公司", "李雷", "021-5555 1234", "li@abc.sh.cn", "上海", "上海", ""],
        ["", "无公司", "13900000000", "", "", "", "缺公司名"],
    ]

    @Test func aWorkbookFromOpenpyxlGivesEverySheetInOrder() throws {
        let sheets = try Spreadsheet.read(try Self.fixture("leads.xlsx"))
        #expect(sheets.map(\.name) == ["线索", "数值"])
        #expect(sheets[0].rows == Self.leads)
        // Dates by their format, a time of day, 0.1 + 0.2 as Excel shows it, a boolean, a large
        // and a small number without exponents; the empty third row kept so row 4 stays row 4.
        #expect(
            sheets[1].rows == [
                ["日期", "时间", "金额", "布尔", "大数", "小数"],
                ["2026-12-06", "2026-12-06 14:30", "0.3", "TRUE", "123456789012", "0.000125"],
                ["", "", "", "", "", ""],
                ["第四行", "", "", "", "", ""],
            ])
    }

    @Test func anExportersWorkbookWithSharedStringsPrefixesAnd1904Dates() throws {
        let sheets = try Spreadsheet.read(try Self.fixture("exported.xlsx"))
        #expect(sheets.map(\.name) == ["客户导出"])
        #expect(
            sheets[0].rows == [
                ["客户名称", "成立日期", "注册资本", "", "备注"],
                ["", "", "", "", ""],
                ["北京快普 科技", "2025-12-06", "1234567.5", "", "3.3"],
                ["", "", "2469135", "#N/A", ""],
            ])
    }

    @Test func csvInTheEncodingsExcelSavesIn() throws {
        for name in ["leads-gbk.csv", "leads-utf8-bom.csv", "leads-unicode.txt"] {
            let sheets = try Spreadsheet.read(try Self.fixture(name))
            #expect(sheets.count == 1, "\(name)")
            #expect(sheets.first?.rows == Self.leads, "\(name)")
        }
    }

    @Test func filesThatAreNotSpreadsheetsAreRefusedByName() throws {
        func code(_ data: Data) -> String? {
            do {
                _ = try Spreadsheet.read(data)
                return nil
            } catch { return error.code }
        }
        #expect(code(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])) == "xls_not_supported")
        #expect(code(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6])) == "xlsx_damaged")
        #expect(code(Data("a,b\n1,\u{0}2\n".utf8)) == "file_binary")
        #expect(code(Data([0x81, 0x20, 0xFF, 0xFF, 0x30])) == "file_encoding")
        #expect(code(Data("名称\n\"未闭合\n".utf8)) == "csv_unclosed_quote")
        // A workbook whose parts unpack beyond the limit stops there.
        let big = try Self.fixture("leads.xlsx")
        #expect(throws: Spreadsheet.Unreadable("xlsx_too_large", ["0"])) {
            _ = try Spreadsheet.read(big, limits: .init(unpackedBytes: 1000))
        }
        #expect(throws: Spreadsheet.Unreadable("too_many_rows", ["2"])) {
            _ = try Spreadsheet.read(big, limits: .init(rows: 2))
        }
    }

    @Test func numbersAsExcelShowsThem() {
        let cases: [(String, String)] = [
            ("3.3000000000000003", "3.3"), ("0.30000000000000004", "0.3"), ("42", "42"), ("-0.5", "-0.5"),
            ("1E-3", "0.001"), ("1.2345E+5", "123450"), ("9.9999999999999999E+2", "1000"), ("0", "0"), ("-0", "0"),
            ("123456789012345678", "123456789012346000"), ("abc", "abc"), ("1.5E", "1.5E"),
        ]
        for (stored, shown) in cases { #expect(ExcelNumbers.shown(stored) == shown, "\(stored)") }
        #expect(ExcelNumbers.column(of: "A1") == 1)
        #expect(ExcelNumbers.column(of: "AA10") == 27)
        #expect(ExcelNumbers.column(of: "XFD1") == 16384)
        #expect(ExcelNumbers.column(of: "1A") == nil)
    }

    @Test func dateSerialsAndFormats() {
        #expect(ExcelNumbers.date(fromSerial: "1", date1904: false) == "1900-01-01")
        #expect(ExcelNumbers.date(fromSerial: "59", date1904: false) == "1900-02-28")
        #expect(ExcelNumbers.date(fromSerial: "61", date1904: false) == "1900-03-01")
        #expect(ExcelNumbers.date(fromSerial: "25569", date1904: false) == "1970-01-01")
        #expect(ExcelNumbers.date(fromSerial: "46362.5", date1904: false) == "2026-12-06 12:00")
        #expect(ExcelNumbers.date(fromSerial: "46362.99999999", date1904: false) == "2026-12-07")
        #expect(ExcelNumbers.date(fromSerial: "0", date1904: true) == "1904-01-01")
        #expect(ExcelNumbers.isDateFormat(id: 14, code: nil))
        #expect(ExcelNumbers.isDateFormat(id: 31, code: nil), "a Chinese Excel's built-in 年月日")
        #expect(ExcelNumbers.isDateFormat(id: 176, code: #"yyyy"年"m"月"d"日""#))
        #expect(ExcelNumbers.isDateFormat(id: 177, code: "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"))
        #expect(!ExcelNumbers.isDateFormat(id: 4, code: nil))
        #expect(!ExcelNumbers.isDateFormat(id: 178, code: #"#,##0.00"元""#))
        #expect(!ExcelNumbers.isDateFormat(id: 179, code: "[Red]0.00"))
    }
}

/// What we write, read back by our reader (and, once by hand, by openpyxl and LibreOffice).
@Suite("Spreadsheets: writing what Excel opens")
struct SpreadsheetWriterTests {
    static let sheet = SpreadsheetWriter.Sheet(
        name: "客户/列表:2026",
        header: ["名称", "金额", "数量", "日期", "备注"],
        rows: [
            [.text("杭州西湖茶业有限公司"), .money("1234.50"), .number("24"), .date("2026-12-06"), .text("=HYPERLINK(\"http://x\")")],
            [.text("A & B <贸易>"), .money("-0.01"), .number("0.5"), .empty, .text("-2+3")],
            [.text("控制\u{1}字符"), .money("0"), .number("1000000"), .date("1900-03-01"), .text("@SUM(A1)")],
        ])

    @Test func aWorkbookReadsBackAsWritten() throws {
        let data = try SpreadsheetWriter.xlsx([Self.sheet, Self.sheet], modified: Date(timeIntervalSince1970: 1_796_000_000))
        let sheets = try Spreadsheet.read(data)
        #expect(sheets.map(\.name) == ["客户列表2026", "客户列表2026(2)"])
        #expect(
            sheets[0].rows == [
                ["名称", "金额", "数量", "日期", "备注"],
                ["杭州西湖茶业有限公司", "1234.5", "24", "2026-12-06", "=HYPERLINK(\"http://x\")"],
                ["A & B <贸易>", "-0.01", "0.5", "", "-2+3"],
                ["控制字符", "0", "1000000", "1900-03-01", "@SUM(A1)"],
            ])
        // Text is stored as text, never as a formula.
        #expect(!String(decoding: data, as: UTF8.self).contains("<f>"))
        let again = try SpreadsheetWriter.xlsx([Self.sheet, Self.sheet], modified: Date(timeIntervalSince1970: 1_796_000_000))
        #expect(again == data, "the same export is the same file")
    }

    @Test func csvOpensInExcelAndNeverRunsAFormula() throws {
        let data = SpreadsheetWriter.csv(Self.sheet)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = try Spreadsheet.read(data)[0].rows
        #expect(rows[1] == ["杭州西湖茶业有限公司", "1234.50", "24", "2026-12-06", "'=HYPERLINK(\"http://x\")"])
        #expect(rows[2] == ["A & B <贸易>", "-0.01", "0.5", "", "'-2+3"])
        #expect(rows[3][4] == "'@SUM(A1)")
    }

    @Test func dateSerialsRoundTrip() {
        for (date, serial) in [
            ("1900-01-01", 1), ("1900-02-28", 59), ("1900-03-01", 61), ("1970-01-01", 25_569), ("2026-12-06", 46_362),
            ("2000-02-29", 36_585),
        ] {
            #expect(SpreadsheetWriter.serial(of: date) == serial, "\(date)")
            #expect(ExcelNumbers.date(fromSerial: String(serial), date1904: false) == date)
        }
        #expect(SpreadsheetWriter.serial(of: "2026-13-01") == nil)
        #expect(SpreadsheetWriter.column(1) == "A")
        #expect(SpreadsheetWriter.column(28) == "AB")
    }

    /// A workbook of many rows (its sheet part far over the 10 MB libxml2 takes in one piece)
    /// reads back whole.
    @Test func aLargeWorkbookReadsBackWhole() throws {
        let rows: [[SpreadsheetWriter.Cell]] = (0..<60_000).map { i in
            [.text("上海第\(i)贸易有限公司"), .text("138\(i)"), .number(String(i)), .text(String(repeating: "地址", count: 20))]
        }
        let data = try SpreadsheetWriter.xlsx(
            [.init(name: "客户", header: ["名称", "电话", "编号", "地址"], rows: rows)], modified: Date(timeIntervalSince1970: 0))
        let read = try Spreadsheet.read(data)[0].rows
        #expect(read.count == 60_001)
        #expect(read.last == ["上海第59999贸易有限公司", "13859999", "59999", String(repeating: "地址", count: 20)])
    }
}
