import Kernel

/// The names a column's header goes by (Chinese, English, and other systems' exports), mapped to
/// the field it fills; one per kind of import.
struct ImportColumns: Sendable {
    let byHeader: [String: String]

    /// `table`: field → the header names that mean it.
    init(_ table: [String: [String]]) {
        var out: [String: String] = [:]
        for (field, names) in table { for n in names { out[Self.normalise(n)] = field } }
        byHeader = out
    }

    /// Lowercased, half-width, without spaces, stars and underscores: 客户 名称*, Customer_Name.
    static func normalise(_ header: String) -> String {
        Pinyin.halfWidth(header).lowercased().filter { !$0.isWhitespace && $0 != "*" && $0 != "_" }
    }

    /// The field each column most likely goes to ("" for none), each field used once.
    func suggest(_ header: [String]) -> [String] {
        var used: Set<String> = []
        return header.map { h in
            guard let f = byHeader[Self.normalise(h)], !used.contains(f) else { return "" }
            used.insert(f)
            return f
        }
    }
}
