import Foundation
import Paths
import Testing

/// Every page address is an entry of its module's table in `Sources/Paths`, under the module's
/// own name; links are built from the tables, never typed by hand.
@Suite("Route tables")
struct RouteTableTests {
    @Test func eachModuleLivesUnderItsOwnName() {
        #expect(Paths.tables.count >= 12)
        for (module, routes) in Paths.tables where module != "Shell" {
            #expect(!routes.isEmpty, "\(module) has routes")
            for r in routes where r.segments.first != module.lowercased() {
                Issue.record("\(r) is in the \(module) table but not under /\(module.lowercased())")
            }
        }
    }

    @Test func noTwoEntriesShareAnAddress() {
        var seen: [String: String] = [:]
        for (module, routes) in Paths.tables {
            for r in routes {
                if let other = seen[r.description] { Issue.record("\(r) is in both \(other) and \(module)") }
                seen[r.description] = module
            }
        }
    }

    @Test func linksFillParametersInOrderAndEncodeThem() {
        #expect(Paths.Contracts.contract(42) == "/contracts/42")
        #expect(Paths.CRM.claimFromPool(3, 9) == "/crm/pools/3/claim/9")
        #expect(Paths.Contracts.contractAction(7, "submit") == "/contracts/7/submit")
        #expect(Paths.Shell.language("a/b c") == "/lang/a%2Fb%20c")
        #expect(Paths.Contracts.contractAction.fixing("action", "submit").description == "/contracts/:id/submit")
        #expect(Paths.Contracts.contract.matches(["contracts", "12"]))
        #expect(!Paths.Contracts.contract.matches(["contracts", "12", "edit"]))
    }

    /// A moved address must not be answered by a live page, or the redirect would hide it.
    @Test func movedAddressesAreNoLongerPages() {
        let live = Set(Paths.tables.flatMap(\.routes).map(\.description))
        for (from, to) in Paths.moved {
            #expect(!live.contains(from), "\(from) is both moved and live")
            #expect(live.contains { $0 == to || $0.hasPrefix(to + "/") }, "\(from) moves to \(to), which is no page")
        }
    }

    /// A string literal that starts with a module's URL prefix is a hand-typed link: build it from
    /// `Paths.<Module>` instead, so it follows when the table changes.
    @Test func nothingOutsideTheTablesTypesAPagePath() {
        let prefixes = Set(Paths.tables.flatMap(\.routes).compactMap(\.segments.first)).union(["deals", "finance", "channel", "org", "hq"])
        let literal = try! NSRegularExpression(pattern: #""/(\#(prefixes.sorted().joined(separator: "|")))(/|"|\?)"#)
        let files = ["Sources/Web", "Sources/Views", "Sources/Services", "Sources/App"].flatMap { SourceTree.files(under: $0) }
        #expect(files.count > 100)
        for file in files {
            for (n, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = String(line)
                if literal.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                    Issue.record("\(file.path):\(n + 1) types a page path: \(text.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }
}
