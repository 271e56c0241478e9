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

    static let headers: [String: String] = [
        "公司": "company", "公司名称": "company", "客户名称": "company", "company": "company", "name": "company",
        "联系人": "contactName", "contact": "contactName", "contactname": "contactName",
        "职务": "title", "title": "title",
        "电话": "phone", "手机": "phone", "phone": "phone", "mobile": "phone",
        "邮箱": "email", "电子邮件": "email", "email": "email", "e-mail": "email",
        "统一社会信用代码": "uscc", "信用代码": "uscc", "uscc": "uscc",
        "来源": "source", "source": "source",
        "省份": "province", "省": "province", "province": "province",
        "城市": "city", "市": "city", "city": "city",
        "备注": "note", "note": "note",
    ]

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
        let columns = header.map { headers[Pinyin.halfWidth($0).trimmingCharacters(in: .whitespaces).lowercased()] }
        guard columns.contains("company") else { throw DomainError.invalid("file", code: "csv_no_company_column") }
        let body = table.dropFirst()
        guard body.count <= maxRows else { throw DomainError.invalid("file", code: "too_many", args: ["file", String(maxRows)]) }
        return try await ctx.write { ctx in
            var out: [Row] = []
            var seenKeys: [String: Int] = [:]
            for (i, cells) in body.enumerated() {
                let line = i + 2
                var values: [String: String] = [:]
                for (j, cell) in cells.enumerated() where j < columns.count {
                    guard let key = columns[j] else { continue }
                    var v = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                    if ["phone", "email", "uscc"].contains(key) { v = Pinyin.halfWidth(v).replacingOccurrences(of: " ", with: "") }
                    if !v.isEmpty { values[key] = v }
                }
                let company = values["company"] ?? ""
                if values.isEmpty { continue }
                let input = LeadService.Input(
                    company: company, contactName: values["contactName"], title: values["title"], phone: values["phone"],
                    email: values["email"], uscc: values["uscc"], source: values["source"], province: values["province"],
                    city: values["city"], note: values["note"], ignoreDuplicates: true)
                do {
                    _ = try await LeadService.validate(input, ctx)
                } catch let e as DomainError {
                    out.append(
                        Row(
                            line: line, outcome: "invalid", company: company, field: e.field, code: e.code, args: e.args, leadId: nil,
                            matches: []))
                    continue
                }
                let key = PartnerService.nameKey(company)
                if let earlier = seenKeys[key] {
                    out.append(
                        Row(
                            line: line, outcome: "duplicate", company: company, field: "company", code: "duplicate_in_file",
                            args: [String(earlier)],
                            leadId: nil, matches: []))
                    continue
                }
                seenKeys[key] = line
                let matches = try await LeadService.duplicates(
                    company: company, uscc: values["uscc"], phone: values["phone"], email: values["email"], ctx)
                if !matches.isEmpty {
                    let e = LeadService.DuplicateFound(matches: matches).error
                    out.append(
                        Row(
                            line: line, outcome: "duplicate", company: company, field: e.field, code: e.code, args: e.args, leadId: nil,
                            matches: matches))
                    continue
                }
                if dryRun {
                    out.append(
                        Row(
                            line: line, outcome: "would_create", company: company, field: nil, code: nil, args: [], leadId: nil, matches: []
                        ))
                } else {
                    let lead = try await LeadService.create(input, ctx)
                    out.append(
                        Row(line: line, outcome: "created", company: company, field: nil, code: nil, args: [], leadId: lead.id, matches: [])
                    )
                }
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
}
