extension Paths {
    /// Inter-branch transfers, transfer prices, branch results and the head-office view.
    public enum Branches {
        public static let transfers = PagePath("/branches/transfers")
        public static let transfer = PagePath("/branches/transfers/:id")
        public static let receiveTransfer = PagePath("/branches/transfers/:id/receive")
        public static let transferPrices = PagePath("/branches/transfer-prices")
        public static let results = PagePath("/branches/results")
        public static let resultDocuments = PagePath("/branches/results/documents")
        public static let headOffice = PagePath("/branches/hq")

        public static let all: [PagePath] = [
            transfers, transfer, receiveTransfer, transferPrices, results, resultDocuments, headOffice,
        ]
    }
}
