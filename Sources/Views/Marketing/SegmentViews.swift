import Paths

/// A segment's page: its rule as a form (with the 预览人数 button), how many it finds now and the first of them.
public struct SegmentModel: Sendable {
    public var title: String
    public var form: FormModel
    /// "找到 123 个客户", once counted.
    public var count: String?
    public var first: [(name: String, href: String, level: String, region: String)] = []
    public init(title: String, form: FormModel) {
        self.title = title
        self.form = form
    }
}

public enum SegmentViews {
    public static func page(_ ctx: PageContext, _ m: SegmentModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: m.title) {
            if let count = m.count {
                h("section", ["class": "card preview"]) {
                    h("h2", ["class": "segment-count"]) { count }
                    if !m.first.isEmpty {
                        DataTable.render(
                            [t("field.name"), t("segment.level"), t("segment.region")],
                            m.first.map { [DataTable.Cell(CommonPages.link($0.name, $0.href)), .text($0.level), .text($0.region)] })
                    }
                }
            }
            CommonPages.hint(t("segment.rule_hint"))
            FormView.render(m.form, t)
        }
    }
}
