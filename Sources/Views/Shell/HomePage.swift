public struct HomeModel: Sendable {
    public var branches: Int
    public var departments: Int
    public var users: Int
    public var roles: Int
    public var usersByBranch: [Chart.Point]
    public var branchesByKind: [Chart.Point]
    public var recent: [(when: String, who: String, what: String)]
    /// Cards other modules add (the CRM's: follow-ups due, upcoming birthdays, pool warnings).
    public var cards: [Node] = []
    public init(
        branches: Int, departments: Int, users: Int, roles: Int, usersByBranch: [Chart.Point], branchesByKind: [Chart.Point],
        recent: [(when: String, who: String, what: String)]
    ) {
        self.branches = branches
        self.departments = departments
        self.users = users
        self.roles = roles
        self.usersByBranch = usersByBranch
        self.branchesByKind = branchesByKind
        self.recent = recent
    }
}

public enum HomePage {
    public static func render(_ ctx: PageContext, _ m: HomeModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("home.title")) {
            h("div", ["class": "tiles"]) {
                tile(t("home.branches"), m.branches)
                tile(t("home.departments"), m.departments)
                tile(t("home.users"), m.users)
                tile(t("home.roles"), m.roles)
            }
            h("div", ["class": "grid2"]) {
                h("section", ["class": "card"]) {
                    h("h2") { t("home.users_by_branch") }
                    Chart.bar(t("home.users_by_branch"), m.usersByBranch)
                }
                h("section", ["class": "card"]) {
                    h("h2") { t("home.branches_by_kind") }
                    Chart.donut(t("home.branches_by_kind"), m.branchesByKind)
                }
            }
            if !m.cards.isEmpty { h("div", ["class": "grid2"]) { for c in m.cards { c } } }
            if !m.recent.isEmpty {
                h("section", ["class": "card"]) {
                    h("h2") { t("home.recent") }
                    h("ul", ["class": "timeline"]) {
                        for r in m.recent {
                            h("li") {
                                h("time") { r.when }
                                " " + r.who + " · " + r.what
                            }
                        }
                    }
                }
            }
        }
    }

    static func tile(_ label: String, _ value: Int) -> Node {
        h("div", ["class": "tile"]) {
            h("div", ["class": "tile-value"]) { String(value) }
            h("div", ["class": "tile-label"]) { label }
        }
    }
}
