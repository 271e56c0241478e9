import Foundation
import Kernel

/// A file of rows a person brings from another program: an Excel workbook (.xlsx) or a CSV or
/// tab-separated text in whatever encoding Excel, WPS or an old system wrote it (UTF-8 with or
/// without a byte order mark, UTF-16 as Excel's "Unicode text", GB18030 / GBK / GB2312 as Excel
/// saves CSV on a Chinese Windows). Every cell is read as the text a person saw in it.
public enum Spreadsheet {
    /// One sheet: its name and its rows, each row as many cells as the sheet's widest row.
    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var rows: [[String]]
        public init(name: String, rows: [[String]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// Why a file cannot be read: a code for the messages (`file.<code>`) and its arguments.
    public struct Unreadable: Error, Equatable, Sendable {
        public var code: String
        public var args: [String]
        public init(_ code: String, _ args: [String] = []) {
            self.code = code
            self.args = args
        }
    }

    /// Limits that keep a hostile file from taking the server's memory: the bytes a workbook's
    /// parts may unpack to, and the rows and columns read from a sheet.
    public struct Limits: Sendable {
        public var unpackedBytes: Int
        public var rows: Int
        public var columns: Int
        public init(unpackedBytes: Int = 256 << 20, rows: Int = 200_000, columns: Int = 500) {
            self.unpackedBytes = unpackedBytes
            self.rows = rows
            self.columns = columns
        }
    }

    /// The sheets of a file, told apart by its first bytes (not its name): a workbook gives all
    /// its sheets in order, a text file one sheet named "CSV".
    public static func read(_ data: Data, limits: Limits = Limits()) throws(Unreadable) -> [Sheet] {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            var workbook = try XLSXReader(data: data, limits: limits)
            return try workbook.sheets()
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw Unreadable("xls_not_supported") }
        let text = try decodeText(data)
        let rows: [[String]]
        do { rows = try CSV.parse(text) } catch { throw Unreadable("csv_unclosed_quote", [String(error.line)]) }
        guard rows.count <= limits.rows else { throw Unreadable("too_many_rows", [String(limits.rows)]) }
        return [Sheet(name: "CSV", rows: try pad(rows, limits: limits))]
    }

    /// Text in the encoding its bytes show: a byte order mark decides; without one, UTF-8 when
    /// the bytes are valid UTF-8, and GB18030 (which holds GBK and GB2312) otherwise.
    public static func decodeText(_ data: Data) throws(Unreadable) -> String {
        let bytes = [UInt8](data)
        var text: String?
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = String(validating: bytes.dropFirst(3), as: UTF8.self)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16LittleEndian)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16BigEndian)
        } else if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
        } else {
            text = String(data: data, encoding: gb18030)
        }
        guard let text else { throw Unreadable("file_encoding") }
        if text.utf8.contains(0) { throw Unreadable("file_binary") }
        return text
    }

    /// GB 18030 as Foundation names it (kCFStringEncodingGB_18030_2000 as an NSStringEncoding).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Rows of one width (the widest row's), trailing empty rows dropped.
    static func pad(_ rows: [[String]], limits: Limits) throws(Unreadable) -> [[String]] {
        var rows = rows
        while let last = rows.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { rows.removeLast() }
        let width = rows.map(\.count).max() ?? 0
        guard width <= limits.columns else { throw Unreadable("too_many_columns", [String(limits.columns)]) }
        return rows.map { $0.count < width ? $0 + Array(repeating: "", count: width - $0.count) : $0 }
    }
}
