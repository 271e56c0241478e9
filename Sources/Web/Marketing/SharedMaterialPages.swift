import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// A shared material at `/m/<secret>`: no sign-in, the link is the right. The page counts the
/// look (the visitor is told apart by a random mark in a cookie, nothing else), shows the file or
/// the link, and takes a name and phone number that become a lead of the person who shared.
enum SharedMaterialPages {
    static let visitorCookie = "concord_mv"

    struct Form: Content {
        var name: String?
        var phone: String?
        var company: String?
        var values: [String: String] { ["name": name ?? "", "phone": phone ?? "", "company": company ?? ""] }
    }

    /// The visitor's mark from the cookie, or a new one (set on the answer).
    static func mark(_ req: Request) -> (String, isNew: Bool) {
        if let v = req.cookies[visitorCookie]?.string, MaterialService.isVisitorMark(v) { return (v, false) }
        return (req.concord.tokens.token(24), true)
    }

    static func closed(_ req: Request, _ e: DomainError) -> Response {
        switch e.kind {
        case .tooManyRequests: Response.html(WebFormViews.closed(lang: req.state.lang), status: .tooManyRequests)
        case .conflict: Response.html(WebFormViews.closed(lang: req.state.lang), status: .gone)
        default: Response.html(WebFormViews.closed(lang: req.state.lang), status: .notFound)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let (mark, isNew) = mark(req)
        do {
            let o = try await MaterialService.view(token: token, visitor: mark, ip: req.clientIP, req.visitor("material"))
            return page(req, o, visitor: mark, setMark: isNew, values: [:], error: nil, thanks: nil, status: .ok)
        } catch let e as DomainError where [.notFound, .conflict, .tooManyRequests].contains(e.kind) {
            return closed(req, e)
        }
    }

    static func page(
        _ req: Request, _ o: MaterialService.Opened, visitor: String, setMark: Bool, values: [String: String],
        error: (field: String?, message: String)?, thanks: String?, status: HTTPResponseStatus
    ) -> Response {
        let token = o.share.token
        let csrf = req.concord.tokens.token(24)
        var m = SharedMaterialModel(
            path: Paths.Shell.sharedMaterial(token), csrf: csrf, title: o.material.title, description: o.material.description,
            sharedBy: o.sharedBy)
        if let url = o.version.url {
            m.url = url
        } else {
            m.fileHref = Paths.Shell.sharedMaterialFile(token)
            m.fileName = o.version.fileName
            m.picture = o.version.contentType?.hasPrefix("image/") ?? false
        }
        m.values = values
        m.error = error
        m.thanks = thanks
        let response = Response.html(MaterialViews.shared(lang: req.state.lang, m), status: status)
        LoginPages.setPreAuthCSRF(response, csrf, req)
        if setMark {
            response.cookies[visitorCookie] = HTTPCookies.Value(
                string: visitor, maxAge: 365 * 86_400, path: "/" + Paths.Shell.sharedMaterial.segments[0],
                isSecure: req.concord.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    static func file(_ req: Request) async throws -> Response {
        do {
            let (v, data) = try await MaterialService.publicFile(
                token: req.parameters.get("token") ?? "", ip: req.clientIP, req.visitor("material"))
            return AttachmentResponse.make(v, data, inline: true)
        } catch let e as DomainError where [.notFound, .conflict, .tooManyRequests].contains(e.kind) {
            return closed(req, e)
        }
    }

    static func leave(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let f = try req.content.decode(Form.self)
        let system = req.visitor("material")
        let (mark, isNew) = mark(req)
        let o: MaterialService.Opened
        do { o = try await MaterialService.open(token: token, ip: req.clientIP, system) } catch let e as DomainError
            where [.notFound, .conflict, .tooManyRequests].contains(e.kind)
        {
            return closed(req, e)
        }
        do {
            _ = try await MaterialService.leave(
                token: token, visitor: mark, name: f.name, phone: f.phone, company: f.company, ip: req.clientIP, system)
            return page(
                req, o, visitor: mark, setMark: isNew, values: [:], error: nil, thanks: req.t("material.leave_thanks", o.sharedBy),
                status: .ok)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooManyRequests {
            return page(
                req, o, visitor: mark, setMark: isNew, values: f.values, error: (e.field, ConcordErrorMiddleware.message(e, req.t)),
                thanks: nil, status: e.kind == .tooManyRequests ? .tooManyRequests : .unprocessableEntity)
        }
    }
}
