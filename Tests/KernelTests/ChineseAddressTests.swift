import Kernel
import Testing

struct ChineseAddressTests {
    @Test func aMunicipalityIsWrittenOnce() {
        #expect(ChineseAddress.join(province: "上海市", city: "上海市", district: "浦东新区", street: "张江路 88 号") == "上海市浦东新区张江路 88 号")
        #expect(ChineseAddress.join(province: "江苏省", city: "苏州市", district: "姑苏区", street: nil) == "江苏省苏州市姑苏区")
        #expect(ChineseAddress.join(province: nil, city: "", district: nil, street: "望京 SOHO") == "望京 SOHO")
    }
}

struct ChineseRegionsTests {
    @Test func everyProvinceOnceAndItsCitiesUnderIt() {
        #expect(ChineseRegions.provinces.count == 34)
        #expect(Set(ChineseRegions.provinces.map(\.name)).count == 34 && Set(ChineseRegions.provinces.map(\.short)).count == 34)
        #expect(ChineseRegions.province(named: "浙江")?.name == "浙江省" && ChineseRegions.province(named: "广西")?.name == "广西壮族自治区")
        #expect(ChineseRegions.province(named: "浙江市") == nil)
        let zj = ChineseRegions.province(named: "浙江省")!
        #expect(ChineseRegions.city(named: "杭州", in: zj) == "杭州市" && ChineseRegions.city(named: "义乌市", in: zj) == nil)
        #expect(ChineseRegions.province(ofCity: "广州", otherThan: zj)?.name == "广东省")
        // Districts repeat across the country; only a city says which province it is.
        #expect(ChineseRegions.province(ofCity: "朝阳区", otherThan: zj) == nil)
        let hb = ChineseRegions.province(named: "湖北")!
        #expect(ChineseRegions.city(named: "恩施", in: hb) == "恩施土家族苗族自治州")
        #expect(ChineseRegions.city(named: "浦东", in: ChineseRegions.province(named: "上海")!) == "浦东新区")
    }
}
