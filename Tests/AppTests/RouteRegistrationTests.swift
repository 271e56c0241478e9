import Foundation
import Paths
import TestSupport
import Testing
import Vapor

@testable import Web

/// A route cannot exist without its entry: every page the server answers is an address of a
/// module's table and every address of the tables is answered; every API operation the server
/// answers is in the OpenAPI document and every operation there is answered.
@Suite("Routes and their tables")
struct RouteRegistrationTests {
    static func segments(_ r: Vapor.Route) -> [String] { r.path.map(\.description) }

    @Test func everyPageIsATableEntryAndEveryEntryAPage() async throws {
        try await TestApp.run { t in
            let operations = Set(["healthz", "metrics", "assets", "api"])
            let moved = Paths.moved.map { PagePath($0.from).segments }
            let pages = t.app.routes.all.filter { r in
                let s = Self.segments(r)
                if let first = s.first, operations.contains(first) { return false }
                return !moved.contains { old in s == old || s == old + ["**"] }
            }
            #expect(pages.count > 150)
            let entries = Paths.tables.flatMap(\.routes)
            for r in pages where !entries.contains(where: { $0.matches(Self.segments(r)) }) {
                Issue.record("\(r.method) /\(Self.segments(r).joined(separator: "/")) is answered but is in no table of Sources/Paths")
            }
            for e in entries where !pages.contains(where: { e.matches(Self.segments($0)) }) {
                Issue.record("\(e) is in a table but no page answers it")
            }
        }
    }

    @Test func everyAPIRouteIsAnOpenAPIOperationAndBack() async throws {
        try await TestApp.run { t in
            let served = Set(
                t.app.routes.all.filter {
                    Self.segments($0).starts(with: ["api", "v1"]) && Self.segments($0) != ["api", "v1", "openapi.json"]
                }
                .map { r in
                    r.method.rawValue + " /"
                        + Self.segments(r).map { $0.hasPrefix(":") ? "{" + $0.dropFirst() + "}" : $0 }.joined(separator: "/")
                })
            let doc = try await t.send(.GET, "/api/v1/openapi.json")
            let paths = try #require(doc.json["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, ops) in paths {
                for m in ops.keys where ["get", "post", "put", "delete", "patch"].contains(m) {
                    documented.insert(m.uppercased() + " " + path)
                }
            }
            #expect(served.count > 150)
            #expect(served.subtracting(documented).sorted() == [], "served but not in the OpenAPI document")
            #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        }
    }

    @Test func oldAddressesAreSentToTheirNewPlace() async throws {
        try await TestApp.run { t in
            let r = try await t.send(.GET, "/deals/contracts/5/edit?from=mail")
            #expect(r.status == .movedPermanently)
            #expect(r.headers.first(name: .location) == "/contracts/5/edit?from=mail")
            let hq = try await t.send(.GET, "/hq")
            #expect(hq.headers.first(name: .location) == "/branches/hq")
            let finance = try await t.send(.GET, "/finance/collections")
            #expect(finance.headers.first(name: .location) == "/cash/collections")
        }
    }
}
