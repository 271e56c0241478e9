import Foundation
import Testing

/// Pins a page's HTML to a file under Snapshots/. A missing file is written and the test fails
/// once, so a new snapshot is always looked at; SNAPSHOT_RECORD=1 rewrites them all.
func assertSnapshot(_ html: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = dir.appendingPathComponent(name + ".html")
    // One element per line keeps a snapshot's diff readable.
    let pretty = html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    if record || !FileManager.default.fileExists(atPath: file.path) {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? pretty.write(to: file, atomically: true, encoding: .utf8)
        if !record { Issue.record("recorded a new snapshot \(name); run again", sourceLocation: sourceLocation) }
        return
    }
    let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    if expected != pretty {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = pretty.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
        Issue.record(
            "snapshot \(name) differs at line \(line + 1):\n- \(line < a.count ? a[line] : "")\n+ \(line < b.count ? b[line] : "")",
            sourceLocation: sourceLocation)
    }
}
