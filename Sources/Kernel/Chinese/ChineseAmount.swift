/// Amounts in Chinese capitals (大写金额) as printed on contracts and receipts:
/// 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分; 100 → 壹佰元整.
public enum ChineseAmount {
    static let digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    static let smallUnits = ["", "拾", "佰", "仟"]
    /// Every four digits a new unit; an Int64 of fen has at most 17 digits of yuan (five groups).
    static let bigUnits = ["", "万", "亿", "万亿", "亿亿"]

    public static func capitals(_ money: Money) -> String {
        let negative = money.fen < 0
        let fen = money.fen.magnitude
        let yuan = fen / 100
        let jiao = Int((fen / 10) % 10)
        let cents = Int(fen % 10)
        var out = negative ? "负" : ""
        if yuan > 0 { out += integerPart(yuan) + "元" }
        if jiao == 0 && cents == 0 {
            out += yuan == 0 ? "零元整" : "整"
            return out
        }
        if jiao > 0 {
            out += digits[jiao] + "角"
        } else if yuan > 0 {
            out += "零"
        }
        if cents > 0 { out += digits[cents] + "分" } else { out += "整" }
        return out
    }

    static func integerPart(_ n: UInt64) -> String {
        var groups: [Int] = []
        var rest = n
        while rest > 0 { groups.append(Int(rest % 10000)); rest /= 10000 }
        var out = ""
        var needZero = false
        for i in stride(from: groups.count - 1, through: 0, by: -1) {
            let g = groups[i]
            if g == 0 { needZero = !out.isEmpty; continue }
            if needZero || (!out.isEmpty && g < 1000) { out += "零" }
            out += group(g) + bigUnits[i]
            needZero = false
        }
        return out
    }

    static func group(_ g: Int) -> String {
        var out = ""
        var zero = false
        for p in stride(from: 3, through: 0, by: -1) {
            let d = (g / Int(pow10(p))) % 10
            if d == 0 {
                zero = !out.isEmpty
            } else {
                if zero { out += "零" }
                out += digits[d] + smallUnits[p]
                zero = false
            }
        }
        return out
    }

    static func pow10(_ p: Int) -> Int { [1, 10, 100, 1000][p] }
}
