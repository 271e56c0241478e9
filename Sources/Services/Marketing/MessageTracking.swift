import Foundation
import Kernel
import Paths
import Persistence

/// Opens and clicks of e-mail, where a send asks for them (off unless asked). The template's own
/// web addresses are numbered when the send is queued; each message then carries, instead of
/// them, addresses of ours with the recipient's secret and the link's number (a click is counted
/// and sent on to the kept address, never to one the request names), and an HTML part with a
/// one-pixel picture whose loading counts as opened. Pictures many mail programs block or fetch
/// ahead, so opens are a floor, not a count of readers; clicks are what people did.
extension MessageService {
    static let urlPattern = try? NSRegularExpression(pattern: #"https?://[^\s<>"'，。、；）」】]+"#)

    /// The web addresses written in a text, in order, each once (a merge field is not one).
    public static func links(in text: String) -> [String] {
        guard let re = urlPattern else { return [] }
        var out: [String] = []
        for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let r = Range(m.range, in: text) else { continue }
            let url = String(text[r]).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?)]'"))
            if !out.contains(url) { out.append(url) }
        }
        return out
    }

    /// A tracked message: the text with the kept links replaced by counted ones, and its HTML
    /// twin with the links clickable and the picture that counts the open.
    static func tracked(_ text: String, links: [Int64: String], base: String, token: String) -> (text: String, html: String) {
        var out = text
        // The longest first, so that an address that starts another is not replaced inside it.
        for (n, url) in links.sorted(by: { $0.value.count > $1.value.count }) {
            out = out.replacingOccurrences(of: url, with: base + Paths.Marketing.trackClick(token, n))
        }
        var html = escaped(out)
        if let re = urlPattern {
            html = re.stringByReplacingMatches(
                in: html, range: NSRange(html.startIndex..., in: html), withTemplate: #"<a href="$0">$0</a>"#)
        }
        html = html.replacingOccurrences(of: "\n", with: "<br>\n")
        let pixel = #"<img src=""# + escaped(base + Paths.Marketing.trackOpen(token)) + #"" width="1" height="1" alt="">"#
        return (out, "<!DOCTYPE html>\n<html><body>\n" + html + "\n" + pixel + "\n</body></html>\n")
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;"
        )
        .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The picture loaded: the recipient behind the secret opened the message. Unknown secrets are ignored.
    public static func opened(token: String, _ system: ServiceContext) async throws {
        guard token.count >= 16, let r = try await MessageQueries.recipient(token: token, on: system.store) else { return }
        try await system.write { tx in try await MessageWrites.opened(recipient: r.id, at: tx.nowMillis, on: tx.store) }
    }

    /// A counted link followed: where it goes (the address the send kept under that number), or nil.
    public static func clicked(token: String, link n: Int64, _ system: ServiceContext) async throws -> String? {
        guard token.count >= 16, let r = try await MessageQueries.recipient(token: token, on: system.store),
            let url = try await MessageQueries.links(of: r.sendId, on: system.store)[n]
        else { return nil }
        try await system.write { tx in try await MessageWrites.clicked(recipient: r.id, at: tx.nowMillis, on: tx.store) }
        return url
    }

    /// A permanent refusal that says the mailbox does not exist (an enhanced status 5.1.x, or
    /// 550/551/553 naming the mailbox or user): a bounce. A refusal for other reasons (policy,
    /// content) is only a failure: the address may be fine.
    static func isBounce(_ e: SMTPError) -> Bool {
        guard !e.temporary else { return false }
        let text = e.text.lowercased()
        if text.hasPrefix("5.1.") || text.contains(" 5.1.") { return true }
        return [550, 551, 553].contains(e.code)
            && ["mailbox", "user unknown", "unknown user", "no such user", "recipient", "does not exist", "不存在"].contains {
                text.contains($0)
            }
    }

    /// What recipients did with a send.
    public static func engagement(_ id: Int64, _ ctx: ServiceContext) async throws -> MessageQueries.Engagement {
        _ = try await send(id, ctx)
        return try await MessageQueries.engagement(of: id, on: ctx.store)
    }
}
