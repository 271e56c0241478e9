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
        let (year, month, day) = CalendarDate(daysSince1970: days).parts
        if (0...9999).contains(year) {
            // "yyyy-MM-ddTHH:mm:ss.SSSZ", 24 bytes written in place.
            return String(unsafeUninitializedCapacity: 24) { b in
                func put(_ value: Int, at: Int, width: Int) {
                    var v = value
                    for k in stride(from: at + width - 1, through: at, by: -1) {
                        b[k] = asciiDigit(v)
                        v /= 10
                    }
                }
                put(Int(year), at: 0, width: 4)
                put(Int(month), at: 5, width: 2)
                put(Int(day), at: 8, width: 2)
                put(secOfDay / 3600, at: 11, width: 2)
                put(secOfDay / 60 % 60, at: 14, width: 2)
                put(secOfDay % 60, at: 17, width: 2)
                put(millis, at: 20, width: 3)
                (b[4], b[7], b[10], b[13], b[16], b[19], b[23]) = (0x2D, 0x2D, 0x54, 0x3A, 0x3A, 0x2E, 0x5A)  // - - T : : . Z
                return 24
            }
        }
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
