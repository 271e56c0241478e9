import Kernel
import Persistence

/// The CRM's configurable lists (customer levels, source channels, industries), kept in
/// settings as one entry per line, with defaults a company can change on the settings page.
public enum CRMSettings {
    public enum List: String, Sendable, CaseIterable {
        case levels = "crm.levels"
        case sources = "crm.sources"
        case industries = "crm.industries"

        public var defaults: [String] {
            switch self {
            case .levels: ["A", "B", "C"]
            case .sources: ["官网", "展会", "转介绍", "电话营销", "广告", "渠道", "其他"]
            case .industries: ["制造业", "批发零售", "信息技术", "建筑", "餐饮", "医疗", "教育", "政府机构", "其他"]
            }
        }
    }

    public static func values(_ list: List, _ store: Store) async throws -> [String] {
        guard let text = try await Settings.get(list.rawValue, on: store) else { return list.defaults }
        return text.split(separator: "\n").map(String.init)
    }

    public static func all(_ store: Store) async throws -> [List: [String]] {
        // Every customer saved checks its level and source against these: remembered until a
        // setting changes (`Settings.set` says so).
        try await store.remembered("crm.lists") {
            let stored = try await Settings.get(List.allCases.map(\.rawValue), on: store)
            var out: [List: [String]] = [:]
            for l in List.allCases { out[l] = stored[l.rawValue].map { $0.split(separator: "\n").map(String.init) } ?? l.defaults }
            return out
        }
    }

    /// Replaces the lists given (the others stay), all or none: entries trimmed, empty ones
    /// dropped, no duplicates, at most 50 of 40 characters each.
    @discardableResult
    public static func set(_ lists: [List: [String]], _ ctx: ServiceContext) async throws -> [List: [String]] {
        try ctx.require(.customers, .approve)
        var cleaned: [List: [String]] = [:]
        for (list, entries) in lists {
            let field = String(list.rawValue.dropFirst(4))
            var clean: [String] = []
            for e in entries {
                guard let v = try Validate.optional(e, field, max: 40) else { continue }
                if v.contains(",") { throw DomainError.invalid(field, code: "no_commas", args: [field]) }
                if !clean.contains(v) { clean.append(v) }
            }
            guard !clean.isEmpty else { throw DomainError.required(field) }
            guard clean.count <= 50 else { throw DomainError.invalid(field, code: "too_many", args: [field, "50"]) }
            cleaned[list] = clean
        }
        let changes = cleaned
        return try await ctx.write { ctx in
            let old = try await all(ctx.store)
            for (list, entries) in changes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await Settings.set(list.rawValue, entries.joined(separator: "\n"), on: ctx.store)
                try await ctx.audit(
                    "update", "setting", nil,
                    [FieldChange(list.rawValue, old: old[list]?.joined(separator: ","), new: entries.joined(separator: ","))])
            }
            return try await all(ctx.store)
        }
    }
}
