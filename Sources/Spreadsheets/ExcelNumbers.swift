import Kernel

/// How Excel shows what it stores: cell references, numbers and date serials. Pure text and
/// integer work, no floating point: a stored "3.3000000000000003" is shown "3.3", as in Excel.
public enum ExcelNumbers {
    /// The 1-based column of a cell reference ("B7" → 2, "AA1" → 27).
    public static func column(of reference: String) -> Int? {
        var n = 0
        var letters = 0
        for u in reference.utf8 {
            switch u {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): n = n * 26 + Int(u - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): n = n * 26 + Int(u - UInt8(ascii: "a")) + 1
            default:
                return letters > 0 ? n : nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 ? n : nil
    }

    /// A stored number as Excel shows it in a General cell: at most 15 significant digits, no
    /// exponent, no trailing zeros. Text that is not a number comes back as it is.
    public static func shown(_ stored: String) -> String {
        var body = Substring(stored.trimmingCharacters(in: .whitespaces))
        var sign = ""
        if body.hasPrefix("-") {
            sign = "-"
            body = body.dropFirst()
        } else if body.hasPrefix("+") {
            body = body.dropFirst()
        }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let x = Int(body[body.index(after: e)...]), abs(x) < 400 else { return stored }
            exponent = x
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !body.isEmpty, body != ".", parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return stored }
        var digits = (parts[0] + (parts.count == 2 ? parts[1] : "")).map { Int($0.asciiValue! - 48) }
        var point = parts[0].count + exponent
        while digits.count > 1, digits[0] == 0 {
            digits.removeFirst()
            point -= 1
        }
        if digits.allSatisfy({ $0 == 0 }) { return "0" }
        if digits.count > 15 {
            let up = digits[15] >= 5
            digits = Array(digits[0..<15])
            if up {
                var i = 14
                while i >= 0 {
                    digits[i] += 1
                    if digits[i] < 10 { break }
                    digits[i] = 0
                    i -= 1
                }
                if i < 0 {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    point += 1
                }
            }
        }
        let text = digits.map { String($0) }.joined()
        var out: String
        if point <= 0 {
            out = "0." + String(repeating: "0", count: -point) + text
        } else if point >= digits.count {
            out = text + String(repeating: "0", count: point - digits.count)
        } else {
            out = String(text.prefix(point)) + "." + String(text.dropFirst(point))
        }
        if out.contains(".") {
            while out.hasSuffix("0") { out.removeLast() }
            if out.hasSuffix(".") { out.removeLast() }
        }
        return out == "0" ? out : sign + out
    }

    /// Whether a number format shows a date or a time: the built-in ones (including those of
    /// Chinese, Japanese and Korean Excel) and custom codes with date or time parts outside quotes.
    public static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var plain = ""
        var quoted = false
        var bracket = false
        var escaped = false
        for c in code {
            if escaped {
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { plain.append(c) }
            }
        }
        let lower = plain.lowercased()
        // Only the first section (positive numbers) decides.
        let first = lower.split(separator: ";", omittingEmptySubsequences: false).first ?? ""
        return first.contains { "ydhs".contains($0) } || (first.contains("m") && !first.contains("0") && !first.contains("#"))
    }

    /// A date serial as "yyyy-MM-dd", with " HH:mm" (and ":ss") when it holds a time of day.
    /// Serials count days from 1900-01-00 with Excel's phantom 1900-02-29 (or from 1904-01-01).
    public static func date(fromSerial stored: String, date1904: Bool) -> String? {
        let parts = stored.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = Int(parts[0]), whole >= 0, whole < 2_958_466 else { return nil }
        // The time: the fraction of a day, to the nearest second, in integer arithmetic.
        var seconds = 0
        if parts.count == 2 {
            let fraction = parts[1].prefix(15)
            guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let scaled = Int(fraction.padding(toLength: 15, withPad: "0", startingAt: 0))!
            // seconds = round(scaled / 10^15 × 86,400) = round(scaled × 864 / 10^13)
            seconds = (scaled * 864 + 5_000_000_000_000) / 10_000_000_000_000
        }
        var days = whole
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        // Days since 1970-01-01.
        let epochDays: Int
        if date1904 {
            epochDays = days - 24_107
        } else {
            guard days != 60 else { return "1900-02-29" }
            epochDays = days - (days < 60 ? 25_568 : 25_569)
        }
        var out = CalendarDate(daysSince1970: Int64(epochDays)).text
        if seconds > 0 {
            out += " " + two(seconds / 3600) + ":" + two(seconds / 60 % 60)
            if seconds % 60 != 0 { out += ":" + two(seconds % 60) }
        }
        return out
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
