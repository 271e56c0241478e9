import Foundation
import Kernel
import Persistence

/// What an import of partners (往来单位: suppliers, and companies that are both) knows. The
/// partner master is one: a row that finds a customer by code, USCC or name makes it a supplier
/// too, never a second record. Roles are only ever added by an import.
enum PartnerImport: RowImportKind {
    static let fields = ["code", "name", "kind", "role", "uscc", "phone", "email", "address", "active"]
    static let keys = ["code", "uscc", "name"]
    static let module = Module.partners

    /// Chinese and English, and the supplier lists of 管家婆 (单位编号, 单位全名), 金蝶精斗云
    /// (供应商编码, 供应商名称), jshERP (供应商名称, 联系电话, 纳税人识别号) and Odoo (Vendor, Tax ID).
    static let columns = ImportColumns([
        "code": ["编码", "编号", "供应商编码", "供应商编号", "往来单位编号", "单位编号", "单位编码", "code", "ref", "reference", "vendorcode"],
        "name": [
            "名称", "供应商", "供应商名称", "供应商全称", "往来单位", "往来单位名称", "单位名称", "单位全名", "全称", "name", "vendor", "supplier",
            "company", "companyname",
        ],
        "kind": ["类型", "性质", "kind", "companytype"],
        "role": ["往来类型", "单位类型", "角色", "客户/供应商", "role", "partnertype"],
        "uscc": ["统一社会信用代码", "信用代码", "税号", "纳税人识别号", "纳税识别号", "uscc", "taxid", "vat"],
        "phone": ["电话", "联系电话", "手机", "手机号", "固定电话", "phone", "mobile", "tel", "telephone"],
        "email": ["邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail"],
        "address": ["地址", "详细地址", "公司地址", "通讯地址", "联系地址", "address", "street"],
        "active": ["启用", "状态", "是否启用", "active", "enabled"],
    ])

    static func suggestedKey(_ mapping: [String]) -> String {
        mapping.contains("code") ? "code" : (mapping.contains("uscc") ? "uscc" : "name")
    }

    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if ["phone", "email", "uscc", "code"].contains(field) { v = Pinyin.halfWidth(v) }
            if ["email", "uscc"].contains(field) { v = v.replacingOccurrences(of: " ", with: "") }
            if field == "uscc" { v = v.uppercased() }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// 供应商 / 客户 / 客户及供应商 (and English): (customer, supplier); nil for a word it does not know.
    static func role(_ text: String?) -> (customer: Bool, supplier: Bool)? {
        guard let t = text?.lowercased().filter({ !$0.isWhitespace }) else { return (false, true) }
        if ["供应商", "供货商", "厂商", "supplier", "vendor"].contains(t) { return (false, true) }
        if ["客户", "customer"].contains(t) { return (true, false) }
        if ["客户及供应商", "客户和供应商", "客户/供应商", "两者", "都是", "both", "customer/supplier", "customerandsupplier"].contains(t) {
            return (true, true)
        }
        return nil
    }

    static func active(_ text: String?) -> Bool? {
        guard let t = text?.lowercased() else { return nil }
        if ["是", "启用", "正常", "y", "yes", "true", "1", "active"].contains(t) { return true }
        if ["否", "停用", "禁用", "n", "no", "false", "0", "inactive"].contains(t) { return false }
        return nil
    }

    /// The partner a row stands for by the key: any partner (a customer too), so one company stays one record.
    static func existing(_ v: [String: String], key: String, _ store: Store) async throws -> PartnerRow? {
        switch key {
        case "code": return try await v["code"].asyncMap { try await CRMQueries.partner(code: $0, on: store) }
        case "uscc": return try await v["uscc"].asyncMap { try await CRMQueries.partner(uscc: $0, on: store) }
        case "name": return try await v["name"].asyncMap { try await CRMQueries.partner(nameKey: PartnerService.nameKey($0), on: store) }
        default: return nil
        }
    }

    static func input(_ v: [String: String], over old: PartnerRow?, role: (customer: Bool, supplier: Bool)) -> PartnerService.Input {
        func pick(_ field: String, _ current: String?) -> String? { v[field] ?? current }
        return PartnerService.Input(
            code: pick("code", old?.code), name: pick("name", old?.name), kind: CustomerImport.kind(v["kind"]) ?? old?.kind,
            isCustomer: role.customer || old?.isCustomer == true, isSupplier: role.supplier || old?.isSupplier == true,
            uscc: pick("uscc", old?.uscc), phone: pick("phone", old?.phone), email: pick("email", old?.email),
            address: pick("address", old?.address), branchId: old?.branchId, ownerId: old?.ownerId,
            active: active(v["active"]) ?? old?.active)
    }

    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws
        -> ImportService.Outcome
    {
        let job = run.job, via = run.via(r), dryRun = run.dryRun
        guard let role = role(v["role"]) else {
            return .refused(r.line, DomainError.invalid("role", code: "invalid_choice"), name: v["name"])
        }
        return try await row(
            r, v, &run, key: { job.matchKey == "name" ? PartnerService.nameKey($0) : $0.lowercased() },
            find: { try await existing(v, key: job.matchKey, ctx.store) }, name: { ($0.name, $0.code) },
            update: { p in
                let input = input(v, over: p, role: role)
                if dryRun {
                    let scope = try ctx.require(.partners, .edit)
                    guard scope.contains(branch: p.branchId, department: nil, owner: p.ownerId) else { throw DomainError.notFound }
                    _ = try await PartnerService.validate(input, id: p.id, scope: scope, ctx)
                    return ImportService.Outcome(line: r.line, outcome: "would_update", recordId: p.id, args: [], name: p.name)
                }
                let row = try await ctx.store.savepoint {
                    try await PartnerService.update(p.id, input, version: p.version, ctx.through("import", via: via))
                }
                return try written(r, "updated", id: row.id, name: row.name, version: row.version, before: p)
            },
            create: {
                let input = input(v, over: nil, role: role)
                if dryRun {
                    _ = try await PartnerService.validate(input, id: nil, scope: try ctx.require(.partners, .create), ctx)
                    return ImportService.Outcome(line: r.line, outcome: "would_create", args: [], name: v["name"])
                }
                let row = try await ctx.store.savepoint { try await PartnerService.create(input, ctx.through("import", via: via)) }
                return try written(r, "created", id: row.id, name: row.name, version: row.version)
            })
    }

    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await InventoryQueries.partner(rid, on: tx.store) else { return false }
        try unchanged(r, version: current.version, name: current.name)
        if r.outcome == "created" {
            try await PartnerService.delete(rid, tx)
            return true
        }
        if let before = r.before, let old = try? JSONDecoder().decode(PartnerRow.self, from: Data(before.utf8)) {
            var input = input([:], over: old, role: (false, false))
            input.isCustomer = old.isCustomer
            input.isSupplier = old.isSupplier
            _ = try await PartnerService.update(rid, input, version: current.version, tx)
        }
        return false
    }
}
