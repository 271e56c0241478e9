import Foundation

/// The outside world's time, injected so tests can fix it.
public struct Clock: Sendable {
    public var now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let live = Clock(now: { Date() })
    public static func fixed(_ date: Date) -> Clock { Clock(now: { date }) }
}

/// Secrets and identifiers that must be unpredictable, injected so tests can fix them.
public struct TokenGenerator: Sendable {
    public var bytes: @Sendable (Int) -> [UInt8]
    public init(bytes: @escaping @Sendable (Int) -> [UInt8]) { self.bytes = bytes }
    public static let live = TokenGenerator { count in
        var g = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// URL-safe text of `count` random bytes.
    public func token(_ count: Int = 32) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String(bytes(count).map { alphabet[Int($0) & 63] })
    }
}
