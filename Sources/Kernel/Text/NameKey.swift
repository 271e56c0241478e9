/// A coding key that is just a name: the fields of a row by name, the keys of an object built at
/// run time (a user's rights in `/me`).
public struct NameKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ name: String) { stringValue = name }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
