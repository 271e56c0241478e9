import Foundation
import Kernel
import Persistence

/// What an import of contacts knows: each row names the customer it belongs to (by code, USCC
/// or name, as the customer column holds it), and a contact is found again by its mobile or
/// e-mail.
enum ContactImport: RowImportKind {
    static let fields = ["customer", "name", "title", "mobile", "phone", "email", "wechat", "birthday", "isPrimary", "note"]
    static let keys = ["mobile", "email"]
    static let module = Module.customers

    static func suggestedKey(_ mapping: [String]) -> String {
        mapping.contains("mobile") || !mapping.contains("email") ? "mobile" : "email"
    }

    static func check(_ s: ImportService.Settings) throws {
        if s.mode != "update", !s.mapping.contains("name") { throw DomainError.invalid("mapping", code: "import_name_not_mapped") }
        if s.mode != "update", !s.mapping.contains("customer") { throw DomainError.invalid("mapping", code: "import_customer_not_mapped") }
    }

    /// One row: its customer found, the contact found again by the key (a row without one is a
    /// new contact), created or updated; a row naming another customer moves the contact there.
    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws
        -> ImportService.Outcome
    {
        let job = run.job, via = run.via(r), dryRun = run.dryRun
        func named() async throws -> PartnerRow {
            guard let text = v["customer"] else { throw DomainError.required("customer") }
            guard let p = try await customer(text, ctx) else {
                throw DomainError.invalid("customer", code: "import_customer_not_found", args: [text])
            }
            return p
        }
        return try await row(
            r, v, &run, key: { job.matchKey == "mobile" ? (CustomerService.digits($0) ?? $0) : $0.lowercased() },
            find: { try await existing(v, key: job.matchKey, ctx) }, name: { ($0.name, v[job.matchKey] ?? "") },
            update: { c in
                let input = input(v, over: c, partner: v["customer"] == nil ? nil : try await named().id)
                if dryRun {
                    _ = try await ContactService.validate(input, existing: c.customValues, ctx.store)
                    return ImportService.Outcome(line: r.line, outcome: "would_update", recordId: c.id, args: [], name: c.name)
                }
                let row = try await ctx.store.savepoint {
                    try await ContactService.update(c.id, input, version: c.version, ctx.through("import", via: via))
                }
                return try written(r, "updated", id: row.id, name: row.name, version: row.version, before: c)
            },
            create: {
                let input = input(v, over: nil, partner: try await named().id)
                if dryRun {
                    _ = try await ContactService.validate(input, existing: nil, ctx.store)
                    return ImportService.Outcome(line: r.line, outcome: "would_create", args: [], name: v["name"])
                }
                let row = try await ctx.store.savepoint { try await ContactService.create(input, ctx.through("import", via: via)) }
                return try written(r, "created", id: row.id, name: row.name, version: row.version)
            }, createWithoutKey: true)
    }

    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await CRMQueries.contact(rid, on: tx.store) else { return false }
        try unchanged(r, version: current.version, name: current.name)
        if r.outcome == "created" {
            try await ContactService.delete(rid, tx)
            return true
        }
        if let before = r.before, let old = try? JSONDecoder().decode(ContactRow.self, from: Data(before.utf8)) {
            _ = try await ContactService.update(rid, input([:], over: old, partner: old.partnerId), version: current.version, tx)
        }
        return false
    }

    static let columns = ImportColumns([
        "customer": [
            "客户", "客户名称", "所属客户", "客户编码", "公司", "公司名称", "单位", "单位名称", "往来单位", "往来单位名称", "customer", "company",
            "companyname", "account", "accountname", "relatedcompany",
        ],
        "name": ["姓名", "联系人", "联系人姓名", "名字", "name", "contact", "contactname", "fullname"],
        "title": ["职务", "职位", "头衔", "title", "jobposition", "position", "jobtitle"],
        "mobile": ["手机", "手机号", "手机号码", "移动电话", "mobile", "cellphone", "mobilephone"],
        "phone": ["电话", "座机", "办公电话", "固定电话", "联系电话", "phone", "tel", "telephone", "officephone"],
        "email": ["邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail"],
        "wechat": ["微信", "微信号", "wechat"],
        "birthday": ["生日", "出生日期", "birthday", "dateofbirth", "birthdate"],
        "isPrimary": ["主联系人", "首要联系人", "是否主联系人", "primary", "isprimary"],
        "note": ["备注", "说明", "note", "notes", "remark", "remarks"],
    ])

    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if ["mobile", "phone", "email", "birthday"].contains(field) { v = Pinyin.halfWidth(v) }
            if field == "email" { v = v.replacingOccurrences(of: " ", with: "") }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// The customer a row names: by code, then USCC, then name; nil when none the importer may
    /// change matches.
    static func customer(_ text: String?, _ ctx: ServiceContext) async throws -> PartnerRow? {
        guard let t = text, let c = try await CustomerService.named(t, ctx), CustomerService.allows(c, .edit, ctx) else { return nil }
        return c
    }

    /// The contact a row stands for, by the chosen key, among those the importer may change.
    static func existing(_ v: [String: String], key: String, _ ctx: ServiceContext) async throws -> ContactRow? {
        let found: ContactRow?
        switch key {
        case "mobile":
            found = try await v["mobile"].flatMap(CustomerService.digits).asyncMap {
                try await CRMQueries.contacts(phoneDigits: $0, on: ctx.store).first
            }
        case "email": found = try await v["email"].asyncMap { try await CRMQueries.contacts(email: $0, on: ctx.store).first }
        default: found = nil
        }
        guard let c = found, (try? await CustomerService.findForEdit(c.partnerId, .edit, ctx)) != nil else { return nil }
        return c
    }

    static func input(_ v: [String: String], over old: ContactRow?, partner: Int64?) -> ContactService.Input {
        func pick(_ field: String, _ current: String?) -> String? { v[field] ?? current }
        let primary = v["isPrimary"].map { ["是", "主", "y", "yes", "true", "1", "√"].contains($0.lowercased()) }
        return ContactService.Input(
            partnerId: partner ?? old?.partnerId, name: pick("name", old?.name), title: pick("title", old?.title),
            mobile: pick("mobile", old?.mobile), phone: pick("phone", old?.phone), email: pick("email", old?.email),
            wechat: pick("wechat", old?.wechat),
            birthday: pick("birthday", old?.birthday.map { $0.replacingOccurrences(of: "0000-", with: "") }),
            isPrimary: primary ?? old?.isPrimary, note: pick("note", old?.note), customFields: CustomFieldService.imported(v))
    }
}
