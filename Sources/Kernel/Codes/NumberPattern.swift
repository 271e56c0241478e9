/// How a kind of document is numbered (编号规则): literal text and tokens —
/// `{prefix}` the kind's code (SO, QT, …), `{yyyy}` `{yy}` `{mm}` `{dd}` the document's date,
/// `{branch}` the branch's code, `{-branch}` a dash and the branch's code except at head office,
/// and exactly one `{seq}` or `{seq:N}` (N from 3 to 10 digits, 6 unless given), the counter.
///
/// The counter starts again with the finest date the pattern shows (a pattern with `{dd}`
/// counts per day, with `{mm}` per month, with a year per year, without any never), and is
/// kept per branch when the pattern names the branch, else shared by all: so two documents can
/// never be given the same number by the pattern itself.
public struct NumberPattern: Sendable, Equatable {
    enum Part: Equatable, Sendable {
        case text(String)
        case prefix, yyyy, yy, mm, dd, branch, dashBranch
        case seq(Int)
    }

    let parts: [Part]
    public let source: String

    /// What numbers looked like before patterns could be set: `SO-2026-000123`, `-SH` in a branch.
    public static let standard = "{prefix}-{yyyy}-{seq:6}{-branch}"

    /// Why a pattern was refused.
    public enum Problem: Error, Equatable, Sendable {
        case unknownToken(String)
        case needsOneSeq
        case badCharacter(Character)
        case tooLong
        case seqWidth
    }

    public init(_ text: String) throws(Problem) {
        guard text.count <= 60 else { throw .tooLong }
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let c = rest.first {
            if c == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw .unknownToken(String(rest)) }
                let token = String(rest[rest.index(after: rest.startIndex)..<close])
                if !literal.isEmpty {
                    parts.append(.text(literal))
                    literal = ""
                }
                switch token {
                case "prefix": parts.append(.prefix)
                case "yyyy": parts.append(.yyyy)
                case "yy": parts.append(.yy)
                case "mm": parts.append(.mm)
                case "dd": parts.append(.dd)
                case "branch": parts.append(.branch)
                case "-branch": parts.append(.dashBranch)
                case "seq": parts.append(.seq(6))
                default:
                    guard token.hasPrefix("seq:"), let n = Int(token.dropFirst(4)) else { throw .unknownToken("{" + token + "}") }
                    guard (3...10).contains(n) else { throw .seqWidth }
                    parts.append(.seq(n))
                }
                rest = rest[rest.index(after: close)...]
            } else {
                guard c.isASCII, c.isLetter || c.isNumber || "-_/.".contains(c) else { throw .badCharacter(c) }
                literal.append(c)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        guard parts.filter({ if case .seq = $0 { true } else { false } }).count == 1 else { throw .needsOneSeq }
        self.parts = parts
        self.source = text
    }

    /// Whether the counter is kept per branch (the pattern names the branch).
    public var perBranch: Bool { parts.contains(.branch) || parts.contains(.dashBranch) }

    /// The period the counter runs in for a document of `date`: 20261207 with `{dd}`, 202612 with
    /// `{mm}`, 2026 with a year, 0 without a date.
    public func period(_ date: CalendarDate) -> Int64 {
        let (y, m, d) = date.parts
        if parts.contains(.dd) { return y * 10_000 + m * 100 + d }
        if parts.contains(.mm) { return y * 100 + m }
        if parts.contains(.yyyy) || parts.contains(.yy) { return y }
        return 0
    }

    /// The number of the `seq`-th document of the period.
    public func render(prefix: String, date: CalendarDate, branchCode: String, headOffice: Bool, seq: Int64) -> String {
        let (y, m, d) = date.parts
        func pad(_ n: Int64, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let code = prefix
        return parts.map { p -> String in
            switch p {
            case .text(let s): s
            case .prefix: code
            case .yyyy: pad(y, 4)
            case .yy: pad(y % 100, 2)
            case .mm: pad(m, 2)
            case .dd: pad(d, 2)
            case .branch: branchCode
            case .dashBranch: headOffice ? "" : "-" + branchCode
            case .seq(let width): pad(seq, width)
            }
        }.joined()
    }
}
