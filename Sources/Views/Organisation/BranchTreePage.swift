import Paths

/// The organisation as a tree: each branch with its kind, accounting mode and departments.
public struct BranchTreeNode: Sendable {
    public var id: Int64
    public var name: String
    public var code: String
    public var kind: String
    public var accounting: String
    public var active: Bool
    public var departments: [String]
    public var children: [BranchTreeNode]
    public init(
        id: Int64, name: String, code: String, kind: String, accounting: String, active: Bool, departments: [String],
        children: [BranchTreeNode]
    ) {
        self.id = id
        self.name = name
        self.code = code
        self.kind = kind
        self.accounting = accounting
        self.active = active
        self.departments = departments
        self.children = children
    }
}

public enum BranchTreePage {
    public static func render(_ ctx: PageContext, roots: [BranchTreeNode], canCreate: Bool) -> String {
        let t = ctx.t
        var actions = [PageAction(label: t("action.print"), href: Paths.Organisation.printBranches())]
        if canCreate { actions.insert(PageAction(label: t("branch.new"), href: Paths.Organisation.newBranch(), primary: true), at: 0) }
        return Layout.page(ctx, title: t("branch.title"), actions: actions) {
            if roots.isEmpty { h("p", ["class": "empty"]) { t("list.empty") } }
            h("ul", ["class": "tree"]) { for r in roots { node(r, t, links: true) } }
        }
    }

    public static func print(_ lang: Lang, roots: [BranchTreeNode]) -> String {
        let t = Translator(lang)
        return Layout.print(lang, title: t("branch.print_title")) {
            h("ul", ["class": "tree"]) { for r in roots { node(r, t, links: false) } }
        }
    }

    static func node(_ n: BranchTreeNode, _ t: Translator, links: Bool) -> Node {
        h("li") {
            h("div", ["class": "tree-item"]) {
                if links { h("a", ["href": Paths.Organisation.branch(n.id)]) { n.name } } else { h("strong") { n.name } }
                h("span", ["class": "muted"]) { " " + n.code }
                CommonPages.badge(t("branch.kind." + n.kind))
                CommonPages.badge(t("branch.accounting." + n.accounting), n.accounting)
                if !n.active { CommonPages.badge(t("common.inactive"), "muted") }
            }
            if !n.departments.isEmpty {
                h("div", ["class": "tree-departments muted"]) { t("branch.departments") + ": " + n.departments.joined(separator: "、") }
            }
            if !n.children.isEmpty {
                h("ul") { for c in n.children { node(c, t, links: links) } }
            }
        }
    }
}
