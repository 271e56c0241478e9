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

    /// SQL lives in Persistence for the services too: a use case decides and validates, and says
    /// what to read or write through a function of `Persistence/<Module>`.
    @Test func servicesHoldNoSQL() {
        let sql = try! Regex(#"\b(SELECT\s+[\w*(]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)|SQLQueryString|import SQLKit"#)
        let files = SourceTree.files(under: "Sources/Services")
        #expect(files.count > 40, "the tree was found at \(SourceTree.root.path)")
        for file in files {
            for (n, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(sql) {
                Issue.record("\(file.path):\(n + 1) holds SQL: move it to a function of Persistence/\(file.path.split(separator: "/")[2])")
            }
        }
    }

    /// Every task runs on an event loop (`concord`'s main installs them as the global executor),
    /// where blocking on a future traps: nothing waits that way, and a server starts with `await`.
    @Test func nothingBlocksOnAFuture() {
        let blocking = try! Regex(#"\.wait\(\)|server\.start\(\)|\.syncShutdown"#)
        let files = SourceTree.files(under: "Sources")
        #expect(files.count > 100, "the tree was found at \(SourceTree.root.path)")
        for file in files {
            for (n, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(blocking) && !line.contains("condition.wait()") {  // a thread's own condition variable is no future
                Issue.record("\(file.path):\(n + 1) blocks on a future: await it instead")
            }
        }
    }
}
