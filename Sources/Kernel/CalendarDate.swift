/// A day of the calendar, `yyyy-MM-dd`, as the business counts days: in China time (UTC+8).
/// The one place that turns moments into days and days into text, with integer arithmetic only
/// (no Foundation calendar, nothing to force-unwrap).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let day: Int64

    public init(daysSince1970: Int64) { day = daysSince1970 }

    public static let millisPerDay: Int64 = 86_400_000
    /// China keeps one offset all year: UTC+8.
    public static let chinaOffsetMillis: Int64 = 8 * 3_600_000

    /// The China-time day a moment (milliseconds since 1970) falls in.
    public init(chinaDayOf millis: Int64) {
        day = Self.floorDiv(millis + Self.chinaOffsetMillis, Self.millisPerDay)
    }

    /// Today in China, by the injected clock.
    public static func today(_ clock: Clock) -> CalendarDate {
        CalendarDate(chinaDayOf: Int64((clock.now().timeIntervalSince1970 * 1000).rounded()))
    }

    /// `yyyy-MM-dd`, years 1900 to 9999, a real day of its month; nil otherwise.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for i in r {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int64(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), y >= 1900, (1...12).contains(m), d >= 1,
            d <= Self.daysIn(month: m, year: y)
        else { return nil }
        day = Self.days(year: y, month: m, day: d)
    }

    public static func daysIn(month m: Int64, year y: Int64) -> Int64 {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(m - 1)]
    }

    /// Days from 1970-01-01 to a civil date (proleptic Gregorian).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var parts: (year: Int64, month: Int64, day: Int64) {
        let z = day + 719_468
        let era = Self.floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var description: String {
        let (y, m, d) = parts
        func pad(_ n: Int64, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }
    public var text: String { description }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    public var weekday: Int64 { Self.floorMod(day + 3, 7) }
    /// The Monday of this day's week: weeks run Monday to Sunday.
    public var monday: CalendarDate { adding(days: -weekday) }

    public func adding(days n: Int64) -> CalendarDate { CalendarDate(daysSince1970: day + n) }
    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.day < b.day }

    /// Midnight in China at the start of this day, as milliseconds since 1970.
    public var chinaStartMillis: Int64 { day * Self.millisPerDay - Self.chinaOffsetMillis }

    // Texts in, texts out: for dates already checked (an unreadable one is passed back as it came).
    public static func add(days n: Int64, to text: String) -> String { CalendarDate(text)?.adding(days: n).text ?? text }
    public static func days(from a: String, to b: String) -> Int64 {
        guard let x = CalendarDate(a), let y = CalendarDate(b) else { return 0 }
        return y.day - x.day
    }

    /// `yyyy-MM-dd` of the China-time day a moment falls in.
    public static func chinaDate(_ millis: Int64) -> String { CalendarDate(chinaDayOf: millis).text }

    /// `yyyy-MM-dd HH:mm` in China time.
    public static func chinaDateTime(_ millis: Int64) -> String {
        let minutes = floorMod(millis + chinaOffsetMillis, millisPerDay) / 60_000
        let h = minutes / 60, m = minutes % 60
        return chinaDate(millis) + " " + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// Milliseconds past China midnight of a moment.
    public static func chinaMillisOfDay(_ millis: Int64) -> Int64 { floorMod(millis + chinaOffsetMillis, millisPerDay) }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { let q = a / b; return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q }
    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
