import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

/// Every operation of the API, called as every kind of person of the demo company, a distributor's
/// portal user and nobody: the answer follows from AuthorizationMatrix.txt (the permission each
/// operation needs) and the people's roles. Allowed is never 401 or 403; refused is exactly 403
/// (401 without a token). An operation the table does not name fails the test, so a new route
/// cannot ship without saying who may call it.
@Suite("Authorization matrix: every operation, every role")
struct AuthorizationMatrixTests {
    static let password = "demo-password-1"

    enum Rule: Equatable {
        /// Any one of these; `companyWide`: only with the `all` data scope.
        case permissions([Permission], companyWide: Bool)
        case anyInternal, signedIn, portal, `public`
    }

    static func table() throws -> [String: Rule] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("AuthorizationMatrix.txt")
        var out: [String: Rule] = [:]
        for raw in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count == 3 else { throw TestFailure("bad line: \(line)") }
            let rule: Rule
            switch parts[2] {
            case "any": rule = .anyInternal
            case "signed-in": rule = .signedIn
            case "portal": rule = .portal
            case "public": rule = .public
            default:
                let companyWide = parts[2].hasSuffix("@all")
                let ps = parts[2].replacingOccurrences(of: "@all", with: "").split(separator: "|").compactMap { Permission(String($0)) }
                guard !ps.isEmpty else { throw TestFailure("bad rule: \(line)") }
                rule = .permissions(ps, companyWide: companyWide)
            }
            out[parts[0] + " " + parts[1]] = rule
        }
        return out
    }

    @Test func everyOperationAnswersAsThePermissionTableSays() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            let table = try Self.table()
            // The operations the server says it has.
            let doc = try await t.send(.GET, "/api/v1/openapi.json")
            let paths = try #require(doc.json["paths"] as? [String: [String: Any]])
            var operations: [(method: String, path: String)] = []
            for (path, ops) in paths {
                for m in ops.keys where ["get", "post", "put", "delete", "patch"].contains(m) { operations.append((m.uppercased(), path)) }
            }
            operations.sort { ($0.path, $0.method) < ($1.path, $1.method) }
            let named = Set(operations.map { $0.method + " " + $0.path })
            #expect(named.subtracting(table.keys).sorted() == [], "operations without a line in AuthorizationMatrix.txt")
            #expect(Set(table.keys).subtracting(named).sorted() == [], "lines for operations that do not exist")

            let people = ["zhangwei", "lina", "wangfang", "sunli", "zhouqiang", "chenjing", "liuyang", "wujun", "zhaolei", "chuanyu"]
            var tokens: [String: String] = [:]
            var principals: [String: Principal] = [:]
            for p in people {
                tokens[p] = try await t.token(p, password: Self.password)
                principals[p] = try #require(try await t.context(as: p).principal)
            }
            var wrong: [String] = []
            var calls = 0
            for op in operations {
                guard let rule = table[op.method + " " + op.path], rule != .public else { continue }
                let path = op.path.replacingOccurrences(of: "{id}", with: "999999").replacingOccurrences(of: "{aid}", with: "999999")
                    .replacingOccurrences(of: "{entity}", with: "999999")
                let body: String? = op.method == "POST" || op.method == "PUT" ? "{}" : nil
                for who in people + [""] {
                    let method = HTTPMethod(rawValue: op.method)
                    let r: TestingHTTPResponse
                    if who.isEmpty {
                        r = try await t.send(method, path, json: body)
                    } else {
                        r = try await t.api(method, path, token: tokens[who]!, json: body)
                    }
                    calls += 1
                    let code = r.status.code
                    let allowed: Bool
                    if who.isEmpty {
                        if code != 401 { wrong.append("\(op.method) \(op.path) without a token: \(code)") }
                        continue
                    }
                    let p = principals[who]!
                    let portal = p.partnerId != nil
                    switch rule {
                    case .public: continue
                    case .signedIn: allowed = true
                    case .anyInternal: allowed = !portal
                    case .portal: allowed = portal
                    case let .permissions(ps, companyWide):
                        allowed = !portal && ps.contains { companyWide ? p.grants[$0] == .all : p.can($0) }
                    }
                    if allowed, code == 401 || code == 403 || code >= 500 {
                        wrong.append("\(op.method) \(op.path) as \(who): \(code), expected allowed (\(r.text.prefix(120)))")
                    } else if !allowed, code != 403 {
                        wrong.append("\(op.method) \(op.path) as \(who): \(code), expected 403")
                    }
                }
            }
            #expect(calls > 2000)
            let report = "\(wrong.count) answers differ from the table:\n" + wrong.prefix(400).joined(separator: "\n")
            #expect(wrong.isEmpty, "\(report)")
        }
    }
}
