import Foundation
import Kernel
import Persistence

/// What an import of customers knows: the fields a column can go to, the names other systems
/// give those columns, how a row becomes a customer and how it finds the one it updates.
enum CustomerImport: RowImportKind {
    static let module = Module.customers
    static let offersPool = true
    /// The fields, in the order the mapping form offers them.
    static let fields = [
        "code", "name", "kind", "level", "status", "industry", "source", "phone", "email", "uscc", "province", "city", "district",
        "street", "website", "creditLimit", "tags", "note", "owner", "createdAt",
    ]

    /// Header names (lowercased, half-width, no spaces) → field: Chinese and English, and the
    /// column names of the exports of 管家婆, 金蝶精斗云, 用友 T+, jshERP, Odoo and 悟空CRM.
    static let columns = ImportColumns([
        "code": [
            "编码", "编号", "客户编码", "客户编号", "客户代码", "往来单位编号", "单位编号", "code", "customercode", "ref", "reference", "internalreference",
        ],
        "name": [
            "名称", "客户名称", "客户", "公司", "公司名称", "单位名称", "往来单位", "往来单位名称", "客户全称", "全称", "name", "customer", "company",
            "companyname", "displayname",
        ],
        "kind": ["类型", "客户类型", "性质", "kind", "companytype", "type"],
        "level": ["级别", "客户级别", "等级", "客户等级", "level", "grade"],
        "status": ["状态", "客户状态", "status"],
        "industry": ["行业", "所属行业", "客户行业", "industry"],
        "source": ["来源", "客户来源", "来源渠道", "source"],
        "phone": ["电话", "联系电话", "手机", "手机号", "手机号码", "固定电话", "办公电话", "phone", "mobile", "tel", "telephone"],
        "email": ["邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail"],
        "uscc": ["统一社会信用代码", "信用代码", "税号", "纳税人识别号", "纳税识别号", "uscc", "taxid", "vat"],
        "province": ["省", "省份", "所在省份", "province", "state"],
        "city": ["市", "城市", "所在城市", "city"],
        "district": ["区", "区县", "区/县", "district"],
        "street": ["地址", "详细地址", "公司地址", "通讯地址", "联系地址", "street", "address", "street2"],
        "website": ["网址", "网站", "公司网址", "website", "web"],
        "creditLimit": ["信用额度", "信用额", "creditlimit", "credit"],
        "tags": ["标签", "客户标签", "tags", "tag"],
        "note": ["备注", "说明", "note", "notes", "remark", "remarks", "comment"],
        "owner": ["负责人", "业务员", "销售员", "客户经理", "所属员工", "owner", "salesperson", "salesman", "user"],
        "createdAt": ["建档日期", "创建日期", "创建时间", "录入日期", "登记日期", "createdon", "createdat", "createdate", "createddate"],
    ])

    static let keys = ["code", "uscc", "phone", "email", "name"]

    static func suggestedKey(_ mapping: [String]) -> String {
        mapping.contains("code") ? "code" : (mapping.contains("uscc") ? "uscc" : "name")
    }

    /// One row: the customer found again by the key, updated; else created, owned by the person
    /// the row names (within the importer's reach), the importer, or the pool; its 建档日期 kept.
    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws
        -> ImportService.Outcome
    {
        let job = run.job, via = run.via(r), dryRun = run.dryRun, owner = run.owner, pool = run.pool
        return try await row(
            r, v, &run, key: { job.matchKey == "name" ? PartnerService.nameKey($0) : $0.lowercased() },
            find: { try await existing(v, key: job.matchKey, ctx) }, name: { ($0.name, $0.code) },
            update: { c in
                let input = input(v, over: c, owner: nil, intoPool: nil)
                if dryRun {
                    _ = try await CustomerService.validate(input, old: c, ctx)
                    return ImportService.Outcome(line: r.line, outcome: "would_update", recordId: c.id, args: [], name: c.name)
                }
                let row = try await ctx.store.savepoint {
                    try await CustomerService.update(c.id, input, version: c.version, ctx.through("import", via: via))
                }
                return try written(r, "updated", id: row.id, name: row.name, version: row.version, before: c)
            },
            create: {
                var input = input(v, over: nil, owner: owner, intoPool: pool)
                // The owner the row names (the importer's colleague, within their reach), unless into the pool.
                if pool == nil, let named = try await self.owner(v["owner"], ctx) { input.ownerId = named }
                let since = try createdAt(v["createdAt"], today: CalendarDate.today(ctx.clock))
                if dryRun {
                    // As the run will: the owner is someone the importer reaches.
                    if let o = input.ownerId { _ = try await ctx.person(o, for: .customers, .create, field: "ownerId") }
                    _ = try await CustomerService.validate(input, old: nil, ctx)
                    return ImportService.Outcome(line: r.line, outcome: "would_create", args: [], name: v["name"])
                }
                let row = try await ctx.store.savepoint {
                    let made = try await CustomerService.create(input, ctx.through("import", via: via))
                    if let since { try await CRMWrites.backdate(partner: made.id, createdAt: since, on: ctx.store) }
                    return made
                }
                return try written(r, "created", id: row.id, name: row.name, version: row.version)
            })
    }

