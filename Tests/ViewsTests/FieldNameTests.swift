import Foundation
import Testing
import Views

/// A refusal names its field in the reader's language ("请填写内容", never "请填写content"): every
/// field a service or a handler can refuse has its name in the catalog.
struct FieldNameTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sources(_ folder: String) -> String {
        let dir = root.appendingPathComponent(folder)
        guard let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return "" }
        return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    @Test func everyRefusedFieldHasANameInTheCatalog() throws {
        let text = Self.sources("Sources/Services") + Self.sources("Sources/Web")
        #expect(text.count > 100_000, "the sources were found at \(Self.root.path)")
        // The field of Validate.x(value, "field"), DomainError.required("field"), .invalid("field"), field: "field",
        // also when built as prefix + "field" for a line.
        let pattern = try NSRegularExpression(
            pattern:
                #"(?:Validate\.\w+\((?:[^,()]|\([^()]*\))*,\s*|DomainError\.(?:required|invalid)\(|field:\s*)(?:[\w\[\]\\().]+\s*\+\s*)?"([A-Za-z][A-Za-z0-9_.\[\]]*)""#
        )
        let ns = text as NSString
        var fields = Set<String>()
        for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            if let last = ns.substring(with: m.range(at: 1)).split(separator: ".").last { fields.insert(String(last)) }
        }
        #expect(fields.count > 100)
        let zh = Translator(.zhCN)
        let missing = fields.filter { !zh.has("field." + $0) }.sorted()
        #expect(missing == [], "fields without a name in the catalog (field.<name>)")
    }
}
