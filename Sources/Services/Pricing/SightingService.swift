import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence

/// Cross-region selling (窜货): every batch or serial sold is tied, through the delivery that
/// took it out, to the customer who bought it and that customer's region. A sighting records
/// where a code was found; it is flagged when the place is outside the buyer's region, naming
/// the buyer and the salesperson, who is told; flagged sightings are open cases until closed.
public enum SightingService {
    public struct Input: Sendable {
        public var code: String?
        public var productId: Int64?
        public var province: String?
        public var city: String?
        public var place: String?
        public init(code: String? = nil, productId: Int64? = nil, province: String? = nil, city: String? = nil, place: String? = nil) {
            self.code = code
            self.productId = productId
            self.province = province
            self.city = city
            self.place = place
        }
    }

    /// Who bought a batch or serial: the latest posted delivery that took it out.
    public struct Sale: Sendable, Equatable {
        public var documentId: Int64
        public var documentNumber: String
        public var date: String
        public var productId: Int64
        public var buyer: PartnerRow
        public var regionId: Int64?
    }

    public static func trace(code: String, productId: Int64?, _ store: Store) async throws -> Sale? {
        guard let r = try await PricingQueries.lastDelivery(ofBatch: code, product: productId, on: store),
            let buyer = try await InventoryQueries.partner(r.partnerId, on: store)
        else {
            return nil
        }
        return Sale(
            documentId: r.documentId, documentNumber: r.number, date: r.postingDate, productId: r.productId, buyer: buyer,
            regionId: PriceService.regionOf(buyer, try await PriceService.regions(store)))
    }

    public static func record(_ input: Input, _ ctx: ServiceContext) async throws -> SightingRow {
        try ctx.require(.channel, .create)
        return try await ctx.write { ctx in
            let code = try Validate.required(input.code?.trimmingCharacters(in: .whitespaces), "code", max: 64)
            _ = try Validate.required(input.province, "province", max: 20)
            let located = try Validate.address(province: input.province, city: input.city, district: nil)
            let province = located.province ?? "", city = located.city
            let place = try Validate.optional(input.place, "place", max: 200)
            if let p = input.productId, try await InventoryQueries.product(p, on: ctx.store) == nil {
                throw DomainError.invalid("productId", code: "not_found")
            }
            let regions = try await PriceService.regions(ctx.store)
            let foundRegion = regions.first { $0.active && $0.provinceList.contains(province) }?.id
            let sale = try await trace(code: code, productId: input.productId, ctx.store)
            var flagged = false
            if let sale, let buyerRegion = sale.regionId, let r = regions.first(where: { $0.id == buyerRegion }) {
                flagged = !r.provinceList.contains(province)
            }
            let now = ctx.nowMillis
            let id = try await PricingWrites.insert(
                PricingWrites.Sighting(
                    code: code, productId: sale?.productId ?? input.productId, province: province, city: city, place: place,
                    regionId: foundRegion, buyerId: sale?.buyer.id, buyerRegionId: sale?.regionId, sellerId: sale?.buyer.ownerId,
                    documentId: sale?.documentId, flagged: flagged, status: flagged ? "open" : sale == nil ? "unknown" : "in_region",
                    reportedBy: ctx.principal?.userId, branchId: sale?.buyer.branchId ?? ctx.principal?.branchId ?? 1),
                at: now, on: ctx.store)
            if flagged, let seller = sale?.buyer.ownerId {
                try await NotificationService.send(
                    [
                        .init(
                            userId: seller, kind: "notify.sighting", args: [code, sale!.buyer.name, province],
                            link: Paths.Pricing.sighting(id))
                    ],
                    ctx.store, at: now)
            }
            try await ctx.audit(
                "record", "sighting", id,
                [
                    FieldChange("code", old: nil, new: code), FieldChange("province", old: nil, new: province),
                    FieldChange("flagged", old: nil, new: String(flagged)),
                ])
            return try await find(id, ctx)
        }
    }

    /// Whether the user may know who bought what was sighted: the sale lies in their channel
    /// scope. A reporter beyond it learns that it was sold, and in which branch, no more.
    public static func saleVisible(_ s: SightingRow, _ ctx: ServiceContext) -> Bool {
        guard let p = ctx.principal else { return true }
        return p.rowScope(.channel, .view)?.contains(branch: s.branchId, department: nil, owner: s.sellerId) == true
    }

    /// The same for a trace of a batch or serial, before anything is recorded.
    public static func saleVisible(_ sale: Sale, _ ctx: ServiceContext) -> Bool {
        guard let p = ctx.principal else { return true }
        return p.rowScope(.channel, .view)?.contains(branch: sale.buyer.branchId, department: nil, owner: sale.buyer.ownerId) == true
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> SightingRow {
        let scope = try ctx.require(.channel, .view)
        guard let s = try await PricingQueries.sighting(id, on: ctx.store),
            scope.contains(branch: s.branchId, department: nil, owner: s.sellerId) || s.reportedBy == ctx.principal?.userId
        else { throw DomainError.notFound }
        return s
    }

    public static func list(openOnly: Bool, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<SightingRow> {
        let scope = try ctx.require(.channel, .view)
        let rows = try await PricingQueries.sightings(scope, openOnly: openOnly, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// Closes an open case with what was done about it.
    public static func close(_ id: Int64, resolution: String?, _ ctx: ServiceContext) async throws -> SightingRow {
        try ctx.require(.channel, .edit)
        return try await ctx.write { ctx in
            let s = try await find(id, ctx)
            guard s.status == "open" else { throw DomainError(.conflict, code: "invalid_transition", args: [s.code, s.status, "close"]) }
            let text = try Validate.required(resolution, "resolution", max: 500)
            try await PricingWrites.close(sighting: id, resolution: text, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit("close", "sighting", id, [FieldChange("resolution", old: nil, new: text)])
            return try await find(id, ctx)
        }
    }
}
