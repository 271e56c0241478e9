import Paths

/// 公司信息: the form of what the company prints, and its logo.
public enum CompanyViews {
    public static func page(_ ctx: PageContext, _ form: FormModel, hasLogo: Bool) -> String {
        let t = ctx.t
        return CommonPages.form(ctx, title: t("company.title"), form) {
            h("section", ["class": "card"]) {
                h("h2") { t("company.logo") }
                if hasLogo {
                    h("p") { h("img", ["src": Paths.Organisation.companyLogo(), "alt": t("company.logo"), "class": "logo-preview"]) }
                    CommonPages.actionButton(
                        t("company.remove_logo"), action: Paths.Organisation.removeCompanyLogo(), csrf: ctx.csrf,
                        confirm: t("action.confirm"),
                        danger: true)
                }
                FormKit.upload(
                    action: Paths.Organisation.companyLogo(), csrf: ctx.csrf, label: t("company.logo"), accept: "image/png,image/jpeg",
                    hint: t("company.logo_hint"), t)
            }
        }
    }
}
