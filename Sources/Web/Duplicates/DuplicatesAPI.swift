import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1/duplicates (the finder's pairs, scans, "not the same") and /api/v1/merges (preview,
/// merge, undo).
enum DuplicatesAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("duplicates", "scans", ":id", use: scan)
        authed.get("duplicates", "quality", use: quality)
        authed.get("duplicates", "quality", "export", use: DuplicatePages.exportQuality)
        // Customers under /duplicates and /merges; contacts under /contact-duplicates and /contact-merges.
        for (entity, pairs, merges) in [
            (DuplicateService.Entity.customer, "duplicates", "merges"), (.contact, "contact-duplicates", "contact-merges"),
            (.product, "product-duplicates", "product-merges"),
        ] {
            authed.get(.constant(pairs), use: self.pairs(entity))
            authed.post(.constant(pairs), "scans", use: startScan(entity))
            authed.post(.constant(pairs), "dismissals", use: dismiss(entity))
            authed.get(.constant(merges), use: self.merges(entity))
            authed.get(.constant(merges), "preview", use: preview(entity))
            authed.post(.constant(merges), use: merge(entity))
            authed.get(.constant(merges), ":id", use: show(entity))
            authed.post(.constant(merges), ":id", "undo", use: undo(entity))
        }
    }

    struct ScanDTO: Encodable {
        var id: String
        var status: String
        var scanned: Int64
        var pairs: Int64
        var clusters: Int64
        var createdAt: String?
        var finishedAt: String?
        init(_ s: DuplicateScanRow) {
            id = String(s.id); status = s.status; scanned = s.scanned; pairs = s.pairs; clusters = s.clusters
            createdAt = ISOTime.string(s.createdAt); finishedAt = ISOTime.string(s.finishedAt)
        }
    }

    struct Named: Encodable {
        var id: String
        var code: String
        var name: String
    }

    struct PairDTO: Encodable {
        var score: Int64
        var reasons: [String]
        var cluster: String
        var a: Named
        var b: Named
        init(_ p: DuplicatePairRow) {
            score = p.score; reasons = p.reasons.split(separator: ",").map(String.init); cluster = String(p.clusterId)
            a = Named(id: String(p.aId), code: p.aCode, name: p.aName); b = Named(id: String(p.bId), code: p.bCode, name: p.bName)
        }
    }

    struct PairsBody: Encodable {
        var scan: ScanDTO?
        var items: [PairDTO]
        var nextCursor: String?

        /// `nextCursor` is always there (null on the last page), as on every list.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(scan, forKey: .scan)
            try c.encode(items, forKey: .items)
            try c.encode(nextCursor, forKey: .nextCursor)
        }
        enum CodingKeys: String, CodingKey { case scan, items, nextCursor }
    }

    static func pairs(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in
            let (limit, cursor) = try req.paging()
            let (scan, page) = try await DuplicateService.pairs(
                entity: entity, cluster: try APIID.query(req, "cluster"), customer: try APIID.query(req, "customerId"), limit: limit,
                cursor: cursor, req.services)
            return try PairsBody(scan: scan.map(ScanDTO.init), items: page.items.map(PairDTO.init), nextCursor: page.nextCursor)
                .jsonResponse()
        }
    }

    static func startScan(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in try ScanDTO(try await DuplicateService.startScan(entity: entity, req.services)).jsonResponse(status: .accepted) }
    }

    static func scan(_ req: Request) async throws -> Response {
        try ScanDTO(try await DuplicateService.scan(try req.id(), req.services)).jsonResponse()
    }

    struct DismissBody: Decodable {
        var aId: String?
        var bId: String?
    }

    static func dismiss(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in
            _ = try req.services.require(entity.module, .edit)
            let b = try req.decodeJSON(DismissBody.self)
            guard let a = try APIID.parse(b.aId, field: "aId") else { throw DomainError.required("aId") }
            guard let other = try APIID.parse(b.bId, field: "bId") else { throw DomainError.required("bId") }
            try await DuplicateService.dismiss(a, other, entity: entity, req.services)
            return Response(status: .noContent)
        }
    }

    struct SideDTO: Encodable {
        var field: String
        var survivor: String?
        var merged: String?
        var proposed: String
    }

    struct PreviewDTO: Encodable {
        var survivor: Named
        var survivorVersion: Int64
        var merged: Named
        var mergedVersion: Int64
        var fields: [SideDTO]
        var moves: [String: Int]
    }

    static func preview(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in
            _ = try req.services.require(entity.module, entity.mergeRight)
            guard let s = try APIID.query(req, "survivorId") else { throw DomainError.required("survivorId") }
            guard let m = try APIID.query(req, "mergedId") else { throw DomainError.required("mergedId") }
            let (survivor, merged, fields, moves): ((Named, Int64), (Named, Int64), [MergeService.Side], [String: Int])
            if entity == .product {
                let p = try await ProductMergeService.preview(survivor: s, merged: m, req.services)
                (survivor, merged, fields, moves) = (
                    (Named(id: String(p.survivor.id), code: p.survivor.code, name: p.survivor.name), p.survivor.version),
                    (Named(id: String(p.merged.id), code: p.merged.code, name: p.merged.name), p.merged.version), p.fields, p.moves
                )
            } else if entity == .contact {
                let p = try await ContactMergeService.preview(survivor: s, merged: m, req.services)
                (survivor, merged, fields, moves) = (
                    (Named(id: String(p.survivor.id), code: String(p.survivor.partnerId), name: p.survivor.name), p.survivor.version),
                    (Named(id: String(p.merged.id), code: String(p.merged.partnerId), name: p.merged.name), p.merged.version),
                    p.fields, p.moves
                )
            } else {
                let p = try await MergeService.preview(survivor: s, merged: m, req.services)
                (survivor, merged, fields, moves) = (
                    (Named(id: String(p.survivor.id), code: p.survivor.code, name: p.survivor.name), p.survivor.version),
                    (Named(id: String(p.merged.id), code: p.merged.code, name: p.merged.name), p.merged.version), p.fields, p.moves
                )
            }
            return try PreviewDTO(
                survivor: survivor.0, survivorVersion: survivor.1, merged: merged.0, mergedVersion: merged.1,
                fields: fields.map { SideDTO(field: $0.field, survivor: $0.survivor, merged: $0.merged, proposed: $0.proposed) },
                moves: moves
            ).jsonResponse()
        }
    }

    struct MergeBody: Decodable {
        var survivorId: String?
        var mergedId: String?
        var choices: [String: String]?
        var survivorVersion: Int64?
        var mergedVersion: Int64?
    }

    struct MergeDTO: Encodable {
        var id: String
        var survivor: Named
        var merged: Named
        var moved: [String: Int]
        var createdAt: String?
        var createdBy: String?
        var undoneAt: String?
        var undoUntil: String?
        /// A contact's `code` is its customer's id (a contact has no code of its own).
        init(_ mg: MergeRow) {
            id = String(mg.id)
            if mg.entity == DuplicateService.Entity.product.rawValue {
                let records = try? ProductMergeService.records(mg)
                survivor = Named(
                    id: String(mg.survivorId), code: records?.survivorBefore.product.code ?? "",
                    name: records?.survivorBefore.product.name ?? "")
                merged = Named(id: String(mg.mergedId), code: records?.merged.product.code ?? "", name: mg.mergedName)
            } else if mg.entity == DuplicateService.Entity.contact.rawValue {
                let records = try? ContactMergeService.records(mg)
                survivor = Named(
                    id: String(mg.survivorId), code: records.map { String($0.survivorBefore.partnerId) } ?? "",
                    name: records?.survivorBefore.name ?? "")
                merged = Named(id: String(mg.mergedId), code: records.map { String($0.merged.partnerId) } ?? "", name: mg.mergedName)
            } else {
                let records = try? MergeService.records(mg)
                survivor = Named(
                    id: String(mg.survivorId), code: records?.survivorBefore.code ?? "", name: records?.survivorBefore.name ?? "")
                merged = Named(id: String(mg.mergedId), code: records?.merged.code ?? "", name: mg.mergedName)
            }
            moved = MergeService.moved(mg); createdAt = ISOTime.string(mg.createdAt); createdBy = mg.createdBy.map(String.init)
            undoneAt = ISOTime.string(mg.undoneAt)
            undoUntil = mg.undoneAt == nil ? ISOTime.string(mg.createdAt + MergeService.undoDays * 86_400_000) : nil
        }
    }

    static func merge(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in
            _ = try req.services.require(entity.module, entity.mergeRight)
            let b = try req.decodeJSON(MergeBody.self)
            guard let s = try APIID.parse(b.survivorId, field: "survivorId") else { throw DomainError.required("survivorId") }
            guard let m = try APIID.parse(b.mergedId, field: "mergedId") else { throw DomainError.required("mergedId") }
            let mg = try await merging(
                entity, survivor: s, merged: m, choices: b.choices ?? [:], versions: (b.survivorVersion, b.mergedVersion), req.services)
            return try MergeDTO(mg).jsonResponse(status: .created)
        }
    }

    /// A merge of either kind, for the API and the page alike.
    static func merging(
        _ entity: DuplicateService.Entity, survivor s: Int64, merged m: Int64, choices: [String: String],
        versions: (Int64?, Int64?), _ ctx: ServiceContext
    ) async throws -> MergeRow {
        let (sv, mv) = versions
        if entity == .product {
            return try await ProductMergeService.merge(
                survivor: s, merged: m, choices: choices, survivorVersion: sv, mergedVersion: mv, ctx)
        }
        if entity == .contact {
            return try await ContactMergeService.merge(
                survivor: s, merged: m, choices: choices, survivorVersion: sv, mergedVersion: mv, ctx)
        }
        return try await MergeService.merge(survivor: s, merged: m, choices: choices, survivorVersion: sv, mergedVersion: mv, ctx)
    }

    static func merges(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in
            let (limit, cursor) = try req.paging()
            let page = try await MergeService.list(
                entity: entity, survivor: try APIID.query(req, "survivorId"), limit: limit, cursor: cursor, req.services)
            return try ListBody(items: page.items.map(MergeDTO.init), nextCursor: page.nextCursor).jsonResponse()
        }
    }

    static func show(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in try MergeDTO(try await found(entity, req)).jsonResponse() }
    }

    static func found(_ entity: DuplicateService.Entity, _ req: Request) async throws -> MergeRow {
        _ = try req.services.require(entity.module, .view)
        let mg = try await MergeService.find(try req.id(), req.services)
        guard mg.entity == entity.rawValue else { throw DomainError.notFound }
        return mg
    }

    static func undo(_ entity: DuplicateService.Entity) -> @Sendable (Request) async throws -> Response {
        { req in
            _ = try req.services.require(entity.module, entity.mergeRight)
            return try MergeDTO(try await MergeService.undo(try await found(entity, req).id, req.services)).jsonResponse()
        }
    }

    struct QualityBody: Encodable {
        struct Count: Encodable {
            var check: String
            var count: Int64
        }
        struct Item: Encodable {
            var id: String
            var code: String
            var name: String
            var phone: String?
            var uscc: String?
            var province: String?
            var lastActivityAt: String?
        }
        var checks: [Count]
        var items: [Item]?
        var nextCursor: String?
    }

    /// Each cleansing check with its count; `?check=` adds a page of the customers it finds.
    static func quality(_ req: Request) async throws -> Response {
        let ctx = req.services
        _ = try ctx.require(.customers, .view)
        let check = try DuplicatePages.check(req)
        let (limit, cursor) = try req.paging()
        var body = QualityBody(
            checks: try await QualityService.summary(ctx).map { .init(check: $0.check.rawValue, count: $0.count) }, items: nil,
            nextCursor: nil)
        if let check {
            let page = try await QualityService.list(check, limit: limit, cursor: cursor, ctx)
            body.items = page.items.map {
                .init(
                    id: String($0.id), code: $0.code, name: $0.name, phone: $0.phone, uscc: $0.uscc, province: $0.province,
                    lastActivityAt: ISOTime.string($0.lastActivityAt))
            }
            body.nextCursor = page.nextCursor
        }
        return try body.jsonResponse()
    }
}
