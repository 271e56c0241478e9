import Paths

/// 商机: the board (a column per stage, cards that move), its funnel, an opportunity's stage
/// history, and the weighted forecast.
public struct OpportunityBoardModel: Sendable {
    public struct Column: Sendable {
        public var id = "", name = "", outcome = "", probability = ""
        /// Cards in an open stage; the won and lost columns show a count only.
        public var count = ""
        public var total: String?
        public var cards: [Card] = []
        public init(id: String, name: String, outcome: String, probability: String, count: String, total: String?, cards: [Card]) {
            self.id = id
            self.name = name
            self.outcome = outcome
            self.probability = probability
            self.count = count
            self.total = total
            self.cards = cards
        }
    }
    public struct Card: Sendable {
        public var id = "", name = "", detail = "", stageId = ""
        public init(id: String, name: String, detail: String, stageId: String) {
            self.id = id
            self.name = name
            self.detail = detail
            self.stageId = stageId
        }
    }
    public var actions: [PageAction] = []
    public var mine = false
    /// The board narrowed by custom choice fields (`cf.<key>`).
    public var filters: [ListModel.Filter] = []
    public var columns: [Column] = []
    public var mayMove = false
    public var csrf = ""
    public var funnel = Chart.Series()
    public init() {}
}

public enum OpportunityViews {
    public static func board(_ ctx: PageContext, _ m: OpportunityBoardModel) -> String {
        let t = ctx.t
        let stages = m.columns.map { ($0.id, $0.name) }
        return Layout.page(ctx, title: t("opportunity.title"), actions: m.actions) {
            h("p") {
                h("a", ["href": m.mine ? Paths.CRM.opportunities() : Paths.CRM.opportunities() + "?mine=1"]) {
                    t(m.mine ? "opportunity.show_all" : "opportunity.show_mine")
                }
                h("span", ["class": "muted"]) { " · " + t("opportunity.board_hint") }
            }
            if !m.filters.isEmpty {
                h("form", ["method": "get", "action": Paths.CRM.opportunities(), "class": "list-filters", "role": "search"]) {
                    if m.mine { h("input", ["type": "hidden", "name": "mine", "value": "1"]) }
                    for f in m.filters { ListView.select(f, t) }
                    h("button", ["type": "submit"]) { t("list.apply") }
                }
            }
            h("div", ["class": "kanban", "data-kanban": ""]) {
                for s in m.columns {
                    h("section", ["class": "kanban-column", "data-stage-id": s.id, "data-outcome": s.outcome, "aria-label": s.name]) {
                        h("h2") {
                            s.name; h("span", ["class": "muted"]) { " \(s.probability)% · " + s.count }
                        }
                        if let total = s.total { h("div", ["class": "muted small"]) { total } }
                        for o in s.cards {
                            h("article", ["class": "kanban-card", "draggable": m.mayMove ? "true" : nil, "data-card": o.id]) {
                                h("a", ["href": Paths.CRM.opportunity(o.id)]) { h("strong") { o.name } }
                                h("div", ["class": "muted small"]) { o.detail }
                                if m.mayMove {
                                    h("form", ["method": "post", "action": Paths.CRM.moveOpportunity(o.id), "class": "card-move"]) {
                                        Layout.csrfField(m.csrf)
                                        FormKit.labelled(t("opportunity.move_to")) {
                                            h("select", ["name": "stageId", "aria-label": t("opportunity.move_to")]) {
                                                for (id, name) in stages {
                                                    h("option", ["value": id, "selected": flag(id == o.stageId)]) { name }
                                                }
                                            }
                                        }
                                        FormKit.labelled(t("opportunity.lost_reason")) {
                                            h(
                                                "input",
                                                [
                                                    "name": "lostReason", "placeholder": t("opportunity.lost_reason"),
                                                    "aria-label": t("opportunity.lost_reason"), "size": "10",
                                                ])
                                        }
                                        h("button", ["type": "submit"]) { t("opportunity.move") }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h("section", ["class": "card"]) {
                let title = Chart.title(t("opportunity.funnel"), unit: m.funnel.unitKey.map { t($0) })
                h("h2") { title }; Chart.funnel(title, m.funnel.points)
            }
        }
    }

    /// The stage moves: when and by whom, from → to.
    public static func history(_ moves: [(when: String, move: String)], _ t: Translator) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { t("opportunity.history") }
            h("ol", ["class": "timeline"]) {
                for m in moves {
                    h("li") {
                        h("span", ["class": "muted"]) { m.when }; h("div") { m.move }
                    }
                }
            }
        }
    }

    public static func forecast(_ ctx: PageContext, byMonth: Chart.Series, _ list: ListModel) -> String {
        let t = ctx.t
        let title = Chart.title(t("opportunity.weighted_by_month"), unit: byMonth.unitKey.map { t($0) })
        return Layout.page(ctx, title: t("opportunity.forecast")) {
            h("section", ["class": "card"]) {
                h("h2") { title }; Chart.bar(title, byMonth.points)
            }
            ListView.render(list, ctx)
        }
    }
}
