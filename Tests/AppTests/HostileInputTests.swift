import Foundation
import Kernel
import PropertyBased
import SQLKit
import Services
import TestSupport
import Testing
import Vapor

/// No request can crash the server. Every document that takes an amount, a price, a cost or a
/// quantity is sent extreme and malformed numbers through the API; every answer is a clear
/// refusal or a success, never a 500, and the process (which a trap would kill, taking this
/// test with it) still answers afterwards.
@Suite("Hostile input: no number can crash the server")
struct HostileInputTests {
    static let password = "demo-password-1"

    /// Numbers people and programs send by mistake or on purpose.
    static let hostile: [String] = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999999", "18446744073709551616",
        "922337203685477.5807", "92233720368.547758", "9223372036854.775807", "1000000000", "1000000001", "10000000000", "100000000000000",
        "1000000000000000000", "0.000001", "0.0000001", "1.123456789", "-1", "-0", "0", "+5", " 7 ", "1e9", "1E-3", "NaN", "Infinity",
        "0x10", "１２３", "٣", "1,000", "1_000", "", ".", "-", "--1", "1..2", "\u{0}1", "00000000000000000000000000000000001",
        "1" + String(repeating: "0", count: 300), "1." + String(repeating: "0", count: 50_000),
    ]

    /// Random numbers anywhere in Int64, written with zero to eight decimals.
    static let random = zip(Gen<Int64>.value(in: .min ... .max), Gen.int(in: 0...8)).map { n, d in
        ScaledDecimal.format(n, scale: d, minDecimals: d)
    }

    struct Target {
        var method: HTTPMethod
        var path: String
        var body: (String) -> String
        var portal = false
    }

    static func targets(_ ids: [String: String]) -> [Target] {
        let p = ids["product"]!, w = ids["warehouse"]!, w2 = ids["warehouse2"]!, c = ids["customer"]!, s = ids["supplier"]!
        func line(_ n: String) -> String { #"{"productId":"\#(p)","quantity":"\#(n)","unitPrice":"\#(n)","taxRate":"13"}"# }
        var out: [Target] = [
            Target(method: .POST, path: "/api/v1/products") { n in
                #"{"code":"H\#(abs(n.hashValue % 1_000_000))","name":"x","baseUnit":"个","units":[{"name":"箱","factor":"\#(n)"}],"salePrice":"\#(n)","purchasePrice":"\#(n)","standardCost":"\#(n)"}"#
            },
            Target(method: .POST, path: "/api/v1/quotes") { n in
                #"{"partnerId":"\#(c)","validUntil":"2026-12-31","lines":[\#(line(n)),\#(line("1"))]}"#
            },
            Target(method: .POST, path: "/api/v1/quotes") { n in
                #"{"partnerId":"\#(c)","validUntil":"2026-12-31","lines":[{"productId":"\#(p)","quantity":"1","listPrice":"\#(n)","discount":"\#(n)"}]}"#
            },
            Target(method: .POST, path: "/api/v1/contracts") { n in
                #"{"kind":"sales","partnerId":"\#(c)","signDate":"2026-11-20","startDate":"2026-11-20","endDate":"2027-11-19","lines":[\#(line(n))]}"#
            },
            Target(method: .POST, path: "/api/v1/contracts") { n in
                #"{"kind":"purchase","partnerId":"\#(s)","signDate":"2026-11-20","startDate":"2026-11-20","endDate":"2027-11-19","lines":[\#(line(n))]}"#
            },
            Target(method: .POST, path: "/api/v1/opportunities") { n in #"{"partnerId":"\#(c)","name":"x","amount":"\#(n)"}"# },
            Target(method: .POST, path: "/api/v1/customers") { n in
                #"{"name":"客户\#(abs(n.hashValue % 1_000_000))","creditLimit":"\#(n)","latitude":"\#(n)","longitude":"1"}"#
            },
            Target(method: .POST, path: "/api/v1/collections") { n in
                #"{"partnerId":"\#(c)","paymentDate":"2026-11-25","amount":"\#(n)","method":"bank","mode":"document"}"#
            },
            Target(method: .POST, path: "/api/v1/payments") { n in
                #"{"partnerId":"\#(s)","paymentDate":"2026-11-25","amount":"\#(n)","method":"bank"}"#
            },
            Target(method: .POST, path: "/api/v1/price-lists") { n in
                #"{"name":"L\#(abs(n.hashValue % 1_000_000))","validFrom":"2026-01-01","items":[{"productId":"\#(p)","price":"\#(n)","floorPrice":"\#(n)"}]}"#
            },
            Target(method: .PUT, path: "/api/v1/expense-budgets") { n in
                #"{"month":"2026-11","branchId":"\#(ids["branch"]!)","items":[{"categoryId":"\#(ids["category"]!)","amount":"\#(n)"}]}"#
            },
            Target(method: .POST, path: "/api/v1/expense-claims") { n in
                #"{"title":"x","claimDate":"2026-11-20","lines":[{"categoryId":"\#(ids["category"]!)","expenseDate":"2026-11-18","amount":"\#(n)"}]}"#
            },
            Target(method: .POST, path: "/api/v1/stock/transfer-suggestions/apply") { n in
                #"{"postingDate":"2026-11-20","items":[{"productId":"\#(p)","fromWarehouseId":"\#(w)","toWarehouseId":"\#(w2)","quantity":"\#(n)"}]}"#
            },
            Target(
                method: .POST, path: "/api/v1/portal/orders",
                body: { n in #"{"lines":[{"productId":"\#(ids["portalProduct"]!)","quantity":"\#(n)"}]}"# }, portal: true),
            Target(
                method: .POST, path: "/api/v1/portal/stock-reports",
                body: { n in #"{"lines":[{"productId":"\#(ids["portalProduct"]!)","onHand":"\#(n)","sold":"\#(n)"}]}"# }, portal: true),
        ]
        for orders in ["sales-orders", "purchase-orders"] {
            out.append(
                Target(method: .POST, path: "/api/v1/" + orders) { n in
                    #"{"partnerId":"\#(orders == "sales-orders" ? c : s)","orderDate":"2026-11-20","lines":[{"productId":"\#(p)","quantity":"\#(n)","unitPrice":"\#(n)","warehouseId":"\#(w)"}]}"#
                })
        }
        for (type, partner, field) in [
            ("purchaseReceipt", s, "unitCost"), ("otherReceipt", "", "unitCost"), ("salesDelivery", c, "unitPrice"),
            ("otherIssue", "", "unitPrice"), ("transfer", "", "unitPrice"), ("stockCount", "", "unitPrice"),
        ] {
            out.append(
                Target(method: .POST, path: "/api/v1/stock-documents") { n in
                    let to = type == "transfer" ? #","toWarehouseId":"\#(w2)""# : ""
                    let party = partner.isEmpty ? "" : #""partnerId":"\#(partner)","#
                    return
                        #"{"type":"\#(type)","postingDate":"2026-11-20",\#(party)"reason":"测试","post":true,"lines":[{"productId":"\#(p)","quantity":"\#(n)","warehouseId":"\#(w)","\#(field)":"\#(n)"\#(to)}]}"#
                })
        }
        return out
    }

    @Test func noNumberAnywhereCrashesTheServerOrIsKeptWrong() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            func id(_ sql: String) async throws -> String {
                String(try #require(try await t.store.scalar(SQLQueryString(sql), as: Int64.self), "\(sql)"))
            }
            let ids: [String: String] = [
                "product": try await id(
                    "SELECT id FROM products WHERE costing_method = 'moving_average' AND tracking = 'none' ORDER BY id LIMIT 1"),
                "warehouse": try await id(
                    "SELECT id FROM warehouses WHERE branch_id = (SELECT id FROM branches WHERE parent_id IS NULL) ORDER BY id LIMIT 1"),
                "warehouse2": try await id(
                    "SELECT id FROM warehouses WHERE branch_id = (SELECT id FROM branches WHERE parent_id IS NULL) ORDER BY id DESC LIMIT 1"
                ),
                "customer": try await id(
                    "SELECT id FROM partners WHERE is_customer = true AND internal_branch_id IS NULL ORDER BY id LIMIT 1"),
                "supplier": try await id(
                    "SELECT id FROM partners WHERE is_supplier = true AND internal_branch_id IS NULL ORDER BY id LIMIT 1"),
                "branch": try await id("SELECT id FROM branches WHERE parent_id IS NULL"),
                "category": try await id("SELECT id FROM expense_categories ORDER BY id LIMIT 1"),
            ]
            var all = ids
            let portal = try await t.token("chuanyu", password: Self.password)
            let catalog = try await t.api(.GET, "/api/v1/portal/catalog", token: portal)
            all["portalProduct"] = try #require((catalog.json["items"] as? [[String: Any]])?.first?["productId"] as? String)
            let admin = try await t.token()
            var statuses: [UInt: Int] = [:]
            func send(_ target: Target, _ n: String) async throws {
                let r = try await t.api(target.method, target.path, token: target.portal ? portal : admin, json: target.body(n))
                statuses[r.status.code, default: 0] += 1
                #expect(r.status.code < 500, "\(target.path) with \(n.prefix(40)): \(r.status) \(r.text.prefix(300))")
                if r.status.code >= 400 { #expect((r.json["error"] as? [String: Any])?["code"] is String, "a refusal says why") }
            }
            for target in Self.targets(all) {
                for n in Self.hostile { try await send(target, n) }
            }
            let targets = Self.targets(all)
            await propertyCheck(count: 60, input: Self.random, Gen.int(in: 0...(targets.count - 1))) { n, i in
                try? await send(targets[i], n)
            }
            // Sums beyond any real business are refused by name, not wrapped: two lines of a trillion yuan each.
            let big = try await t.api(
                .POST, "/api/v1/quotes", token: admin,
                json: """
                    {"partnerId":"\(ids["customer"]!)","validUntil":"2026-12-31","lines":[{"productId":"\(ids["product"]!)","quantity":"1000000000","unitPrice":"10000000000"}]}
                    """)
            #expect(big.status == .unprocessableEntity)
            #expect((big.json["error"] as? [String: Any])?["code"] as? String == "amount_too_large")
            #expect((big.json["error"] as? [String: Any])?["field"] as? String == "lines[0].quantity")
            #expect(statuses.keys.contains(201) && statuses.keys.contains(422), "\(statuses)")
            // Malformed headers too.
            for header in [";", "en,;", ",,,", ";q=", "en;;q=1", String(repeating: ";", count: 10_000)] {
                let r = try await t.send(.GET, "/login", headers: ["Accept-Language": header])
                #expect(r.status == .ok)
            }
            // The server still answers, and still does its work.
            #expect(try await t.send(.GET, "/healthz").status == .ok)
            let fine = try await t.api(
                .POST, "/api/v1/quotes", token: admin,
                json: """
                    {"partnerId":"\(ids["customer"]!)","validUntil":"2026-12-31","lines":[{"productId":"\(ids["product"]!)","quantity":"2","unitPrice":"3.5"}]}
                    """)
            #expect(fine.status == .created && fine.json["totalAmount"] as? String == "7.00", "\(fine.text)")
            // And every book still adds up.
            #expect(try await InventoryFixture.reconcile(t).isEmpty)
        }
    }
}
