import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// A user's own API tokens: create one (shown once), see when each was used, revoke.
enum TokenPages {
    static func list(_ req: Request, created: String? = nil) async throws -> Response {
        let user = req.state.user!
        let t = req.t
        let now = Millis.from(req.concord.clock.now())
        let tokens = try await AccessQueries.apiTokens(ofUser: user.id, on: req.store)
        let model = ListModel(
            basePath: Paths.Access.tokens(), query: nil,
            columns: [
                .init(t("token.name")), .init(t("token.hint")), .init(t("common.created_at")), .init(t("token.last_used")),
                .init(t("token.expires")), .init(t("token.state")), .init(t("common.actions")),
            ],
            rows: tokens.map { tok in
                let state = tok.revokedAt != nil ? "revoked" : ((tok.expiresAt ?? .max) <= now ? "expired" : "active")
                return [
                    .text(tok.name), AccessViews.tokenHint(tok.hint), .text(PageShell.date(tok.createdAt, req.state.lang)),
                    .text(PageShell.date(tok.lastUsedAt, req.state.lang)), .text(PageShell.date(tok.expiresAt, req.state.lang)),
                    .text(t("token.state." + state)),
                    state == "active"
                        ? CommonPages.actionButton(
                            t("action.revoke"), action: Paths.Access.revokeToken(tok.id), csrf: req.state.csrf,
                            confirm: t("action.confirm"), danger: true) : .empty,
                ]
            }, nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        let html = AccessViews.tokens(PageShell.context(req), model, created: created, csrf: req.state.csrf)
        return PageShell.page(req, html)
    }

    static func show(_ req: Request) async throws -> Response { try await list(req) }

    static func create(_ req: Request) async throws -> Response {
        struct F: Content { var name: String? }
        let f = try req.content.decode(F.self)
        let issued = try await ApiTokenService.issue(for: req.state.user!, name: f.name, req.services)
        return try await list(req, created: issued.token)
    }

    static func revoke(_ req: Request) async throws -> Response {
        try await ApiTokenService.revoke(try req.id(), req.services)
        return PageShell.redirect(req, to: Paths.Access.tokens(), flash: "token.revoked")
    }
}
