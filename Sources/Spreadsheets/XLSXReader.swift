import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an Office Open XML workbook (.xlsx, as Excel, WPS, LibreOffice and exporting programs
/// write it): the sheets in the workbook's order, shared and inline strings, numbers as Excel
/// shows them (15 significant digits), dates from their serial numbers where the cell's format is
/// a date, booleans and error values as their text. Formulas give their cached results. Rows keep
/// their numbers: row 7 of the sheet is `rows[6]`, empty rows in between included.
struct XLSXReader {
    typealias Unreadable = Spreadsheet.Unreadable
    let archive: Archive
    let limits: Spreadsheet.Limits
    private var unpacked = 0

    init(data: Data, limits: Spreadsheet.Limits) throws(Unreadable) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Unreadable("xlsx_damaged")
        }
        self.limits = limits
    }

    mutating func sheets() throws(Unreadable) -> [Spreadsheet.Sheet] {
        guard let workbook = try part("xl/workbook.xml") else { throw Unreadable("xlsx_damaged") }
        let book = WorkbookParser.parse(workbook)
        let rels = try part("xl/_rels/workbook.xml.rels").map(RelationsParser.parse) ?? [:]
        let strings = try part("xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        let dateStyles = try part("xl/styles.xml").map(StylesParser.dateStyles) ?? []
        var out: [Spreadsheet.Sheet] = []
        for sheet in book.sheets {
            guard let target = rels[sheet.relation] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else { continue }
            let parser = SheetParser(strings: strings, dateStyles: dateStyles, date1904: book.date1904, limits: limits)
            let rows = try parser.parse(xml)
            out.append(Spreadsheet.Sheet(name: sheet.name, rows: try Spreadsheet.pad(rows, limits: limits)))
        }
        guard !out.isEmpty else { throw Unreadable("xlsx_no_sheets") }
        return out
    }

    /// A part's bytes, nil when the workbook has none by that name; all parts together may not
    /// unpack to more than the limit (a zip bomb stops there).
    mutating func part(_ path: String) throws(Unreadable) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        var total = unpacked
        let limit = limits.unpackedBytes
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                total += chunk.count
                if total > limit { throw Unreadable("xlsx_too_large", [String(limit >> 20)]) }
                data.append(chunk)
            }
        } catch let e as Unreadable {
            throw e
        } catch {
            throw Unreadable("xlsx_damaged")
        }
        unpacked = total
        return data
    }
}

/// A SAX pass over one part: the element names without their prefixes.
class PartParser: NSObject, XMLParserDelegate {
    var text = ""
    var collecting = false

    func run(_ data: Data) -> Bool {
        // From a stream, which the parser takes in small pieces: handed the whole part at once,
        // libxml2 (under Foundation's XMLParser on Linux) refuses a part over 10 MB as too large,
        // and a sheet of some 30,000 rows is.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        return parser.parse()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    // The conformance is this class's: subclasses say what they do in `start` and `end`.
    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        start(element, attributes, parser)
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        end(element)
    }

    func start(_ element: String, _ attributes: [String: String], _ parser: XMLParser) {}
    func end(_ element: String) {}

    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let v = attributes[name] { return v }
        return attributes.first { $0.key.hasSuffix(":" + name) }?.value
    }
}

final class WorkbookParser: PartParser {
    struct SheetEntry { var name: String; var relation: String }
    var sheets: [SheetEntry] = []
    var date1904 = false

    static func parse(_ data: Data) -> WorkbookParser {
        let p = WorkbookParser()
        _ = p.run(data)
        return p
    }

    override func start(_ element: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch element {
        case "sheet":
            if let name = attributes["name"], let id = Self.attribute(attributes, "id") {
                sheets.append(SheetEntry(name: name, relation: id))
            }
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
        default:
            break
        }
    }
}

