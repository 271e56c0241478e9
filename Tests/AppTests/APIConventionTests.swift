import Foundation
import Kernel
import Persistence
import PropertyBased
import Services
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite("API conventions every module copies")
struct APIConventionTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func malformedJSONIs400() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let r = try await t.api(.POST, "/api/v1/branches", token: token, json: "{not json")
            #expect(r.status == .badRequest)
            #expect(Self.error(r)["code"] as? String == "bad_json")
        }
    }

    @Test func wrongTypeIs400NamingTheField() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let r = try await t.api(.POST, "/api/v1/branches", token: token, json: #"{"code":"SH","name":"上海","active":"yes"}"#)
            #expect(r.status == .badRequest)
            #expect(Self.error(r)["field"] as? String == "active")
        }
    }

    @Test func missingRequiredFieldIs422NamingIt() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let r = try await t.api(
                .POST, "/api/v1/users", token: token, json: #"{"username":"lisi","password":"long-enough-1","branchId":"1"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(Self.error(r)["field"] as? String == "displayName")
            let count = try await t.store.scalar("SELECT COUNT(*) AS n FROM users", as: Int64.self)
            #expect(count == 1, "nothing written")
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let big = #"{"code":"X","name":""# + String(repeating: "x", count: 1_100_000) + #""}"#
            // Through a real socket: the limit applies while the body streams in.
            var h = HTTPHeaders()
            h.bearerAuthorization = BearerAuthorization(token: token)
            h.contentType = .json
            // A random port may be taken (by another suite's server): try a few.
            var answer: TestingHTTPResponse?
            for attempt in 1...5 where answer == nil {
                do {
                    answer = try await t.app.testing(method: .running(port: Int.random(in: 20_000...50_000)))
                        .sendRequest(.POST, "/api/v1/branches", headers: h, body: ByteBuffer(string: big))
                } catch let e where "\(e)".contains("Address already in use") && attempt < 5 {
                    continue
                }
            }
            #expect(answer?.status == .payloadTooLarge)
        }
    }

    /// A line's field is named as a person reads it: 第 1 行的数量, not lines[0].quantity.
    @Test func aLinesFieldIsNamedByItsLine() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let token = try await t.token()
            let r = try await t.api(
                .POST, "/api/v1/stock-documents", token: token,
                json:
                    #"{"type":"otherReceipt","postingDate":"2026-11-20","lines":[{"productId":"\#(f.products["MA"]!)","warehouseId":"\#(f.w1)"}]}"#
            )
            #expect(r.status == .unprocessableEntity)
            let e = Self.error(r)
            #expect(e["field"] as? String == "lines[0].quantity", "\(r.text)")
            #expect((e["message"] as? String)?.contains("第 1 行的数量") == true, "\(r.text)")
        }
    }

    @Test func unknownRouteIs404JSONInTheUsersLanguage() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let zh = try await t.api(.GET, "/api/v1/nowhere", token: token)
            #expect(zh.status == .notFound)
            #expect(Self.error(zh)["message"] as? String == "没有这个地址。")
            var headers = HTTPHeaders()
            headers.add(name: .acceptLanguage, value: "en-US,en;q=0.9")
            let en = try await t.api(.GET, "/api/v1/nowhere", token: token, headers: headers)
            #expect(Self.error(en)["message"] as? String == "There is nothing at this address.")
        }
    }

    @Test func staleVersionIs409AndChangesNothing() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let created = try await t.api(
                .POST, "/api/v1/branches", token: token,
                json: #"{"code":"SH","name":"上海","parentId":"1","kind":"branch","accounting":"independent"}"#)
            let id = try #require(created.json["id"] as? String)
            let first = try await t.api(
                .PUT, "/api/v1/branches/\(id)", token: token,
                json: #"{"code":"SH","name":"上海分公司","parentId":"1","kind":"branch","accounting":"independent","version":1}"#)
            #expect(first.status == .ok)
            #expect(first.json["version"] as? Int == 2)
            let stale = try await t.api(
                .PUT, "/api/v1/branches/\(id)", token: token,
                json: #"{"code":"SH","name":"覆盖","parentId":"1","kind":"branch","accounting":"independent","version":1}"#)
            #expect(stale.status == .conflict)
            #expect(Self.error(stale)["code"] as? String == "stale_version")
            let now = try await t.api(.GET, "/api/v1/branches/\(id)", token: token)
            #expect(now.json["name"] as? String == "上海分公司")
        }
    }

    @Test func listsPageByCursorWithoutCounting() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            for i in 0..<5 {
                let r = try await t.api(
                    .POST, "/api/v1/users", token: token,
                    json: #"{"username":"user\#(i)","displayName":"用户\#(i)","password":"long-enough-1","branchId":"1"}"#)
                #expect(r.status == .created)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/api/v1/users?limit=2&sort=username" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await t.api(.GET, path, token: token)
                #expect(page.status == .ok)
                seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
                cursor = page.json["nextCursor"] as? String
            } while cursor != nil
            #expect(seen == ["admin", "user0", "user1", "user2", "user3", "user4"])
            let bad = try await t.api(.GET, "/api/v1/users?cursor=garbage", token: token)
            #expect(bad.status == .badRequest)
            let badLimit = try await t.api(.GET, "/api/v1/users?limit=0", token: token)
            #expect(badLimit.status == .badRequest)
        }
    }

    @Test func idempotencyKeyReplaysTheFirstAnswer() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            var h = HTTPHeaders()
            h.add(name: "Idempotency-Key", value: "create-sh-1")
            let body = #"{"code":"SH","name":"上海","parentId":"1","kind":"branch","accounting":"independent"}"#
            let a = try await t.api(.POST, "/api/v1/branches", token: token, json: body, headers: h)
            let b = try await t.api(.POST, "/api/v1/branches", token: token, json: body, headers: h)
            #expect(a.status == .created)
            #expect(b.status == .created)
            #expect(a.json["id"] as? String == b.json["id"] as? String)
            #expect(b.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM branches", as: Int64.self) == 2)
            let other = try await t.api(
                .POST, "/api/v1/branches", token: token, json: body.replacingOccurrences(of: "上海", with: "杭州"), headers: h)
            #expect(other.status == .unprocessableEntity)
        }
    }

    @Test func openAPIDocumentIsServedAndNamesEveryRoute() async throws {
        try await TestApp.run { t in
            let r = try await t.send(.GET, "/api/v1/openapi.json")
            #expect(r.status == .ok)
            #expect(r.json["openapi"] as? String == "3.1.0")
            let paths = try #require(r.json["paths"] as? [String: Any])
            for route in t.app.routes.all where route.path.first?.description == "api" {
                let path =
                    "/"
                    + route.path.map { c -> String in
                        if case .parameter(let name) = c { return "{\(name)}" }
                        return c.description
                    }.joined(separator: "/")
                if path == "/api/v1/openapi.json" { continue }
                let ops = paths[path] as? [String: Any]
                #expect(ops?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is in the OpenAPI document")
            }
        }
    }

    @Test func healthAndMetrics() async throws {
        try await TestApp.run { t in
            #expect(try await t.send(.GET, "/healthz").status == .ok)
            let m = try await t.send(.GET, "/metrics")
            #expect(m.text.contains("concord_http_requests_total"))
            #expect(m.headers.first(name: "X-Request-Id") != nil)
        }
    }
}

