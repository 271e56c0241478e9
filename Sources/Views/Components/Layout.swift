import Foundation
import Paths

/// The page shell: header with language switch and user, navigation by module, flash messages,
/// content. Works without JavaScript; on a phone the navigation folds behind a menu button.
public enum Layout {
    public static func page(_ ctx: PageContext, title: String, actions: [PageAction] = [], @HTMLBuilder _ content: () -> [Node]) -> String {
        let t = ctx.t
        let body = h("body") {
            if ctx.sandbox { sandboxBanner(t) }
            h("header", ["class": "topbar"]) {
                h("label", ["for": "nav-toggle", "class": "menu-button", "aria-label": t("nav.menu")]) { "☰" }
                h("a", ["href": Paths.Shell.home(), "class": "brand"]) { t("app.name") }
                h("div", ["class": "topbar-right"]) {
                    if ctx.userName != nil {
                        let label = ctx.unread > 0 ? t("notify.bell_unread", String(ctx.unread)) : t("notify.title")
                        h("a", ["class": "bell", "href": Paths.Shell.notifications(), "aria-label": label, "title": label]) {
                            "🔔"
                            if ctx.unread > 0 { h("span", ["class": "bell-count"]) { ctx.unread > 99 ? "99+" : String(ctx.unread) } }
                        }
                    }
                    languageSwitch(ctx)
                    if let user = ctx.userName {
                        h("a", ["class": "user", "href": Paths.Access.myPassword(), "title": t("account.password")]) { user }
                        h("form", ["method": "post", "action": Paths.Shell.logout(), "class": "inline"]) {
                            csrfField(ctx.csrf)
                            h("button", ["type": "submit", "class": "link"]) { t("nav.logout") }
                        }
                    }
                }
            }
            h("input", ["type": "checkbox", "id": "nav-toggle", "class": "nav-toggle"])
            h("div", ["class": "shell"]) {
                if !ctx.nav.isEmpty { navigation(ctx) }
                h("main", ["class": "content"]) {
                    h("div", ["class": "page-head"]) {
                        h("h1") { title }
                        if let help = ctx.help {
                            h("details", ["class": "page-help"]) {
                                h("summary", ["aria-label": t("help.label"), "title": t("help.label")]) { "?" }
                                h("p") { help }
                            }
                        }
                        if !actions.isEmpty {
                            h("div", ["class": "actions"]) {
                                for a in actions { h("a", ["href": a.href, "class": a.primary ? "button primary" : "button"]) { a.label } }
                            }
                        }
                    }
                    for f in ctx.flash { h("div", ["class": "flash \(f.kind.rawValue)", "role": "status"]) { f.message } }
                    content()
                }
            }
            if !ctx.products.isEmpty {
                h("datalist", ["id": FormKit.productOptions]) {
                    for p in ctx.products { h("option", ["value": p.code, "label": p.label]) }
                }
            }
            h("script", ["src": "/assets/app.js", "defer": ""])
        }
        return document(ctx.lang, title: title + " · " + t("app.name"), body: body)
    }

    /// A page for paper: no navigation, the document alone, a print button that does not print.
    public static func print(_ lang: Lang, title: String, @HTMLBuilder _ content: () -> [Node]) -> String {
        let t = Translator(lang)
        let body = h("body", ["class": "print"]) {
            h("div", ["class": "no-print print-bar"]) {
                h("button", ["type": "button", "data-print": ""]) { t("action.print") }
            }
            h("main") {
                h("h1") { title }
                content()
            }
            h("script", ["src": "/assets/app.js", "defer": ""])
        }
        return document(lang, title: title, body: body)
    }

    /// The sandbox's banner: whoever sees it knows nothing here is real, and how to leave.
    static func sandboxBanner(_ t: Translator) -> Node {
        h("div", ["class": "sandbox-banner", "role": "note"]) {
            t("sandbox.banner") + " "
            h("a", ["href": Paths.Organisation.leaveSandbox()]) { t("sandbox.leave") }
        }
    }

    /// A page with no session: sign-in, errors before login.
    public static func bare(
        _ lang: Lang, title: String, path: String, sandbox: Bool = false, @HTMLBuilder _ content: () -> [Node]
    ) -> String {
        let body = h("body", ["class": "bare"]) {
            if sandbox { sandboxBanner(Translator(lang)) }
            h("header", ["class": "topbar"]) {
                h("a", ["href": Paths.Shell.home(), "class": "brand"]) { Translator(lang)("app.name") }
                h("div", ["class": "topbar-right"]) { languageSwitch(lang: lang, path: path) }
            }
            h("main", ["class": "narrow"]) { content() }
        }
        return document(lang, title: title + " · " + Translator(lang)("app.name"), body: body)
    }

    static func document(_ lang: Lang, title: String, body: Node) -> String {
        let head = h("head") {
            h("meta", ["charset": "utf-8"])
            h("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
            h("title") { title }
            h("link", ["rel": "stylesheet", "href": "/assets/app.css"])
        }
        return "<!DOCTYPE html>"
            + h("html", ["lang": lang.htmlLang]) {
                head; body
            }.render()
    }

    static func navigation(_ ctx: PageContext) -> Node {
        h("nav", ["class": "sidebar", "aria-label": ctx.t("nav.menu")]) {
            for section in ctx.nav {
                h("div", ["class": "nav-section"]) {
                    h("div", ["class": "nav-title"]) { ctx.t(section.titleKey) }
                    for item in section.items {
                        let current = item.href == Paths.Shell.home() ? ctx.path == Paths.Shell.home() : ctx.path.hasPrefix(item.href)
                        h("a", ["href": item.href, "class": current ? "current" : nil, "aria-current": current ? "page" : nil]) {
                            ctx.t(item.titleKey)
                        }
                    }
                }
            }
        }
    }

    static func languageSwitch(_ ctx: PageContext) -> Node { languageSwitch(lang: ctx.lang, path: ctx.path) }

    /// A plain link per language: the server sets a cookie and sends the user back.
    static func languageSwitch(lang: Lang, path: String) -> Node {
        h("span", ["class": "lang-switch"]) {
            for l in Lang.allCases {
                if l == lang {
                    h("strong") { l == .zhCN ? "中文" : "English" }
                } else {
                    h(
                        "a",
                        [
                            "href": Paths.Shell.language(l.rawValue) + "?back=\(Query.encode(path))", "hreflang": l.rawValue,
                            "lang": l.rawValue,
                        ]
                    ) {
                        l == .zhCN ? "中文" : "English"
                    }
                }
            }
        }
    }

    public static func csrfField(_ token: String) -> Node {
        h("input", ["type": "hidden", "name": "_csrf", "value": token])
    }
}

public enum Query {
    /// Percent-encodes a query value.
    public static func encode(_ s: String) -> String {
        var allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".unicodeScalars)
        allowed.remove("&")
        var out = ""
        for byte in s.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 128, allowed.contains(scalar) { out.unicodeScalars.append(scalar) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }

    /// Builds "?a=1&b=2" leaving out empty values.
    public static func string(_ items: [(String, String?)]) -> String {
        let parts = items.compactMap { k, v -> String? in
            guard let v, !v.isEmpty else { return nil }
            return "\(k)=\(encode(v))"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
