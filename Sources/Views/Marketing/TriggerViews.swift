import Paths

/// A trigger's page: its form, then the occasions it fired for and the sends they queued.
public struct TriggerModel: Sendable {
    public var title: String
    public var form: FormModel?
    public var facts: [(String, Node)] = []
    /// Occasion, when, and the send (a link) or why none.
    public var firings: [(occasion: String, at: String, send: Node)] = []
    public init(title: String, form: FormModel?) {
        self.title = title
        self.form = form
    }
}

public enum TriggerViews {
    public static func page(_ ctx: PageContext, _ m: TriggerModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, facts: m.facts) {
            if let form = m.form { FormView.render(form, t) }
            h("h2") { t("trigger.firings") }
            if m.firings.isEmpty {
                CommonPages.hint(t("trigger.no_firings"))
            } else {
                DataTable.render(
                    [t("trigger.occasion"), t("trigger.fired_at"), t("trigger.send")],
                    m.firings.map { [.text($0.occasion), .text($0.at), DataTable.Cell($0.send)] })
            }
        }
    }
}
