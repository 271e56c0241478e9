import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum ActivityWebPages {
    struct Form: Content {
        var partnerId: String?; var contactId: String?; var kind: String?; var content: String?; var nextFollowUp: String?
        var latitude: String?; var longitude: String?; var accuracy: String?
    }

    /// The quick form on the profile posts here; a refused one comes back on the profile with
    /// what was typed and the reason.
    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        guard let pid = PageShell.id(f.partnerId) else { throw DomainError.notFound }
        do {
            _ = try await ActivityService.create(
                .init(
                    partnerId: pid, contactId: PageShell.id(f.contactId), kind: f.kind, content: f.content,
                    nextFollowUp: f.nextFollowUp, latitude: f.latitude, longitude: f.longitude,
                    accuracy: f.accuracy.flatMap { Int64($0) }), req.services)
            return PageShell.redirect(req, to: Paths.CRM.customer(pid) + "#timeline-title", flash: "activity.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let contacts = try await CRMQueries.contacts(of: pid, on: req.store)
            let draft = FollowUpForm(
                action: Paths.CRM.activities(), csrf: req.state.csrf, partnerId: String(pid),
                contacts: contacts.map { (String($0.id), $0.name) },
                kind: f.kind ?? "call", content: f.content ?? "", nextFollowUp: f.nextFollowUp ?? "",
                error: ConcordErrorMiddleware.message(e, req.t))
            return try await CustomerWebPages.profile(req, id: pid, followUp: draft)
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let kind = req.query[String.self, at: "kind"], partner = PageShell.id(req.query[String.self, at: "partnerId"])
        let mine = req.query[String.self, at: "mine"]
        let page = try await ActivityService.list(
            filter: .init(partnerId: partner, ownerId: mine == "1" ? req.state.principal?.userId : nil, kind: kind),
            limit: limit, cursor: cursor, req.services)
        let users = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
        let partners = try await PageShell.names(.partners, page.items.compactMap(\.partnerId), req)
        let openable = try await CustomerService.openable(page.items.compactMap(\.partnerId), req.services)
        var model = ListModel(
            basePath: Paths.CRM.activities(), query: nil,
            filters: [
                .init(name: "mine", label: t("customer.filter.mine"), options: [("1", t("activity.filter.mine_only"))], selected: mine),
                .init(
                    name: "kind", label: t("activity.kind"),
                    options: ActivityService.Kind.allCases.map { ($0.rawValue, t("activity.kind." + $0.rawValue)) },
                    selected: kind),
            ],
            columns: [
                .init(t("activity.when")), .init(t("activity.kind")), .init(t("customer.one")), .init(t("activity.content")),
                .init(t("activity.who")),
                .init(t("activity.next")),
            ],
            rows: page.items.map { a in
                [
                    .text(PageShell.date(a.occurredAt, req.state.lang)), .text(t("activity.kind." + a.kind)),
                    a.partnerId.map {
                        openable.contains($0)
                            ? CommonPages.link(partners[$0] ?? "#\($0)", Paths.CRM.customer($0)) : .text(partners[$0] ?? "—")
                    } ?? .text("—"),
                    .text(String(a.content.prefix(120))), .text(a.ownerId.flatMap { users[$0] } ?? ""), .text(a.nextFollowUp ?? ""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("activity.none"), searchable: false)
        model.onLaterPage = cursor != nil
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("activity.title"), model))
    }
}
