import Foundation
import Kernel
import Services
import TestSupport
import Testing
import Vapor

@testable import Persistence

/// Addresses by province, city and district: written the one way whatever way they were typed,
/// a city of another province refused by name, and the form offering the lists.
@Suite("Addresses: province, city and district")
struct AddressTests {
    @Test func typedAddressesAreWrittenTheOneWay() throws {
        func norm(_ p: String?, _ c: String?, _ d: String?) throws -> [String?] {
            let a = try Validate.address(province: p, city: c, district: d)
            return [a.province, a.city, a.district]
        }
        #expect(try norm("上海", "浦东", nil) == ["上海市", "上海市", "浦东新区"])
        #expect(try norm("上海市", "上海市", "浦东新区") == ["上海市", "上海市", "浦东新区"])
        #expect(try norm(nil, "杭州", "西湖区") == ["浙江省", "杭州市", "西湖区"])
        #expect(try norm("浙江", "义乌市", nil) == ["浙江省", "义乌市", nil])
        #expect(try norm(nil, "北京", "海淀") == ["北京市", "北京市", "海淀区"])
        #expect(try norm(nil, nil, nil) == [nil, nil, nil])
        let wrongCity = #expect(throws: DomainError.self) { try Validate.address(province: "浙江省", city: "广州市", district: nil) }
        #expect(wrongCity?.field == "city" && wrongCity?.code == "city_not_in_province" && wrongCity?.args == ["广州市", "浙江省（广东省）"])
        let wrongDistrict = #expect(throws: DomainError.self) { try Validate.address(province: "上海市", city: nil, district: "海淀区") }
        #expect(wrongDistrict?.field == "district" && wrongDistrict?.code == "district_not_in_city")
        let unknown = #expect(throws: DomainError.self) { try Validate.address(province: "江南省", city: nil, district: nil) }
        #expect(unknown?.field == "province" && unknown?.code == "unknown_province")
    }

    @Test func aCustomerTakesItsAddressFromThePickersAndTheAPI() async throws {
        try await TestApp.run { t in
            let token = try await t.token()
            let made = try await t.api(
                .POST, "/api/v1/customers", token: token,
                json: #"{"name":"上海张江软件有限公司","province":"上海","city":"浦东","street":"张江路 88 号"}"#)
            #expect(made.status == .created)
            #expect(made.json["province"] as? String == "上海市" && made.json["district"] as? String == "浦东新区")
            #expect(made.json["address"] as? String == "上海市浦东新区张江路 88 号")
            let wrong = try await t.api(
                .POST, "/api/v1/customers", token: token, json: #"{"name":"杭州某公司","province":"浙江省","city":"广州"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect((wrong.json["error"] as? [String: Any])?["field"] as? String == "city", "\(wrong.json)")

            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            let form = try await b.get("/crm/customers/new")
            #expect(form.text.contains("<select id=\"f-province\" name=\"province\""))
            #expect(form.text.contains("<datalist id=\"cities-浙江省\"><option value=\"杭州市\">"))
            #expect(form.text.contains("list=\"cities-none\""))
            // A refused city comes back in the form, named in Chinese, with the lists pointing at the chosen province.
            let r = try await b.post(
                "/crm/customers", [("_csrf", Browser.csrf(form.text)), ("name", "杭州某公司"), ("province", "浙江省"), ("city", "广州")])
            #expect(r.status == .unprocessableEntity && r.text.contains("广州 不属于 浙江省（广东省）"))
            #expect(r.text.contains("list=\"cities-浙江省\""))
        }
    }
}
