/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
/// 31-character alphabet, the last a check character computed from the first 17.
public enum USCC {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The code upper-cased and trimmed when it is well formed and its check character is right.
    public static func validate(_ text: String) -> String? {
        let code = text.trimmingCharactersWhitespace().uppercased()
        let chars = Array(code)
        guard chars.count == 18, let check = checkCharacter(String(chars[0..<17])) else { return nil }
        return check == chars[17] ? code : nil
    }

    /// The check character of the first 17 characters (nil when one is outside the alphabet).
    public static func checkCharacter(_ first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for i in 0..<17 {
            guard let v = alphabet.firstIndex(of: chars[i]) else { return nil }
            sum += v * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
