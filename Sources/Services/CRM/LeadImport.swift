import Foundation
import Kernel
import Persistence
import Spreadsheets

/// Leads from a spreadsheet (an Excel workbook, CSV in any encoding Excel saves, or cells pasted
/// from Excel): headers in Chinese or English,
/// values cleansed (spaces, full-width characters), every row checked like a lead typed by
/// hand and against the other rows. A dry run shows what would happen; the real run creates
/// the good rows in one transaction and reports the others by row and field.
public enum LeadImport {
    public struct Row: Sendable, Equatable {
        /// 1-based line in the file, the header being line 1.
        public var line: Int
        /// "created", "would_create", "duplicate" or "invalid".
        public var outcome: String
        public var company: String
        public var field: String?
        public var code: String?
        public var args: [String]
        public var leadId: Int64?
        public var matches: [LeadService.Match]
    }

    /// Header names → field: Chinese and English, and the lead exports of 悟空CRM (线索名称,
    /// 客户名称, 手机), Odoo (Company Name, Contact Name, Email) and EspoCRM (Account Name).
    static let columns = ImportColumns([
        "company": ["公司", "公司名称", "客户名称", "单位名称", "线索名称", "企业名称", "company", "companyname", "name", "accountname"],
        "contactName": ["联系人", "联系人姓名", "姓名", "contact", "contactname", "fullname"],
        "title": ["职务", "职位", "title", "jobposition", "jobtitle"],
        "phone": ["电话", "手机", "手机号", "手机号码", "联系电话", "phone", "mobile", "tel"],
        "email": ["邮箱", "电子邮件", "电子邮箱", "email", "e-mail"],
        "uscc": ["统一社会信用代码", "信用代码", "税号", "uscc", "taxid"],
        "source": ["来源", "线索来源", "source"],
        "province": ["省份", "省", "province", "state"],
        "city": ["城市", "市", "city"],
        "note": ["备注", "说明", "note", "notes", "description"],
        "owner": ["负责人", "所属员工", "销售员", "owner", "salesperson"],
        "campaign": ["市场活动", "活动", "活动编号", "活动名称", "campaign", "campaignname"],
    ])

    public static let maxRows = 5000

    /// Pasted text: CSV, or tab-separated cells from a spreadsheet.
    public static func run(_ text: String, dryRun: Bool, _ ctx: ServiceContext) async throws -> [Row] {
        try ctx.require(.leads, .create)
        let table: [[String]]
        do { table = try CSV.parse(text) } catch {
            throw DomainError.invalid("file", code: "csv_unclosed_quote", args: [String(error.line)])
        }
        return try await run(table: table, dryRun: dryRun, ctx)
    }

    /// A file as it came: an .xlsx workbook (its first sheet) or CSV / tab-separated text in
    /// UTF-8, UTF-16 or GB18030 (GBK), told apart by its bytes.
    public static func run(file: Data, dryRun: Bool, _ ctx: ServiceContext) async throws -> [Row] {
        try ctx.require(.leads, .create)
        return try await run(table: try rows(of: file), dryRun: dryRun, ctx)
    }

    /// The first sheet's rows of a file, or why it cannot be read (as a refusal of the field `file`).
    public static func rows(of file: Data) throws -> [[String]] {
        do {
            return try Spreadsheet.read(file).first?.rows ?? []
        } catch {
            throw DomainError.invalid("file", code: error.code, args: error.args)
        }
    }

    /// Rows already read (the first being the header).
    public static func run(table: [[String]], dryRun: Bool, _ ctx: ServiceContext) async throws -> [Row] {
        try ctx.require(.leads, .create)
        guard let header = table.first else { throw DomainError.required("file") }
        let mapping = columns.suggest(header).map { $0 == "owner" ? "" : $0 }
        guard mapping.contains("company") else { throw DomainError.invalid("file", code: "csv_no_company_column") }
        let body = table.dropFirst()
        guard body.count <= maxRows else { throw DomainError.invalid("file", code: "too_many", args: ["file", String(maxRows)]) }
        return try await ctx.write { ctx in
            var out: [Row] = []
            var seenKeys: [String: Int] = [:]
            for (i, cells) in body.enumerated() {
                let line = i + 2
                let values = values(cells, mapping: mapping)
                if values.isEmpty { continue }
                let company = values["company"] ?? ""
                if let earlier = seenKeys[PartnerService.nameKey(company)], !company.isEmpty {
                    out.append(
                        Row(
                            line: line, outcome: "duplicate", company: company, field: "company", code: "duplicate_in_file",
                            args: [String(earlier)], leadId: nil, matches: []))
                    continue
                }
                let row = try await one(values, line: line, owner: nil, dryRun: dryRun, ctx)
                if row.outcome != "invalid" { seenKeys[PartnerService.nameKey(company)] = line }
                out.append(row)
            }
            if !dryRun {
                try await ctx.audit(
                    "import", "lead", nil,
                    [
                        FieldChange("created", old: nil, new: String(out.filter { $0.outcome == "created" }.count)),
                        FieldChange("skipped", old: nil, new: String(out.filter { $0.outcome != "created" }.count)),
                    ])
            }
            return out
        }
    }

    /// The values a row gives, cleansed: spaces trimmed, phones, e-mails and USCCs half-width and without spaces.
    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (j, field) in mapping.enumerated() where !field.isEmpty && j < cells.count {
            var v = cells[j].trimmingCharacters(in: .whitespacesAndNewlines)
            if ["phone", "email", "uscc"].contains(field) { v = Pinyin.halfWidth(v).replacingOccurrences(of: " ", with: "") }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// One row: checked like a lead typed by hand, refused when a lead or customer already
    /// looks like it, else created (in a dry run: would be) for `owner`, or as the assignment
    /// rules say.
    static func one(_ values: [String: String], line: Int, owner: Int64?, dryRun: Bool, _ ctx: ServiceContext) async throws -> Row {
        let company = values["company"] ?? ""
        var input = LeadService.Input(
            company: company, contactName: values["contactName"], title: values["title"], phone: values["phone"],
            email: values["email"], uscc: values["uscc"], source: values["source"], province: values["province"],
            city: values["city"], note: values["note"], ownerId: owner, ignoreDuplicates: true,
            customFields: CustomFieldService.imported(values))
        func row(_ outcome: String, _ e: DomainError? = nil, lead: Int64? = nil, matches: [LeadService.Match] = []) -> Row {
            Row(
                line: line, outcome: outcome, company: company, field: e?.field, code: e?.code, args: e?.args ?? [], leadId: lead,
                matches: matches)
        }
        do {
            if let named = values["campaign"] {
                // The campaign by code or name, one not cancelled (validation refuses a cancelled one).
                guard let c = try await MarketingQueries.campaign(named: named, on: ctx.store) else {
                    throw DomainError.invalid("campaign", code: "import_campaign_not_found", args: [named])
                }
                input.campaignId = c.id
            }
            _ = try await LeadService.validate(input, ctx)
        } catch let e as DomainError {
            return row("invalid", e)
        }
        let matches = try await LeadService.duplicates(
            company: company, uscc: values["uscc"], phone: values["phone"], email: values["email"], ctx)
        if !matches.isEmpty { return row("duplicate", LeadService.DuplicateFound(matches: matches).error, matches: matches) }
        if dryRun { return row("would_create") }
        return row("created", lead: try await LeadService.create(input, ctx).id)
    }
}
