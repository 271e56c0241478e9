/// A piece of HTML. Text and attribute values are escaped when rendered, in this one place;
/// `raw` is only for markup Concord itself produced (SVG charts, the inline script).
public struct Node: Sendable {
    enum Kind: Sendable {
        case element(String, [(String, String)], [Node], void: Bool)
        case text(String)
        case raw(String)
        case fragment([Node])
    }
    let kind: Kind

    public static func text(_ s: String) -> Node { Node(kind: .text(s)) }
    public static func raw(_ s: String) -> Node { Node(kind: .raw(s)) }
    public static func fragment(_ nodes: [Node]) -> Node { Node(kind: .fragment(nodes)) }
    public static let empty = Node(kind: .fragment([]))

    static let voidElements: Set<String> = ["br", "hr", "img", "input", "link", "meta", "col", "source"]

    public func render() -> String {
        var out = ""
        out.reserveCapacity(4096)
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch kind {
        case .text(let s):
            Escape.text(s, into: &out)
        case .raw(let s):
            out += s
        case .fragment(let nodes):
            for n in nodes { n.render(into: &out) }
        case let .element(name, attributes, children, void):
            out += "<" + name
            for (k, v) in attributes {
                out += " " + k
                if !v.isEmpty || k == "value" {
                    out += "=\""
                    Escape.attribute(v, into: &out)
                    out += "\""
                }
            }
            out += ">"
            if void { return }
            for c in children { c.render(into: &out) }
            out += "</" + name + ">"
        }
    }
}

public enum Escape {
    public static func text(_ s: String, into out: inout String) {
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
    }

    public static func attribute(_ s: String, into out: inout String) {
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
    }

    public static func text(_ s: String) -> String {
        var out = ""
        text(s, into: &out)
        return out
    }

    public static func attribute(_ s: String) -> String {
        var out = ""
        attribute(s, into: &out)
        return out
    }
}

@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ node: Node) -> [Node] { [node] }
    public static func buildExpression(_ text: String) -> [Node] { [.text(text)] }
    public static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Node]?) -> [Node] { part ?? [] }
    public static func buildEither(first: [Node]) -> [Node] { first }
    public static func buildEither(second: [Node]) -> [Node] { second }
    public static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}

/// An element. Attributes keep their order; a nil value leaves the attribute out, an empty one
/// writes it bare (`checked`).
public func h(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], @HTMLBuilder _ content: () -> [Node] = { [] }) -> Node {
    let attrs = attributes.compactMap { k, v in v.map { (k, $0) } }
    return Node(kind: .element(name, attrs, content(), void: Node.voidElements.contains(name)))
}

/// The same with attributes built at run time.
public func h(_ name: String, attrs: [(String, String)], @HTMLBuilder _ content: () -> [Node] = { [] }) -> Node {
    Node(kind: .element(name, attrs, content(), void: Node.voidElements.contains(name)))
}

/// `attr(flag)` is "" (present) when true and nil (absent) when false.
public func flag(_ on: Bool) -> String? { on ? "" : nil }
