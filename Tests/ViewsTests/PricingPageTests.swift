import Testing

@testable import Views

/// Regions, price lists, price deviation and cross-region sightings.
struct PricingPageTests {
    static let ctx = PageSnapshotTests.context(.zhCN)

    @Test func regionFormWithAProvinceError() {
        var m = RegionsModel()
        var f = RegionsModel.Form()
        f.action = "/pricing/regions"
        f.csrf = "CSRF"
        f.code = "SW"
        f.name = "西南区"
        f.provinces = "四川、火星"
        f.error = (field: "provinces[1]", message: "“火星”不是省份。")
        m.form = f
        let html = PricingViews.regions(Self.ctx, m)
        #expect(!html.contains("form-error"), "a province error shows beside the provinces")
        assertSnapshot(html, named: "regions-form")
    }

    @Test func priceListForm() {
        var m = PriceListFormModel()
        m.title = "新建价格表"
        m.action = "/pricing/price-lists"
        m.cancel = "/pricing/price-lists"
        m.csrf = "CSRF"
        m.code = "P-SW"
        m.validFrom = "2026-11-01"
        m.regions = [("1", "西南区")]
        m.levels = [("A", "A")]
        m.items = [["product": "690KL24", "price": "66"], [:]]
        m.error = (field: "items[0].productId", message: "找不到编码或条码为“690KL24”的商品。")
        let html = PricingViews.listForm(Self.ctx, m)
        #expect(html.contains("form-error") && html.contains(#"value="690KL24""#))
        assertSnapshot(html, named: "price-list-form")
    }

    @Test func deviationWithLinesUnderTheFloor() {
        var m = DeviationModel()
        m.groups = ["region", "product", "salesperson"]
        m.from = "2026-11-01"
        m.to = "2026-11-30"
        m.rows = [
            .init(
                key: "西南区", lines: "3", listAmount: "1000.00", actualAmount: "900.00", deviation: "-100.00", belowFloor: "1", warn: true)
        ]
        assertSnapshot(PricingViews.deviation(Self.ctx, m), named: "price-deviation")
    }

    @Test func anOpenSightingCanBeClosed() {
        var m = SightingModel()
        m.id = 2
        m.code = "LOT-7"
        m.facts = [("发现地", .text("上海（华东区）"))]
        m.mayClose = true
        m.csrf = "CSRF"
        assertSnapshot(SightingViews.sighting(Self.ctx, m), named: "sighting")
    }
}
