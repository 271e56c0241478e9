import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 窜货: record where a code was found (scan or type it), see who bought it, the open cases and
/// their history; close a case with what was done.
enum SightingPages {
    struct Form: Content { var code: String?; var province: String?; var city: String?; var place: String? }

    static func list(_ req: Request) async throws -> Response { try await page(req, Form(), error: nil) }

    static func page(_ req: Request, _ f: Form, error: (any Error)?) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let openOnly = req.query[String.self, at: "view"] != "all"
        let rows = try await SightingService.list(openOnly: openOnly, limit: limit, cursor: cursor, req.services)
        let partners = try await PageShell.names(.partners, rows.items.compactMap(\.buyerId), req)
        let users = try await PageShell.names(.users, rows.items.compactMap(\.sellerId), req)
        let regions = Dictionary(uniqueKeysWithValues: try await PriceService.regions(req.store).map { ($0.id, $0.name) })
        var model = ListModel(
            basePath: Paths.Pricing.sightings(), query: nil,
            filters: [
                .init(
                    name: "view", label: t("sighting.view"), options: [("open", t("sighting.view.open")), ("all", t("sighting.view.all"))],
                    selected: openOnly ? "open" : "all")
            ],
            columns: [
                .init(t("sighting.code")), .init(t("sighting.found")), .init(t("sighting.buyer")), .init(t("sighting.buyer_region")),
                .init(t("customer.owner")),
                .init(t("common.status")),
            ],
            rows: rows.items.map { s in
                [
                    CommonPages.link(s.code, Paths.Pricing.sighting(s.id)),
                    .text(s.province + (s.city ?? "") + (s.place.map { " · " + $0 } ?? "")),
                    .text(s.buyerId.flatMap { partners[$0] } ?? "—"), .text(s.buyerRegionId.flatMap { regions[$0] } ?? "—"),
                    .text(s.sellerId.flatMap { users[$0] } ?? "—"),
                    CommonPages.badge(
                        t("sighting.status." + s.status),
                        s.flagged && s.status == "open" ? "rejected" : s.status == "in_region" ? "approved" : ""),
                ]
            }, nextCursor: rows.nextCursor, emptyText: t(openOnly ? "sighting.no_open" : "list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var m = SightingsModel(list: model)
        if req.state.principal?.can(.channel, .create) == true {
            var form = SightingsModel.Form()
            form.csrf = req.state.csrf
            form.code = f.code
            form.province = f.province
            form.city = f.city
            form.place = f.place
            form.error = DealForms.errorOf(error, req)
            m.form = form
        }
        return PageShell.page(req, SightingViews.list(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let s = try await SightingService.record(.init(code: f.code, province: f.province, city: f.city, place: f.place), req.services)
            return PageShell.redirect(
                req, to: Paths.Pricing.sighting(s.id), flash: s.flagged ? "sighting.flagged" : "sighting.saved",
                kind: s.flagged ? .error : .success)
        } catch let e as DomainError where e.kind == .invalid {
            return try await page(req, f, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let s = try await SightingService.find(try req.id(), req.services)
        // A reporter beyond the sale's reach learns that it was sold, and in which branch.
        let saleVisible = SightingService.saleVisible(s, req.services)
        let buyer = saleVisible ? try await s.buyerId.asyncMap { try await InventoryQueries.partner($0, on: req.store) } ?? nil : nil
        let seller = try await PageShell.names(.users, [s.sellerId].compactMap { $0 }, req)
        let regions = Dictionary(uniqueKeysWithValues: try await PriceService.regions(req.store).map { ($0.id, $0.name) })
        let doc = saleVisible ? try await s.documentId.asyncMap { try await InventoryQueries.document($0, on: req.store) } ?? nil : nil
        let product = try await s.productId.asyncMap { try await InventoryQueries.product($0, on: req.store) } ?? nil
        var foundAt = s.province + (s.city ?? "")
        if let p = s.place { foundAt += " · " + p }
        if let r = s.regionId, let name = regions[r] { foundAt += "（" + name + "）" }
        let status: Node = CommonPages.badge(t("sighting.status." + s.status), s.flagged && s.status == "open" ? "rejected" : "")
        let productText: String = product.map { $0.code + " " + $0.name } ?? "—"
        let elsewhere = s.buyerId != nil && !saleVisible ? try await OrganisationQueries.branch(s.branchId, on: req.store)?.name : nil
        let buyerNode: Node =
            buyer == nil
            ? .text(elsewhere.map { t("sighting.sold_elsewhere", $0) } ?? t("sighting.no_sale"))
            : await PageShell.customerLink(buyer!.id, buyer!.name, req)
        let buyerRegion: String = s.buyerRegionId.flatMap { regions[$0] } ?? "—"
        let sellerName: String = saleVisible ? s.sellerId.flatMap { seller[$0] } ?? "—" : "—"
        let docNode: Node =
            doc.map {
                CommonPages.link(
                    $0.number + " · " + $0.postingDate, Paths.Inventory.document($0.id),
                    if: PageShell.mayOpen(req, .stock, branch: $0.branchId, owner: $0.ownerId))
            } ?? .text("—")
        var facts: [(String, Node)] = [
            (t("common.status"), status), (t("deal.product"), .text(productText)), (t("sighting.found"), .text(foundAt)),
            (t("sighting.buyer"), buyerNode), (t("sighting.buyer_region"), .text(buyerRegion)), (t("customer.owner"), .text(sellerName)),
            (t("sighting.sold_on"), docNode), (t("sighting.reported"), .text(PageShell.date(s.createdAt, req.state.lang))),
        ]
        if let r = s.resolution { facts.append((t("sighting.resolution"), .text(r))) }
        var m = SightingModel()
        m.id = s.id
        m.code = s.code
        m.facts = facts
        m.mayClose = s.status == "open" && req.state.principal?.can(.channel, .edit) == true
        m.csrf = req.state.csrf
        return PageShell.page(req, SightingViews.sighting(PageShell.context(req), m))
    }

    static func close(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var resolution: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await SightingService.close(id, resolution: f.resolution, req.services)
            return PageShell.redirect(req, to: Paths.Pricing.sighting(id), flash: "sighting.closed")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Pricing.sighting(id), error: e)
        }
    }
}
