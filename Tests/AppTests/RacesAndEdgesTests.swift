import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import Vapor

@testable import Web

/// Races and retries cannot double anything, on SQLite and PostgreSQL; and the edges of the
/// HTTP surface (redirects, caching, proxies, cursors, passwords) hold.
@Suite("Races, retries and edges")
struct RacesAndEdgesTests {
    static func outcome<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    @Test func twoCollectionsRacingForOneDeliveryNeverSettleItTwice() async throws {
        try await TestApp.run { t in
            let inv = try await InventoryFixture.make(t)
            try await inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [inv.receipt("MA", "100", at: "2")])
            let delivery = try await inv.post(t, .salesDelivery, date: "2026-11-02", lines: [inv.issue("MA", "10", price: "3")])
            let sys = t.system
            for round in 0..<5 {
                let d =
                    round == 0
                    ? delivery : try await inv.post(t, .salesDelivery, date: "2026-11-02", lines: [inv.issue("MA", "10", price: "3")])
                @Sendable func collect() async throws -> PaymentService.Details {
                    try await PaymentService.create(
                        .in,
                        .init(
                            partnerId: inv.customer, paymentDate: "2026-11-03", amount: "30", method: "bank", mode: "document",
                            targets: [.init(stockDocumentId: d.document.id, amount: "30")]), sys)
                }
                async let a = Self.outcome { try await collect() }
                async let b = Self.outcome { try await collect() }
                let results = await [a, b]
                #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1, "exactly one settles it")
                let residual = try await t.store.scalar(
                    "SELECT residual FROM open_items WHERE doc_id = \(bind: d.document.id)", as: Int64.self)
                #expect(residual == 0)
            }
            // The same race for an invoice.
            let billed = try await inv.post(t, .salesDelivery, date: "2026-11-04", lines: [inv.issue("MA", "10", price: "3")])
            let invoice = try await InvoiceService.create(
                .init(partnerId: inv.customer, invoiceDate: "2026-11-04", stockDocumentIds: [billed.document.id]), sys)
            @Sendable func pay() async throws -> PaymentService.Details {
                try await PaymentService.create(
                    .in,
                    .init(
                        partnerId: inv.customer, paymentDate: "2026-11-05", amount: "30", method: "bank", mode: "document",
                        targets: [.init(invoiceId: invoice.invoice.id, amount: "30")]), sys)
            }
            async let p1 = Self.outcome { try await pay() }
            async let p2 = Self.outcome { try await pay() }
            let paid = await [p1, p2]
            #expect(paid.filter { if case .success = $0 { true } else { false } }.count == 1, "exactly one pays the invoice")
            let invoiceOpen = try await t.store.scalar(
                "SELECT CAST(SUM(residual) AS BIGINT) AS n FROM open_items WHERE source = 'invoice' AND doc_id = \(bind: invoice.invoice.id)",
                as: Int64.self)
            #expect(invoiceOpen == 0)
            // Money applied equals what the deliveries were owed, and nothing is owed below zero.
            let applied = try await t.store.scalar(
                "SELECT CAST(SUM(applied) AS BIGINT) AS n FROM payments WHERE status = 'posted'", as: Int64.self)
            #expect(applied == Int64(6 * 3000))
            let negative = try await t.store.scalar(
                "SELECT COUNT(*) AS n FROM open_items WHERE residual < 0 AND amount > 0", as: Int64.self)
            #expect(negative == 0)
        }
    }

    @Test func twoApproversOfOneStepDecideOnce() async throws {
        try await TestApp.run { t in
            let org = try await OrgFixture.make(t)
            let sys = t.system
            let approver = try await RoleService.create(
                .init(code: "appr", name: "审批", permissions: ["expenses.view"], dataScope: "all"), sys
            ).id
            let emp = try await RoleService.create(
                .init(code: "emp", name: "员工", permissions: ["expenses.view", "expenses.create", "expenses.edit"], dataScope: "own"), sys
            ).id
            for name in ["appr1", "appr2"] {
                _ = try await UserService.create(
                    .init(username: name, displayName: name, password: TestApp.userPassword, branchId: org.hq, roleIds: [approver]), sys)
            }
            _ = try await UserService.create(
                .init(username: "claimer", displayName: "claimer", password: TestApp.userPassword, branchId: org.hq, roleIds: [emp]), sys)
            _ = try await ApprovalService.saveRule(
                nil,
                .init(docType: "expense_claim", name: "两步", steps: [.init(kind: .role, ref: approver), .init(kind: .role, ref: approver)]),
                version: nil, sys)
            let travel = try #require(try await ExpenseService.categories(t.store).first { $0.code == "TRAVEL" }).id
            let claimer = try await t.context(as: "claimer")
            let claim = try await ExpenseService.create(
                .init(
                    title: "差旅", claimDate: "2026-11-20",
                    lines: [.init(categoryId: travel, expenseDate: "2026-11-18", amount: "100", description: "车票")]), claimer)
            _ = try await ExpenseService.transition(claim.claim.id, .submit, claimer)
            let a = try #require(try await ApprovalService.history(.expenseClaim, docId: claim.claim.id, sys).first).approval
            let c1 = try await t.context(as: "appr1"), c2 = try await t.context(as: "appr2")
            async let r1 = Self.outcome { try await ApprovalService.decide(a.id, .approve, comment: nil, c1) }
            async let r2 = Self.outcome { try await ApprovalService.decide(a.id, .approve, comment: nil, c2) }
            let results = await [r1, r2]
            let after = try #require(try await ApprovalService.history(.expenseClaim, docId: claim.claim.id, sys).first).approval
            // Both acting on step 1 at once moves it one step, never two: step 2 still waits for its approver.
            let wins = results.filter { if case .success = $0 { true } else { false } }.count
            #expect(wins >= 1)
            #expect(after.stepNo <= after.stepCount)
            if wins == 1 { #expect(after.stepNo == 2 && after.status == "pending") } else { #expect(after.status == "approved") }
            #expect(
                try await ExpenseService.find(claim.claim.id, claimer).claim.status == (after.status == "approved" ? "approved" : "pending")
            )
        }
    }

    @Test func anIdempotencyKeyIsReservedBeforeItsRequestRuns() async throws {
        try await TestApp.run { t in
            let inv = try await InventoryFixture.make(t)
            let token = try await t.token()
            let body = #"{"partnerId":"\#(inv.customer)","paymentDate":"2026-11-03","amount":"12","method":"bank","mode":"none"}"#
            var h = HTTPHeaders()
            h.add(name: "Idempotency-Key", value: "pay-1")
            let first = try await t.api(.POST, "/api/v1/collections", token: token, json: body, headers: h)
            #expect(first.status == .created)
            let again = try await t.api(.POST, "/api/v1/collections", token: token, json: body, headers: h)
            #expect(
                again.status == .created && again.headers.first(name: "Idempotent-Replayed") == "true"
                    && again.json["id"] as? String == first.json["id"] as? String)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM payments", as: Int64.self) == 1)
            // A request with the key still running: a duplicate is told so and runs nothing.
            let admin = try #require(try await OrganisationQueries.user(username: "admin", on: t.store)).id
            let now = Millis.from(t.clock.now)
            let reserved = try await IdempotencyStore.reserve(
                userId: admin, key: "pay-2", method: "POST", path: "/api/v1/collections",
                hash: SecretHash.sha256("POST /api/v1/collections\n" + body), now: now, on: t.store)
            guard case .reserved = reserved else { Issue.record("not reserved"); return }
            var h2 = HTTPHeaders()
            h2.add(name: "Idempotency-Key", value: "pay-2")
            let inFlight = try await t.api(.POST, "/api/v1/collections", token: token, json: body, headers: h2)
            #expect(
                inFlight.status == .conflict && (inFlight.json["error"] as? [String: Any])?["code"] as? String == "idempotency_in_flight")
            // Its work committed but the answer was lost (the server died in between): never run twice.
            try await WriteHooks.$beforeCommit.withValue({ tx in
                try await IdempotencyStore.markCommitted(userId: admin, key: "pay-2", on: tx)
            }) {
                try await t.store.write { _ in }
            }
            t.clock.advance(seconds: 3600)
            let lost = try await t.api(.POST, "/api/v1/collections", token: token, json: body, headers: h2)
            #expect(lost.status == .conflict && (lost.json["error"] as? [String: Any])?["code"] as? String == "idempotency_answer_lost")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM payments", as: Int64.self) == 1)
            // A reservation whose request died before committing lapses, and the retry runs.
            _ = try await IdempotencyStore.reserve(
                userId: admin, key: "pay-3", method: "POST", path: "/api/v1/collections",
                hash: SecretHash.sha256("POST /api/v1/collections\n" + body), now: Millis.from(t.clock.now), on: t.store)
            t.clock.advance(seconds: 600)
            var h3 = HTTPHeaders()
            h3.add(name: "Idempotency-Key", value: "pay-3")
            #expect(try await t.api(.POST, "/api/v1/collections", token: token, json: body, headers: h3).status == .created)
        }
    }

    @Test func parallelWrongGuessesAllCountAndAStrangerCannotLockAPersonOut() async throws {
        try await TestApp.run { t in
            var ctx = t.system
            ctx.actor.ip = "203.0.113.9"
            let guesser = ctx
            await withTaskGroup(of: Void.self) { g in
                for _ in 0..<8 {
                    g.addTask { _ = try? await LoginService.authenticate(username: "admin", password: "wrong-guess-123", guesser) }
                }
            }
            let counted = try await t.store.scalar(
                "SELECT failures FROM login_throttle WHERE username = 'n:admin|a:203.0.113.9'", as: Int64.self)
            #expect(counted == 8, "every parallel guess counted")
            // From that address the name is locked, even with the right password…
            #expect(try await LoginService.authenticate(username: "admin", password: TestApp.adminPassword, guesser).user == nil)
            // …but the administrator at their own desk signs in.
            var own = t.system
            own.actor.ip = "198.51.100.4"
            #expect(try await LoginService.authenticate(username: "admin", password: TestApp.adminPassword, own).user != nil)
            // One address spraying many names is stopped too.
            for i in 0..<31 { _ = try await LoginService.authenticate(username: "nobody\(i)", password: "x-wrong-password", guesser) }
            let blocked = try await t.store.scalar(
                "SELECT locked_until FROM login_throttle WHERE username = 'a:203.0.113.9'", as: Int64.self)
            #expect(blocked != nil)
        }
    }

    @Test func theEdgesOfTheHTTPSurfaceHold() async throws {
        // Redirects after sign-in and the language switch go to local paths only.
        for bad in [
            "//evil.example", "/\\evil.example", "/\t/evil.example", "/\r\n/evil", "https://evil.example", "/x\\y", "evil", "/%0a",
            "\u{7F}",
        ] {
            let ok = LoginPages.safeNext(bad)
            #expect(ok == nil || ok == "/%0a", "refused: \(bad.debugDescription)")
        }
        #expect(LoginPages.safeNext("/crm/customers?q=1") == "/crm/customers?q=1")
        // X-Forwarded-For only from a proxy named in the settings.
        #expect(
            AddressMatch.matches("10.0.0.0/8", "10.1.2.3") && !AddressMatch.matches("10.0.0.0/8", "11.0.0.1")
                && AddressMatch.matches("::1", "::1"))
        // A password is limited in bytes, as bcrypt reads it.
        #expect(throws: DomainError.self) { try Validate.password(String(repeating: "密", count: 25)) }
        #expect(try Validate.password(String(repeating: "密", count: 24)).utf8.count == 72)
        #expect(throws: DomainError.self) { try Validate.password("0123456789\u{0}abc") }
        try await TestApp.run { t in
            let token = try await t.token()
            let me = try await t.api(.GET, "/api/v1/me", token: token)
            #expect(me.headers.first(name: "Cache-Control") == "no-store")
            #expect(try await t.send(.GET, "/assets/app.css").headers.first(name: "Cache-Control") != "no-store")
            #expect(me.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS over plain HTTP")
            // A crafted cursor (a text key on a number column, a number on a text column) is a bad request on both databases.
            for key in [#"{"key":{"text":{"_0":"x"}},"id":1}"#, #"{"key":{"int":{"_0":5}},"id":1}"#] {
                let c = Data(key.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                for path in [
                    "/api/v1/customers?sort=-createdAt&cursor=\(c)", "/api/v1/users?sort=createdAt&cursor=\(c)",
                    "/api/v1/products?cursor=\(c)",
                ] {
                    let r = try await t.api(.GET, path, token: token)
                    #expect(r.status.code < 500, "\(path): \(r.status)")
                }
            }
            let textOnId = Data(#"{"key":{"text":{"_0":"x"}},"id":1}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            #expect(try await t.api(.GET, "/api/v1/leads?cursor=\(textOnId)", token: token).status == .badRequest)
            // A unique key lost in a race is 409, not 500.
            #expect(DatabaseFailure.sqlite(extended: 2067, message: "UNIQUE constraint failed") == .duplicate)
            #expect(
                DatabaseFailure.sqlite(extended: 1811, message: "CHECK constraint failed: payments_applied_within_amount") == .outOfRange)
            // The data directory is its owner's alone.
            if TestApp.postgresURL == nil, let dir = t.dataDirectory {
                let mode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
                #expect(mode == 0o700)
            }
        }
    }
}
