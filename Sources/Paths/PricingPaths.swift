extension Paths {
    /// Sales regions, price lists, the price-deviation report and cross-region (窜货) sightings.
    public enum Pricing {
        public static let regions = PagePath("/pricing/regions")
        public static let region = PagePath("/pricing/regions/:id")
        public static let editRegion = PagePath("/pricing/regions/:id/edit")
        public static let priceLists = PagePath("/pricing/price-lists")
        public static let newPriceList = PagePath("/pricing/price-lists/new")
        public static let priceList = PagePath("/pricing/price-lists/:id")
        public static let editPriceList = PagePath("/pricing/price-lists/:id/edit")
        public static let deviation = PagePath("/pricing/deviation")
        public static let sightings = PagePath("/pricing/sightings")
        public static let sighting = PagePath("/pricing/sightings/:id")
        public static let closeSighting = PagePath("/pricing/sightings/:id/close")

        public static let all: [PagePath] = [
            regions, region, editRegion, priceLists, newPriceList, priceList, editPriceList, deviation, sightings, sighting, closeSighting,
        ]
    }
}
