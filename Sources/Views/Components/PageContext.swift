/// What every page knows besides its own content: language, user, navigation, CSRF token, flash.
public struct PageContext: Sendable {
    public var lang: Lang
    public var userName: String?
    public var nav: [NavSection]
    public var csrf: String
    public var path: String
    public var flash: [Flash]
    /// Unread notifications: the count on the bell in the header.
    public var unread: Int64 = 0
    /// What this page is for, in a sentence or two, behind the "?" beside its title (and in an
    /// empty list, with the first thing to do).
    public var help: String?
    /// On a page with line forms: the products a line can name, offered as the product field is
    /// typed in (by code, name, pinyin or initials), with unit and price.
    public var products: [(code: String, label: String)] = []
    /// The page shows the sandbox (演示环境), not the real database: a banner says so on every page.
    public var sandbox = false

    public init(lang: Lang, userName: String?, nav: [NavSection], csrf: String, path: String, flash: [Flash] = []) {
        self.lang = lang
        self.userName = userName
        self.nav = nav
        self.csrf = csrf
        self.path = path
        self.flash = flash
    }

    public var t: Translator { Translator(lang) }

    /// The catalog key of a page's help: its path's segments joined by dots, ids as `id` (a
    /// customer's page is `help.crm.customers.id`, the home page `help.home`).
    public static func helpKey(_ path: String) -> String {
        let parts = path.split(separator: "?")[...].first.map { $0.split(separator: "/") } ?? []
        let named = parts.map { $0.allSatisfy(\.isNumber) ? "id" : String($0) }
        return "help." + (named.isEmpty ? "home" : named.joined(separator: "."))
    }
}

public struct NavSection: Sendable {
    public var titleKey: String
    public var items: [NavItem]
    public init(titleKey: String, items: [NavItem]) {
        self.titleKey = titleKey
        self.items = items
    }
}

public struct NavItem: Sendable {
    public var titleKey: String
    public var href: String
    public init(titleKey: String, href: String) {
        self.titleKey = titleKey
        self.href = href
    }
}

public struct Flash: Sendable, Equatable {
    public enum Kind: String, Sendable { case success, error, info }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// A link or button at the top of a page.
public struct PageAction: Sendable {
    public var label: String
    public var href: String
    public var primary: Bool
    public init(label: String, href: String, primary: Bool = false) {
        self.label = label
        self.href = href
        self.primary = primary
    }
}
