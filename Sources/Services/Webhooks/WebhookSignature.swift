import Foundation
import Vapor

/// Signing in the Standard Webhooks style (what Svix, and those who follow its specification,
/// send): the message id, the Unix time in seconds and the body, joined by dots, under
/// HMAC-SHA256 with the subscription's key; the header says `v1,` and the base64 of it. A
/// receiver recomputes it and refuses a time far from its own clock (a replay).
public enum WebhookSignature {
    /// A new secret: `whsec_` and 32 random bytes in base64.
    public static func newSecret(_ bytes: [UInt8]) -> String { "whsec_" + Data(bytes).base64EncodedString() }

    /// The key a secret stands for (the base64 after `whsec_`); nil for a malformed one.
    static func key(_ secret: String) -> SymmetricKey? {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let data = Data(base64Encoded: encoded), !data.isEmpty else { return nil }
        return SymmetricKey(data: data)
    }

    /// `v1,<base64>` for the message; nil when the secret is malformed.
    public static func sign(id: String, timestamp: Int64, body: [UInt8], secret: String) -> String? {
        guard let key = key(secret) else { return nil }
        var content = Array("\(id).\(timestamp).".utf8)
        content += body
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }

    /// Whether a `webhook-signature` header (several signatures, space-separated) holds one that
    /// matches: what a receiver checks.
    public static func verify(header: String, id: String, timestamp: Int64, body: [UInt8], secret: String) -> Bool {
        guard let expected = sign(id: id, timestamp: timestamp, body: body, secret: secret) else { return false }
        return header.split(separator: " ").contains { constantTimeEqual(Array($0.utf8), Array(expected.utf8)) }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }
}
