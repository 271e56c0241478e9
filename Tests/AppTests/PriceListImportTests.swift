import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing

/// A price sheet from the old system: rows set one product's price on one list, lists found by
/// code or made from the row, every refusal naming its column; a revert gives the lists back.
@Suite("Imports: price lists")
struct PriceListImportTests {
    @Test func aPriceSheetSetsListItemsMakesMissingListsAndReverts() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            let ma = f.products["MA"]!, fifo = f.products["FIFO"]!
            let east = try await PriceService.saveRegion(
                nil, .init(code: "EAST", name: "华东", provinces: ["上海市", "江苏省"]), version: nil, admin
            ).id
            let std = try await PriceService.saveList(
                nil,
                .init(
                    code: "STD", name: "标准价", validFrom: "2026-01-01",
                    items: [.init(productId: ma, unit: "袋", price: "10", floorPrice: "9")]),
                version: nil, admin
            ).list
            // A 管家婆-style sheet: its headers, a case barcode, full-width digits and a ¥ sign.
            let csv = """
                价格体系,价目表名称,价格区域,生效日期,商品编号,单位,预设售价,最低售价
                STD,,,,MA,袋,¥12.50,
                STD,,,,FIFO,,２０,
                EAST,华东价,华东,2026-01-01,690LIFO24,,48,50
                EAST,华东价,EAST,2026-01-01,MA,,9.90,
                NEW,,,,MA,,8,
                STD,,,,NOPE,,1,
                STD,,,,MA,袋,13,
                STD,,,,FIFO,盒,5,
                """
            let job = try await ImportService.upload(kind: "price_lists", fileName: "价格.csv", file: Data(csv.utf8), admin)
            #expect(
                ImportService.mapping(job) == ["listCode", "listName", "region", "validFrom", "product", "unit", "price", "floorPrice"])
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "upsert", matchKey: "product", intoPool: false),
                version: job.version, admin)
            let preview = try await ImportService.preview(job.id, admin)
            #expect(
                preview.map(\.outcome) == [
                    "would_update", "would_create", "refused", "would_create", "refused", "refused", "refused", "refused",
                ], "\(preview)")
            #expect(preview[2].field == "floorPrice" && preview[4].field == "listName" && preview[5].code == "import_product_not_found")
            #expect(preview[6].code == "duplicate_in_file" && preview[7].field == "unit" && preview[7].code == "unknown_unit")

            _ = try await ImportService.start(job.id, admin)
            let done = try #require(try await ImportService.runPending(t.system))
            #expect(done.status == "done" && done.created == 2 && done.updated == 1 && done.refused == 5)
            let stdAfter = try await PriceService.list(std.id, admin)
            #expect(
                Set(stdAfter.items.map { "\($0.productId)|\($0.unit)|\($0.price)|\($0.floorPrice ?? -1)" }) == [
                    "\(ma)|袋|12500000|9000000", "\(fifo)|袋|20000000|-1",
                ])
            let made = try #require(try await PricingQueries.list(code: "EAST", on: t.store))
            #expect(made.name == "华东价" && made.regionId == east && made.validFrom == "2026-01-01")
            #expect(try await PricingQueries.items(ofList: made.id, on: t.store).map(\.price) == [9_900_000])

            // Reverted: the standard list has its one item back, the list the import made is gone.
            let reverted = try await ImportService.revert(job.id, admin)
            #expect(reverted.status == "reverted")
            let stdBack = try await PriceService.list(std.id, admin)
            #expect(stdBack.items.map(\.price) == [10_000_000] && stdBack.items.map(\.floorPrice) == [9_000_000])
            #expect(try await PricingQueries.list(code: "EAST", on: t.store) == nil)

            // A list changed after the import is not reverted (and nothing else is).
            let again = try #require(
                try await ImportRunning.run(
                    t, kind: "price_lists", csv: "价目表编码,商品编码,售价\nSTD,FIFO,21\n", mode: "create", key: "product", as: admin))
            #expect(again.created == 1)
            let now = try await PriceService.list(std.id, admin)
            _ = try await PriceService.saveList(
                std.id,
                .init(
                    code: "STD", name: "标准价（调）", validFrom: now.list.validFrom,
                    items: now.items.map { .init(productId: $0.productId, unit: $0.unit, price: UnitPrice(units: $0.price).description) }),
                version: now.list.version, admin)
            await #expect(throws: DomainError.self) { _ = try await ImportService.revert(again.id, admin) }
            #expect(try await PriceService.list(std.id, admin).items.count == 2)
        }
    }

    /// A list the import saved in one batch and someone changed before the next is not put back
    /// by a revert: the versions of its batches no longer follow one another.
    @Test func aListChangedBetweenTwoBatchesOfTheImportIsNotReverted() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let admin = try await t.context(as: "admin")
            // STD in the first batch of 200 rows and again in the second.
            var csv = "价目表编码,价目表名称,商品编码,售价\nSTD,标准价,MA,10\n"
            for i in 1..<ImportService.batchSize { csv += "L\(i),片区价\(i),MA,9\n" }
            csv += "STD,标准价,FIFO,20\n"
            let job = try await ImportService.upload(kind: "price_lists", fileName: "价格.csv", file: Data(csv.utf8), admin)
            _ = try await ImportService.configure(
                job.id, .init(mapping: ImportService.mapping(job), mode: "upsert", matchKey: "product", intoPool: false),
                version: job.version, admin)
            _ = try await ImportService.start(job.id, admin)
            #expect(try await ImportService.runPending(batches: 1, t.system)?.processed == Int64(ImportService.batchSize))
            let std = try #require(try await PricingQueries.list(code: "STD", on: t.store))
            let items = try await PricingQueries.items(ofList: std.id, on: t.store)
            _ = try await PriceService.saveList(
                std.id,
                .init(
                    code: "STD", name: "标准价（改）", validFrom: std.validFrom,
                    items: items.map { .init(productId: $0.productId, unit: $0.unit, price: "11") }), version: std.version, admin)
            #expect(try await ImportService.runPending(t.system)?.status == "done")
            #expect(try await PricingQueries.items(ofList: std.id, on: t.store).count == 2)
            let refused = await #expect(throws: DomainError.self) { _ = try await ImportService.revert(job.id, admin) }
            #expect(refused?.code == "import_changed_since")
            #expect(try await PricingQueries.list(code: "STD", on: t.store)?.name == "标准价（改）", "nothing reverted")
            _ = f
        }
    }
}
