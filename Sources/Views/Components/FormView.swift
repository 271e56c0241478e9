/// A form that keeps what was typed and names the field that is wrong, next to it.
public struct FormModel: Sendable {
    public struct Field: Sendable {
        public enum Kind: Sendable {
            case text, email, tel, password, number, date, textarea
            case select([(value: String, label: String)])
            case multiSelect([(value: String, label: String)])
            case checkbox
            case checkboxes([(value: String, label: String)])
            /// A file picker (the form then posts as multipart): the types it offers first.
            case file(accept: String)
        }
        public var name: String
        public var label: String
        public var kind: Kind
        public var value: String
        public var values: Set<String>
        public var required: Bool
        public var hint: String?
        public var error: String?
        /// A link shown with the error (to the record a duplicate matches).
        public var errorLink: (href: String, label: String)?
        /// The name a service gives this field in errors, when it differs from the form name
        /// (`customFields.budget` for the control `custom[budget]`).
        public var errorKey: String?
        /// The id of a datalist whose entries the input suggests.
        public var list: String?

        public init(
            _ name: String, label: String, kind: Kind = .text, value: String? = nil, values: Set<String> = [],
            required: Bool = false, hint: String? = nil, error: String? = nil
        ) {
            self.name = name
            self.label = label
            self.kind = kind
            self.value = value ?? ""
            self.values = values
            self.required = required
            self.hint = hint
            self.error = error
        }
    }

    public var action: String
    public var csrf: String
    public var fields: [Field]
    public var hidden: [(String, String)]
    public var submitLabel: String
    public var cancelHref: String?
    public var error: String?
    /// The start of each field's id: two forms on one page take different ones, so that each
    /// label names its own field.
    public var idPrefix = "f-"
    /// A second button that submits the form for another purpose (a preview): its name and label.
    public var secondarySubmit: (name: String, label: String)?
    /// Suggestion lists the form's inputs name (`Field.list`).
    public var datalists: [(id: String, options: [(value: String, label: String)])] = []

    public init(
        action: String, csrf: String, fields: [Field], hidden: [(String, String)] = [], submitLabel: String, cancelHref: String? = nil,
        error: String? = nil
    ) {
        self.action = action
        self.csrf = csrf
        self.fields = fields
        self.hidden = hidden
        self.submitLabel = submitLabel
        self.cancelHref = cancelHref
        self.error = error
    }

    /// Puts an error message on the field it names, or on the form when no field matches.
    public mutating func attach(error message: String, field: String?, link: (href: String, label: String)? = nil) {
        if let field, let i = fields.firstIndex(where: { $0.name == field || $0.errorKey == field }) {
            fields[i].error = message
            fields[i].errorLink = link
        } else {
            error = message
        }
    }
}

public enum FormView {
    public static func render(_ model: FormModel, _ t: Translator) -> Node {
        let multipart = model.fields.contains { if case .file = $0.kind { true } else { false } }
        return h(
            "form",
            [
                "method": "post", "action": model.action, "class": "form", "novalidate": "",
                "enctype": multipart ? "multipart/form-data" : nil,
            ]
        ) {
            Layout.csrfField(model.csrf)
            for (k, v) in model.hidden { h("input", ["type": "hidden", "name": k, "value": v]) }
            if let e = model.error { h("div", ["class": "flash error", "role": "alert"]) { e } }
            for f in model.fields { field(f, t, idPrefix: model.idPrefix) }
            for list in model.datalists {
                h("datalist", ["id": list.id]) {
                    for o in list.options { h("option", ["value": o.value, "label": o.label.isEmpty ? nil : o.label]) }
                }
            }
            h("div", ["class": "form-actions"]) {
                h("button", ["type": "submit", "class": "primary"]) { model.submitLabel }
                if let s = model.secondarySubmit { h("button", ["type": "submit", "name": s.name, "value": "1"]) { s.label } }
                if let c = model.cancelHref { h("a", ["href": c, "class": "button"]) { t("action.cancel") } }
            }
        }
    }

    public static func field(_ f: FormModel.Field, _ t: Translator, idPrefix: String = "f-") -> Node {
        let id = idPrefix + f.name
        let errorId = f.error == nil ? nil : id + "-error"
        let invalid = f.error == nil ? nil : "true"
        let control: Node
        switch f.kind {
        case .textarea:
            control = h("textarea", ["id": id, "name": f.name, "rows": "4", "aria-invalid": invalid, "aria-describedby": errorId]) {
                f.value
            }
        case .select(let options):
            control = h("select", ["id": id, "name": f.name, "aria-invalid": invalid, "aria-describedby": errorId]) {
                // A blank choice for an optional field, unless the caller named its own (&quot;按省份自动归属&quot;).
                if !f.required, !options.contains(where: { $0.value.isEmpty }) { h("option", ["value": ""]) { "—" } }
                for o in options { h("option", ["value": o.value, "selected": flag(o.value == f.value)]) { o.label } }
            }
        case .multiSelect(let options):
            control = h(
                "select",
                ["id": id, "name": f.name + "[]", "multiple": "", "size": String(min(max(options.count, 2), 8)), "aria-invalid": invalid]
            ) {
                for o in options { h("option", ["value": o.value, "selected": flag(f.values.contains(o.value))]) { o.label } }
            }
        case .checkboxes(let options):
            control = h("div", ["class": "checks", "id": id]) {
                for o in options {
                    h("label", ["class": "check"]) {
                        h(
                            "input",
                            ["type": "checkbox", "name": f.name + "[]", "value": o.value, "checked": flag(f.values.contains(o.value))])
                        o.label
                    }
                }
            }
        case .file(let accept):
            control = h(
                "input", ["type": "file", "id": id, "name": f.name, "accept": accept, "aria-invalid": invalid, "aria-describedby": errorId])
        case .checkbox:
            return h("div", ["class": "field checkbox" + (f.error == nil ? "" : " has-error")]) {
                h("input", ["type": "hidden", "name": f.name, "value": "false"])
                h("label", ["for": id]) {
                    h("input", ["type": "checkbox", "id": id, "name": f.name, "value": "true", "checked": flag(f.value == "true")])
                    " " + f.label
                }
                if let e = f.error { h("div", ["class": "error", "id": errorId]) { e } }
            }
        default:
            let type: String =
                switch f.kind {
                case .email: "email"
                case .tel: "tel"
                case .password: "password"
                case .number: "text"
                case .date: "date"
                default: "text"
                }
            control = h(
                "input",
                [
                    "type": type, "id": id, "name": f.name, "value": f.kind.isPassword ? "" : f.value,
                    "inputmode": f.kind.isNumber ? "decimal" : nil,
                    "autocomplete": f.kind.isPassword ? "new-password" : f.list == nil ? nil : "off",
                    "aria-invalid": invalid, "aria-describedby": errorId, "list": f.list,
                ])
        }
        return h("div", ["class": "field" + (f.error == nil ? "" : " has-error")]) {
            h("label", ["for": id]) {
                f.label
                if f.required { h("span", ["class": "req", "aria-hidden": "true"]) { " *" } }
            }
            control
            if let hint = f.hint { h("div", ["class": "hint"]) { hint } }
            if let e = f.error {
                h("div", ["class": "error", "id": errorId]) {
                    e
                    if let link = f.errorLink { " "; h("a", ["href": link.href]) { link.label } }
                }
            }
        }
    }
}

extension FormModel.Field.Kind {
    var isPassword: Bool { if case .password = self { true } else { false } }
    var isNumber: Bool { if case .number = self { true } else { false } }
}
