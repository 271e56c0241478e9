import Paths
import Vapor

extension Paths.Pricing {
    /// The Pricing pages (regions, price lists, deviation, sightings): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(regions, use: PricePages.regions)
        pages.post(regions, use: PricePages.saveRegion)
        pages.get(editRegion, use: PricePages.editRegion)
        pages.post(region, use: PricePages.saveRegion)
        pages.get(priceLists, use: PricePages.lists)
        pages.get(newPriceList, use: PricePages.newList)
        pages.post(priceLists, use: PricePages.saveList)
        pages.get(priceList, use: PricePages.showList)
        pages.get(editPriceList, use: PricePages.editList)
        pages.post(priceList, use: PricePages.saveList)
        pages.get(deviation, use: PricePages.deviation)
        pages.get(sightings, use: SightingPages.list)
        pages.post(sightings, use: SightingPages.create)
        pages.get(sighting, use: SightingPages.show)
        pages.post(closeSighting, use: SightingPages.close)
    }
}
