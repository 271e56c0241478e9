import Foundation

/// The interface languages. Chinese first.
public enum Lang: String, Sendable, CaseIterable {
    case zhCN = "zh-CN"
    case en

    public static let `default` = Lang.zhCN

    /// Picks from an Accept-Language header: the first language we have, else Chinese.
    public static func from(acceptLanguage header: String?) -> Lang {
        guard let header else { return .default }
        let tags = header.split(separator: ",").map { part -> (String, Double) in
            // ";" alone splits into nothing: a header is the client's to write, never trusted to be well formed.
            let pieces = part.split(separator: ";", omittingEmptySubsequences: false)
            let tag = (pieces.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            var q = 1.0
            if pieces.count > 1, pieces[1].trimmingCharacters(in: .whitespaces).hasPrefix("q=") {
                q = Double(pieces[1].trimmingCharacters(in: .whitespaces).dropFirst(2)) ?? 0
            }
            return (tag, q)
        }.sorted { $0.1 > $1.1 }
        for (tag, _) in tags {
            if tag.hasPrefix("zh") { return .zhCN }
            if tag.hasPrefix("en") { return .en }
        }
        return .default
    }

    public var htmlLang: String { rawValue }
}

/// Looks up the interface's words. `{0}`, `{1}` in a message take the arguments in order.
public struct Translator: Sendable {
    public var lang: Lang
    public init(_ lang: Lang) { self.lang = lang }

    public func callAsFunction(_ key: String, _ args: String...) -> String {
        format(key, args)
    }

    public func format(_ key: String, _ args: [String]) -> String {
        let table = lang == .en ? Catalog.en : Catalog.zhCN
        guard var message = table[key] else { return "⟦\(key)⟧" }
        for (i, a) in args.enumerated() {
            message = message.replacingOccurrences(of: "{\(i)}", with: a)
        }
        return message
    }

    public func has(_ key: String) -> Bool { (lang == .en ? Catalog.en : Catalog.zhCN)[key] != nil }
}
