import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 系统设置: the company-wide switches, on a page and at /api/v1/settings.
enum SettingsPages {
    struct Form: Content {
        var allowNegativeStock: String?; var costingPerWarehouse: String?; var overBudget: String?; var webhooksAllowPrivate: String?
        var webForm: String?; var rotateWebForm: String?
        var smtpHost: String?; var smtpPort: String?; var smtpSecurity: String?; var smtpUser: String?; var smtpPassword: String?
        var mailFrom: String?; var mailFromName: String?
        var smsProvider: String?; var smsKeyId: String?; var smsSecret: String?; var smsSignName: String?; var smsAppId: String?
    }

    static func show(_ req: Request) async throws -> Response {
        let v = try await SystemSettings.get(req.services)
        let f = Form(
            allowNegativeStock: String(v.allowNegativeStock), costingPerWarehouse: String(v.costingPerWarehouse), overBudget: v.overBudget,
            webhooksAllowPrivate: String(v.webhooksAllowPrivate), webForm: String(v.webFormKey != nil), smtpHost: v.smtpHost,
            smtpPort: String(v.smtpPort), smtpSecurity: v.smtpSecurity, smtpUser: v.smtpUser, mailFrom: v.mailFrom,
            mailFromName: v.mailFromName, smsProvider: v.smsProvider, smsKeyId: v.smsKeyId, smsSignName: v.smsSignName, smsAppId: v.smsAppId
        )
        return PageShell.page(
            req,
            CommonPages.form(
                PageShell.context(req), title: req.t("settings.title"),
                formModel(
                    req, f, webFormKey: v.webFormKey, passwordSet: v.smtpPasswordSet, smsSecretSet: v.smsSecretSet, replyKey: v.smsReplyKey)
            ))
    }

    static func update(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = SystemSettings.Input(
            allowNegativeStock: f.allowNegativeStock == "true", costingPerWarehouse: f.costingPerWarehouse == "true",
            overBudget: f.overBudget, webhooksAllowPrivate: f.webhooksAllowPrivate == "true", webForm: f.webForm == "true",
            rotateWebForm: f.rotateWebForm == "true", smtpHost: f.smtpHost ?? "", smtpPort: f.smtpPort.flatMap { Int($0) },
            smtpSecurity: f.smtpSecurity, smtpUser: f.smtpUser ?? "",
            smtpPassword: (f.smtpPassword ?? "").isEmpty ? nil : f.smtpPassword, mailFrom: f.mailFrom ?? "",
            mailFromName: f.mailFromName ?? "", smsProvider: f.smsProvider, smsKeyId: f.smsKeyId ?? "",
            smsSecret: (f.smsSecret ?? "").isEmpty ? nil : f.smsSecret, smsSignName: f.smsSignName ?? "", smsAppId: f.smsAppId ?? "")
        if let port = f.smtpPort, !port.isEmpty, Int(port) == nil {
            var form = formModel(req, f)
            form.attach(error: req.t("error.wrong_type", "smtpPort"), field: "smtpPort", link: nil)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("settings.title"), form), status: .unprocessableEntity)
        }
        do {
            _ = try await SystemSettings.update(input, req.services)
            return PageShell.redirect(req, to: Paths.Organisation.settings(), flash: "settings.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            var form = formModel(req, f)
            try PageShell.attach(e, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("settings.title"), form), status: .unprocessableEntity)
        }
    }

    static func formModel(
        _ req: Request, _ f: Form, webFormKey: String? = nil, passwordSet: Bool = false, smsSecretSet: Bool = false, replyKey: String? = nil
    ) -> FormModel {
        let t = req.t
        var webForm: [FormModel.Field] = [
            .init(
                "webForm", label: t("settings.web_form"), kind: .checkbox, value: f.webForm,
                hint: webFormKey.map { t("settings.web_form_at", Paths.CRM.webForm($0)) } ?? t("settings.web_form_hint"))
        ]
        if webFormKey != nil {
            webForm.append(
                .init("rotateWebForm", label: t("settings.rotate_web_form"), kind: .checkbox, hint: t("settings.rotate_web_form_hint")))
        }
        return FormModel(
            action: Paths.Organisation.settings(), csrf: req.state.csrf,
            fields: [
                .init(
                    "allowNegativeStock", label: t("settings.allow_negative_stock"), kind: .checkbox, value: f.allowNegativeStock,
                    hint: t("settings.allow_negative_stock_hint")),
                .init(
                    "costingPerWarehouse", label: t("settings.costing_per_warehouse"), kind: .checkbox, value: f.costingPerWarehouse,
                    hint: t("settings.costing_per_warehouse_hint")),
                .init(
                    "overBudget", label: t("settings.over_budget"),
                    kind: .select(SystemSettings.overBudgetPolicies.map { ($0, t("settings.over_budget." + $0)) }), value: f.overBudget,
                    required: true),
                .init(
                    "webhooksAllowPrivate", label: t("settings.webhooks_allow_private"), kind: .checkbox, value: f.webhooksAllowPrivate,
                    hint: t("settings.webhooks_allow_private_hint")),
            ] + webForm + [
                .init("smtpHost", label: t("settings.smtp_host"), value: f.smtpHost, hint: t("settings.smtp_host_hint")),
                .init("smtpPort", label: t("settings.smtp_port"), kind: .number, value: f.smtpPort ?? "465"),
                .init(
                    "smtpSecurity", label: t("settings.smtp_security"),
                    kind: .select(SMTPSettings.Security.allCases.map { ($0.rawValue, t("settings.smtp_security." + $0.rawValue)) }),
                    value: f.smtpSecurity ?? "tls", required: true),
                .init("smtpUser", label: t("settings.smtp_user"), value: f.smtpUser),
                .init(
                    "smtpPassword", label: t("settings.smtp_password"), kind: .password,
                    hint: t(passwordSet ? "settings.smtp_password_kept" : "settings.smtp_password_hint")),
                .init("mailFrom", label: t("settings.mail_from"), kind: .email, value: f.mailFrom),
                .init("mailFromName", label: t("settings.mail_from_name"), value: f.mailFromName),
                .init(
                    "smsProvider", label: t("settings.sms_provider"),
                    kind: .select(SystemSettings.smsProviders.map { ($0, t("settings.sms_provider." + $0)) }),
                    value: f.smsProvider ?? "none",
                    required: true,
                    hint: replyKey.map { t("settings.sms_reply_at", PageShell.absolute(req, Paths.Marketing.smsReplies($0))) }),
                .init("smsKeyId", label: t("settings.sms_key_id"), value: f.smsKeyId),
                .init(
                    "smsSecret", label: t("settings.sms_secret"), kind: .password,
                    hint: t(smsSecretSet ? "settings.smtp_password_kept" : "settings.sms_secret_hint")),
                .init("smsSignName", label: t("settings.sms_sign_name"), value: f.smsSignName),
                .init("smsAppId", label: t("settings.sms_app_id"), value: f.smsAppId, hint: t("settings.sms_app_id_hint")),
            ], hidden: [], submitLabel: t("action.save"), cancelHref: Paths.Shell.home())
    }

    // MARK: API

    /// GET /settings.
    static func get(_ req: Request) async throws -> Response { try await SystemSettings.get(req.services).jsonResponse() }

    /// PUT /settings: what the body names changes; the rest stays.
    static func put(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        let body = try req.decodeJSON(SystemSettings.Input.self)
        return try await SystemSettings.update(body, req.services).jsonResponse()
    }
}