final class RelationsParser: PartParser {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] {
        let p = RelationsParser()
        _ = p.run(data)
        return p.targets
    }

    override func start(_ element: String, _ attributes: [String: String], _ parser: XMLParser) {
        if element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

/// The shared strings: each `si` is its text runs joined, phonetic guides (`rPh`) left out.
final class SharedStringsParser: PartParser {
    var strings: [String] = []
    var phonetic = 0

    static func parse(_ data: Data) -> [String] {
        let p = SharedStringsParser()
        _ = p.run(data)
        return p.strings
    }

    override func start(_ element: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch element {
        case "si": text = ""
        case "rPh": phonetic += 1
        case "t": collecting = phonetic == 0
        default: break
        }
    }

    override func end(_ element: String) {
        switch element {
        case "si": strings.append(text)
        case "rPh": phonetic -= 1
        case "t": collecting = false
        default: break
        }
    }
}

/// Which cell styles (`cellXfs` by position) show a date or a time.
final class StylesParser: PartParser {
    var formats: [Int: String] = [:]
    var styleFormats: [Int] = []
    var inCellXfs = false

    static func dateStyles(_ data: Data) -> Set<Int> {
        let p = StylesParser()
        _ = p.run(data)
        var out: Set<Int> = []
        for (i, id) in p.styleFormats.enumerated() where ExcelNumbers.isDateFormat(id: id, code: p.formats[id]) { out.insert(i) }
        return out
    }

    override func start(_ element: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { formats[id] = code }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            styleFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    override func end(_ element: String) {
        if element == "cellXfs" { inCellXfs = false }
    }
}

/// One worksheet's cells, row by row.
final class SheetParser: PartParser {
    let strings: [String]
    let dateStyles: Set<Int>
    let date1904: Bool
    let limits: Spreadsheet.Limits
    var rows: [[String]] = []
    var row: [String] = []
    var rowNumber = 0
    var column = 0
    var type = ""
    var style = 0
    var value = ""
    var inline = ""
    var inInline = false
    var phonetic = 0
    var failure: Spreadsheet.Unreadable?

    init(strings: [String], dateStyles: Set<Int>, date1904: Bool, limits: Spreadsheet.Limits) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.limits = limits
    }

    func parse(_ data: Data) throws(Spreadsheet.Unreadable) -> [[String]] {
        let ok = run(data)
        if let failure { throw failure }
        guard ok else { throw Spreadsheet.Unreadable("xlsx_damaged") }
        return rows
    }

    func fail(_ parser: XMLParser, _ e: Spreadsheet.Unreadable) {
        failure = e
        parser.abortParsing()
    }

    override func start(_ element: String, _ attributes: [String: String], _ parser: XMLParser) {
        guard failure == nil else { return }
        switch element {
        case "row":
            let n = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            guard n > rowNumber, n <= limits.rows else {
                return fail(parser, n > limits.rows ? .init("too_many_rows", [String(limits.rows)]) : .init("xlsx_damaged"))
            }
            rowNumber = n
            row = []
            column = 0
        case "c":
            column = attributes["r"].flatMap(ExcelNumbers.column(of:)) ?? column + 1
            guard column <= limits.columns else { return fail(parser, .init("too_many_columns", [String(limits.columns)])) }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            inline = ""
        case "v":
            text = ""
            collecting = true
        case "is":
            inInline = true
        case "rPh":
            phonetic += 1
        case "t" where inInline:
            text = ""
            collecting = phonetic == 0
        default:
            break
        }
    }

    override func end(_ element: String) {
        guard failure == nil else { return }
        switch element {
        case "v":
            value = text
            collecting = false
        case "t" where inInline:
            if collecting { inline += text }
            collecting = false
        case "rPh":
            phonetic -= 1
        case "is":
            inInline = false
        case "c":
            let shown = cellText()
            if column > row.count { row += Array(repeating: "", count: column - 1 - row.count) + [shown] } else { row[column - 1] = shown }
        case "row":
            while rows.count < rowNumber - 1 { rows.append([]) }
            rows.append(row)
        default:
            break
        }
    }

    func cellText() -> String {
        switch type {
        case "s":
            return Int(value).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
        case "inlineStr":
            return inline
        case "str", "e":
            return value
        case "b":
            return value == "1" ? "TRUE" : "FALSE"
        case "d":
            return String(value.prefix(10))
        default:
            guard !value.isEmpty else { return "" }
            if dateStyles.contains(style), let date = ExcelNumbers.date(fromSerial: value, date1904: date1904) { return date }
            return ExcelNumbers.shown(value)
        }
    }
}
