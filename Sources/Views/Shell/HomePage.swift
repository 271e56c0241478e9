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

extension HomePage {
    /// A card that says how many of something wait, and links to them.
    public static func linkCard(_ title: String, text: String, href: String) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { title }; h("p") { h("a", ["href": href]) { text } }
        }
    }

    /// A line of a list card: text before the link, the link, a quiet detail after it.
    public struct Item: Sendable {
        public var before = "", name = "", href = "", detail = ""
        public init(before: String = "", name: String, href: String, detail: String) {
            self.before = before
            self.name = name
            self.href = href
            self.detail = detail
        }
    }

    /// A card listing records (follow-ups due, birthdays), or saying there are none.
    public static func listCard(_ title: String, empty: String, _ items: [Item]) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { title }
            if items.isEmpty { h("p", ["class": "empty"]) { empty } }
            h("ul", ["class": "plain"]) {
                for i in items {
                    h("li") {
                        i.before; h("a", ["href": i.href]) { i.name }; h("span", ["class": "muted"]) { " · " + i.detail }
                    }
                }
            }
        }
    }
}

/// The API reference page, made from the OpenAPI document.
public enum ApiDocsView {
    public struct Operation: Sendable {
        public var method = "", path = "", summary = "", responses = ""
        public init(method: String, path: String, summary: String, responses: String) {
            self.method = method
            self.path = path
            self.summary = summary
            self.responses = responses
        }
    }

    public static func page(_ ctx: PageContext, _ operations: [Operation]) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("api.title")) {
            h("section", ["class": "card"]) {
                h("p") {
                    t("api.intro") + " "; h("a", ["href": "/api/v1/openapi.json"]) { "/api/v1/openapi.json" }
                }
                h("p") { t("api.auth") }
                h("p") { t("api.errors") }
            }
            h("div", ["class": "table-wrap"]) {
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { "Method" }; h("th") { "Path" }; h("th") { "Summary" }; h("th") { "Responses" }
                        }
                    }
                    h("tbody") {
                        for o in operations {
                            h("tr") {
                                h("td", ["data-label": "Method"]) { h("code") { o.method } }
                                h("td", ["data-label": "Path"]) { h("code") { o.path } }
                                h("td", ["data-label": "Summary"]) { o.summary }
                                h("td", ["data-label": "Responses"]) { o.responses }
                            }
                        }
                    }
                }
            }
        }
    }
}
