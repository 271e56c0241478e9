import Foundation
import Kernel
import Persistence
import TestSupport
import Testing
import Vapor

/// Prints are for the customer, the supplier or the driver: the company's letterhead from its
/// details, and nothing of the company's own business (floor prices, cost of goods, what has been
/// invoiced), even when the person printing may see it all.
@Suite("Prints: letterhead, paper, and only what the reader of the paper may see")
struct PrintTests {
    static let password = "demo-password-1"
    /// A 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
        0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63,
        0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60,
        0x82,
    ]

    @Test func theCompanysDetailsAreKeptCheckedAndAudited() async throws {
        try await TestApp.run { t in
            let admin = try await t.token()
            let bad = try await t.api(.PUT, "/api/v1/company", token: admin, json: #"{"name":"快普商贸","taxNumber":"91110105MA01ABCD12"}"#)
            #expect(
                bad.status == .unprocessableEntity && (bad.json["error"] as? [String: Any])?["field"] as? String == "taxNumber",
                "\(bad.text)")
            let ok = try await t.api(
                .PUT, "/api/v1/company", token: admin,
                json:
                    #"{"name":"北京快普商贸有限公司","taxNumber":"91350100M000100Y43","address":"北京市朝阳区望京街 10 号","phone":"010-84760000","bankName":"招商银行望京支行","bankAccount":"1109 0812 3456 789","terms":"货到 30 天内付款\n质保一年"}"#
            )
            #expect(ok.status == .ok && ok.json["taxNumber"] as? String == "91350100M000100Y43", "\(ok.text)")
            var h = HTTPHeaders()
            h.bearerAuthorization = BearerAuthorization(token: admin)
            h.contentType = HTTPMediaType(type: "image", subType: "png")
            let notAnImage = try await t.app.testing().sendRequest(
                .PUT, "/api/v1/company/logo", headers: h, body: ByteBuffer(string: "GIF89a"))
            #expect(notAnImage.status == .unprocessableEntity)
            let logo = try await t.app.testing().sendRequest(.PUT, "/api/v1/company/logo", headers: h, body: ByteBuffer(bytes: Self.png))
            #expect(logo.status == .ok && logo.json["hasLogo"] as? Bool == true)
            let image = try await t.api(.GET, "/api/v1/company/logo", token: admin)
            #expect(image.headers.contentType?.description == "image/png" && Array(image.body.readableBytesView) == Self.png)
            let audited = try await t.store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'company'", as: Int64.self)
            #expect(audited == 2)
        }
    }

    @Test func theCompanyPageKeepsWhatWasTypedAndReadersOnlyRead() async throws {
        try await TestApp.run { t in
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let form = try await b.get("/organisation/company")
            #expect(form.status == .ok && form.text.contains("name=\"taxNumber\""))
            let bad = try await b.post(
                "/organisation/company", [("_csrf", Browser.csrf(form.text)), ("name", "快普商贸"), ("taxNumber", "12345")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("value=\"快普商贸\"") && bad.text.contains("统一社会信用代码无效"))
            let good = try await b.post(
                "/organisation/company", [("_csrf", Browser.csrf(form.text)), ("name", "快普商贸"), ("taxNumber", "91350100M000100Y43")])
            #expect(good.status == .seeOther)
            #expect(try await b.get("/organisation/company").text.contains("value=\"91350100M000100Y43\""))
        }
    }

    @Test func quoteContractAndDeliveryNote() async throws {
        try await TestApp.run { t in
            try await DemoFixture.load(t, password: Self.password)
            let admin = try await t.token()
            _ = try await t.api(
                .PUT, "/api/v1/company", token: admin,
                json: #"{"name":"北京快普商贸有限公司","taxNumber":"91350100M000100Y43","terms":"货到 30 天内付款"}"#)
            // The demo's quote was approved under the floor: its page shows 底价, its print must not.
            struct Q: Decodable { var id: Int64 }
            let quote = try #require(
                try await t.store.first(
                    "SELECT q.id FROM quotes q JOIN quote_lines l ON l.quote_id = q.id WHERE l.unit_price < l.floor_price ORDER BY q.id LIMIT 1",
                    as: Q.self))
            let contract = try #require(
                try await t.store.scalar("SELECT id FROM contracts WHERE kind = 'sales' ORDER BY id LIMIT 1", as: Int64.self))
            struct D: Decodable { var id: Int64; var cost: Int64 }
            let delivery = try #require(
                try await t.store.first(
                    """
                    SELECT d.id, MAX(l.cost_value) AS cost FROM stock_documents d JOIN stock_document_lines l ON l.document_id = d.id
                    WHERE d.doc_type = 'salesDelivery' AND d.status = 'posted' GROUP BY d.id ORDER BY d.id LIMIT 1
                    """, as: D.self))
            // The general manager may see floors and costs; the paper still does not carry them.
            var b = Browser(t: t)
            #expect(try await b.login("zhangwei", Self.password).status == .seeOther)
            for (path, title) in [
                ("/contracts/quotes/\(quote.id)/print", "报价单"), ("/contracts/\(contract)/print", "销售合同"),
                ("/inventory/documents/\(delivery.id)/print?paper=241x140", "销售出库单"),
            ] {
                let r = try await b.get(path)
                #expect(r.status == .ok, "\(path)")
                #expect(r.text.contains("北京快普商贸有限公司") && r.text.contains("91350100M000100Y43"), "\(path): the letterhead")
                #expect(r.text.contains(title) && r.text.contains("大写"), "\(path)")
                #expect(!r.text.contains("底价") && !r.text.contains("成本") && !r.text.contains("已开票"), "\(path): nothing internal")
                #expect(!r.text.contains("⟦"), "\(path): every word is in the catalog")
            }
            let q = try await b.get("/contracts/quotes/\(quote.id)/print")
            #expect(q.text.contains("货到 30 天内付款") && q.text.contains("客户确认"))
            let d = try await b.get("/inventory/documents/\(delivery.id)/print?paper=241x140")
            #expect(d.text.contains("paper-241x140") && d.text.contains("客户签收") && d.text.contains("第三联"))
            #expect(!d.text.contains(">" + Money(fen: delivery.cost).description + "<"), "the cost of goods is not on the delivery note")
        }
    }
}
