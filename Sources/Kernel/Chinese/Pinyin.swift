import Foundation

/// Pinyin of Chinese text, for search: `bjkp` and `beijingkuaipu` both find 北京快普.
/// Uses the Mandarin transliteration that ships with Foundation (ICU); readings of characters
/// with several (多音字) follow ICU's default, with a few corrections common in company names.
public enum Pinyin {
    static let corrections: [Character: String] = ["行": "hang", "长": "chang", "重": "zhong", "厦": "xia", "藏": "zang", "乐": "le"]
    private static let cache = PinyinCache()

    /// One syllable per Han character, other letters and digits kept (lowercased), the rest dropped.
    public static func syllables(_ text: String) -> [String] {
        var out: [String] = []
        var run = ""
        for ch in text {
            if isHan(ch) {
                if !run.isEmpty { out.append(run); run = "" }
                out.append(reading(ch))
            } else if ch.isLetter || ch.isNumber {
                run += String(ch).lowercased()
            } else if !run.isEmpty {
                out.append(run)
                run = ""
            }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

    /// "beijingkuaipu"
    public static func full(_ text: String) -> String { syllables(text).joined() }

    /// "bjkp": the first letter of each Han syllable; other words keep their first letter too.
    public static func initials(_ text: String) -> String { syllables(text).compactMap(\.first).map(String.init).joined() }

    /// A text that search matches against: the name itself, its full pinyin and its initials.
    public static func searchText(_ parts: String?...) -> String {
        parts.compactMap { $0 }.flatMap { p in [p.lowercased(), full(p), initials(p)] }.joined(separator: " ")
    }

    /// Full-width letters, digits and signs (ＡＢＣ１２３（）) as their ASCII forms, the ideographic
    /// space as a space. Done by hand: ICU's transliterator is not safe across threads here.
    public static func halfWidth(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            default: out.append(u)
            }
        }
        return String(out)
    }

    public static func isHan(_ ch: Character) -> Bool {
        guard let s = ch.unicodeScalars.first else { return false }
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xF900...0xFAFF: return true
        default: return false
        }
    }

    static func reading(_ ch: Character) -> String {
        if let fixed = corrections[ch] { return fixed }
        return cache.reading(ch)
    }
}

final class PinyinCache: @unchecked Sendable {
    private let lock = NSLock()
    private var map: [Character: String] = [:]

    /// ICU's transliterator crashes when called from two threads at once (seen on Linux,
    /// 2026-11): every call happens under the lock, and each character is transliterated once.
    func reading(_ ch: Character) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let r = map[ch] { return r }
        let latin =
            String(ch).applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased().filter { $0.isLetter } ?? ""
        map[ch] = latin
        return latin
    }
}
