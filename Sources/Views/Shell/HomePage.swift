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
    /// The demo company in its own database, for an administrator: whether it is loaded, its
    /// users' password, and where to post to load it and go in.
    public var sandbox: (loaded: Bool, password: String?, action: String)?
    public var csrf = ""

    public struct SetupItem: Sendable {
        public var label: String
        public var hint: String
        /// Where the step is done; nil when the reader may not do it (someone else will).
        public var href: String?
        public var done: Bool
        /// Where to post to skip it; nil once done or skipped.
        public var skip: String?
        public init(label: String, hint: String, href: String?, done: Bool, skip: String?) {
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
            if let s = m.sandbox { sandbox(s, csrf: m.csrf, t) }
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

    /// 演示公司: try everything on a company of the demo's, in a database of its own.
    static func sandbox(_ s: (loaded: Bool, password: String?, action: String), csrf: String, _ t: Translator) -> Node {
        h("section", ["class": "card sandbox-offer", "aria-labelledby": "sandbox-title"]) {
            h("h2", ["id": "sandbox-title"]) { t("sandbox.title") }
            h("p", ["class": "muted"]) { t("sandbox.intro") }
            if s.loaded, let pw = s.password { h("p") { t("sandbox.accounts", pw) } }
            h("form", ["method": "post", "action": s.action, "class": "inline"]) {
                Layout.csrfField(csrf)
                h("button", ["type": "submit", "class": "primary"]) { t(s.loaded ? "sandbox.enter" : "sandbox.load") }
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
                            if let href = s.href { h("a", ["href": href]) { s.label } } else { h("span") { s.label } }
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
        /// Whether the operation has verbs of its own (`post`, `put`) beside it, for the wording.
        public var singleton = false
        public init(method: String, path: String, summary: String, responses: String, singleton: Bool = false) {
            self.method = method
            self.path = path
            self.summary = summary
            self.responses = responses
            self.singleton = singleton
        }
    }

    /// What an operation does, in the reader's language, made from the names of what its path
    /// reaches and of its action: 查询客户, 查看合同, 合同：提交审批, 商机的阶段历史. Nil when a
    /// name is missing from the catalog (a test keeps every operation described).
    public static func describe(_ o: Operation, _ t: Translator) -> String? {
        let special = "api.op.\(o.method) \(o.path)"
        if t.has(special) { return t(special) }
        let parts = o.path.split(separator: "/").map(String.init).dropFirst(2)  // api, v1
        var segments = Array(parts)
        var portal = false
        if segments.first == "stock" || segments.first == "portal" {
            portal = segments.first == "portal"
            segments.removeFirst()
        }
        func noun(_ s: String) -> String? { t.has("api.noun." + s) ? t("api.noun." + s) : nil }
        func verb(_ s: String) -> String? { t.has("api.verb." + s) ? t("api.verb." + s) : nil }
        let isParam = { (s: String) in s.hasPrefix("{") }
        let literals = segments.filter { !isParam($0) }
        guard let last = segments.last, let lastLiteral = literals.last else { return nil }
        var text: String?
        if isParam(last) {
            // /things/{id} or /things/{id}/parts/{aid}: the item.
            guard var name = noun(lastLiteral) else { return nil }
            if literals.count >= 2, let owner = noun(literals[literals.count - 2]) { name = t("api.of", owner, name) }
            switch o.method {
            case "GET": text = t("api.show", name)
            case "PUT": text = t("api.update", name)
            case "DELETE": text = t("api.delete", name)
            default: text = name
            }
        } else if lastLiteral == "export", o.method == "GET" {
            // A list as a file: 导出客户.
            guard literals.count >= 2, let owner = noun(literals[literals.count - 2]) else { return nil }
            text = t("api.export", owner)
        } else if let v = verb(lastLiteral), o.method == "POST" {
            // An action on a thing, or on the things: 合同：提交审批, 客户：批量转移.
            guard literals.count >= 2, let owner = noun(literals[literals.count - 2]) else { return nil }
            text = t("api.act", owner, v)
        } else {
            guard var name = noun(lastLiteral) else { return nil }
            // A part of one thing: 商机的阶段历史; of the things: 线索的疑似重复.
            if literals.count >= 2, let owner = noun(literals[literals.count - 2]) { name = t("api.of", owner, name) }
            switch o.method {
            case "GET": text = t(o.singleton ? "api.show" : "api.read", name)
            case "POST": text = t("api.create", name)
            case "PUT": text = t("api.update", name)
            case "DELETE": text = t("api.delete", name)
            default: text = name
            }
        }
        return text.map { portal ? t("api.portal", $0) : $0 }
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
                h("p") { t("api.details_in_openapi") }
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
                                h("td", ["data-label": t("api.summary")]) {
                                    // The Chinese page says what each operation does in Chinese; the English one, its full summary.
                                    t.lang == .en ? o.summary : (describe(o, t) ?? o.summary)
                                }
                                h("td", ["data-label": t("api.responses")]) { o.responses }
                            }
                        }
                    }
                }
            }
        }
    }
}
