/// The home page (工作台): what waits for the reader today, by what they do — a salesperson's
/// follow-ups, tasks and pipeline; a warehouse keeper's drafts, shortages and transfers; finance's
/// overdue installments and unbilled deliveries; the managers' approvals and figures — and the
/// organisation's headcount only for those who run it.
public struct HomeModel: Sendable {
    /// A figure that waits for someone: its value, a word on it, and where to act on it.
    public struct Tile: Sendable {
        public var label: String
        public var value: String
        public var detail: String?
        public var href: String?
        /// Something is wrong or late (shown in the warning colour).
        public var warn: Bool
        public init(_ label: String, _ value: String, detail: String? = nil, href: String? = nil, warn: Bool = false) {
            self.label = label
            self.value = value
            self.detail = detail
            self.href = href
            self.warn = warn
        }
    }

    /// Titled rows of tiles: 销售, 仓库, 财务, 经营.
    public var sections: [(title: String, tiles: [Tile])] = []
    /// Cards other modules add (follow-ups due, tasks, birthdays, pool warnings, approvals).
    public var cards: [Node] = []
    /// The organisation in figures, for those who manage it.
    public var organisation: Organisation?
    public var recent: [(when: String, who: String, what: String)] = []
    /// 开始使用: what a new company has left to set up, for whoever manages the organisation;
    /// empty once every step is done or skipped.
    public var setup: [SetupItem] = []
    public var csrf = ""

    public struct SetupItem: Sendable {
        public var label: String
        public var hint: String
        public var href: String
        public var done: Bool
        /// Where to post to skip it; nil once done or skipped.
        public var skip: String?
        public init(label: String, hint: String, href: String, done: Bool, skip: String?) {
            self.label = label
            self.hint = hint
            self.href = href
            self.done = done
            self.skip = skip
        }
    }

    public struct Organisation: Sendable {
        public var branches: Int
        public var departments: Int
        public var users: Int
        public var roles: Int
        public var usersByBranch: [Chart.Point]
        public var branchesByKind: [Chart.Point]
        public init(
            branches: Int, departments: Int, users: Int, roles: Int, usersByBranch: [Chart.Point], branchesByKind: [Chart.Point]
        ) {
            self.branches = branches
            self.departments = departments
            self.users = users
            self.roles = roles
            self.usersByBranch = usersByBranch
            self.branchesByKind = branchesByKind
        }
    }
    public init() {}
}

public enum HomePage {
    public static func render(_ ctx: PageContext, _ m: HomeModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("home.title")) {
            if !m.setup.isEmpty { setup(m, t) }
            for section in m.sections where !section.tiles.isEmpty {
                h("section", ["class": "home-section"]) {
                    h("h2") { section.title }
                    h("div", ["class": "tiles"]) { for tile in section.tiles { self.tile(tile) } }
                }
            }
            if !m.cards.isEmpty { h("div", ["class": "grid2"]) { for c in m.cards { c } } }
            if let o = m.organisation {
                h("section", ["class": "home-section"]) {
                    h("h2") { t("home.organisation") }
                    h("div", ["class": "tiles"]) {
                        tile(.init(t("home.branches"), String(o.branches)))
                        tile(.init(t("home.departments"), String(o.departments)))
                        tile(.init(t("home.users"), String(o.users)))
                        tile(.init(t("home.roles"), String(o.roles)))
                    }
                    h("div", ["class": "grid2"]) {
                        h("section", ["class": "card"]) {
                            h("h2") { t("home.users_by_branch") }
                            Chart.bar(t("home.users_by_branch"), o.usersByBranch)
                        }
                        h("section", ["class": "card"]) {
                            h("h2") { t("home.branches_by_kind") }
                            Chart.donut(t("home.branches_by_kind"), o.branchesByKind)
                        }
                    }
                }
            }
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

    static func setup(_ m: HomeModel, _ t: Translator) -> Node {
        let done = m.setup.filter(\.done).count
        return h("section", ["class": "card setup-guide", "aria-labelledby": "setup-title"]) {
            h("h2", ["id": "setup-title"]) { t("setup.title", String(done), String(m.setup.count)) }
            h("p", ["class": "muted"]) { t("setup.intro") }
            h("ol", ["class": "setup-steps"]) {
                for s in m.setup {
                    h("li", ["class": s.done ? "done" : nil]) {
                        if s.done {
                            h("span") { "✓ " + s.label }
                        } else {
                            h("a", ["href": s.href]) { s.label }
                            h("span", ["class": "muted"]) { " · " + s.hint }
                            if let skip = s.skip {
                                h("form", ["method": "post", "action": skip, "class": "inline"]) {
                                    Layout.csrfField(m.csrf)
                                    h("button", ["type": "submit", "class": "link"]) { t("setup.skip") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func tile(_ tile: HomeModel.Tile) -> Node {
        let body: [Node] = [
            h("div", ["class": "tile-value"]) { tile.value },
            h("div", ["class": "tile-label"]) { tile.label },
            tile.detail.map { d in h("div", ["class": "tile-detail"]) { d } } ?? .empty,
        ]
        let css = tile.warn ? "tile warn" : "tile"
        if let href = tile.href { return h("a", ["class": css, "href": href]) { body } }
        return h("div", ["class": css]) { body }
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
                            h("th") { t("api.method") }; h("th") { t("api.path") }; h("th") { t("api.summary") }
                            h("th") { t("api.responses") }
                        }
                    }
                    h("tbody") {
                        for o in operations {
                            h("tr") {
                                h("td", ["data-label": t("api.method")]) { h("code") { o.method } }
                                h("td", ["data-label": t("api.path")]) { h("code") { o.path } }
                                h("td", ["data-label": t("api.summary")]) { o.summary }
                                h("td", ["data-label": t("api.responses")]) { o.responses }
                            }
                        }
                    }
                }
            }
        }
    }
}
