import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 网站留资: the public form at `/crm/web-form/<key>` (no sign-in); each submission a lead.
enum WebFormPages {
    struct Form: Content {
        var company: String?
        var name: String?
        var phone: String?
        var email: String?
        var message: String?
        var website: String?
        var campaign: String?
        /// The lead fields shown on the form, `custom[key]`.
        var custom: [String: String]?
        var values: [String: String] {
            [
                "company": company ?? "", "name": name ?? "", "phone": phone ?? "", "email": email ?? "", "message": message ?? "",
                "campaign": campaign ?? "",
            ].merging((custom ?? [:]).map { ("custom." + $0.key, $0.value) }) { a, _ in a }
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        guard try await WebFormService.opens(key, req.store) else {
            return Response.html(WebFormViews.closed(lang: req.state.lang), status: .notFound)
        }
        let campaign = req.query[String.self, at: "c"].map { String($0.prefix(32)) }
        return try await page(req, key: key, values: campaign.map { ["campaign": $0] } ?? [:], error: nil, status: .ok)
    }

    static func page(
        _ req: Request, key: String, values: [String: String], error: (field: String?, message: String)?, status: HTTPResponseStatus
    ) async throws -> Response {
        let csrf = req.concord.tokens.token(24)
        // The lead's fields chosen for the form, as the lead's own page shows them.
        let extra = try await CustomFieldService.webFormFields(req.store).map { f in
            var field = CustomerWebPages.customField(f, value: values["custom." + f.fieldKey], req.t)
            if let error, error.field == field.errorKey { field.error = error.message }
            return field
        }
        let response = Response.html(
            WebFormViews.form(lang: req.state.lang, key: key, csrf: csrf, values: values, extra: extra, error: error), status: status)
        LoginPages.setPreAuthCSRF(response, csrf, req)
        return response
    }

    static func submit(_ req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        let f = try req.content.decode(Form.self)
        do {
            _ = try await WebFormService.submit(
                key: key,
                .init(
                    company: f.company, name: f.name, phone: f.phone, email: f.email, message: f.message, website: f.website,
                    campaign: f.campaign, custom: f.custom ?? [:]),
                ip: req.clientIP, req.visitor("web_form"))
            return Response.html(WebFormViews.thanks(lang: req.state.lang, key: key))
        } catch let e as DomainError where e.kind == .notFound {
            return Response.html(WebFormViews.closed(lang: req.state.lang), status: .notFound)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooManyRequests {
            return try await page(
                req, key: key, values: f.values, error: (e.field, ConcordErrorMiddleware.message(e, req.t)),
                status: e.kind == .tooManyRequests ? .tooManyRequests : .unprocessableEntity)
        }
    }
}
