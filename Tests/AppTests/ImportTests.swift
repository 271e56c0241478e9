import Foundation
import Kernel
import Persistence
import Services
import Spreadsheets
import TestSupport
import Testing
import Vapor
import VaporTesting

/// Customers imported the way a company leaving another system does it: its export's columns
/// recognised, a preview, create-or-update by tax number, a run in batches that a restart does
/// not disturb, and the refused rows back as a workbook with the reasons.
@Suite("Imports: customers from another system's export")
struct ImportTests {
    static func error(_ r: TestingHTTPResponse) -> [String: Any] { r.json["error"] as? [String: Any] ?? [:] }

    @Test func aLegacyExportIsMappedPreviewedRunInBatchesResumedAndItsRefusalsDownloaded() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            let known = uscc("91110108MA01KNWX0")
            let existing = try await CustomerService.create(.init(name: "北京快普科技有限公司", uscc: known, phone: "010-1111 1111"), boss)

            // A 管家婆-style export: its own headers, a column nobody needs, full-width digits.
            let header = ["往来单位编号", "往来单位名称", "联系电话", "税号", "地址", "备注", "停用标志"]
            var rows: [[SpreadsheetWriter.Cell]] = [
                [
                    .text(""), .text("杭州西湖茶业有限公司"), .text("０５７１－８８８８ ６６６６"), .text(uscc("91330106MA2B00010")), .text("杭州市西湖区龙井路1号"), .empty,
                    .text("否"),
                ],
                [.text(""), .text("北京快普科技有限公司"), .text("010-6256 8899"), .text(known), .empty, .text("老客户"), .text("否")],
                [.text(""), .text("税号有误的公司"), .empty, .text("91110000123456789X"), .empty, .empty, .text("否")],
                [.text(""), .text("重复税号的公司"), .empty, .text(uscc("91330106MA2B00010")), .empty, .empty, .text("否")],
                [.text(""), .text("没有税号的公司"), .empty, .empty, .empty, .empty, .text("否")],
            ]
            for i in 0..<445 {
                rows.append([
                    .empty, .text("批量客户\(i)号有限公司"), .text("138\(String(format: "%08d", i))"),
                    .text(uscc("91440300MA5" + String(format: "%06d", i))), .empty, .empty, .text("否"),
                ])
            }
            let file = try SpreadsheetWriter.xlsx([.init(name: "往来单位", header: header, rows: rows)], modified: t.clock.now)
            let token = try await t.token("boss", password: TestApp.userPassword)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            headers.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
            let upload = try await t.app.testing().sendRequest(
                .POST, "/api/v1/imports?kind=customers&fileName=%E5%AE%A2%E6%88%B7.xlsx", headers: headers, body: ByteBuffer(data: file))
            #expect(upload.status == .created)
            #expect(upload.json["mapping"] as? [String] == ["code", "name", "phone", "uscc", "street", "note", ""])
            #expect(upload.json["total"] as? Int == 450 && upload.json["status"] as? String == "draft")
            let id = try #require(upload.json["id"] as? String)

