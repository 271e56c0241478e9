import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import SQLKit

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
        struct R: Decodable {
            var documentId: Int64; var number: String; var postingDate: String; var productId: Int64; var partnerId: Int64
        }
        var q: SQLQueryString = """
            SELECT d.id AS document_id, d.number, d.posting_date, l.product_id, d.partner_id FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id
            WHERE l.batch = \(bind: code) AND d.doc_type = 'salesDelivery' AND d.status = \(state: StockDocumentFlow.State.posted) AND d.reversal_of IS NULL AND d.partner_id IS NOT NULL
            """
        if let p = productId { q += " AND l.product_id = \(bind: p)" }
        q += " ORDER BY d.posting_date DESC, d.id DESC LIMIT 1"
        guard let r = try await store.first(q, as: R.self), let buyer = try await InventoryQueries.partner(r.partnerId, on: store) else {
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
            let province = try Validate.required(input.province, "province", max: 20)
            let city = try Validate.optional(input.city, "city", max: 40)
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
            let id = try await ctx.store.insertReturningID(
                """
                INSERT INTO sightings (code, product_id, province, city, place, region_id, buyer_id, buyer_region_id, seller_id, document_id, flagged, status,
                    reported_by, branch_id, created_at)
                VALUES (\(bind: code), \(bind: sale?.productId ?? input.productId), \(bind: province), \(bind: city), \(bind: place), \(bind: foundRegion),
                    \(bind: sale?.buyer.id), \(bind: sale?.regionId), \(bind: sale?.buyer.ownerId), \(bind: sale?.documentId), \(bind: flagged),
                    \(bind: flagged ? "open" : sale == nil ? "unknown" : "in_region"), \(bind: ctx.principal?.userId), \(bind: sale?.buyer.branchId ?? ctx.principal?.branchId ?? 1),
                    \(bind: now))
                """)
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
        guard let s = try await ctx.store.first("SELECT * FROM sightings WHERE id = \(bind: id)", as: SightingRow.self),
            scope.contains(branch: s.branchId, department: nil, owner: s.sellerId) || s.reportedBy == ctx.principal?.userId
        else { throw DomainError.notFound }
        return s
    }

    public static func list(openOnly: Bool, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<SightingRow> {
        let scope = try ctx.require(.channel, .view)
        var q: SQLQueryString = "SELECT * FROM sightings WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "seller_id"))
        if openOnly { q += " AND flagged = \(bind: true) AND status = 'open'" }
        if let c = cursor { q += " AND id < \(bind: c.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        return Cursor.page(try await ctx.store.all(q, as: SightingRow.self), limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// Closes an open case with what was done about it.
    public static func close(_ id: Int64, resolution: String?, _ ctx: ServiceContext) async throws -> SightingRow {
        try ctx.require(.channel, .edit)
        return try await ctx.write { ctx in
            let s = try await find(id, ctx)
            guard s.status == "open" else { throw DomainError(.conflict, code: "invalid_transition", args: [s.code, s.status, "close"]) }
            let text = try Validate.required(resolution, "resolution", max: 500)
            try await ctx.store.run(
                "UPDATE sightings SET status = 'closed', resolution = \(bind: text), closed_at = \(bind: ctx.nowMillis) WHERE id = \(bind: id)"
            )
            try await ctx.audit("close", "sighting", id, [FieldChange("resolution", old: nil, new: text)])
            return try await find(id, ctx)
        }
    }
}
