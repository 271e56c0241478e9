import Foundation
import Kernel
import Persistence

/// The duplicate finder over stored customers (数据清洗): a scan runs as a job on the server,
/// keeps its pairs with score and reasons, and the review list shows each person the pairs whose
/// both records they may see. A pair marked "not the same" stays out of later scans' lists.
public enum DuplicateService {
    /// What a scan looks through: customers (companies) or contacts (people).
    public enum Entity: String, Sendable, CaseIterable {
        case customer, contact, product

        /// The module whose rights reach the records.
        public var module: Module { self == .product ? .products : .customers }
        /// The right a merge (and so a scan) takes: deleting the other customer or product; contacts
        /// are changes to their customers.
        public var mergeRight: Action { self == .contact ? .edit : .delete }
    }

    /// A scan left by a stopped server is taken up again after this long.
    static let leaseMillis: Int64 = 30 * 60 * 1000
    static let pageSize = 5_000

    /// Asks for a scan of the customers; one already waiting or running is answered instead.
    /// Needs `customers.delete`, the right that merging takes.
    /// Contacts need `customers.edit`, the right their merge takes.
    public static func startScan(entity: Entity = .customer, _ ctx: ServiceContext) async throws -> DuplicateScanRow {
        _ = try ctx.require(entity.module, entity.mergeRight)
        return try await ctx.write { tx in
            if let pending = try await DuplicateQueries.pendingScan(entity: entity.rawValue, on: tx.store) { return pending }
            let id = try await DuplicateQueries.queueScan(
                entity: entity.rawValue, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await tx.audit("scan", "duplicates", id, [])
            return try await DuplicateQueries.scan(id, on: tx.store)!
        }
    }

    /// One scan, for those who see what it scanned (customers and contacts, or products).
    public static func scan(_ id: Int64, _ ctx: ServiceContext) async throws -> DuplicateScanRow {
        if let p = ctx.principal, !p.can(.customers, .view), !p.can(.products, .view) { throw DomainError.forbidden }
        guard let s = try await DuplicateQueries.scan(id, on: ctx.store) else { throw DomainError.notFound }
        _ = try ctx.require((Entity(rawValue: s.entity) ?? .customer).module, .view)
        return s
    }

    /// The newest finished scan, and one waiting or running if any.
    public static func status(
        entity: Entity = .customer, _ ctx: ServiceContext
    ) async throws -> (latest: DuplicateScanRow?, pending: DuplicateScanRow?) {
        _ = try ctx.require(entity.module, .view)
        return (
            try await DuplicateQueries.latestScan(entity: entity.rawValue, on: ctx.store),
            try await DuplicateQueries.pendingScan(entity: entity.rawValue, on: ctx.store)
        )
    }

    /// Runs the oldest waiting scan, if any, to the end (the server's worker calls this).
    @discardableResult
    public static func runPending(_ system: ServiceContext) async throws -> DuplicateScanRow? {
        let now = system.nowMillis
        guard
            let scan = try await system.write({ tx in
                try await DuplicateQueries.claimScan(now: now, leaseUntil: now + leaseMillis, on: tx.store)
            })
        else { return nil }
        var finder = DuplicateFinder()
        let scanned: Int
        switch Entity(rawValue: scan.entity) ?? .customer {
        case .customer: scanned = try await collect(into: &finder, system.store)
        case .contact: scanned = try await collectContacts(into: &finder, system.store)
        case .product: scanned = try await collectProducts(into: &finder, system.store)
        }
        let pairs = finder.pairs()
        let clusters = DuplicateFinder.clusters(pairs)
        try await system.write { tx in
            try await DuplicateQueries.finishScan(
                scan.id, scanned: Int64(scanned),
                pairs: pairs.map {
                    .init(
                        a: $0.a, b: $0.b, score: Int64($0.score), reasons: $0.reasons.map(\.code).joined(separator: ","),
                        cluster: $0.cluster)
                }, clusters: Int64(clusters), at: tx.nowMillis, on: tx.store)
        }
        return try await DuplicateQueries.scan(scan.id, on: system.store)
    }

    /// Reads a table a page at a time in id order, handing each page to `body`; answers the rows read.
    static func eachPage<Row>(
        _ fetch: (_ after: Int64, _ limit: Int) async throws -> [Row], id: (Row) -> Int64, _ body: ([Row]) -> Void
    ) async throws -> Int {
        var after: Int64 = 0
        var count = 0
        while true {
            let rows = try await fetch(after, pageSize)
            guard let last = rows.last else { return count }
            body(rows)
            count += rows.count
            after = id(last)
        }
    }

    /// Reads every customer and contact a page at a time into the finder; answers how many
    /// customers were read.
    public static func collect(into finder: inout DuplicateFinder, _ store: Store) async throws -> Int {
        let count = try await eachPage({ try await DuplicateQueries.customers(after: $0, limit: $1, on: store) }, id: \.id) { rows in
            for c in rows {
                let street = ChineseAddress.join(province: c.province, city: c.city, district: c.district, street: c.street)
                finder.add(c.id, name: c.name, phones: [c.phone], emails: [c.email], address: (c.street ?? "").isEmpty ? c.address : street)
            }
        }
        _ = try await eachPage({ try await DuplicateQueries.contacts(after: $0, limit: $1, on: store) }, id: \.id) { rows in
            for c in rows { finder.add(c.partnerId, phones: [c.mobile, c.phone], emails: [c.email]) }
        }
        return count
    }

    /// Reads every contact into the finder: a person is the same when their mobile, phone or
    /// e-mail is, or their name (or its sound) is, at one customer. Answers how many were read.
    public static func collectContacts(into finder: inout DuplicateFinder, _ store: Store) async throws -> Int {
        try await eachPage({ try await DuplicateQueries.contacts(after: $0, limit: $1, on: store) }, id: \.id) { rows in
            for c in rows { finder.add(c.id, person: c.name, at: c.partnerId, phones: [c.mobile, c.phone], emails: [c.email]) }
        }
    }

    /// Reads every product into the finder: the same goods when the name with its spec is the same
    /// (script, width, case and spacing set aside) or sounds the same. Answers how many were read.
    public static func collectProducts(into finder: inout DuplicateFinder, _ store: Store) async throws -> Int {
        try await eachPage({ try await DuplicateQueries.products(after: $0, limit: $1, on: store) }, id: \.id) { rows in
            for p in rows { finder.add(p.id, goods: p.name + " " + (p.spec ?? "")) }
        }
    }

    /// The latest scan's pairs the reader sees both sides of, best first; `cluster` or `customer`
    /// narrow them (for contacts, `customer`: pairs with a contact of that customer).
    public static func pairs(
        entity: Entity = .customer, cluster: Int64? = nil, customer: Int64? = nil, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> (scan: DuplicateScanRow?, page: Page<DuplicatePairRow>) {
        let scope = try ctx.require(entity.module, .view)
        guard let scan = try await DuplicateQueries.latestScan(entity: entity.rawValue, on: ctx.store) else {
            return (nil, Page(items: [], nextCursor: nil))
        }
        let page: Page<DuplicatePairRow>
        switch entity {
        case .contact:
            page = try await DuplicateQueries.contactPairs(
                scan: scan.id, scope: scope, cluster: cluster, customer: customer, limit: limit, cursor: cursor, on: ctx.store)
        case .product:
            page = try await DuplicateQueries.productPairs(scan: scan.id, cluster: cluster, limit: limit, cursor: cursor, on: ctx.store)
        case .customer:
            page = try await DuplicateQueries.pairs(
                scan: scan.id, scope: scope, cluster: cluster, customer: customer, limit: limit, cursor: cursor, on: ctx.store)
        }
        return (scan, page)
    }

    /// Marks two customers as not the same company: the pair leaves the list for good.
    public static func dismiss(_ a: Int64, _ b: Int64, entity: Entity = .customer, _ ctx: ServiceContext) async throws {
        _ = try ctx.require(entity.module, .edit)
        guard a != b else { throw DomainError.invalid("bId", code: "merge_same_record") }
        if entity == .product {
            try await ctx.write { tx in
                let (x, y) = try await ProductMergeService.pair(a, b, tx)
                try await DuplicateQueries.dismiss(
                    entity: entity.rawValue, a: a, b: b, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
                try await tx.audit(
                    "dismiss", "duplicates", min(a, b), [FieldChange("a", old: nil, new: x.name), FieldChange("b", old: nil, new: y.name)])
            }
            return
        }
        if entity == .contact {
            try await ctx.write { tx in
                let (x, y, xp, _) = try await ContactMergeService.pair(a, b, tx)
                try await DuplicateQueries.dismiss(
                    entity: entity.rawValue, a: a, b: b, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
                try await tx.audit(
                    "dismiss", "duplicates", min(a, b), branch: xp.branchId,
                    [FieldChange("a", old: nil, new: x.name), FieldChange("b", old: nil, new: y.name)])
            }
            return
        }
        try await ctx.write { tx in
            let x = try await CustomerService.findForEdit(a, .edit, tx)
            let y = try await CustomerService.findForEdit(b, .edit, tx)
            try await DuplicateQueries.dismiss(entity: "customer", a: a, b: b, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await tx.audit(
                "dismiss", "duplicates", min(a, b), branch: x.branchId,
                [FieldChange("a", old: nil, new: x.name), FieldChange("b", old: nil, new: y.name)])
        }
    }
}
