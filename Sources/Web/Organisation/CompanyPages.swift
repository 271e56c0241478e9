import Foundation
import Kernel
import Paths
import Services
import Vapor
import Views

/// 公司信息: what the company prints on its quotes, contracts and delivery notes.
enum CompanyPages {
    struct Form: Content {
        var name, taxNumber, address, phone, bankName, bankAccount, terms: String?
    }
    struct Upload: Content { var file: File? }

    static func show(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .view)
        let p = try await CompanyProfile.get(req.store)
        let f = Form(
            name: p.name, taxNumber: p.taxNumber, address: p.address, phone: p.phone, bankName: p.bankName, bankAccount: p.bankAccount,
            terms: p.terms)
        return try await page(req, f, hasLogo: p.hasLogo, status: .ok)
    }

    static func page(
        _ req: Request, _ f: Form, hasLogo: Bool, status: HTTPResponseStatus, error: (any Error)? = nil
    ) async throws
        -> Response
    {
        let t = req.t
        let ctx = PageShell.context(req)
        guard req.state.principal?.can(.organisation, .edit) == true else {
            let facts: [(String, Node)] = [
                (t("company.name"), .text(f.name ?? "—")), (t("company.tax_number"), .text(f.taxNumber ?? "—")),
                (t("company.address"), .text(f.address ?? "—")), (t("company.phone"), .text(f.phone ?? "—")),
                (t("company.bank"), .text([f.bankName, f.bankAccount].compactMap { $0 }.joined(separator: " "))),
                (t("company.terms"), .text(f.terms ?? "—")),
            ]
            return PageShell.page(req, CommonPages.detail(ctx, title: t("company.title"), facts: facts))
        }
        var form = FormModel(
            action: Paths.Organisation.company(), csrf: req.state.csrf,
            fields: [
                .init("name", label: t("company.name"), value: f.name, hint: t("company.name_hint")),
                .init("taxNumber", label: t("company.tax_number"), value: f.taxNumber),
                .init("address", label: t("company.address"), value: f.address),
                .init("phone", label: t("company.phone"), kind: .tel, value: f.phone),
                .init("bankName", label: t("company.bank_name"), value: f.bankName),
                .init("bankAccount", label: t("company.bank_account"), value: f.bankAccount),
                .init("terms", label: t("company.terms"), kind: .textarea, value: f.terms, hint: t("company.terms_hint")),
            ], submitLabel: t("action.save"), cancelHref: Paths.Shell.home())
        if let error { try PageShell.attach(error, to: &form, req) }
        let html = CompanyViews.page(ctx, form, hasLogo: hasLogo)
        return PageShell.page(req, html, status: status)
    }

    static func update(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = CompanyProfile.Input(
            name: f.name, taxNumber: f.taxNumber, address: f.address, phone: f.phone, bankName: f.bankName, bankAccount: f.bankAccount,
            terms: f.terms)
        do {
            _ = try await CompanyProfile.update(input, req.services)
            return PageShell.redirect(req, to: Paths.Organisation.company(), flash: "company.saved")
        } catch let e as DomainError where e.kind == .invalid {
            let hasLogo = try await CompanyProfile.get(req.store).hasLogo
            return try await page(req, f, hasLogo: hasLogo, status: .unprocessableEntity, error: e)
        }
    }

    static func upload(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Upload.self)
        guard let file = f.file, file.data.readableBytes > 0 else {
            return PageShell.redirect(req, to: Paths.Organisation.company(), flash: "company.logo_missing", kind: .error)
        }
        do {
            try await CompanyProfile.setLogo(Array(buffer: file.data), contentType: file.contentType?.serialize(), req.services)
            return PageShell.redirect(req, to: Paths.Organisation.company(), flash: "company.logo_saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge {
            return PageShell.redirect(
                req, to: Paths.Organisation.company(), flash: e.kind == .tooLarge ? "company.logo_too_large" : "company.logo_refused",
                kind: .error)
        }
    }

    static func removeLogo(_ req: Request) async throws -> Response {
        try await CompanyProfile.removeLogo(req.services)
        return PageShell.redirect(req, to: Paths.Organisation.company(), flash: "company.logo_removed")
    }

    static func skipSetupStep(_ req: Request) async throws -> Response {
        guard let step = SetupGuide.Step(rawValue: req.parameters.get("step") ?? "") else { throw DomainError.notFound }
        try await SetupGuide.skip(step, req.services)
        return PageShell.redirect(req, to: Paths.Shell.home(), flash: "setup.skipped")
    }

    /// The logo for pages and prints: every signed-in person prints documents that carry it.
    static func logo(_ req: Request) async throws -> Response {
        _ = try req.requirePrincipal()
        guard let (data, type) = try await CompanyProfile.logo(req.store) else { throw DomainError.notFound }
        let r = Response(status: .ok, body: .init(data: data))
        r.headers.replaceOrAdd(name: .contentType, value: type)
        r.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return r
    }
}
