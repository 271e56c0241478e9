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
              !v.contains(where: { $0.isWhitespace }) else {
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

    public static func password(_ value: String?, _ field: String = "password") throws -> String {
        guard let v = value, !v.isEmpty else { throw DomainError.required(field) }
        guard v.count >= 10 else { throw DomainError.invalid(field, code: "password_too_short", args: ["10"]) }
        guard v.count <= 72 else { throw DomainError.invalid(field, code: "too_long", args: [field, "72"]) }
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

    /// A calendar date written `yyyy-MM-dd` (years 1900 to 9999).
    public static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), y >= 1900, (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}
