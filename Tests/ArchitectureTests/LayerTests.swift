import Foundation
import Testing

@Suite("The shape of the tree")
struct LayerTests {
    /// SQL lives in Persistence: a page or a view that wants data calls a query there.
    @Test func webAndViewsHoldNoSQL() {
        let sql = try! Regex(#"\b(SELECT\s+[\w*]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)|import SQLKit|SQLQueryString"#)
        let files = SourceTree.files(under: "Sources/Web") + SourceTree.files(under: "Sources/Views")
        #expect(files.count > 20, "the tree was found at \(SourceTree.root.path)")
        for file in files {
            for (n, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(sql) {
                Issue.record("\(file.path):\(n + 1) holds SQL: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    /// The services' modules whose SQL has not yet moved to `Persistence/<Module>`. The list only
    /// shrinks: a module that holds no SQL any more must leave it, so none can slip back.
    static let servicesStillHoldingSQL: Set<String> = [
        "CRM"
    ]

    @Test func servicesHoldNoSQLOutsideTheShrinkingList() {
        let sql = try! Regex(#"\b(SELECT\s+[\w*(]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)"#)
        let files = SourceTree.files(under: "Sources/Services")
        #expect(files.count > 40, "the tree was found at \(SourceTree.root.path)")
        var holding: Set<String> = []
        for file in files {
            let module = file.path.split(separator: "/")[2].description
            for (n, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(sql) {
                holding.insert(module)
                if !Self.servicesStillHoldingSQL.contains(module) {
                    Issue.record("\(file.path):\(n + 1) holds SQL: move it to a function of Persistence/\(module)")
                }
            }
        }
        for m in Self.servicesStillHoldingSQL.subtracting(holding).sorted() {
            Issue.record("Services/\(m) holds no SQL any more: take it off servicesStillHoldingSQL")
        }
    }
}
