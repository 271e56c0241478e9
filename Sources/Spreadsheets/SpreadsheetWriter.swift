import Foundation
import Kernel
import ZIPFoundation

/// Writes what a list or report shows as a file a person opens in Excel or WPS: an .xlsx
/// workbook (a frozen header row with a filter, columns sized to their text, money with two
/// decimals and thousands separators, dates as dates) or CSV (UTF-8 with a byte order mark, so
/// Excel on a Chinese Windows opens it right). Text never becomes a formula: a workbook stores
/// it as text, and a CSV cell that Excel would read as a formula (=, +, -, @, tab, CR) starts
/// with an apostrophe.
public enum SpreadsheetWriter {
    /// One cell as exported: text, an exact decimal number (as text, never a float), or a date.
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number as its exact decimal text ("1234.50", "-3"); shown with grouping and two decimals.
        case money(String)
        /// A number as its exact decimal text, shown as it is (a quantity, a count).
        case number(String)
        /// "yyyy-MM-dd".
        case date(String)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]
        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    // MARK: - CSV

    public static func csv(_ sheet: Sheet) -> Data {
        let rows = [sheet.header] + sheet.rows.map { $0.map(csvText) }
        return Data([0xEF, 0xBB, 0xBF]) + Data(CSV.write(rows).utf8)
    }

    static func csvText(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return neutralised(s)
        case .money(let s), .number(let s), .date(let s): return s
        case .empty: return ""
        }
    }

    /// Text Excel would take for a formula, made plain text.
    public static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    // MARK: - XLSX

    /// The workbook; `modified` dates its parts (the clock's now, so the same export is the same file).
    public static func xlsx(_ sheets: [Sheet], modified: Date) throws -> Data {
        let names = uniqueNames(sheets.map(\.name))
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", rootRelations),
            ("xl/workbook.xml", workbook(names)),
            ("xl/_rels/workbook.xml.rels", workbookRelations(sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet))) }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modified, compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// Sheet names as Excel allows them: at most 31 characters, none of []:*?/\, each once.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.enumerated().map { i, raw in
            var name = String(raw.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if name.isEmpty { name = "Sheet\(i + 1)" }
            var candidate = name
            var n = 2
            while seen.contains(candidate.lowercased()) {
                candidate = String(name.prefix(28)) + "(\(n))"
                n += 1
            }
            seen.insert(candidate.lowercased())
            return candidate
        }
    }

    static func worksheet(_ sheet: Sheet) -> String {
        let width = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        out +=
            #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        if width > 0 {
            out += "<cols>"
            for c in 0..<width {
                let longest =
                    ([sheet.header[safe: c] ?? ""] + sheet.rows.prefix(1000).map { display($0[safe: c] ?? .empty) })
                    .map(displayWidth).max() ?? 8
                out += #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(min(60, max(8, longest + 2)))" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        out += row(1, sheet.header.map { Cell.text($0) }, header: true)
        for (i, r) in sheet.rows.enumerated() { out += row(i + 2, r, header: false) }
        out += "</sheetData>"
        if width > 0 { out += #"<autoFilter ref="A1:\#(column(width))\#(sheet.rows.count + 1)"/>"# }
        out += "</worksheet>"
        return out
    }

    static func row(_ n: Int, _ cells: [Cell], header: Bool) -> String {
        var out = #"<row r="\#(n)">"#
        for (i, cell) in cells.enumerated() {
            let ref = column(i + 1) + String(n)
            switch cell {
            case .text(let s):
                out += #"<c r="\#(ref)" t="inlineStr"\#(header ? #" s="1""# : "")><is><t xml:space="preserve">\#(escaped(s))</t></is></c>"#
            case .money(let s):
                out += #"<c r="\#(ref)" s="2"><v>\#(escaped(s))</v></c>"#
            case .number(let s):
                out += #"<c r="\#(ref)"><v>\#(escaped(s))</v></c>"#
            case .date(let s):
                if let serial = serial(of: s) {
                    out += #"<c r="\#(ref)" s="3"><v>\#(serial)</v></c>"#
                } else {
                    out += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(escaped(s))</t></is></c>"#
                }
            case .empty:
                continue
            }
        }
        return out + "</row>"
    }

    /// "A", "B", …, "Z", "AA" for a 1-based column.
    static func column(_ n: Int) -> String {
        var n = n
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Excel's serial of a "yyyy-MM-dd" date: days since 1899-12-30, one fewer before Excel's
    /// phantom 1900-02-29.
    static func serial(of date: String) -> Int? {
        guard let d = CalendarDate(date) else { return nil }
        let serial = Int(d.day) + 25_569
        return serial < 61 ? serial - 1 : serial
    }

    static func display(_ cell: Cell) -> String {
        switch cell {
        case .text(let s), .money(let s), .number(let s), .date(let s): return s
        case .empty: return ""
        }
    }

    /// Columns a text takes: a Chinese character is two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
    }

    /// Text for XML: markup escaped, the control characters XML cannot hold dropped.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func contentTypes(_ count: Int) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        out += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out +=
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        out +=
            #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for i in 1...max(1, count) {
            out +=
                #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return out + "</Types>"
    }

    static let rootRelations =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    static func workbook(_ names: [String]) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        out +=
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (i, name) in names.enumerated() { out += #"<sheet name="\#(escaped(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"# }
        return out + "</sheets></workbook>"
    }

    static func workbookRelations(_ count: Int) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        out += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 1...max(1, count) {
            out +=
                #"<Relationship Id="rId\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i).xml"/>"#
        }
        out +=
            #"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return out + "</Relationships>"
    }

    /// Style 0 plain, 1 the bold header, 2 money (#,##0.00), 3 a date (yyyy-mm-dd).
    static let styles =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
