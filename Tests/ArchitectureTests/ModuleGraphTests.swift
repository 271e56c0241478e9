import Foundation
import Testing

/// The services' modules (`Sources/Services/<Module>`) use each other only downwards: a module
/// names the types of the modules listed for it here and no others, so the graph has no cycle.
/// What has to run against this order goes through `ctx.crossings`, wired in `Services/Workflows`.
@Suite("The module graph")
struct ModuleGraphTests {
    static let allowed: [String: Set<String>] = [
        "Support": [],
        "Access": ["Support"],
        "CRM": ["Support"],
        "Pricing": ["Support", "CRM"],
        "Approvals": ["Support"],
        "Inventory": ["Support", "CRM", "Pricing", "Approvals"],
        "Contracts": ["Support", "CRM", "Pricing", "Approvals"],
        "Cash": ["Support", "CRM", "Pricing", "Contracts"],
        "Expenses": ["Support", "CRM", "Pricing", "Approvals", "Contracts"],
        "Branches": ["Support", "CRM", "Pricing", "Inventory", "Cash"],
        "Portal": ["Support", "CRM", "Pricing", "Inventory", "Branches"],
        "Organisation": ["Support", "Access", "Approvals", "Branches"],
        "Webhooks": ["Support"],
        "Imports": ["Support", "Access", "CRM", "Inventory", "Pricing", "Cash"],
        "Exports": ["Support"],
        "Duplicates": ["Support", "CRM", "Inventory"],
        "DataMap": ["Support", "CRM"],
        "Marketing": ["Support", "CRM"],
        "Workflows": [
            "Support", "CRM", "Pricing", "Approvals", "Inventory", "Contracts", "Cash", "Expenses", "Branches", "Marketing", "Exports",
        ],
    ]

    /// Which module uses which, read from the source: a file uses a module when it names a type
    /// declared at the top level of one of that module's files.
    static func graph() -> (modules: Set<String>, uses: [String: [String: Set<String>]]) {
        let files = SourceTree.files(under: "Sources/Services")
        func module(_ path: String) -> String { path.split(separator: "/")[2].description }
        let declaration = try! NSRegularExpression(
            pattern: #"^(?:public |private |fileprivate )?(?:enum|struct|final class|class|protocol|actor) ([A-Z][A-Za-z0-9]*)"#,
            options: .anchorsMatchLines)
        let word = try! NSRegularExpression(pattern: #"\b[A-Z][A-Za-z0-9]*\b"#)
        var owner: [String: String] = [:]
        for f in files {
            let range = NSRange(f.text.startIndex..., in: f.text)
            for m in declaration.matches(in: f.text, range: range) {
                owner[String(f.text[Range(m.range(at: 1), in: f.text)!])] = module(f.path)
            }
        }
        var uses: [String: [String: Set<String>]] = [:]
        for f in files {
            let from = module(f.path)
            let code = f.text.split(separator: "\n").map { $0.components(separatedBy: "//")[0] }.joined(separator: "\n")
            for m in word.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                let name = String(code[Range(m.range, in: code)!])
                if let to = owner[name], to != from {
                    uses[from, default: [:]][to, default: []].insert("\(f.path.split(separator: "/").last!): \(name)")
                }
            }
        }
        return (Set(files.map { module($0.path) }), uses)
    }

    @Test func everyModuleUsesOnlyTheModulesBelowIt() {
        let (modules, uses) = Self.graph()
        #expect(modules.count >= 10, "the services were found at \(SourceTree.root.path)")
        for m in modules.sorted() {
            guard let may = Self.allowed[m] else {
                Issue.record("Services/\(m) is not in the module table: add it with the modules it may use")
                continue
            }
            for (to, why) in (uses[m] ?? [:]).sorted(by: { $0.key < $1.key }) where !may.contains(to) {
                Issue.record("Services/\(m) uses \(to), which it may not: \(why.sorted().prefix(5).joined(separator: ", "))")
            }
        }
    }

    @Test func theAllowedGraphHasNoCycle() {
        // Depth-first: a module reached again while still on the path closes a cycle.
        var done: Set<String> = []
        func visit(_ m: String, _ path: [String]) {
            if path.contains(m) {
                Issue.record("cycle: \((path + [m]).joined(separator: " → "))")
                return
            }
            guard !done.contains(m) else { return }
            for next in (Self.allowed[m] ?? []).sorted() { visit(next, path + [m]) }
            done.insert(m)
        }
        for m in Self.allowed.keys.sorted() { visit(m, []) }
    }
}
