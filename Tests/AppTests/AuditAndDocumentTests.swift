import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing

@Suite("Audit log and document infrastructure")
struct AuditAndDocumentTests {
    @Test func everyChangeIsAuditedWithOldAndNewValues() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let created = try await t.api(
                .POST, "/api/v1/branches", token: token,
                json: #"{"code":"SH","name":"上海","parentId":"1","kind":"branch","accounting":"independent"}"#)
            let id = try #require(created.json["id"] as? String)
            _ = try await t.api(
                .PUT, "/api/v1/branches/\(id)", token: token,
                json: #"{"code":"SH","name":"上海分公司","parentId":"1","kind":"branch","accounting":"consolidated","version":1}"#)
            let r = try await t.api(.GET, "/api/v1/audit?entity=branch&entityId=\(id)", token: token)
            let items = try #require(r.json["items"] as? [[String: Any]])
            #expect(items.map { $0["action"] as? String } == ["update", "create"])
            let changes = try #require(items[0]["changes"] as? [[String: Any]])
            let byField = Dictionary(uniqueKeysWithValues: changes.map { ($0["field"] as! String, $0) })
            #expect(byField["name"]?["old"] as? String == "上海")
            #expect(byField["name"]?["new"] as? String == "上海分公司")
            #expect(byField["accounting"]?["new"] as? String == "consolidated")
            #expect(byField["code"] == nil, "unchanged fields are not listed")
            #expect(items[0]["username"] as? String == "admin")
            #expect(items[0]["requestId"] as? String != nil)
        }
    }

    @Test func documentNumbersStayGaplessUnderConcurrentCreation() async throws {
        try await TestApp.run { t in
            let ctx = t.system
            let numbers = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await ctx.write { tx in try await DocumentNumbers.next(branchId: 1, type: "SO", year: 2026, on: tx.store) }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(numbers.sorted() == Array(1...40))
            // A document that fails to save gives its number back.
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await ctx.write { tx in
                    _ = try await DocumentNumbers.next(branchId: 1, type: "SO", year: 2026, on: tx.store)
                    throw Boom()
                }
            }
            let next = try await ctx.write { tx in try await DocumentNumbers.next(branchId: 1, type: "SO", year: 2026, on: tx.store) }
            #expect(next == 41)
            #expect(DocumentNumbers.format(prefix: "SO", year: 2026, number: 123) == "SO-2026-000123")
            // Numbers are per branch, type and year.
            let other = try await ctx.write { tx in try await DocumentNumbers.next(branchId: 1, type: "SO", year: 2027, on: tx.store) }
            #expect(other == 1)
        }
    }

    @Test func aFailedWriteLeavesNothingBehind() async throws {
        try await TestApp.run { t in
            let before = try await t.store.scalar("SELECT COUNT(*) AS n FROM audit_log", as: Int64.self)
            await #expect(throws: DomainError.self) {
                // The department's parent belongs to no branch it could: validation fails after reads, before writes.
                _ = try await UserService.create(
                    .init(
                        username: "halfway", displayName: "x", password: "long-enough-1", branchId: 1,
                        roleIds: [999]), t.system)
            }
            #expect(try await OrganisationQueries.user(username: "halfway", on: t.store) == nil)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM audit_log", as: Int64.self) == before)
        }
    }
}