            // Bad choices name their field; then update-or-create by tax number.
            let bad = try await t.api(
                .PUT, "/api/v1/imports/\(id)", token: token, json: #"{"matchKey":"email","version":1}"#)
            #expect(bad.status == .unprocessableEntity && Self.error(bad)["field"] as? String == "matchKey")
            let set = try await t.api(
                .PUT, "/api/v1/imports/\(id)", token: token, json: #"{"mode":"upsert","matchKey":"uscc","version":1}"#)
            #expect(set.status == .ok)

            let preview = try await t.api(.GET, "/api/v1/imports/\(id)/preview", token: token)
            let outcomes = (preview.json["items"] as? [[String: Any]] ?? []).map { $0["outcome"] as? String ?? "" }
            #expect(Array(outcomes.prefix(5)) == ["would_create", "would_update", "refused", "refused", "refused"])
            let firstRefusal = (preview.json["items"] as? [[String: Any]])?[2]
            #expect(firstRefusal?["field"] as? String == "uscc" && firstRefusal?["code"] as? String == "invalid_uscc")
            let customersBefore = try await t.store.scalar("SELECT COUNT(*) AS n FROM partners WHERE is_customer = TRUE", as: Int64.self)!

            // Started; the server runs one batch, then stops (its lease left behind).
            let run = try await t.api(.POST, "/api/v1/imports/\(id)/run", token: token)
            #expect(run.status == .accepted)
            #expect(
                try await t.api(.PUT, "/api/v1/imports/\(id)", token: token, json: #"{"mode":"create","version":3}"#).status == .conflict)
            let half = try #require(try await ImportService.runPending(batches: 1, t.system))
            #expect(half.processed == 200 && half.status == "running")
            // The next turn goes straight on...
            let more = try #require(try await ImportService.runPending(batches: 1, t.system))
            #expect(more.processed == 400)
            // ...unless a server stopped mid-batch and left its lease: then nobody touches the job
            // until the lease runs out, and the next run takes it up where it was.
            try await t.store.run(
                "UPDATE import_jobs SET lease_until = \(bind: Millis.from(t.clock.now) + 120_000) WHERE id = \(bind: Int64(id)!)")
            #expect(try await ImportService.runPending(batches: 1, t.system) == nil)
            t.clock.advance(seconds: 180)
            let done = try #require(try await ImportService.runPending(batches: 10, t.system))
            #expect(done.status == "done" && done.processed == 450)
            #expect(done.created == 446 && done.updated == 1 && done.refused == 3)
            let customersAfter = try await t.store.scalar("SELECT COUNT(*) AS n FROM partners WHERE is_customer = TRUE", as: Int64.self)!
            #expect(customersAfter - customersBefore == 446, "each row once")

            // What was written: cleansed, owned by the importer, the existing customer updated in place.
            let tea = try #require(try await CRMQueries.partner(uscc: uscc("91330106MA2B00010"), on: t.store))
            #expect(tea.phone == "0571-8888 6666" && tea.street == "杭州市西湖区龙井路1号")
            #expect(tea.ownerId == (try await OrganisationQueries.user(username: "boss", on: t.store))?.id)
            let kuaipu = try #require(try await CRMQueries.customer(existing.id, on: t.store))
            #expect(kuaipu.phone == "010-6256 8899" && kuaipu.note == "老客户" && kuaipu.version == existing.version + 1)

            // The refused rows, as they were, with why in Chinese, to fix and import again.
            let errors = try await t.api(.GET, "/api/v1/imports/\(id)/errors?format=csv", token: token)
            #expect(errors.status == .ok)
            let sheet = try Spreadsheet.read(Data(buffer: errors.body))[0].rows
            #expect(sheet[0].prefix(3) == ["#", "原因", "往来单位编号"])
            #expect(sheet.dropFirst().map { $0[0] } == ["4", "5", "6"])
            #expect(sheet[1][1].hasPrefix("统一社会信用代码") && sheet[3][3] == "没有税号的公司")
            let refused = try await t.api(.GET, "/api/v1/imports/\(id)/rows?outcome=refused", token: token)
            #expect((refused.json["items"] as? [[String: Any]])?.count == 3)

            // Not revertible once someone changed what it wrote: all or nothing.
            let one = try #require(try await CRMQueries.partner(uscc: uscc("91440300MA5000007"), on: t.store))
            _ = try await CustomerService.update(
                one.id, .init(name: one.name, kind: one.kind, status: one.status, phone: "13900000000"), version: one.version, boss)
            let refusedRevert = try await t.api(.POST, "/api/v1/imports/\(id)/revert", token: token)
            #expect(refusedRevert.status == .conflict && Self.error(refusedRevert)["code"] as? String == "import_changed_since")
            #expect(
                try await t.store.scalar("SELECT COUNT(*) AS n FROM partners WHERE is_customer = TRUE", as: Int64.self)! == customersAfter)

            // Another person's import is not theirs to see; one without the right cannot import at all.
            let rep = try await t.token("rep1", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/imports/\(id)", token: rep).status == .notFound)
            let clerk = try await t.token("clerk", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/imports", token: clerk).status == .forbidden)

            // The pages: the list, and the import with its counts and the download.
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let list = try await b.get("/imports")
            #expect(list.status == .ok && list.text.contains("客户.xlsx") && list.text.contains("450 / 450"))
            let page = try await b.get("/imports/\(id)")
            #expect(page.status == .ok && page.text.contains("/imports/\(id)/errors?format=xlsx"))
        }
    }

    @Test func thePageUploadsMapsPreviewsAndStarts() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let existing = try await CustomerService.create(
                .init(name: "Old Friend Ltd", phone: "021-1111 2222"), try await t.context(as: "boss"))
            var b = Browser(t: t)
            _ = try await b.login("boss", TestApp.userPassword)
            let list = try await b.get("/imports")
            let boundary = "concord-import-boundary"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(Browser.csrf(list.text))\r\n".utf8)
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clients.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    .utf8)
            body += Data(
                "Name,Phone,Email,Tags\nAcme Trading Co.,021-5555 1234,sales@acme.example,\"vip,expo\"\nOld Friend Ltd,021-9999 8888,,\n"
                    .utf8)
            body += Data("\r\n--\(boundary)--\r\n".utf8)
            var headers = b.headers()
            headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
            let uploaded = try await t.app.testing().sendRequest(
                .POST, "/imports?kind=customers", headers: headers, body: ByteBuffer(data: body))
            #expect(uploaded.status == .seeOther)
            let location = try #require(uploaded.headers.first(name: .location))
            let page = try await b.get(location)
            #expect(page.text.contains("第 1 列：Name") && page.text.contains("第 4 列：Tags"))
            let form: [(String, String)] = [
                ("_csrf", Browser.csrf(page.text)), ("col0", "name"), ("col1", "phone"), ("col2", "email"), ("col3", "tags"),
                ("mode", "upsert"),
                ("matchKey", "name"), ("version", "1"), ("step", "preview"),
            ]
            let previewed = try await b.post(location, form)
            #expect(
                previewed.status == .ok && previewed.text.contains("将新建") && previewed.text.contains("将更新"),
                "\(previewed.text.components(separatedBy: "<table").last ?? "")")
            let started = try await b.post(
                location, form.map { $0.0 == "step" ? ("step", "run") : ($0.0 == "version" ? ("version", "2") : $0) })
            #expect(started.status == .seeOther)
            _ = try await ImportService.runPending(t.system)
            let acme = try #require(try await CRMQueries.partner(nameKey: PartnerService.nameKey("Acme Trading Co."), on: t.store))
            #expect(acme.email == "sales@acme.example" && acme.tagList == ["vip", "expo"])
            #expect(try await CRMQueries.customer(existing.id, on: t.store)?.phone == "021-9999 8888")

