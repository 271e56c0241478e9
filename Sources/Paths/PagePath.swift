import Foundation

/// One address of the product, as a template: constant segments and `:parameters`
/// (`/contracts/:id/edit`). The same value registers the handler (in `Web`) and builds every link
/// to it (in views, controllers and notifications), so a link cannot point where no page is, and
/// renaming a module's URL prefix is one edit in its table.
public struct PagePath: Sendable, Hashable, CustomStringConvertible {
    /// The segments without slashes; a parameter keeps its leading colon.
    public let segments: [String]

    public init(_ template: String) {
        segments = template.split(separator: "/").map(String.init)
    }

    public init(segments: [String]) { self.segments = segments }

    /// `/contracts/:id/edit`.
    public var description: String { "/" + segments.joined(separator: "/") }

    /// The parameters' names in order, without their colons.
    public var parameters: [String] { segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) } }

    /// The link: parameters filled in order with `values`, each percent-encoded as a path segment.
    /// A parameter left without a value keeps its template text, which no route answers: a missing
    /// value shows up as a broken link in the link-crawling tests, never as a crash.
    public func callAsFunction(_ values: any CustomStringConvertible...) -> String {
        var rest = values[...]
        let filled = segments.map { s -> String in
            guard s.hasPrefix(":"), let v = rest.popFirst() else { return s }
            return Self.encode(v.description)
        }
        return "/" + filled.joined(separator: "/")
    }

    /// The route with one parameter fixed to a constant: `quoteAction.fixing("action", "submit")`
    /// registers `/contracts/quotes/:id/submit`.
    public func fixing(_ parameter: String, _ value: String) -> PagePath {
        PagePath(segments: segments.map { $0 == ":" + parameter ? value : $0 })
    }

    /// Whether a registered path (constants where the template has parameters are allowed) is this route.
    public func matches(_ other: [String]) -> Bool {
        guard other.count == segments.count else { return false }
        return zip(segments, other).allSatisfy { mine, theirs in mine == theirs || (mine.hasPrefix(":") && !theirs.isEmpty) }
    }

    static func encode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }
}

/// The product's addresses, one table per module (`Paths.Contracts`, `Paths.Cash`, ...). Each
/// module's pages live under its own name (`/contracts/...`, `/cash/...`); `Shell` holds what
/// belongs to no module (home, sign-in, notifications).
public enum Paths {
    /// Every table, for the tests that hold registration and tables to each other.
    public static let tables: [(module: String, routes: [PagePath])] = [
        ("Shell", Shell.all), ("Access", Access.all), ("Organisation", Organisation.all), ("Audit", Audit.all), ("CRM", CRM.all),
        ("Approvals", Approvals.all), ("Contracts", Contracts.all), ("Cash", Cash.all), ("Pricing", Pricing.all),
        ("Expenses", Expenses.all), ("Branches", Branches.all), ("Portal", Portal.all), ("Inventory", Inventory.all),
        ("Webhooks", Webhooks.all), ("Imports", Imports.all), ("Exports", Exports.all), ("Duplicates", Duplicates.all),
        ("DataMap", DataMap.all),
        ("Marketing", Marketing.all),
    ]

    /// Addresses that moved when modules took one name (`/deals/contracts/7` is now
    /// `/contracts/7`): old links in bookmarks and stored notifications are sent on.
    public static let moved: [(from: String, to: String)] = [
        ("/deals/quotes", "/contracts/quotes"), ("/deals/contracts", "/contracts"), ("/deals/overdue", "/contracts/overdue"),
        ("/finance", "/cash"), ("/org", "/organisation"), ("/users", "/access/users"), ("/roles", "/access/roles"),
        ("/tokens", "/access/tokens"), ("/me/password", "/access/me/password"), ("/hq", "/branches/hq"),
        ("/channel/regions", "/pricing/regions"), ("/channel/price-lists", "/pricing/price-lists"),
        ("/channel/price-deviation", "/pricing/deviation"), ("/channel/sightings", "/pricing/sightings"),
        ("/channel/stock", "/portal/stock"), ("/channel/portal-users", "/portal/users"),
    ]
}
