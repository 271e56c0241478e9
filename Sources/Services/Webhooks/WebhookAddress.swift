import Foundation
import Kernel
import Persistence
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// Where a webhook may be sent: http or https to a host that is not this machine or the
/// company's own network, unless the `webhooks.allow_private` setting allows it (a test, or a
/// receiver inside the firewall). A host name is resolved and every address it gives is checked,
/// when the subscription is saved and again before each delivery (a name can change its address).
public enum WebhookAddress {
    public static let allowPrivateSetting = Settings.Key.webhooksAllowPrivate

    /// Throws a refusal on the field `url`: not http(s), no host, credentials in it, or (unless
    /// allowed) an address of this machine or a private network written as such. Names are not
    /// looked up here (a save must not wait on a resolver); `resolvedCheck` does before sending.
    @discardableResult
    public static func check(_ text: String, allowPrivate: Bool) throws -> String {
        guard text.count <= 2000, let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            let host = c.host?.lowercased(), !host.isEmpty, c.user == nil, c.password == nil
        else { throw DomainError(.invalid, code: "invalid_url", field: "url", args: ["url"]) }
        if allowPrivate { return host }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare.hasSuffix(".localhost") || literal(bare).map(isPrivate) == true {
            throw DomainError(.invalid, code: "private_address", field: "url", args: [host])
        }
        return bare
    }

    /// `check`, then every address the name resolves to (on a thread of its own: a resolver can be slow).
    public static func resolvedCheck(_ text: String, allowPrivate: Bool) async throws {
        let host = try check(text, allowPrivate: allowPrivate)
        if allowPrivate || literal(host) != nil { return }
        let addresses = try await NIOThreadPool.singleton.runIfActive { resolve(host) }
        guard !addresses.isEmpty else { throw DomainError(.invalid, code: "unresolvable_host", field: "url", args: [host]) }
        if addresses.contains(where: isPrivate) { throw DomainError(.invalid, code: "private_address", field: "url", args: [host]) }
    }

    /// An address written as numbers (IPv4 or IPv6), as bytes.
    static func literal(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: v6) { Array($0) } }
        return nil
    }

    /// The host's addresses: a literal one as it is, a name through the resolver.
    static func resolve(_ bare: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(bare, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(result) }
        var out: [[UInt8]] = []
        var p: UnsafeMutablePointer<addrinfo>? = first
        while let a = p {
            if a.pointee.ai_family == AF_INET, let sa = a.pointee.ai_addr {
                sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    let v = sin.pointee.sin_addr.s_addr  // network order
                    out.append(withUnsafeBytes(of: v) { Array($0) })
                }
            } else if a.pointee.ai_family == AF_INET6, let sa = a.pointee.ai_addr {
                sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                    out.append(withUnsafeBytes(of: sin6.pointee.sin6_addr) { Array($0) })
                }
            }
            p = a.pointee.ai_next
        }
        return out
    }

    /// Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified,
    /// multicast and the IPv4-mapped forms of those.
    static func isPrivate(_ a: [UInt8]) -> Bool {
        if a.count == 16 {
            if a[0..<10].allSatisfy({ $0 == 0 }) && a[10] == 0xFF && a[11] == 0xFF { return isPrivate(Array(a[12..<16])) }
            if a.allSatisfy({ $0 == 0 }) { return true }  // ::
            if a[0..<15].allSatisfy({ $0 == 0 }) && a[15] == 1 { return true }  // ::1
            if a[0] & 0xFE == 0xFC { return true }  // fc00::/7
            if a[0] == 0xFE && a[1] & 0xC0 == 0x80 { return true }  // fe80::/10
            if a[0] == 0xFF { return true }  // multicast
            return false
        }
        guard a.count == 4 else { return true }
        switch (a[0], a[1]) {
        case (0, _), (10, _), (127, _): return true
        case (169, 254), (192, 168): return true
        case (172, 16...31): return true
        case (100, 64...127): return true
        case (224...255, _): return true
        default: return false
        }
    }
}
