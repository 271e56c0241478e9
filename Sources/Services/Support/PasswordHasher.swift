import Vapor

/// bcrypt with a cost that production keeps high and tests keep low.
public struct Passwords: Sendable {
    public var cost: Int
    /// A hash of a random string at this cost, for answering unknown user names.
    let dummyHash: String
    public init(cost: Int) {
        self.cost = cost
        dummyHash = (try? Bcrypt.hash(UUID().uuidString, cost: cost)) ?? ""
    }
    public static let live = Passwords(cost: 12)

    public func hash(_ password: String) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }

    /// Spends the same time as a real check, so an unknown user name answers as slowly as a known one.
    public func verifyDummy(_ password: String) {
        _ = try? Bcrypt.verify(password, created: dummyHash)
    }

}

public enum SecretHash {
    /// Session ids and API tokens are stored as SHA-256 hex: a stolen database holds no usable token.
    public static func sha256(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