    /// Deletes a customer the import created, or gives one it updated its former values back.
    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let rid = r.recordId, let current = try await CRMQueries.customer(rid, on: tx.store) else { return false }
        try unchanged(r, version: current.version, name: current.name)
        if r.outcome == "created" {
            try await CustomerService.delete(rid, tx)
            return true
        }
        if let before = r.before, let old = try? JSONDecoder().decode(PartnerRow.self, from: Data(before.utf8)) {
            _ = try await CustomerService.update(rid, input([:], over: old, owner: nil, intoPool: nil), version: current.version, tx)
        }
        return false
    }

    /// The owner a row names, by user name or display name: an active colleague; nil for none
    /// named. A name that fits nobody, or two people, is refused on the owner column.
    static func owner(_ text: String?, _ ctx: ServiceContext) async throws -> Int64? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        if let u = try await OrganisationQueries.user(username: t, on: ctx.store), u.active, u.partnerId == nil { return u.id }
        let named = try await OrganisationQueries.users(displayName: t, on: ctx.store)
        guard named.count == 1 else { throw DomainError.invalid("owner", code: "import_owner_not_found", args: [t]) }
        return named[0].id
    }

    /// 2019-03-05, 2019/3/5, 2019.03.05 or 2019年3月5日 (a time after it is dropped), not after today:
    /// the start of that day in China.
    static func createdAt(_ text: String?, today: CalendarDate) throws -> Int64? {
        guard let raw = text?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let date = ImportService.day(raw), !(today < date) else { throw DomainError.invalid("createdAt", code: "invalid_date") }
        return date.chinaStartMillis
    }

    /// The values a row gives, cleansed: spaces trimmed, full-width letters and digits made
    /// half-width where they are codes, numbers or addresses of mail.
    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if ["phone", "email", "uscc", "code", "creditLimit", "website"].contains(field) { v = Pinyin.halfWidth(v) }
            if ["email", "uscc"].contains(field) { v = v.replacingOccurrences(of: " ", with: "") }
            if field == "uscc" { v = v.uppercased() }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// The customer a row stands for, by the chosen key; nil when the row has no value for it
    /// or none matches. A customer outside the importer's scope is not found (and so not changed).
    static func existing(_ v: [String: String], key: String, _ ctx: ServiceContext) async throws -> PartnerRow? {
        let store = ctx.store
        let found: PartnerRow?
        switch key {
        case "code": found = try await v["code"].asyncMap { try await CRMQueries.partner(code: $0, on: store) }
        case "uscc": found = try await v["uscc"].asyncMap { try await CRMQueries.partner(uscc: $0, on: store) }
        case "name": found = try await v["name"].asyncMap { try await CRMQueries.partner(nameKey: PartnerService.nameKey($0), on: store) }
        case "phone":
            found = try await v["phone"].asyncMap { p in
                try await CRMQueries.customers(phoneDigits: p.filter(\.isNumber), on: store).first
            }
        case "email": found = try await v["email"].asyncMap { try await CRMQueries.customers(email: $0.lowercased(), on: store).first }
        default: found = nil
        }
        guard let c = found, c.isCustomer else { return nil }
        return try? await CustomerService.find(c.id, ctx)
    }

    static func input(_ v: [String: String], over old: PartnerRow?, owner: Int64?, intoPool: Int64?) -> CustomerService.Input {
        func pick(_ field: String, _ current: String?) -> String? { v[field] ?? current }
        var input = CustomerService.Input(
            code: pick("code", old?.code), name: pick("name", old?.name), kind: kind(v["kind"]) ?? old?.kind ?? "company",
            uscc: pick("uscc", old?.uscc), industry: pick("industry", old?.industry), level: pick("level", old?.level),
            source: pick("source", old?.source), status: status(v["status"]) ?? old?.status ?? "potential",
            tags: v["tags"].map { $0.split(whereSeparator: { ",，、;；".contains($0) }).map(String.init) }
                ?? old.map { $0.tags.split(separator: ",").map(String.init) },
            province: pick("province", old?.province), city: pick("city", old?.city), district: pick("district", old?.district),
            street: pick("street", old?.street ?? old?.address), phone: pick("phone", old?.phone), email: pick("email", old?.email),
            website: pick("website", old?.website), creditLimit: v["creditLimit"] ?? old?.creditLimit.map { Money(fen: $0).description },
            isSupplier: old?.isSupplier, poolExempt: old?.poolExempt)
        if let lat = old?.latitude, let lon = old?.longitude {
            input.latitude = ScaledDecimal.format(lat, scale: 6, minDecimals: 6)
            input.longitude = ScaledDecimal.format(lon, scale: 6, minDecimals: 6)
        }
        input.note = v["note"] ?? old?.note
        input.customFields = CustomFieldService.imported(v)
        if old == nil {
            input.ownerId = intoPool == nil ? owner : nil
            input.poolId = intoPool
        }
        return input
    }

    /// 企业 / 个人 and their English words.
    static func kind(_ text: String?) -> String? {
        guard let t = text?.lowercased() else { return nil }
        if ["企业", "公司", "单位", "company", "organisation", "organization"].contains(t) { return "company" }
        if ["个人", "自然人", "person", "individual"].contains(t) { return "person" }
        return t
    }

    static func status(_ text: String?) -> String? {
        guard let t = text?.lowercased() else { return nil }
        let words = [
            "潜在": "potential", "潜在客户": "potential", "合作中": "active", "成交": "active", "正式客户": "active", "休眠": "dormant",
            "流失": "lost",
        ]
        return words[t] ?? t
    }
}
