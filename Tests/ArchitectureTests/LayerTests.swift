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
}
