import Foundation

/// What every page must be on a phone and to a reader of Chinese, checked on the HTML itself:
/// a table that folds into cards keeps each cell's label, every field has a visible label, and
/// the Chinese interface shows no English words.
enum PageChecks {
    static let tableData = try! NSRegularExpression(
        pattern: #"<table class="data[^"]*">(.*?)</table>"#, options: [.dotMatchesLineSeparators])
    static let cellWithoutLabel = try! NSRegularExpression(pattern: #"<td(?![^>]*data-label="[^"]+")[^>]*>"#)
    static let field = try! NSRegularExpression(pattern: #"<(input|select|textarea)\b([^>]*)>"#)

    static func problems(_ html: String, path: String) -> [String] {
        var out: [String] = []
        let ns = html as NSString
        for m in tableData.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            var body = ns.substring(with: m.range(at: 1))
            if let head = body.range(of: "</thead>") { body = String(body[head.upperBound...]) }
            let n = cellWithoutLabel.numberOfMatches(in: body, range: NSRange(body.startIndex..., in: body))
            if n > 0 { out.append("\(path): \(n) table cells without their column's label (data-label)") }
        }
        // A field's label: a <label for=id>, a <label> around it, or the labelled cell of a line grid.
        for m in field.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let attrs = ns.substring(with: m.range(at: 2))
            if attrs.contains(#"type="hidden""#) || attrs.contains(#"type="submit""#) || attrs.contains(#"type="button""#) { continue }
            if let id = attribute("id", in: attrs), html.contains(#"for="\#(id)""#) { continue }
            let before = ns.substring(to: m.range.location)
            if let open = before.range(of: "<label", options: .backwards), !before[open.upperBound...].contains("</label>") { continue }
            if let cell = before.range(of: "<td", options: .backwards), !before[cell.upperBound...].contains("</td>"),
                before[cell.upperBound...].prefix { $0 != ">" }.contains("data-label=")
            {
                continue
            }
            if attrs.contains("aria-label="), isSearchOrFilter(before) { continue }
            out.append("\(path): a field without a visible label: <\(ns.substring(with: m.range(at: 1)))\(attrs.prefix(90))>")
        }
        return out
    }

    /// A list's search box and filters are labelled by their placeholder and the filter bar.
    static func isSearchOrFilter(_ before: String) -> Bool {
        guard let form = before.range(of: "<form", options: .backwards) else { return false }
        let tag = before[form.upperBound...].prefix { $0 != ">" }
        return tag.contains(#"role="search""#)
    }

    static func attribute(_ name: String, in attrs: String) -> String? {
        guard let r = attrs.range(of: name + #"=""#) else { return nil }
        return String(attrs[r.upperBound...].prefix { $0 != "\"" })
    }
}
