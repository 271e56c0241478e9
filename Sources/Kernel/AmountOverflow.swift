/// An amount or quantity too large to hold exactly. Money and quantity arithmetic throws it
/// instead of trapping; the error boundary answers 422 `amount_too_large`, naming the field
/// when the code that did the sum knows it.
public struct AmountOverflow: Error, Sendable, Equatable {
    public var field: String?
    public init(field: String? = nil) { self.field = field }

    /// The same overflow, said about a field of the request.
    public func about(_ field: String) -> AmountOverflow { AmountOverflow(field: self.field ?? field) }

    public var domainError: DomainError {
        DomainError(.invalid, code: "amount_too_large", field: field, args: [field ?? "amount"])
    }

    /// Runs `body`; an overflow inside it is said about `field`.
    public static func naming<T>(_ field: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as AmountOverflow { throw e.about(field) }
    }

    /// Runs `body`; an overflow inside it is said about `field`.
    public static func naming<T>(_ field: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as AmountOverflow { throw e.about(field) }
    }
}

/// Int64 arithmetic that reports overflow instead of trapping.
public enum Checked {
    public static func add(_ a: Int64, _ b: Int64) throws(AmountOverflow) -> Int64 {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw AmountOverflow() }
        return r
    }
    public static func subtract(_ a: Int64, _ b: Int64) throws(AmountOverflow) -> Int64 {
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw AmountOverflow() }
        return r
    }
    public static func multiply(_ a: Int64, _ b: Int64) throws(AmountOverflow) -> Int64 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw AmountOverflow() }
        return r
    }
    public static func negate(_ a: Int64) throws(AmountOverflow) -> Int64 {
        guard a != .min else { throw AmountOverflow() }
        return -a
    }
    /// The sum of many fen or millionths, checked.
    public static func sum<S: Sequence>(_ values: S) throws(AmountOverflow) -> Int64 where S.Element == Int64 {
        var total: Int64 = 0
        for v in values { total = try add(total, v) }
        return total
    }
    /// The size of a value without its sign; the most negative value has no positive twin.
    public static func abs(_ a: Int64) throws(AmountOverflow) -> Int64 {
        guard a != .min else { throw AmountOverflow() }
        return a < 0 ? -a : a
    }
    public static func narrow(_ a: Int128) throws(AmountOverflow) -> Int64 {
        guard let r = Int64(exactly: a) else { throw AmountOverflow() }
        return r
    }
}

/// Checked arithmetic on fen and millionths held as plain integers (rows read from the database).
extension Int64 {
    public func plus(_ o: Int64) throws(AmountOverflow) -> Int64 { try Checked.add(self, o) }
    public func minus(_ o: Int64) throws(AmountOverflow) -> Int64 { try Checked.subtract(self, o) }
    public func times(_ o: Int64) throws(AmountOverflow) -> Int64 { try Checked.multiply(self, o) }
}
