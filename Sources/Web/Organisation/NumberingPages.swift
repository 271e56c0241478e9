import Foundation
import Kernel
import Paths
import Services
import Vapor
import Views

/// 编号规则 as a page (one pattern per kind of document, with what its numbers look like) and at
/// /api/v1/settings/numbering.
enum NumberingPages {
    struct Form: Content {
        var patterns: [String: String]?
    }

    static func formModel(_ req: Request, _ kinds: [NumberingService.Kind], typed: [String: String]?) -> FormModel {
        let t = req.t
        let fields = kinds.map { k in
            var field = FormModel.Field(
                "patterns[\(k.prefix)]", label: t("numbering.kind." + k.prefix) + "（" + k.prefix + "）",
                value: typed?[k.prefix] ?? k.pattern ?? "", hint: t("numbering.example", k.example, k.branchExample))
            field.errorKey = "patterns." + k.prefix
            return field
        }
        return FormModel(
            action: Paths.Organisation.numbering(), csrf: req.state.csrf, fields: fields, submitLabel: t("action.save"),
            cancelHref: Paths.Organisation.settings())
    }

    static func page(_ req: Request, _ form: FormModel, status: HTTPResponseStatus) -> Response {
        PageShell.page(
            req,
            CommonPages.form(PageShell.context(req), title: req.t("numbering.title"), form) {
                CommonPages.hint(req.t("numbering.tokens", NumberPattern.standard))
            }, status: status)
    }

    static func show(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        return page(req, formModel(req, try await NumberingService.list(req.services), typed: nil), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            _ = try await NumberingService.update(f.patterns ?? [:], req.services)
            return PageShell.redirect(req, to: Paths.Organisation.numbering(), flash: "numbering.saved")
        } catch let e as DomainError where e.kind == .invalid {
            var form = formModel(req, try await NumberingService.list(req.services), typed: f.patterns)
            try PageShell.attach(e, to: &form, req)
            return page(req, form, status: .unprocessableEntity)
        }
    }

    struct KindDTO: Encodable {
        var prefix: String
        var pattern: String?
        var effective: String
        var example: String
        var branchExample: String
        init(_ k: NumberingService.Kind) {
            prefix = k.prefix; pattern = k.pattern; effective = k.effective; example = k.example; branchExample = k.branchExample
        }
    }

    static func get(_ req: Request) async throws -> Response {
        try ListBody(items: try await NumberingService.list(req.services).map(KindDTO.init), nextCursor: nil).jsonResponse()
    }

    static func put(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        let b = try req.decodeJSON(Form.self)
        return try ListBody(items: try await NumberingService.update(b.patterns ?? [:], req.services).map(KindDTO.init), nextCursor: nil)
            .jsonResponse()
    }
}