            // Reverted from its page: the customer it made is gone.
            let done = try await b.get(location)
            #expect(done.text.contains("撤销这次导入"))
            let reverted = try await b.post(location + "/revert", [("_csrf", Browser.csrf(done.text))])
            #expect(reverted.status == .seeOther)
            #expect(try await CRMQueries.partner(nameKey: PartnerService.nameKey("Acme Trading Co."), on: t.store) == nil)
            #expect(try await CRMQueries.customer(existing.id, on: t.store)?.phone == "021-1111 2222", "the update undone")
            #expect(try await b.get(location).text.contains("已撤销"))
        }
    }

    @Test func contactsAreImportedOntoTheirCustomersFoundAgainByMobileAndReverted() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            let kp = try await CustomerService.create(.init(name: "北京快普科技有限公司"), boss)
            let xh = try await CustomerService.create(.init(name: "杭州西湖茶业有限公司"), boss)
            let old = try await ContactService.create(.init(partnerId: kp.id, name: "李雷", title: "采购", mobile: "13900001111"), boss)
            let csv = """
                所属客户,联系人,手机,邮箱,职务,生日
                北京快普科技,李雷,139 0000 1111,lilei@kp.example,采购经理,
                \(xh.code),韩梅梅,13900002222,,总经理,1990-05-01
                不存在的公司,张三,13900003333,,,
                杭州西湖茶业有限公司,王五,13900004444,not-an-email,,
                """
            let job = try await ImportService.upload(kind: "contacts", fileName: "联系人.csv", file: Data(csv.utf8), boss)
            #expect(ImportService.mapping(job) == ["customer", "name", "mobile", "email", "title", "birthday"] && job.matchKey == "mobile")
            let noCustomer = await refusal {
                _ = try await ImportService.configure(
                    job.id,
                    .init(
                        mapping: ["", "name", "mobile", "email", "title", "birthday"], mode: "upsert", matchKey: "mobile", intoPool: false),
                    version: job.version, boss)
            }
            #expect(noCustomer?.code == "import_customer_not_mapped")
            let set = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "upsert", matchKey: "mobile", intoPool: false),
                version: job.version, boss)
            let preview = try await ImportService.preview(job.id, boss)
            #expect(preview.map(\.outcome) == ["would_update", "would_create", "refused", "refused"])
            #expect(preview[2].code == "import_customer_not_found" && preview[3].field == "email")
            _ = try await ImportService.start(set.id, boss)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.status == "done" && done.created == 1 && done.updated == 1 && done.refused == 2)
            let lilei = try #require(try await CRMQueries.contact(old.id, on: t.store))
            #expect(lilei.email == "lilei@kp.example" && lilei.title == "采购经理" && lilei.partnerId == kp.id)
            let meimei = try #require(try await CRMQueries.contacts(of: xh.id, on: t.store).first)
            #expect(meimei.name == "韩梅梅" && meimei.birthday == "1990-05-01")
            #expect(try await DataMapQueries.origin("contact", meimei.id, on: t.store)?.via == "import:\(job.id):3")

            _ = try await ImportService.revert(job.id, boss)
            #expect(try await CRMQueries.contacts(of: xh.id, on: t.store).isEmpty, "the contact it made is gone")
            let back = try #require(try await CRMQueries.contact(old.id, on: t.store))
            #expect(back.email == nil && back.title == "采购", "the contact it changed is as it was")
        }
    }

    @Test func productsComeInWithUnitsAndBarcodesFoundAgainByCodeAndRevert() async throws {
        try await TestApp.run { t in
            var fx = try await CRMFixture.make(t)
            fx.org.roles["keeper"] = try await RoleService.create(
                .init(
                    code: "keeper", name: "商品管理", permissions: ["products.view", "products.create", "products.edit", "products.delete"],
                    dataScope: "all"), t.system
            ).id
            try await fx.org.user(t, "keeper", branch: fx.org.hq, department: nil, role: "keeper")
            let keeper = try await t.context(as: "keeper")
            _ = try await CategoryService.create(.init(code: "DRINK", name: "饮料"), t.system)
            let old = try await ProductService.create(.init(code: "P001", name: "矿泉水", baseUnit: "瓶", salePrice: "2"), keeper)
            // A 管家婆-style product list.
            let csv = """
                商品编号,商品全名,规格,单位,条码,辅助单位,零售价,进价,税率,分类
                P001,矿泉水,550ml,瓶,6901234567890,箱=24,2.50,1.20,13%,饮料
                P002,苏打水,330ml,罐,,箱=24；提=6,¥3.00,1.50,13,饮料
                P003,乌龙茶,500ml,瓶,,箱=二十四,5,3,13,饮料
                P004,奶茶,,杯,,,8,4,13,甜品
                """
            let job = try await ImportService.upload(kind: "products", fileName: "商品.csv", file: Data(csv.utf8), keeper)
            #expect(
                ImportService.mapping(job) == [
                    "code", "name", "spec", "baseUnit", "barcode", "units", "salePrice", "purchasePrice", "taxRate", "category",
                ])
            #expect(job.matchKey == "code")
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "upsert", matchKey: "code", intoPool: false), version: job.version,
                keeper)
            let preview = try await ImportService.preview(job.id, keeper)
            #expect(preview.map(\.outcome) == ["would_update", "would_create", "refused", "refused"])
            #expect(preview[2].code == "import_units_format" && preview[3].code == "import_category_not_found")
            _ = try await ImportService.start(job.id, keeper)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.created == 1 && done.updated == 1 && done.refused == 2)
            let soda = try await ProductService.find(try #require(try await InventoryQueries.product(code: "P002", on: t.store)).id, keeper)
            let three = try UnitPrice(parsing: "3").units
            #expect(soda.units.map(\.name).sorted() == ["提", "箱", "罐"] && soda.product.salePrice == three)
            let water = try await ProductService.find(old.product.id, keeper)
            #expect(water.product.spec == "550ml" && water.units.first { $0.name == "瓶" }?.barcode == "6901234567890")

            // Someone who may not create customers imports products, and only those.
            let token = try await t.token("keeper", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/imports", token: token).status == .ok)
            let customers = try await t.api(.POST, "/api/v1/imports?kind=customers", token: token, json: "名称\n某公司\n")
            #expect(customers.status == .forbidden)

            _ = try await ImportService.revert(job.id, keeper)
            #expect(try await InventoryQueries.product(code: "P002", on: t.store) == nil, "the product it made is gone")
            let back = try await ProductService.find(old.product.id, keeper)
            #expect(back.product.spec == nil && back.units.count == 1 && back.product.salePrice == old.product.salePrice)
        }
    }

    @Test func eachRowKeepsTheOwnerItNamesAndTheDateItWasFirstEntered() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let boss = try await t.context(as: "boss")
            let csv = """
                客户名称,负责人,建档日期
                老客户一号有限公司,rep1,2019/03/05
                老客户二号有限公司,rep2,2020年7月1日
                老客户三号有限公司,没有这个人,
                老客户四号有限公司,,2999-01-01
                老客户五号有限公司,shrep,
                """
            let job = try await ImportService.upload(kind: "customers", fileName: "old.csv", file: Data(csv.utf8), boss)
            #expect(ImportService.mapping(job) == ["name", "owner", "createdAt"])
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "name", intoPool: false), version: job.version,
                boss)
            let preview = try await ImportService.preview(job.id, boss)
            #expect(preview.map(\.outcome) == ["would_create", "would_create", "refused", "refused", "refused"])
            #expect(preview[2].field == "owner" && preview[3].field == "createdAt" && preview[4].field == "ownerId", "\(preview)")
            _ = try await ImportService.start(job.id, boss)
            _ = try await ImportService.runPending(t.system)
            let one = try #require(try await CRMQueries.partner(nameKey: PartnerService.nameKey("老客户一号有限公司"), on: t.store))
            let rep1 = try #require(try await OrganisationQueries.user(username: "rep1", on: t.store))
            #expect(one.ownerId == rep1.id)
            #expect(CalendarDate.chinaDate(one.createdAt) == "2019-03-05")
            let two = try #require(try await CRMQueries.partner(nameKey: PartnerService.nameKey("老客户二号有限公司"), on: t.store))
            #expect(CalendarDate.chinaDate(two.createdAt) == "2020-07-01")
        }
    }

    @Test func suppliersComeInAsOnePartnerMasterAndAFoundCustomerBecomesASupplierToo() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            // A 金蝶精斗云-style supplier list: one known supplier, one new, a customer that also supplies, a role not known.
            let csv = """
                供应商编码,供应商名称,往来类型,联系电话
                S001,杭州娃哈哈食品有限公司,供应商,0571-88886666
                S002,农夫山泉股份有限公司,,13800001111
                C001,北京快普科技有限公司,供应商,
                S003,某合作伙伴有限公司,合作伙伴,
                """
            let job = try await ImportService.upload(kind: "partners", fileName: "供应商.csv", file: Data(csv.utf8), admin)
            #expect(ImportService.mapping(job) == ["code", "name", "role", "phone"] && job.matchKey == "code")
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "upsert", matchKey: "code", intoPool: true), version: job.version,
                admin)
            let preview = try await ImportService.preview(job.id, admin)
            #expect(preview.map(\.outcome) == ["would_update", "would_create", "would_update", "refused"])
            #expect(preview[3].field == "role")
            _ = try await ImportService.start(job.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.created == 1 && done.updated == 2 && done.refused == 1 && !done.intoPool)
            let kuaipu = try #require(try await InventoryQueries.partner(f.customer, on: t.store))
            #expect(kuaipu.isCustomer && kuaipu.isSupplier, "one record, both roles")
            let nongfu = try #require(try await CRMQueries.partner(code: "S002", on: t.store))
            #expect(nongfu.isSupplier && !nongfu.isCustomer && nongfu.phone == "13800001111")
            #expect(try await InventoryQueries.partner(f.supplier, on: t.store)?.phone == "0571-88886666")

            _ = try await ImportService.revert(job.id, admin)
            #expect(try await CRMQueries.partner(code: "S002", on: t.store) == nil, "the partner it made is gone")
            let back = try #require(try await InventoryQueries.partner(f.customer, on: t.store))
            #expect(back.isCustomer && !back.isSupplier, "the customer is a customer only again")
            #expect(try await InventoryQueries.partner(f.supplier, on: t.store)?.phone == nil)
        }
    }

    @Test func openingStockBecomesPostedReceiptsAtTheValueTheOldBooksCarryAndReverts() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            // A 管家婆-style opening balance sheet: a value that is not quantity × a short price, a
            // case unit, a barcode, a batch product with and without its batch, an unknown warehouse.
            let csv = """
                仓库全名,商品编号,单位,期初数量,期初单价,期初金额,批号,有效期至
                北京一仓,MA,袋,3,,10.00,,
                BJ1,FIFO,箱,2,48.5,,,
                北京二仓,690LIFO24,,5,2.2,,,
                北京一仓,LOT,,10,3,,L2026,2027-06-30
                北京一仓,LOT,,4,3,,,
                南京仓,MA,,1,1,,,
                北京一仓,MA,袋,1,,1.00,,
                """
            let job = try await ImportService.upload(kind: "opening_stock", fileName: "期初.csv", file: Data(csv.utf8), admin)
            #expect(
                ImportService.mapping(job) == ["warehouse", "product", "unit", "quantity", "unitCost", "value", "batch", "expiryDate"])
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "product", intoPool: false),
                version: job.version, admin)
            await #expect(throws: DomainError.self) {
                _ = try await ImportService.configure(
                    job.id, .init(mapping: ImportService.mapping(job), mode: "upsert", matchKey: "product", intoPool: false),
                    version: job.version + 1, admin)
            }
            let preview = try await ImportService.preview(job.id, admin)
            #expect(
                preview.map(\.outcome) == [
                    "would_create", "would_create", "would_create", "would_create", "refused", "refused", "refused",
                ],
                "\(preview)")
            #expect(
                preview[4].field == "batch" && preview[5].code == "import_warehouse_not_found" && preview[6].code == "duplicate_in_file")
            _ = try await ImportService.start(job.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.status == "done" && done.created == 4 && done.refused == 3)
            let rows = try await ImportService.rows(job.id, outcome: "created", limit: 10, cursor: nil, admin).items
            let docs = Set(rows.compactMap(\.recordId))
            #expect(docs.count == 2, "one receipt per warehouse and date")
            for id in docs {
                let d = try await StockDocumentService.find(id, admin)
                #expect(d.document.docType == "otherReceipt" && d.document.status == "posted" && d.document.reason == "期初库存")
            }
            let ma = try #require(try await Ledger.balance(product: f.products["MA"]!, warehouse: f.w1, batch: "", on: t.store))
            #expect(ma.qty == Quantity(3).units && ma.value == 1000, "the value kept to the fen: ¥10.00 for 3")
            let fifo = try #require(try await Ledger.balance(product: f.products["FIFO"]!, warehouse: f.w1, batch: "", on: t.store))
            #expect(fifo.qty == Quantity(48).units && fifo.value == 9700)
            let lot = try #require(try await Ledger.balance(product: f.products["LOT"]!, warehouse: f.w1, batch: "L2026", on: t.store))
            #expect(lot.qty == Quantity(10).units && lot.value == 3000)
            let lifo = try #require(try await Ledger.balance(product: f.products["LIFO"]!, warehouse: f.w2, batch: "", on: t.store))
            #expect(lifo.qty == Quantity(120).units && lifo.value == 1100, "a case's barcode: cases")
            #expect(try await InventoryFixture.reconcile(t) == [])

            // Once goods of a receipt have left, the import cannot be undone; before, it can.
            let sale = try await f.post(
                t, .otherIssue, date: CalendarDate.today(t.system.clock).description, lines: [f.issue("MA", "1")], reason: "样品")
            await #expect(throws: DomainError.self) { _ = try await ImportService.revert(job.id, admin) }
            _ = try await StockPosting.cancel(sale.document.id, admin)
            let reverted = try await ImportService.revert(job.id, admin)
            #expect(reverted.status == "reverted")
            let after = try await Ledger.balance(product: f.products["MA"]!, warehouse: f.w1, batch: "", on: t.store)
            #expect((after?.qty ?? 0) == 0 && (after?.value ?? 0) == 0)
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func leadsComeInAsAJobOwnedAsTheRowSaysAndRevertWhileNobodyWorkedThem() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.context(as: "admin")
            _ = try await CustomerService.create(.init(name: "北京快普科技有限公司"), admin)
            let csv = """
                线索名称,联系人,手机,邮箱,线索来源,负责人
                华东展会甲有限公司,张三,13900000001,,展会,rep1
                华东展会乙有限公司,李四,13900000002,,展会,
                华东展会甲有限公司,王五,13900000003,,展会,
                北京快普科技,赵六,,,展会,
                华东展会丙有限公司,钱七,,no-at-sign,展会,
                """
            let job = try await ImportService.upload(kind: "leads", fileName: "展会名单.csv", file: Data(csv.utf8), admin)
            #expect(ImportService.mapping(job) == ["company", "contactName", "phone", "email", "source", "owner"])
            #expect(job.matchKey == "company")
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "create", matchKey: "company", intoPool: false),
                version: job.version, admin)
            let preview = try await ImportService.preview(job.id, admin)
            #expect(preview.map(\.outcome) == ["would_create", "would_create", "refused", "refused", "refused"], "\(preview)")
            #expect(preview[2].code == "duplicate_in_file" && preview[3].field == "company" && preview[4].field == "email")
            _ = try await ImportService.start(job.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.created == 2 && done.refused == 3)
            let made = try await ImportService.rows(job.id, outcome: "created", limit: 10, cursor: nil, admin).items
            let firstId = try #require(made.first?.recordId), secondId = try #require(made.last?.recordId)
            let first = try #require(try await LeadQueries.lead(firstId, on: t.store))
            let rep1 = try #require(try await OrganisationQueries.user(username: "rep1", on: t.store))
            #expect(first.company == "华东展会甲有限公司" && first.ownerId == rep1.id && first.source == "展会")
            let second = try #require(try await LeadQueries.lead(secondId, on: t.store))
            #expect(second.ownerId == nil, "no rule, no owner named: the lead pool")

            // Once someone works one of them, the import is no longer undone; before, it is.
            let rep2 = try #require(try await OrganisationQueries.user(username: "rep2", on: t.store))
            let assigned = try await LeadService.assign(second.id, to: rep2.id, admin)
            await #expect(throws: DomainError.self) { _ = try await ImportService.revert(job.id, admin) }
            #expect(try await LeadQueries.lead(first.id, on: t.store) != nil, "all or nothing")
            try await LeadService.delete(assigned.id, admin)
            _ = try await ImportService.revert(job.id, admin)
            #expect(try await LeadQueries.lead(first.id, on: t.store) == nil)
        }
    }

    @Test func staffComeInWithTheirPlaceAndRolesButNoPasswordAndRevert() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.context(as: "admin")
            let csv = """
                用户名,姓名,手机,机构,部门,角色,上级
                zhaoliu,赵六,13900001234,HQ,销售部,销售代表,boss
                rep1,代表一,13900005678,,,,
                qianqi,钱七,,HQ,,不存在的角色,
                """
            let job = try await ImportService.upload(kind: "users", fileName: "员工.csv", file: Data(csv.utf8), admin)
            #expect(ImportService.mapping(job) == ["username", "displayName", "phone", "branch", "department", "roles", "manager"])
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "upsert", matchKey: "username", intoPool: false),
                version: job.version, admin)
            let preview = try await ImportService.preview(job.id, admin)
            #expect(preview.map(\.outcome) == ["would_create", "would_update", "refused"], "\(preview)")
            #expect(preview[2].field == "roles" && preview[2].code == "import_role_not_found")
            _ = try await ImportService.start(job.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.created == 1 && done.updated == 1 && done.refused == 1)
            let zhao = try #require(try await OrganisationQueries.user(username: "zhaoliu", on: t.store))
            let boss = try #require(try await OrganisationQueries.user(username: "boss", on: t.store))
            #expect(zhao.displayName == "赵六" && zhao.managerId == boss.id && zhao.departmentId != nil && zhao.lastLoginAt == nil)
            #expect(try await OrganisationQueries.roleIDs(ofUser: zhao.id, on: t.store).count == 1)
            // No password came with the file: the new person cannot sign in until invited.
            #expect(await (try? t.token("zhaoliu", password: "")) == nil)
            #expect(try await OrganisationQueries.user(username: "rep1", on: t.store)?.displayName == "代表一")

            _ = try await ImportService.revert(job.id, admin)
            #expect(try await OrganisationQueries.user(username: "zhaoliu", on: t.store) == nil, "the person it made is gone")
            #expect(try await OrganisationQueries.user(username: "rep1", on: t.store)?.displayName == "rep1")
        }
    }
}
