import Foundation
import Kernel

/// Charts drawn on the server as SVG: readable without JavaScript, printable, accessible (each
/// chart carries a title and a table-like description of its figures).
public enum Chart {
    public struct Point: Sendable {
        public var label: String
        /// Values are exact integers (fen, units, counts); charts only scale them for drawing.
        public var value: Int64
        public var display: String
        /// A point shows what it measures the way its series says (`counts`, `money`): never a
        /// bare number of fen.
        init(_ label: String, _ value: Int64, display: String) {
            self.label = label
            self.value = value
            self.display = display
        }
    }

    /// The points of a chart and the unit its figures are in (a catalog key, for the title).
    public struct Series: Sendable {
        public var points: [Point]
        public var unitKey: String?
        public init(points: [Point] = [], unitKey: String? = nil) {
            self.points = points
            self.unitKey = unitKey
        }
    }

    /// Counts (people, branches): the figures as they are.
    public static func counts(_ items: [(label: String, count: Int64)]) -> Series {
        Series(points: items.map { Point($0.label, $0.count, display: String($0.count)) })
    }

    /// Money held in fen, shown in 元, or in 万元 when the largest figure is 100,000 元 or more;
    /// the bars are drawn from the exact fen.
    public static func money(_ items: [(label: String, fen: Int64)]) -> Series {
        let wan = items.contains { $0.fen.magnitude >= 10_000_000 }
        return Series(
            points: items.map { item in
                let shown =
                    wan
                    ? ScaledDecimal.format(ScaledDecimal.divideRounded(Int128(item.fen), 10_000), scale: 2, minDecimals: 2)
                    : Money(fen: item.fen).description
                return Point(item.label, item.fen, display: shown)
            }, unitKey: wan ? "chart.unit.wan" : "chart.unit.yuan")
    }

    /// The title with the unit its figures are in: "商机漏斗（万元）", or inside a bracket the title
    /// has already: "本月销售（不含税，元）", "Sales (net of VAT, CNY)".
    public static func title(_ title: String, unit: String?) -> String {
        guard let unit else { return title }
        if title.hasSuffix("）") { return String(title.dropLast()) + "，" + unit + "）" }
        if title.hasSuffix(")") { return String(title.dropLast()) + ", " + unit + ")" }
        let ascii = title.unicodeScalars.allSatisfy(\.isASCII)
        return ascii ? title + " (" + unit + ")" : title + "（" + unit + "）"
    }

    static let palette = ["#2f6fdf", "#20a67a", "#e0a020", "#d9534f", "#7d5bd0", "#1aa3b8", "#8a8f98", "#c2571a"]

    static func fmt(_ d: Double) -> String { String(format: "%.1f", d) }

