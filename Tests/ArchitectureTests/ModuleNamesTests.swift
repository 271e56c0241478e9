import Foundation
import Testing

/// One name per module in every layer: each module folder of Services, Persistence, Web and Views
/// is a module the README lists, and the catalog has a file for each.
@Suite("Module names")
struct ModuleNamesTests {
    /// Folders that are not modules: what every module shares in that layer.
    static let shared: Set<String> = [
        "Support", "Workflows", "Database", "Migrations", "Documents", "API", "Assets", "Middleware", "Shell", "Components", "HTML",
        "I18n",
    ]

    /// The first column of the README's module table.
    static func readmeModules() -> Set<String> {
        let text = (try? String(contentsOf: SourceTree.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        guard let start = text.range(of: "### Modules") else { return [] }
        let section = text[start.upperBound...]
        var names: Set<String> = []
        for line in section.split(separator: "\n").prefix(40) where line.hasPrefix("| `") {
            if let name = line.split(separator: "`").dropFirst().first { names.insert(String(name)) }
        }
        return names
    }

    static func folders(_ layer: String) -> Set<String> {
        let url = SourceTree.root.appendingPathComponent("Sources/" + layer)
        let items = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        return Set(items.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }.map(\.lastPathComponent))
    }

    @Test func everyModuleFolderIsAModuleTheReadmeNames() {
        let modules = Self.readmeModules()
        #expect(modules.count >= 10, "the README's module table was found")
        for layer in ["Services", "Persistence", "Web", "Views"] {
            let folders = Self.folders(layer)
            #expect(!folders.isEmpty, "Sources/\(layer) was found")
            for f in folders.subtracting(Self.shared).subtracting(modules).sorted() {
                Issue.record("Sources/\(layer)/\(f) is not a module of the README's table: rename it or add the module there")
            }
        }
    }

    @Test func eachModuleWithWordsHasItsCatalogFile() {
        let catalogs = Set(
            SourceTree.files(under: "Sources/Views/I18n").map { ($0.path as NSString).lastPathComponent }
                .filter { $0.hasPrefix("Catalog") && $0 != "Catalog.swift" }
                .map { String($0.dropFirst("Catalog".count).dropLast(".swift".count)) })
        for c in catalogs.subtracting(Self.readmeModules()).subtracting(["Shell"]).sorted() {
            Issue.record("Views/I18n/Catalog\(c).swift names no module of the README")
        }
    }

    @Test func eachRouteTableIsAModule() {
        let tables = SourceTree.files(under: "Sources/Paths").map { ($0.path as NSString).lastPathComponent }.filter {
            $0.hasSuffix("Paths.swift")
        }
        .map { String($0.dropLast("Paths.swift".count)) }
        #expect(tables.count >= 12, "the route tables were found")
        for t in Set(tables).subtracting(Self.readmeModules()).subtracting(["Shell"]).sorted() {
            Issue.record("Paths/\(t)Paths.swift names no module of the README")
        }
    }
}
