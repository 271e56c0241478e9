import Synchronization

/// Values computed from their key alone, kept for the next ask: nothing kept can be stale, since
/// the key is all a value depends on. At most `limit` are kept (all forgotten when it is reached),
/// so memory stays bounded whatever the keys.
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])
    private let limit: Int

    public init(limit: Int) { self.limit = limit }

    public subscript(key: Key) -> Value? { entries.withLock { $0[key] } }

    /// Keeps `value` under `key` and answers it.
    @discardableResult
    public func remember(_ value: Value, for key: Key) -> Value {
        entries.withLock {
            if $0.count >= limit { $0.removeAll(keepingCapacity: true) }
            $0[key] = value
        }
        return value
    }

    /// The value kept under `key`, or `make`'s, kept.
    public func value(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        if let known = self[key] { return known }
        return remember(try make(), for: key)
    }
}

/// The ASCII digit of `value`'s last decimal place ("7" for 1237): for writers that put numbers
/// straight into bytes. No sign, no overflow: the place of the magnitude.
func asciiDigit<T: BinaryInteger>(_ value: T) -> UInt8 {
    UInt8(ascii: "0") + UInt8(value.magnitude % 10)
}
