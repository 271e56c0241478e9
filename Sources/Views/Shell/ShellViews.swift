import Paths

/// Pages every module shares: the notifications inbox, the audit log, a branch's departments.
public enum ShellViews {
    /// A notification's text, linked when it points somewhere, bold while unread.
    public static func notification(_ text: String, link: String?, unread: Bool) -> Node {
        h("span", ["class": unread ? "unread" : nil]) {
            if let link { h("a", ["href": link]) { text } } else { text }
        }
    }

    public static func notifications(_ ctx: PageContext, _ list: ListModel, csrf: String) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("notify.title")) {
            h("div", ["class": "actions"]) {
                CommonPages.actionButton(t("notify.mark_all"), action: Paths.Shell.readAllNotifications(), csrf: csrf)
            }
            ListView.render(list, ctx)
        }
    }

    /// What an audit entry changed: field, old → new.
    public static func changes(_ list: [(field: String, old: String?, new: String?)]) -> Node {
        guard !list.isEmpty else { return .text("") }
        return h("ul", ["class": "changes"]) {
            for c in list {
                h("li") {
                    h("code") { c.field }; ": " + (c.old ?? "∅") + " → " + (c.new ?? "∅")
                }
            }
        }
    }

    public static func audit(
        _ ctx: PageContext, _ list: ListModel, from: String, to: String, entityId: String, entity: String, action: String,
        actions: [PageAction] = []
    ) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("audit.title"), actions: actions) {
            h("form", ["method": "get", "action": Paths.Audit.log(), "class": "list-filters"]) {
                h("label") {
                    t("audit.from") + " "; h("input", ["type": "date", "name": "from", "value": from])
                }
                h("label") {
                    t("audit.to") + " "; h("input", ["type": "date", "name": "to", "value": to])
                }
                FormKit.labelled("ID") {
                    h(
                        "input",
                        ["type": "text", "name": "entityId", "value": entityId, "placeholder": "ID", "aria-label": "ID", "size": "6"])
                }
                h("input", ["type": "hidden", "name": "entity", "value": entity])
                h("input", ["type": "hidden", "name": "action", "value": action])
                h("button", ["type": "submit"]) { t("list.apply") }
            }
            ListView.render(list, ctx)
        }
    }

    /// A branch's departments (linked for who may edit them) and, for who may see them, its people.
    public static func departments(_ items: [Node], usersHref: String?, _ t: Translator) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { t("branch.departments") }
            if items.isEmpty { h("p", ["class": "empty"]) { t("list.empty") } }
            h("ul") { for d in items { h("li") { d } } }
            if let usersHref { h("p") { CommonPages.link(t("branch.users"), usersHref) } }
        }
    }
}
