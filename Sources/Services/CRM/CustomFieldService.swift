import Foundation
import Kernel
import Persistence

/// Fields an administrator adds to customers or contacts without code: text, number, date or
/// choice. Values live with the record as a JSON object by field key and are checked here.
public enum CustomFieldService {
    public enum Entity: String, Sendable, CaseIterable {
        case customer, contact, lead, opportunity, contract, product, order

        /// Where the values of an entity that keeps them apart from its own writes live.
        var table: String? {
            switch self {
            case .customer, .contact: nil
            case .lead: "leads"
            case .opportunity: "opportunities"
            case .contract: "contracts"
            case .product: "products"
            case .order: "orders"
            }
        }
    }
    public enum Kind: String, Sendable, CaseIterable { case text, number, date, choice }

    public struct Input: Sendable, Codable, Equatable {
        public var entity: String?
        public var key: String?
        public var label: String?
        public var kind: String?
        public var options: [String]?
        public var required: Bool?
        public var sortOrder: Int64?
        public var active: Bool?
        /// A lead's field only: asked on the public web form too.
        public var onWebForm: Bool?
        public init(
            entity: String? = nil, key: String? = nil, label: String? = nil, kind: String? = nil, options: [String]? = nil,
            required: Bool? = nil,
            sortOrder: Int64? = nil, active: Bool? = nil, onWebForm: Bool? = nil
        ) {
            self.onWebForm = onWebForm
            self.entity = entity
            self.key = key
            self.label = label
            self.kind = kind
            self.options = options
            self.required = required
            self.sortOrder = sortOrder
            self.active = active
        }
    }

    /// Anyone who sees customers sees the fields (forms need them).
    public static func list(entity: String?, _ ctx: ServiceContext) async throws -> [CustomFieldRow] {
        try ctx.require(.customers, .view)
        return try await CRMQueries.customFields(entity: entity, activeOnly: false, on: ctx.store)
    }

