import Foundation
import Testing

/// Pages are a controller in Web (parse, call a service or a query, build a model, render) and a
/// view in Views (a pure function of the model, snapshot-tested). Web composes views; it builds no
/// HTML element itself.
@Suite("Pages as controller, model and view")
struct PageShapeTests {
    @Test func webBuildsNoHTML() {
        let element = try! NSRegularExpression(pattern: #"\bh\(""#)
        let files = SourceTree.files(under: "Sources/Web")
        #expect(files.count > 20, "the tree was found at \(SourceTree.root.path)")
        for file in files {
            let count = element.numberOfMatches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text))
            if count > 0 {
                Issue.record("\(file.path) builds \(count) HTML elements: put them in a view under Sources/Views")
            }
        }
    }

    /// The content security policy refuses inline styles (`style-src 'self'`): a width or a colour
    /// written as a style attribute is silently dropped in the browser (every progress bar full,
    /// legends without colours). Views draw them as SVG attributes or classes instead.
    @Test func noInlineStyles() {
        let style = try! NSRegularExpression(pattern: #""style": *""#)
        for file in SourceTree.files(under: "Sources/Views") + SourceTree.files(under: "Sources/Web") {
            let count = style.numberOfMatches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text))
            if count > 0 { Issue.record("\(file.path) writes \(count) inline style attributes, which the browser refuses") }
        }
    }
}
