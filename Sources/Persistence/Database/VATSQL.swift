import DocumentsCore
import SQLKit

/// `VAT.included` where a report sums it in SQL: the same formula, half away from zero to the fen.
/// `VATSQLTests` proves the two agree on the real database for every sign and rate.
public enum VATSQL {
    /// The tax inside the gross amount `amount` at `rate` (both SQL expressions naming columns the
    /// caller writes, never user input).
    public static func included(amount: String, rate: String) -> SQLQueryString {
        let a = "COALESCE(\(amount), 0)", d = "(10000 + \(rate))"
        return """
            (CASE WHEN \(unsafeRaw: a) >= 0 THEN (2 * \(unsafeRaw: a) * \(unsafeRaw: rate) + \(unsafeRaw: d)) / (2 * \(unsafeRaw: d))
            ELSE -((2 * (-\(unsafeRaw: a)) * \(unsafeRaw: rate) + \(unsafeRaw: d)) / (2 * \(unsafeRaw: d))) END)
            """
    }
}
