import Paths

/// 窜货: record where a code was found (scanned or typed), the cases, one case and its closing.
public struct SightingsModel: Sendable {
    public var list: ListModel
    /// nil: the reader may not record one.
    public var form: Form?

    public struct Form: Sendable {
        public var csrf = ""
        public var code: String?, province: String?, city: String?, place: String?
        public var error: (field: String?, message: String)?
        public init() {}
    }
    public init(list: ListModel) { self.list = list }
}

public struct SightingModel: Sendable {
    public var id: Int64 = 0
    public var code = ""
    public var facts: [(String, Node)] = []
    /// An open case the reader may close.
    public var mayClose = false
    public var csrf = ""
    public init() {}
}

public enum SightingViews {
    public static func list(_ ctx: PageContext, _ m: SightingsModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("nav.sightings")) {
            if let f = m.form {
                h("section", ["class": "card"]) {
                    h("h2") { t("sighting.record") }
                    h("form", ["method": "post", "action": Paths.Pricing.sightings(), "class": "form"]) {
                        Layout.csrfField(f.csrf)
                        FormKit.formError(f.error, beside: ["code", "province", "city", "place"])
                        let codeError = f.error?.field == "code" ? f.error?.message : nil
                        h("label", ["class": codeError == nil ? "field" : "field invalid"]) {
                            h("span") { t("sighting.code") }
                            h(
                                "input",
                                [
                                    "name": "code", "value": f.code ?? "", "required": "", "autofocus": "", "autocomplete": "off",
                                    "placeholder": t("sighting.code_hint"),
                                ])
                            if let codeError { h("span", ["class": "field-error", "role": "alert"]) { codeError } }
                        }
                        FormKit.field(
                            "province", t("customer.province"), f.province, required: true,
                            error: f.error?.field == "province" ? f.error?.message : nil)
                        FormKit.field("city", t("customer.city"), f.city)
                        FormKit.field("place", t("sighting.place"), f.place)
                        h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("sighting.save") } }
                    }
                }
            }
            ListView.render(m.list, ctx)
        }
    }

    public static func sighting(_ ctx: PageContext, _ m: SightingModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: t("sighting.title", m.code), facts: m.facts) {
            if m.mayClose {
                h("form", ["method": "post", "action": Paths.Pricing.closeSighting(m.id), "class": "followup-form"]) {
                    Layout.csrfField(m.csrf)
                    FormKit.labelled(t("sighting.resolution")) {
                        h(
                            "textarea",
                            [
                                "name": "resolution", "rows": "2", "required": "", "aria-label": t("sighting.resolution"),
                                "placeholder": t("sighting.resolution_hint"),
                            ]
                        ) { "" }
                    }
                    h("button", ["type": "submit", "class": "primary"]) { t("sighting.close") }
                }
            }
        }
    }
}