    /// The active fields of an entity, for the forms and pages of whoever works with its records
    /// (the definitions are no secret; the values stay with the records).
    public static func active(_ entity: Entity, _ ctx: ServiceContext) async throws -> [CustomFieldRow] {
        return try await CRMQueries.customFields(entity: entity.rawValue, activeOnly: true, on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> CustomFieldRow {
        try ctx.require(.customers, .view)
        guard let f = try await CRMQueries.customField(id, on: ctx.store) else { throw DomainError.notFound }
        return f
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> CustomFieldRow {
        try ctx.require(.customers, .approve)
        let entity = try Validate.oneOf(input.entity, "entity", as: Entity.self)
        let key = try Validate.code(input.key, "key", max: 40)
        guard key.first?.isLetter == true, !key.contains(".") else { throw DomainError.invalid("key", code: "invalid_code", args: ["key"]) }
        let (label, kind, options) = try common(input)
        let onWebForm = try webForm(input.onWebForm, entity: entity) ?? false
        return try await ctx.write { ctx in
            if try await CRMWrites.customField(entity: entity.rawValue, key: key, on: ctx.store) != nil {
                throw DomainError.duplicate("key", value: key)
            }
            let now = ctx.nowMillis
            let row = try await CRMWrites.insertCustomField(
                entity: entity.rawValue, key: key, label: label, kind: kind.rawValue, options: options, required: input.required ?? false,
                sortOrder: input.sortOrder ?? 0, active: input.active ?? true, onWebForm: onWebForm, at: now, on: ctx.store)
            try await ctx.audit("create", "custom_field", row.id, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    /// Label, choices, required, order and active may change; entity, key and kind stay (values
    /// already stored keep their meaning).
    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> CustomFieldRow {
        try ctx.require(.customers, .approve)
        return try await ctx.write { ctx in
            guard let old = try await CRMQueries.customField(id, on: ctx.store) else { throw DomainError.notFound }
            try Validate.version(version, current: old.version)
            var input = input
            input.kind = old.kind
            let (label, _, options) = try common(input)
            let onWebForm =
                try webForm(input.onWebForm, entity: Entity(rawValue: old.entity) ?? .customer) ?? old.onWebForm
            guard
                let row = try await CRMWrites.updateCustomField(
                    id, label: label, options: options, required: input.required ?? old.required,
                    sortOrder: input.sortOrder ?? old.sortOrder,
                    active: input.active ?? old.active, onWebForm: onWebForm, version: old.version, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version)) }
            try await ctx.audit("update", "custom_field", id, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    static func common(_ input: Input) throws -> (String, Kind, String) {
        let label = try Validate.required(input.label, "label", max: 60)
        let kind = try Validate.oneOf(input.kind, "kind", as: Kind.self)
        var options: [String] = []
        for o in input.options ?? [] {
            guard let v = try Validate.optional(o, "options", max: 60) else { continue }
            if !options.contains(v) { options.append(v) }
        }
        if kind == .choice, options.isEmpty { throw DomainError.required("options") }
        if options.count > 100 { throw DomainError.invalid("options", code: "too_many", args: ["options", "100"]) }
        return (label, kind, kind == .choice ? options.joined(separator: "\n") : "")
    }

    /// Only a lead's field can be on the web form (the form makes leads).
    static func webForm(_ asked: Bool?, entity: Entity) throws -> Bool? {
        if asked == true, entity != .lead { throw DomainError.invalid("onWebForm", code: "web_form_leads_only") }
        return asked
    }

    /// The lead fields the public web form asks, in their order.
    public static func webFormFields(_ store: Store) async throws -> [CustomFieldRow] {
        try await CRMQueries.customFields(entity: Entity.lead.rawValue, activeOnly: true, on: store).filter(\.onWebForm)
    }

    static func snapshot(_ f: CustomFieldRow) -> [String: String?] {
        [
            "entity": f.entity, "key": f.fieldKey, "label": f.label, "kind": f.kind, "options": f.options, "required": String(f.required),
            "active": String(f.active), "onWebForm": String(f.onWebForm),
        ]
    }

    /// Checks values against the entity's active fields and answers them as stored JSON.
    /// A wrong value names the field (`customFields.budget`); an unknown key is refused;
    /// `existing` values of fields not in `values` are kept (an update may send only some).
    /// Checks the values a create or an update of a lead, opportunity, contract, product or order
    /// names and keeps them on the record, in the caller's transaction; answers the JSON kept.
    /// Values not named stay; required fields are asked for only of callers that name custom
    /// fields at all (a form, a program that knows them): a lead from the web form or an event's
    /// door is never refused for a field its visitor never saw.
    /// `asked`: the fields the caller's form showed (the web form's), the only ones it must fill.
    static func apply(
        _ values: [String: String]?, entity: Entity, id: Int64, existing: String, asked: Set<String>? = nil, _ ctx: ServiceContext
    ) async throws -> String {
        guard let table = entity.table, let values else { return existing }
        let json = try await validate(values, entity: entity, existing: existing, asked: asked, ctx.store)
        if json != existing { try await CRMWrites.setCustomValues(json, table: table, id: id, on: ctx.store) }
        return json
    }

    public static func validate(
        _ values: [String: String]?, entity: Entity, existing: String?, asked: Set<String>? = nil, _ store: Store
    ) async throws -> String {
        // Remembered between records (an import validates thousands); a change of fields forgets it.
        let fields = try await store.remembered("custom-fields." + entity.rawValue) {
            try await CRMQueries.customFields(entity: entity.rawValue, activeOnly: true, on: store)
        }
        var out = decode(existing)
        for (key, raw) in values ?? [:] {
            let name = "customFields." + key
            guard let f = fields.first(where: { $0.fieldKey == key }) else {
                throw DomainError.invalid(name, code: "unknown_field", args: [key])
            }
            let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if v.isEmpty { out[key] = nil; continue }
            out[key] = try normalised(v, f, name: name)
        }
        for f in fields where f.required && (out[f.fieldKey] ?? "").isEmpty && asked?.contains(f.fieldKey) != false {
            throw DomainError.invalid("customFields." + f.fieldKey, code: "custom_required", args: [f.label])
        }
        return encode(out)
    }

    /// A value as a field of its kind keeps it (a number in one spelling, a choice among the
    /// field's); refused naming `name`.
    public static func normalised(_ v: String, _ f: CustomFieldRow, name: String) throws -> String {
        try Validate.checkPrintable(v, name)
        switch Kind(rawValue: f.kind) ?? .text {
        case .text:
            guard v.count <= 500 else { throw DomainError.invalid(name, code: "too_long", args: [f.label, "500"]) }
            return v
        case .number:
            guard let n = try? ScaledDecimal.parse(v, scale: 6) else {
                throw DomainError.invalid(name, code: "custom_not_number", args: [f.label])
            }
            return ScaledDecimal.format(n, scale: 6, minDecimals: 0)
        case .date:
            guard Validate.isDate(v) else { throw DomainError.invalid(name, code: "custom_not_date", args: [f.label]) }
            return v
        case .choice:
            guard f.choices.contains(v) else {
                throw DomainError.invalid(name, code: "custom_not_choice", args: [f.label, f.choices.joined(separator: "、")])
            }
            return v
        }
    }

    /// The custom values an imported row gives (its `custom.<key>` fields, by key); nil when it gives none.
    static func imported(_ v: [String: String]) -> [String: String]? {
        var out: [String: String] = [:]
        for (field, value) in v where field.hasPrefix("custom.") { out[String(field.dropFirst("custom.".count))] = value }
        return out.isEmpty ? nil : out
    }

    public static func decode(_ json: String?) -> [String: String] {
        // Most records have none: spared Foundation's decoder (a list answer decodes one per row).
        if json == nil || json == "{}" || json == "" { return [:] }
        guard let json, let data = json.data(using: .utf8), let d = try? JSONDecoder().decode([String: String].self, from: data) else {
            return [:]
        }
        return d
    }

    static func encode(_ values: [String: String]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return (try? String(decoding: e.encode(values), as: UTF8.self)) ?? "{}"
    }
}
