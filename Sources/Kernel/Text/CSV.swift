/// Comma-separated values as Excel and WPS write them (RFC 4180): fields in double quotes may
/// hold commas, line breaks and doubled quotes; lines end in CRLF or LF; a UTF-8 byte order
/// mark is dropped. Tabs separate instead when the first line has tabs and no commas (a paste
/// from a spreadsheet).
public enum CSV {
    public struct ParseError: Error, Equatable, Sendable {
        /// 1-based line where the unterminated quote started.
        public var line: Int
        public init(line: Int) { self.line = line }
    }

    public static func parse(_ text: String) throws(ParseError) -> [[String]] {
        var input = Substring(text)
        if input.first == "\u{FEFF}" { input = input.dropFirst() }
        let firstLine = input.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var quoteLine = 0
        var line = 1
        var iterator = input.makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteLine = line
            case separator:
                row.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                row.append(field)
                field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
                line += 1
            default:
                field.append(c)
            }
        }
        if inQuotes { throw ParseError(line: quoteLine) }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// Rows as CSV text that `parse` (and Excel) reads back as they were: fields holding a comma,
    /// a quote or a line break are quoted, quotes doubled; lines end in CRLF.
    public static func write(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            out += row.map { field in
                field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
            out += "\r\n"
        }
        return out
    }
}