    static func svg(_ title: String, width: Int, height: Int, @HTMLBuilder _ content: () -> [Node]) -> Node {
        h(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(width) \(height)", "role": "img", "class": "chart",
                "aria-label": title,
            ]
        ) {
            h("title") { title }
            content()
        }
    }

    public static func bar(_ title: String, _ points: [Point]) -> Node {
        let width = 480, height = 220, left = 8, bottom = 40, top = 16
        let maxValue = max(points.map(\.value).max() ?? 0, 1)
        let slot = Double(width - left * 2) / Double(max(points.count, 1))
        return svg(title, width: width, height: height) {
            h(
                "line",
                [
                    "x1": String(left), "y1": String(height - bottom), "x2": String(width - left), "y2": String(height - bottom),
                    "class": "axis",
                ])
            for (i, p) in points.enumerated() {
                let barHeight = Double(height - bottom - top) * Double(max(p.value, 0)) / Double(maxValue)
                let x = Double(left) + slot * Double(i) + slot * 0.15
                h("g") {
                    h(
                        "rect",
                        [
                            "x": fmt(x), "y": fmt(Double(height - bottom) - barHeight), "width": fmt(slot * 0.7), "height": fmt(barHeight),
                            "fill": palette[i % palette.count],
                        ]
                    ) { h("title") { "\(p.label): \(p.display)" } }
                    h(
                        "text",
                        [
                            "x": fmt(x + slot * 0.35), "y": fmt(Double(height - bottom) - barHeight - 4), "text-anchor": "middle",
                            "class": "value",
                        ]
                    ) { p.display }
                    h("text", ["x": fmt(x + slot * 0.35), "y": String(height - bottom + 16), "text-anchor": "middle", "class": "label"]) {
                        p.label
                    }
                }
            }
        }
    }

    public static func line(_ title: String, _ points: [Point]) -> Node {
        let width = 480, height = 220, left = 16, bottom = 40, top = 16
        let maxValue = max(points.map(\.value).max() ?? 0, 1)
        let step = points.count > 1 ? Double(width - left * 2) / Double(points.count - 1) : 0
        let coords = points.enumerated().map { i, p in
            (
                Double(left) + step * Double(i),
                Double(height - bottom) - Double(height - bottom - top) * Double(max(p.value, 0)) / Double(maxValue)
            )
        }
        return svg(title, width: width, height: height) {
            h(
                "line",
                [
                    "x1": String(left), "y1": String(height - bottom), "x2": String(width - left), "y2": String(height - bottom),
                    "class": "axis",
                ])
            h(
                "polyline",
                [
                    "points": coords.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "), "fill": "none",
                    "stroke": palette[0], "stroke-width": "2",
                ])
            for (i, p) in points.enumerated() {
                h("circle", ["cx": fmt(coords[i].0), "cy": fmt(coords[i].1), "r": "3", "fill": palette[0]]) {
                    h("title") { "\(p.label): \(p.display)" }
                }
                h("text", ["x": fmt(coords[i].0), "y": String(height - bottom + 16), "text-anchor": "middle", "class": "label"]) { p.label }
            }
        }
    }

    public static func donut(_ title: String, _ points: [Point]) -> Node {
        let size = 220, r = 80.0, c = 110.0
        let total = max(points.map { max($0.value, 0) }.reduce(0, +), 1)
        var start = -Double.pi / 2
        let arcs: [(Point, Double, Double)] = points.map { p in
            let sweep = 2 * Double.pi * Double(max(p.value, 0)) / Double(total)
            defer { start += sweep }
            return (p, start, sweep)
        }
        return h("div", ["class": "donut"]) {
            svg(title, width: size, height: size) {
                for (i, (p, a, sweep)) in arcs.enumerated() where sweep > 0 {
                    if sweep >= 2 * Double.pi - 0.0001 {
                        h(
                            "circle",
                            [
                                "cx": fmt(c), "cy": fmt(c), "r": fmt(r), "fill": "none", "stroke": palette[i % palette.count],
                                "stroke-width": "36",
                            ]
                        ) {
                            h("title") { "\(p.label): \(p.display)" }
                        }
                    } else {
                        let x1 = c + r * cos(a), y1 = c + r * sin(a), x2 = c + r * cos(a + sweep), y2 = c + r * sin(a + sweep)
                        h(
                            "path",
                            [
                                "d": "M \(fmt(x1)) \(fmt(y1)) A \(fmt(r)) \(fmt(r)) 0 \(sweep > Double.pi ? 1 : 0) 1 \(fmt(x2)) \(fmt(y2))",
                                "fill": "none", "stroke": palette[i % palette.count], "stroke-width": "36",
                            ]
                        ) { h("title") { "\(p.label): \(p.display)" } }
                    }
                }
            }
            legend(points)
        }
    }

    public static func funnel(_ title: String, _ points: [Point]) -> Node {
        let width = 480, rowHeight = 34
        let height = max(points.count, 1) * rowHeight + 8
        let maxValue = max(points.map(\.value).max() ?? 0, 1)
        return svg(title, width: width, height: height) {
            for (i, p) in points.enumerated() {
                let w = max(Double(width - 160) * Double(max(p.value, 0)) / Double(maxValue), 2)
                let x = 150 + (Double(width - 160) - w) / 2
                h("g") {
                    h(
                        "rect",
                        [
                            "x": fmt(x), "y": String(i * rowHeight + 4), "width": fmt(w), "height": String(rowHeight - 6),
                            "fill": palette[i % palette.count],
                        ]
                    ) { h("title") { "\(p.label): \(p.display)" } }
                    h("text", ["x": "4", "y": String(i * rowHeight + 24), "class": "label"]) { p.label }
                    h("text", ["x": fmt(x + w / 2), "y": String(i * rowHeight + 24), "text-anchor": "middle", "class": "value inverse"]) {
                        p.display
                    }
                }
            }
        }
    }

    static func legend(_ points: [Point]) -> Node {
        h("ul", ["class": "legend"]) {
            for (i, p) in points.enumerated() {
                h("li") {
                    // The colour is an SVG attribute: inline styles are refused by the content security policy.
                    h("svg", ["class": "swatch", "viewBox": "0 0 10 10", "aria-hidden": "true"]) {
                        h("rect", ["width": "10", "height": "10", "rx": "2", "fill": palette[i % palette.count]])
                    }
                    "\(p.label): \(p.display)"
                }
            }
        }
    }
}
