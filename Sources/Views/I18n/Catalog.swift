/// The interface's words, one file per module (`Catalog<Module>.swift`), each key with both
/// languages on one line, so a key cannot be missing from one of them. A key defined in two
/// modules fails `CatalogTests`; a key missing altogether shows as ⟦key⟧ and fails the page tests.
public enum Catalog {
    /// A key, its zh-CN text and its English text.
    typealias Entry = (key: String, zh: String, en: String)

    /// Every module's words, in the module order of the README.
    static let modules: [(name: String, entries: [Entry])] = [
        ("Shell", shell),
        ("Organisation", organisation),
        ("Access", access),
        ("Audit", audit),
        ("CRM", cRM),
        ("Inventory", inventory),
        ("Contracts", contracts),
        ("Cash", cash),
        ("Approvals", approvals),
        ("Pricing", pricing),
        ("Branches", branches),
        ("Expenses", expenses),
        ("Portal", portal),
        ("Webhooks", webhooks),
        ("Imports", imports),
        ("Exports", exports),
        ("Duplicates", duplicateCustomers),
        ("DataMap", dataMap),
        ("Marketing", marketing),
    ]

    /// Keys defined more than once, with the modules that define them (a test keeps it empty).
    public static let duplicates: [String: [String]] = {
        var where_: [String: [String]] = [:]
        for m in modules { for e in m.entries { where_[e.key, default: []].append(m.name) } }
        return where_.filter { $0.value.count > 1 }
    }()

    public static let zhCN: [String: String] = table(\.zh)
    public static let en: [String: String] = table(\.en)

    static func table(_ text: (Entry) -> String) -> [String: String] {
        var out: [String: String] = [:]
        for m in modules { for e in m.entries where out[e.key] == nil { out[e.key] = text(e) } }
        return out
    }
}