@Suite struct ISOTimeTests {
    @Test(arguments: [Int64(0), 1_795_000_000_123, 951_782_400_000, -86_400_001, 4_102_444_799_999])
    func matchesFoundation(_ ms: Int64) {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(ISOTime.string(ms) == f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)))
    }

    /// Times written in place (every record of an answer has two): the same text as Foundation's
    /// formatter from 1900 to 2200, to the millisecond.
    @Test func manyTimesMatchFoundation() async {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        await propertyCheck(count: 2000, input: Gen<Int64>.value(in: -2_208_988_800_000...7_258_118_399_999)) { ms in
            #expect(ISOTime.string(ms) == f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)), "\(ms)")
        }
    }
}

@Suite struct NULTests {
    @Test func aNULInABodyOrQueryIsRefusedNotAServerError() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let body = try await t.api(.POST, "/api/v1/branches", token: token, json: #"{"code":"X","name":"a\u0000b","parentId":"1"}"#)
            #expect(body.status == .badRequest)
            let query = try await t.api(.GET, "/api/v1/users?q=a%00b", token: token)
            #expect(query.status == .badRequest)
            await #expect(throws: Kernel.DomainError.self) {
                _ = try await Services.BranchService.create(.init(code: "X", name: "a\u{7}b", parentId: 1), t.system)
            }
        }
    }
}

@Suite("Calendar dates")
struct DateValidationTests {
    @Test func onlyRealDaysWrittenInFullAreDates() {
        for good in ["2026-11-27", "2024-02-29", "2000-02-29", "2026-12-31", "1900-01-01"] { #expect(Validate.isDate(good), "\(good)") }
        for bad in [
            "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "2026/01/01", "26-01-01", "", "２０２６-01-01",
            "2026-01-01T00:00", "1899-12-31",
        ] {
            #expect(!Validate.isDate(bad), "\(bad)")
        }
    }
}
