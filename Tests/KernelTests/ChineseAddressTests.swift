import Kernel
import Testing

struct ChineseAddressTests {
    @Test func aMunicipalityIsWrittenOnce() {
        #expect(ChineseAddress.join(province: "上海市", city: "上海市", district: "浦东新区", street: "张江路 88 号") == "上海市浦东新区张江路 88 号")
        #expect(ChineseAddress.join(province: "江苏省", city: "苏州市", district: "姑苏区", street: nil) == "江苏省苏州市姑苏区")
        #expect(ChineseAddress.join(province: nil, city: "", district: nil, street: "望京 SOHO") == "望京 SOHO")
    }
}
