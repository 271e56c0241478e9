import Foundation
import Kernel
import Testing

/// The API's answers and the audit trail are written by `CompactJSON`; clients and stored
/// records were written by `JSONEncoder` before it. The bytes must be the same.
@Suite("CompactJSON writes what JSONEncoder writes")
struct CompactJSONTests {
    struct Line: Codable, Equatable {
        var productId: String
        var quantity: String
        var note: String?
        var tags: [String]
    }

    struct Document: Codable, Equatable {
        var id: String
        var number: String
        var zeta: Int64
        var alpha: Bool
        var lines: [Line]
        var totals: [String: String]
        var nothing: String?
        var when: Date
        var ratio: Double
        var whole: Double
        var amount: Decimal
        var blob: Data
        var link: URL
        var nested: [[Int]]
        var empty: [String: Int]
    }

    /// A type that writes itself with nested and super containers, as few of ours do, but any may.
    struct Custom: Encodable {
        enum Keys: String, CodingKey { case b, a, inner, list, `super` }
        enum InnerKeys: String, CodingKey { case y, x }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode("second", forKey: .b)
            var inner = c.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            try inner.encode(2, forKey: .y)
            try inner.encodeNil(forKey: .x)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            var deeper = list.nestedContainer(keyedBy: InnerKeys.self)
            try deeper.encode("深", forKey: .y)
            try list.encode(3.5)
            try c.encode("first", forKey: .a)
            let sup = c.superEncoder()
            var s = sup.singleValueContainer()
            try s.encode("parent")
        }
    }

    static func foundation<T: Encodable>(_ v: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(v), as: UTF8.self)
    }

    @Test func aDocumentComesOutByteForByteAlike() throws {
        let texts = [
            "", "平安 / 上海", "quote \" back\\slash", "tab\tnew\nline\r", "\u{01}\u{1f}\u{7f}", "emoji 🙂 and ｆｕｌｌ", "</script>",
        ]
        for (i, text) in texts.enumerated() {
            let doc = Document(
                id: "\(i)", number: text, zeta: -9_007_199_254_740_993 + Int64(i), alpha: i % 2 == 0,
                lines: [
                    Line(productId: "7", quantity: "1.5", note: text, tags: [text, "b"]),
                    Line(productId: "8", quantity: "0", note: nil, tags: []),
                ],
                totals: ["含税": "113.00", "net": "100.00", "Tax": "13.00", text: text],
                nothing: nil, when: Date(timeIntervalSince1970: 1_764_547_200.25), ratio: 0.1 + Double(i) / 3,
                whole: 42, amount: Decimal(string: "12345.67")!, blob: Data(text.utf8), link: URL(string: "https://example.com/a?b=1")!,
                nested: [[1, 2], [], [3]], empty: [:])
            #expect(try CompactJSON.string(doc) == Self.foundation(doc))
            // And it reads back as the value it was.
            #expect(try JSONDecoder().decode(Document.self, from: Data(CompactJSON.encode(doc))) == doc)
        }
    }

    /// Objects of one shape are ordered by what was remembered of the first: every one of them,
    /// and objects of another shape after them, still come out as JSONEncoder writes them.
    @Test func objectsOfOneShapeComeOutAlikeEachTime() throws {
        struct Shape: Encodable { var zeta = "z"; var alpha: Int; var mid: String? }
        struct Other: Encodable { var zeta = "z"; var alpha: Int; var beta = true }
        let list = (0..<5).map { Shape(alpha: $0, mid: $0 % 2 == 0 ? nil : "m\($0)") }
        for _ in 0..<2 {
            #expect(try CompactJSON.string(list) == Self.foundation(list))
            let others = (0..<3).map { Other(alpha: $0) }
            #expect(try CompactJSON.string(others) == Self.foundation(others))
        }
        let wide = Dictionary(uniqueKeysWithValues: (0..<100).map { ("k\(($0 * 37) % 100)", $0) })
        #expect(try CompactJSON.string(wide) == Self.foundation(wide))
    }

    /// A part written once and put into many answers reads as the value it was written from;
    /// Foundation's encoder, which cannot put bytes in, refuses it rather than write something else.
    @Test func aFragmentIsWrittenAsItsValue() throws {
        struct Answer<P: Encodable>: Encodable { var b = "x/y"; var part: P; var a = [1, 2] }
        let value = Line(productId: "7", quantity: "1.5", note: "平安", tags: ["</b>"])
        let fragment = try CompactJSON.Fragment(of: value)
        #expect(try CompactJSON.string(Answer(part: fragment)) == Self.foundation(Answer(part: value)))
        #expect(throws: EncodingError.self) { try Self.foundation(Answer(part: fragment)) }
    }

    @Test func topLevelValuesAndHandWrittenContainers() throws {
        #expect(try CompactJSON.string("a/b") == Self.foundation("a/b"))
        #expect(try CompactJSON.string([3, 1, 2]) == Self.foundation([3, 1, 2]))
        #expect(try CompactJSON.string(["b": 1, "a": 2, "B": 3, "aa": 4]) == Self.foundation(["b": 1, "a": 2, "B": 3, "aa": 4]))
        #expect(try CompactJSON.string([1: "x", 10: "y", 2: "z"]) == Self.foundation([1: "x", 10: "y", 2: "z"]))
        #expect(try CompactJSON.string(Optional<String>.none) == Self.foundation(Optional<String>.none))
        let custom = (try CompactJSON.string(Custom()), try Self.foundation(Custom()))
        #expect(custom.0 == custom.1, "\(custom.0) vs \(custom.1)")
    }

    @Test func aNumberJSONCannotHoldIsRefused() {
        #expect(throws: EncodingError.self) { try CompactJSON.encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try CompactJSON.encode([Double.infinity]) }
    }
}
