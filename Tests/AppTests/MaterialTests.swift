import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// The materials library from upload to lead: a brochure prepared as a draft, its versions, who
/// may see it, the share link a salesperson sends, the looks it counts on a page that needs no
/// sign-in, and the visitor who leaves a phone number and becomes that salesperson's lead.
@Suite("Marketing: the materials library and its share links")
struct MaterialTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    struct World {
        var org: OrgFixture
        var sellerRole: Int64
        var admin: ServiceContext
    }

    /// Salespeople who read materials and own leads: `seller` at head office, `shseller` in Shanghai, `other` with another role.
    static func world(_ t: TestApp) async throws -> World {
        var org = try await OrgFixture.make(t)
        let perms = ["marketing.view", "leads.view", "leads.create", "leads.edit", "customers.view"]
        org.roles["seller"] = try await RoleService.create(
            .init(code: "seller", name: "销售", permissions: perms, dataScope: "own"), t.system
        ).id
        org.roles["support"] = try await RoleService.create(
            .init(code: "support", name: "客服", permissions: perms, dataScope: "own"), t.system
        ).id
        try await org.user(t, "seller", branch: org.hq, department: org.hqSales, role: "seller")
        try await org.user(t, "shseller", branch: org.sh, department: org.shSales, role: "seller")
        try await org.user(t, "other", branch: org.hq, department: org.hqSales, role: "support")
        return World(org: org, sellerRole: org.roles["seller"]!, admin: try await t.context(as: "admin"))
    }

    static func binary(_ t: TestApp, _ path: String, token: String, _ data: Data) async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        h.bearerAuthorization = BearerAuthorization(token: token)
        h.contentType = .init(type: "application", subType: "octet-stream")
        return try await t.app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(data: data))
    }

    @Test func aBrochureIsPublishedSharedViewedAndItsVisitorBecomesTheSharersLead() async throws {
        try await TestApp.run { t in
            let w = try await Self.world(t)
            let admin = try await t.token()
            let seller = try await t.token("seller", password: TestApp.userPassword)
            let other = try await t.token("other", password: TestApp.userPassword)
            let campaign = try await CampaignService.create(
                .init(code: "FAIR-26", name: "春季糖酒会", kind: "exhibition", startsOn: "2026-11-01"), w.admin)

            // A folder and a draft brochure, through the API.
            let folder = try await t.api(.POST, "/api/v1/material-folders", token: admin, json: #"{"name":"宣传册"}"#)
            #expect(folder.status == .created)
            let folderId = try #require(folder.json["id"] as? String)
            let twice = try await t.api(.POST, "/api/v1/material-folders", token: admin, json: #"{"name":"宣传册"}"#)
            #expect(twice.status == .unprocessableEntity && Self.error(twice)["field"] as? String == "name")
            let made = try await t.api(
                .POST, "/api/v1/materials", token: admin,
                json:
                    #"{"title":"2027 产品手册","folderId":"\#(folderId)","kind":"file","campaignId":"\#(campaign.id)","roleIds":["\#(w.sellerRole)"]}"#
            )
            #expect(made.status == .created && made.json["status"] as? String == "draft")
            let id = try #require(made.json["id"] as? String)
            let badKind = try await t.api(.POST, "/api/v1/materials", token: admin, json: #"{"title":"x","kind":"video"}"#)
            #expect(badKind.status == .unprocessableEntity && Self.error(badKind)["field"] as? String == "kind")

            // Nothing to publish yet; a file whose bytes are not what its name says is refused and nothing is kept.
            let early = try await t.api(.POST, "/api/v1/materials/\(id)/transitions", token: admin, json: #"{"action":"publish"}"#)
            #expect(early.status == .conflict && Self.error(early)["code"] as? String == "material_has_no_version", "\(early.text)")
            let fake = try await Self.binary(t, "/api/v1/materials/\(id)/versions?fileName=brochure.pdf", token: admin, Data("hello".utf8))
            #expect(fake.status == .unprocessableEntity && Self.error(fake)["field"] as? String == "file")
            let v1 = try await Self.binary(t, "/api/v1/materials/\(id)/versions?fileName=brochure.pdf&note=first", token: admin, Self.pdf)
            #expect(v1.status == .created && v1.json["number"] as? Int == 1 && v1.json["size"] as? Int == Self.pdf.count)
            // A salesperson cannot add versions; a draft is nobody's business but marketing's.
            #expect(
                try await Self.binary(t, "/api/v1/materials/\(id)/versions?fileName=b.pdf", token: seller, Self.pdf).status == .forbidden)
            #expect(try await t.api(.GET, "/api/v1/materials/\(id)", token: seller).status == .notFound)

            let published = try await t.api(.POST, "/api/v1/materials/\(id)/transitions", token: admin, json: #"{"action":"publish"}"#)
            #expect(published.status == .ok && published.json["status"] as? String == "published")
            // Meant for the seller role: the seller sees it (any branch), someone of another role does not.
            let listed = try await t.api(.GET, "/api/v1/materials", token: seller)
            #expect((listed.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            #expect((try await t.api(.GET, "/api/v1/materials", token: other).json["items"] as? [Any])?.isEmpty == true)
            #expect(try await t.api(.POST, "/api/v1/materials/\(id)/shares", token: other, json: "{}").status == .notFound)
            let file = try await t.api(.GET, "/api/v1/materials/\(id)/versions/1/file", token: seller)
            #expect(file.status == .ok && Data(buffer: file.body) == Self.pdf)

            // The seller's own link; a length out of range names its field.
            let zero = try await t.api(.POST, "/api/v1/materials/\(id)/shares", token: seller, json: #"{"days":0}"#)
            #expect(zero.status == .unprocessableEntity && Self.error(zero)["field"] as? String == "days")
            let shared = try await t.api(.POST, "/api/v1/materials/\(id)/shares", token: seller, json: #"{"days":7}"#)
            #expect(shared.status == .created)
            let link = try #require(shared.json["link"] as? String), shareId = try #require(shared.json["id"] as? String)
            #expect(link.hasPrefix("/m/"))

            // A visitor opens it without signing in: a reload counts once; a second visitor counts again.
            var visitor = Browser(t: t)
            _ = try await visitor.get(link)
            let page = try await visitor.get(link)
            #expect(page.status == .ok && page.text.contains("2027 产品手册") && page.text.contains("seller"))
            var second = Browser(t: t)
            let secondPage = try await second.get(link)
            let pdf = try await visitor.get(link + "/file")
            #expect(pdf.status == .ok && pdf.headers.contentType?.description == "application/pdf")
            #expect(pdf.headers.first(name: .contentDisposition)?.hasPrefix("inline") == true && Data(buffer: pdf.body) == Self.pdf)
            #expect(try await visitor.get("/m/not-a-real-secret-at-all").status == .notFound)

            // The visitor leaves a number: a lead owned by the seller, of the brochure's campaign; the number twice makes one lead.
            let wrong = try await visitor.post(link, [("_csrf", Browser.csrf(page.text)), ("name", "林先生"), ("phone", "12")])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("林先生"))
            let left = try await visitor.post(
                link, [("_csrf", Browser.csrf(wrong.text)), ("name", "林先生"), ("phone", "13811112222"), ("company", "厦门鹭岛食品")])
            #expect(left.status == .ok && left.text.contains("flash success"))
            _ = try await second.post(link, [("_csrf", Browser.csrf(secondPage.text)), ("name", "林先生"), ("phone", "13811112222")])
            let sellerCtx = try await t.context(as: "seller")
            let leads = try await LeadService.list(filter: .init(q: "13811112222"), limit: 10, cursor: nil, w.admin).items
            #expect(leads.count == 1)
            let lead = try #require(leads.first)
            #expect(lead.ownerId == sellerCtx.principal?.userId && lead.campaignId == campaign.id && lead.company == "厦门鹭岛食品")

            // The figures: the seller sees their link's looks and the lead; the API's views name it.
            let details = try await t.api(.GET, "/api/v1/materials/\(id)", token: seller)
            #expect(details.json["views"] as? Int == 2 && details.json["visitors"] as? Int == 2 && details.json["leads"] as? Int == 1)
            let views = try await t.api(.GET, "/api/v1/materials/\(id)/views", token: seller)
            #expect((views.json["items"] as? [[String: Any]])?.contains { $0["leadId"] as? String == String(lead.id) } == true)

            // Only its sharer (or marketing) stops a link; a stopped link is gone for visitors, and stopping it twice is refused.
            #expect(try await t.api(.POST, "/api/v1/material-shares/\(shareId)/revoke", token: other).status == .notFound)
            let revoked = try await t.api(.POST, "/api/v1/material-shares/\(shareId)/revoke", token: seller)
            #expect(revoked.status == .ok && revoked.json["revokedAt"] as? String != nil)
            #expect(try await visitor.get(link).status == .gone)
            #expect(try await t.api(.POST, "/api/v1/material-shares/\(shareId)/revoke", token: seller).status == .conflict)

            // Withdrawn, every link of it stops; past its date it reads as expired.
            let again = try await t.api(.POST, "/api/v1/materials/\(id)/shares", token: seller, json: "{}")
            let link2 = try #require(again.json["link"] as? String)
            var late = Browser(t: t)
            #expect(try await late.get(link2).status == .ok)
            _ = try await t.api(.POST, "/api/v1/materials/\(id)/transitions", token: admin, json: #"{"action":"withdraw"}"#)
            #expect(try await late.get(link2).status == .gone)
            let m = try await MaterialService.find(Int64(id)!, w.admin)
            _ = try await MaterialService.update(
                m.id, .init(title: m.title, folderId: m.folderId, expiresOn: "2026-01-31", roleIds: [w.sellerRole]), version: m.version,
                w.admin)
            let past = await refusal { _ = try await MaterialService.transition(m.id, .publish, version: nil, w.admin) }
            #expect(past?.code == "material_past_expiry")

            // Every step is in the audit log.
            let logged = try await Audit.entries(
                filter: .init(entity: "material", entityId: id), scope: .all, limit: 50, cursor: nil, on: t.store
            ).items.map(\.action)
            #expect(Set(["create", "version", "publish", "share", "withdraw", "update"]).isSubset(of: Set(logged)))
        }
    }

    @Test func aVisitorWhoIsAlreadyACustomerTellsTheSharerInsteadOfMakingALead() async throws {
        try await TestApp.run { t in
            let w = try await Self.world(t)
            let link = try await MaterialService.create(
                .init(title: "门店陈列指南", kind: "link"), first: .init(url: "https://v.example.com/display.mp4"), w.admin)
            _ = try await MaterialService.transition(link.id, .publish, version: nil, w.admin)
            let customer = try await CustomerService.create(.init(name: "福州闽江超市"), w.admin)
            _ = try await ContactService.create(.init(partnerId: customer.id, name: "陈店长", mobile: "13955556666"), w.admin)
            let seller = try await t.context(as: "seller")
            let share = try await MaterialService.share(link.id, days: nil, seller)
            #expect(share.expiresAt == seller.nowMillis + 30 * 86_400_000)

            var visitor = Browser(t: t)
            let page = try await visitor.get("/m/" + share.token)
            #expect(page.text.contains("https://v.example.com/display.mp4") && !page.text.contains("/file"))
            let left = try await visitor.post(
                "/m/" + share.token, [("_csrf", Browser.csrf(page.text)), ("name", "陈店长"), ("phone", "13955556666")])
            #expect(left.status == .ok)
            #expect(try await LeadService.list(filter: .init(q: "13955556666"), limit: 10, cursor: nil, w.admin).items.isEmpty)
            let notices = try await NotificationQueries.list(
                of: seller.principal!.userId, unreadOnly: true, before: nil, limit: 10, on: t.store)
            #expect(notices.contains { $0.kind == "notify.material.known_visitor" })
            // Meant for one branch: Shanghai's seller sees the Shanghai guide, head office's does not.
            let m = try await MaterialService.find(link.id, w.admin)
            _ = try await MaterialService.update(m.id, .init(title: m.title, branchId: w.org.sh), version: m.version, w.admin)
            let sh = try await t.context(as: "shseller")
            #expect(try await MaterialService.find(link.id, sh).id == link.id)
            #expect(await refusal { _ = try await MaterialService.find(link.id, seller) }?.kind == .notFound)
        }
    }

    @Test func theLibraryPagesPrepareAndShareAMaterial() async throws {
        try await TestApp.run { t in
            _ = try await Self.world(t)
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let list = try await b.get("/marketing/materials")
            #expect(list.status == .ok && list.text.contains("新建文件夹"))
            let csrf = Browser.csrf(list.text)
            let folder = try await b.post("/marketing/materials/folders", [("_csrf", csrf), ("name", "案例")])
            #expect(folder.status == .seeOther)
            let bad = try await b.post(
                "/marketing/materials", [("_csrf", csrf), ("title", "工厂参观视频"), ("kind", "link"), ("url", "ftp://x")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("工厂参观视频"))
            let made = try await b.post(
                "/marketing/materials", [("_csrf", csrf), ("title", "工厂参观视频"), ("kind", "link"), ("url", "https://v.example.com/factory")])
            #expect(made.status == .seeOther)
            let location = made.headers.first(name: .location) ?? ""
            let show = try await b.get(location)
            #expect(show.status == .ok && show.text.contains("https://v.example.com/factory") && show.text.contains("/publish"))
            _ = try await b.post(location + "/publish", [("_csrf", Browser.csrf(show.text))])
            let shared = try await b.post(location + "/shares", [("_csrf", Browser.csrf(show.text)), ("days", "14")])
            #expect(shared.status == .seeOther)
            let after = try await b.get(location)
            #expect(after.text.contains("/m/") && after.text.contains("已发布"))
            #expect(try await b.get("/marketing/materials?status=published").text.contains("工厂参观视频"))
            // A salesperson sees the library but not the forms that prepare it.
            var seller = Browser(t: t)
            _ = try await seller.login("seller", TestApp.userPassword)
            let theirs = try await seller.get("/marketing/materials")
            #expect(theirs.status == .ok && theirs.text.contains("工厂参观视频") && !theirs.text.contains("新建文件夹"))
            #expect(try await seller.get("/marketing/materials/new").status == .forbidden)
        }
    }
}
