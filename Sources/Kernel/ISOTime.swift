public enum ISOTime {
    /// "2026-11-27T10:31:36.691Z" from milliseconds since 1970, without a formatter: the API
    /// writes four times per record and Foundation's formatters cost more than the rest of a
    /// list answer (measured with Benchmarks/run-platform).
    public static func string(_ ms: Int64?) -> String? {
        guard let ms else { return nil }
        let millis = Int(((ms % 1000) + 1000) % 1000)
        let seconds = (ms - Int64(millis)) / 1000
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secOfDay = Int(seconds - days * 86400)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
        }
        return
            "\(CalendarDate(daysSince1970: days).text)T\(pad(secOfDay / 3600, 2)):\(pad(secOfDay / 60 % 60, 2)):\(pad(secOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    /// "2026-11-27T10:31:36Z" from milliseconds since 1970: to the second, as the cloud
    /// providers' request timestamps ask.
    public static func seconds(_ ms: Int64) -> String {
        String((string(ms) ?? "").prefix(19)) + "Z"
    }
}
