import Foundation
import Kernel
import Persistence

/// 编号规则: how each kind of document is numbered, set by the administrator — the standard
/// `SO-2026-000123` (`-SH` in a branch), or what the company's old system used (`SO20261207001`,
/// `XS-SH-2612-0001`, …). See `NumberPattern` for the tokens and how counters run.
public enum NumberingService {
    /// The kinds of document that take a number, by the code their numbers start with.
    public static let kinds = [
        "QT", "HT", "CG", "SO", "PO", "PR", "SD", "PRR", "SR", "TR", "SC", "OR", "OI", "IV", "PI", "RC", "PM", "BX", "DB",
    ]

    public struct Kind: Sendable, Equatable {
        public var prefix: String
        /// The pattern set, or nil for the standard one.
        public var pattern: String?
        public var effective: String
        /// What the first number would look like today at head office and in a branch.
        public var example: String
        public var branchExample: String
    }

    static func kind(_ prefix: String, _ set: String?, today: CalendarDate) throws -> Kind {
        let text = set ?? NumberPattern.standard
        let p = try NumberPattern(text)
        return Kind(
            prefix: prefix, pattern: set, effective: text,
            example: p.render(prefix: prefix, date: today, branchCode: "HQ", headOffice: true, seq: 1),
            branchExample: p.render(prefix: prefix, date: today, branchCode: "SH", headOffice: false, seq: 1))
    }

    public static func list(_ ctx: ServiceContext) async throws -> [Kind] {
        try ctx.require(.organisation, .view)
        let set = try await Settings.get(kinds.map(DocumentNumbers.settingKey), on: ctx.store)
        let today = CalendarDate(chinaDayOf: ctx.nowMillis)
        return try kinds.map { prefix in
            let text = set[DocumentNumbers.settingKey(prefix)]
            if let k = try? kind(prefix, text, today: today) { return k }
            return try kind(prefix, nil, today: today)
        }
    }

    /// The pattern as typed, checked; nil for empty (back to the standard one).
    public static func checked(_ text: String?, field: String) throws -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        do {
            _ = try NumberPattern(t)
        } catch {
            let code: String
            var args = [t]
            switch error {
            case .unknownToken(let token):
                code = "number_pattern_token"
                args = [token]
            case .needsOneSeq: code = "number_pattern_seq"
            case .badCharacter(let c):
                code = "number_pattern_character"
                args = [String(c)]
            case .tooLong: code = "number_pattern_long"
            case .seqWidth: code = "number_pattern_width"
            }
            throw DomainError.invalid(field, code: code, args: args)
        }
        return t
    }

    /// Sets the patterns named (`""` back to the standard); the others stay. All or none.
    public static func update(_ patterns: [String: String], _ ctx: ServiceContext) async throws -> [Kind] {
        let scope = try ctx.require(.organisation, .edit)
        guard case .all = scope else { throw DomainError(.forbidden, code: "needs_wider_scope", field: "patterns", args: ["patterns"]) }
        var checked: [(String, String?)] = []
        for (prefix, text) in patterns.sorted(by: { $0.key < $1.key }) {
            guard kinds.contains(prefix) else { throw DomainError.invalid("patterns." + prefix, code: "unknown_field", args: [prefix]) }
            checked.append((prefix, try self.checked(text, field: "patterns." + prefix)))
        }
        let all = checked
        try await ctx.write { tx in
            let old = try await Settings.get(kinds.map(DocumentNumbers.settingKey), on: tx.store)
            var changes: [FieldChange] = []
            for (prefix, text) in all {
                let key = DocumentNumbers.settingKey(prefix)
                guard old[key] != text else { continue }
                if let text { try await Settings.set(key, text, on: tx.store) } else { try await Settings.remove([key], on: tx.store) }
                changes.append(FieldChange("numbering." + prefix, old: old[key], new: text))
            }
            if !changes.isEmpty { try await tx.audit("update", "settings", nil, changes) }
        }
        return try await list(ctx)
    }
}
