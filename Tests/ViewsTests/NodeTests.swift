import Testing

@testable import Views

struct NodeTests {
    @Test func textAndAttributesAreEscaped() {
        let node = h("a", ["href": "/x?a=1&b=\"2\"", "title": "<'>"]) { "<script>alert(1)</script> & more" }
        #expect(
            node.render()
                == "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"&lt;&#39;&gt;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</a>")
    }

    @Test func booleanAndAbsentAttributes() {
        #expect(
            h("input", ["type": "checkbox", "checked": flag(true), "disabled": flag(false)]).render() == "<input type=\"checkbox\" checked>"
        )
        #expect(h("option", ["value": ""]).render() == "<option value=\"\"></option>")
    }
}

@Suite("Amounts taken off")
struct SubtractedAmountTests {
    @Test func signsAreWrittenOnceAndZeroHasNone() {
        #expect(FormKit.subtracted(4270) == "−42.70")
        #expect(FormKit.subtracted(-4270) == "+42.70")
        #expect(FormKit.subtracted(0) == "0.00")
        #expect(FormKit.subtracted(Int64.min).hasPrefix("+"), "the smallest amount does not trap")
    }
}
