import Foundation
import Kernel

/// Small checks that name the field they refuse.
public enum Validate {
    /// Text fields hold no control characters (a NUL cannot even be stored in PostgreSQL).
    static func checkPrintable(_ v: String, _ field: String) throws {
        if v.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            throw DomainError.invalid(field, code: "control_characters", args: [field])
        }
    }

    public static func required(_ value: String?, _ field: String, max: Int = 200) throws -> String {
        let v = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.isEmpty else { throw DomainError.required(field) }
        try checkPrintable(v, field)
        guard v.count <= max else { throw DomainError.invalid(field, code: "too_long", args: [field, String(max)]) }
        return v
    }

    /// The records picked for one action on many: at least one, at most `max`, each once.
    public static func picked(_ ids: [Int64], _ field: String = "ids", max: Int = 500) throws -> [Int64] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { throw DomainError.required(field) }
        guard unique.count <= max else { throw DomainError.invalid(field, code: "too_many", args: [field, String(max)]) }
        return unique
    }

    public static func optional(_ value: String?, _ field: String, max: Int = 200) throws -> String? {
        let v = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if v.isEmpty { return nil }
        try checkPrintable(v, field)
        guard v.count <= max else { throw DomainError.invalid(field, code: "too_long", args: [field, String(max)]) }
        return v
    }

    /// Codes and user names: letters, digits, dot, dash and underscore.
    public static func code(_ value: String?, _ field: String, max: Int = 32) throws -> String {
        let v = try required(value, field, max: max)
        guard v.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
            throw DomainError.invalid(field, code: "invalid_code", args: [field])
        }
        return v
    }

    public static func email(_ value: String?, _ field: String = "email") throws -> String? {
        guard let v = try optional(value, field, max: 254) else { return nil }
        let parts = v.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !v.contains(where: { $0.isWhitespace })
        else {
            throw DomainError.invalid(field, code: "invalid_email", args: [field])
        }
        return v
    }

    /// Mainland mobile (11 digits starting 1) or a fixed line with area code; dashes and spaces allowed.
    public static func phone(_ value: String?, _ field: String = "phone") throws -> String? {
        guard let v = try optional(value, field, max: 32) else { return nil }
        let digits = v.filter { $0 != "-" && $0 != " " && $0 != "+" }
        guard digits.count >= 7, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError.invalid(field, code: "invalid_phone", args: [field])
        }
        return v
    }

    /// bcrypt reads at most 72 bytes and stops at a NUL: a longer password (24 Chinese characters
    /// are 72 bytes) would be cut without a word, so it is refused, naming the limit in bytes.
    public static func password(_ value: String?, _ field: String = "password") throws -> String {
        guard let v = value, !v.isEmpty else { throw DomainError.required(field) }
        guard v.count >= 10 else { throw DomainError.invalid(field, code: "password_too_short", args: ["10"]) }
        guard v.utf8.count <= 72, !v.utf8.contains(0) else {
            throw DomainError.invalid(field, code: "password_too_long_bytes", args: ["72"])
        }
        return v
    }

    public static func oneOf<T: RawRepresentable>(_ value: String?, _ field: String, as: T.Type) throws -> T where T.RawValue == String {
        guard let v = value, !v.isEmpty else { throw DomainError.required(field) }
        guard let t = T(rawValue: v) else { throw DomainError.invalid(field, code: "invalid_choice", args: [field]) }
        return t
    }

    /// After `UPDATE ... WHERE version = old`: the row must now be at old + 1, else another write
    /// got there first (PostgreSQL lets both transactions reach the UPDATE).
    public static func bumped(_ now: Int64, from old: Int64) throws {
        guard now == old + 1 else { throw DomainError.staleVersion(expected: Int(now), actual: Int(old)) }
    }

    /// The optimistic version a write must name; a stale one is refused with 409.
    public static func version(_ given: Int64?, current: Int64) throws {
        guard let given else { throw DomainError.required("version") }
        guard given == current else { throw DomainError.staleVersion(expected: Int(current), actual: Int(given)) }
    }

    /// An amount of money (at most two decimals, not negative, at most `Limits.amount`), or nil when absent.
    public static func money(_ text: String?, _ field: String, positive: Bool = false) throws -> Money? {
        guard let text, !text.isEmpty else { return nil }
        guard let m = try? Money(parsing: text), m.fen >= 0 else {
            throw DomainError.invalid(field, code: "invalid_decimal", args: [field, "2"])
        }
        guard m <= Limits.amount else { throw AmountOverflow(field: field).domainError }
        if positive, m.fen == 0 { throw DomainError.invalid(field, code: "not_positive", args: [field]) }
        return m
    }

    /// A quantity as entered (at most six decimals, positive unless `allowZero`, at most `Limits.quantity`), or nil when absent.
    public static func quantity(_ text: String?, _ field: String, allowZero: Bool = false) throws -> Quantity? {
        guard let text, !text.isEmpty else { return nil }
        guard let q = try? Quantity(parsing: text) else { throw DomainError.invalid(field, code: "invalid_decimal", args: [field, "6"]) }
        guard allowZero ? !q.isNegative : q.isPositive else { throw DomainError.invalid(field, code: "not_positive", args: [field]) }
        guard q <= Limits.quantity else { throw AmountOverflow(field: field).domainError }
        return q
    }

    /// A price or cost of one unit (at most six decimals, not negative, at most `Limits.unitPrice`), or nil when absent.
    public static func unitPrice(_ text: String?, _ field: String) throws -> UnitPrice? {
        guard let text, !text.isEmpty else { return nil }
        guard let p = try? UnitPrice(parsing: text), p.units >= 0 else {
            throw DomainError.invalid(field, code: "invalid_decimal", args: [field, "6"])
        }
        guard p <= Limits.unitPrice else { throw AmountOverflow(field: field).domainError }
        return p
    }

    /// A quantity converted to the base unit, exactly and within `Limits.baseQuantity`.
    public static func base(_ q: Quantity, factor: Quantity, _ field: String, notExact: @autoclosure () -> DomainError) throws -> Quantity {
        guard let base = q.converted(by: factor) else {
            // Too large to hold is not the same as not exact.
            if (Int128(q.units) * Int128(factor.units)).magnitude > UInt128(Int64.max) { throw AmountOverflow(field: field).domainError }
            throw notExact()
        }
        guard base <= Limits.baseQuantity else { throw AmountOverflow(field: field).domainError }
        return base
    }

    /// A price of the base unit times a unit's factor: the price of that unit.
    public static func perUnit(_ basePrice: Int64, factor: Quantity) throws(AmountOverflow) -> UnitPrice {
        UnitPrice(units: try Checked.narrow(Int128(basePrice) * Int128(factor.units) / Int128(Quantity.one)))
    }

    /// A province, city and district as typed, written the one way: the province by its full name
    /// (浙江 is 浙江省), a listed city by its own (杭州 is 杭州市; a city alone finds its province), a
    /// municipality as its own city with one of its districts (上海, 浦东 is 上海市, 上海市, 浦东新区).
    /// A city of another province is refused naming both; a city or district not listed is kept as
    /// typed (a county-level city such as 义乌市 is an ordinary answer).
    public static func address(
        province: String?, city: String?, district: String?, provinceField: String = "province", cityField: String = "city",
        districtField: String = "district"
    ) throws -> (province: String?, city: String?, district: String?) {
        let typedProvince = try optional(province, provinceField, max: 40)
        var city = try optional(city, cityField, max: 40)
        var district = try optional(district, districtField, max: 40)
        var found: ChineseRegions.Province?
        if let typed = typedProvince {
            guard let p = ChineseRegions.province(named: typed) else {
                throw DomainError.invalid(provinceField, code: "unknown_province", args: [typed])
            }
            found = p
        } else if let c = city {
            // A city alone names its province when it is a city of exactly one.
            let owners = ChineseRegions.provinces.filter { !$0.isMunicipality && ChineseRegions.city(named: c, in: $0) != nil }
            if owners.count == 1 { found = owners[0] }
            if let m = ChineseRegions.province(named: c), m.isMunicipality { found = m }
        }
        guard let p = found else { return (nil, city, district) }
        if p.isMunicipality {
            if let c = city, ChineseRegions.province(named: c)?.name != p.name {
                // A district typed as the city moves to the district.
                guard district == nil, let d = ChineseRegions.city(named: c, in: p) else {
                    throw DomainError.invalid(cityField, code: "city_not_in_province", args: [c, p.name])
                }
                district = d
            }
            city = p.name
            if let d = district {
                guard let listed = ChineseRegions.city(named: d, in: p) else {
                    throw DomainError.invalid(districtField, code: "district_not_in_city", args: [d, p.name])
                }
                district = listed
            }
            return (p.name, city, district)
        }
        if let c = city {
            if let listed = ChineseRegions.city(named: c, in: p) {
                city = listed
            } else if let other = ChineseRegions.province(ofCity: c, otherThan: p) {
                throw DomainError.invalid(cityField, code: "city_not_in_province", args: [c, p.name + "（" + other.name + "）"])
            }
        }
        return (p.name, city, district)
    }

    /// A required `yyyy-MM-dd` date.
    public static func date(_ text: String?, _ field: String) throws -> String {
        guard let text, !text.isEmpty else { throw DomainError.required(field) }
        guard isDate(text) else { throw DomainError.invalid(field, code: "invalid_date") }
        return text
    }

    /// A calendar date written `yyyy-MM-dd` (years 1900 to 9999): `CalendarDate`'s rule.
    public static func isDate(_ s: String) -> Bool { CalendarDate(s) != nil }

    /// A moment written ISO 8601 (`2026-11-27T10:30`, seconds, fraction and zone optional;
    /// without a zone, China time, UTC+8), as milliseconds since 1970.
    public static func dateTime(_ text: String, _ field: String) throws -> Int64 {
        let bad = DomainError.invalid(field, code: "invalid_datetime", args: [field])
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count >= 16, isDate(String(t.prefix(10))) else { throw bad }
        let b = Array(t.utf8)
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":") else { throw bad }
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), h < 24, mi < 60 else {
            throw bad
        }
        var i = 16
        var sec = 0, millis = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = num(i + 1, 2), s < 60 else { throw bad }
            sec = s
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var digits = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if digits < 3 { millis = millis * 10 + Int(b[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { throw bad }
                for _ in min(digits, 3)..<3 { millis *= 10 }
            }
        }
        var offsetMinutes = 8 * 60
        if i < b.count {
            if b[i] == UInt8(ascii: "Z"), i == b.count - 1 {
                offsetMinutes = 0
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let oh = num(i + 1, 2), oh < 24 {
                var om = 0
                if i + 3 < b.count {
                    let at = b[i + 3] == UInt8(ascii: ":") ? i + 4 : i + 3
                    guard let m = num(at, 2), at + 2 == b.count else { throw bad }
                    om = m
                } else if i + 3 != b.count {
                    throw bad
                }
                offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            } else {
                throw bad
            }
        }
        guard let date = CalendarDate(String(t.prefix(10))) else { throw bad }
        _ = (y, mo, d)
        let seconds = date.day * 86400 + Int64(h * 3600 + mi * 60 + sec) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }
}
