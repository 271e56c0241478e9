import Foundation
import Kernel
import Persistence

/// Open receivables and payables per document (期初应收应付): each row one document of the old
/// books a customer still owes on, or the company owes a supplier — the partner (code, USCC or
/// name), the document's number and date, and what is still open. Rows become opening items
/// (`OpeningBalances`); a revert takes back those nothing has settled, all or none.
enum OpeningBalanceImport: RowImportKind {
    static let fields = ["side", "partner", "docNumber", "docDate", "amount"]
    static let keys = ["docNumber"]
    static let modes = ["create"]
    static let module = Module.cash

    /// Chinese and English, and the opening-balance sheets of 管家婆 (单位全名, 单据编号, 期初应收),
    /// 金蝶精斗云 (客户, 单据号, 未核销金额), 用友 (往来单位, 凭证号, 余额) and Odoo (Partner, Number,
    /// Amount Due).
    static let columns = ImportColumns([
        "side": ["类型", "方向", "应收应付", "往来方向", "收付类型", "side", "direction"],
        "partner": [
            "往来单位", "往来单位名称", "单位全名", "单位名称", "客户", "客户名称", "供应商", "供应商名称", "partner", "customer", "supplier", "partnername",
            "vendor",
        ],
        "docNumber": ["单据编号", "单据号", "单号", "发票号", "发票号码", "凭证号", "documentnumber", "number", "invoicenumber", "reference", "ref"],
        "docDate": ["单据日期", "日期", "开票日期", "业务日期", "记账日期", "date", "documentdate", "invoicedate"],
        "amount": [
            "金额", "余额", "未收金额", "未付金额", "未核销金额", "应收金额", "应付金额", "期初应收", "期初应付", "期初余额", "amount", "balance", "amountdue",
            "openamount", "residual",
        ],
    ])

    static func suggestedKey(_ mapping: [String]) -> String { "docNumber" }

    static func check(_ s: ImportService.Settings) throws {
        guard ["partner", "docNumber", "amount"].allSatisfy(s.mapping.contains) else {
            throw DomainError.invalid("mapping", code: "import_opening_balance_columns")
        }
    }

    static func values(_ cells: [String], mapping: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (i, field) in mapping.enumerated() where !field.isEmpty && i < cells.count {
            var v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if field == "docNumber" || field == "amount" || field == "docDate" { v = Pinyin.halfWidth(v) }
            if field == "amount" { v = ImportCells.money(v) }
            if !v.isEmpty { out[field] = v }
        }
        return out
    }

    /// 应收 / 应付 and their English words; a row that says neither is a receivable, or a payable
    /// of a partner that is only a supplier.
    static func side(_ text: String?, _ p: PartnerRow) throws -> OpenItems.Side {
        guard let t = text?.lowercased() else { return p.isSupplier && !p.isCustomer ? .ap : .ar }
        if ["应收", "应收款", "应收账款", "客户", "收", "ar", "receivable", "receivables", "customer"].contains(t) { return .ar }
        if ["应付", "应付款", "应付账款", "供应商", "付", "ap", "payable", "payables", "supplier", "vendor"].contains(t) { return .ap }
        throw DomainError.invalid("side", code: "invalid_choice", args: ["side"])
    }

    static func apply(
        _ r: ImportRowRow, _ v: [String: String], _ run: inout ImportRun, _ ctx: ServiceContext
    ) async throws -> ImportService.Outcome {
        func refused(_ e: DomainError) -> ImportService.Outcome { .refused(r.line, e, name: v["partner"]) }
        do {
            guard let named = v["partner"] else { throw DomainError.required("partner") }
            guard let number = v["docNumber"] else { throw DomainError.required("docNumber") }
            let store = ctx.store
            var found = try await CRMQueries.partner(code: named.uppercased(), on: store)
            if found == nil, let u = USCC.validate(named) { found = try await CRMQueries.partner(uscc: u, on: store) }
            if found == nil {
                // Money follows a name only when one partner bears it.
                let key = PartnerService.nameKey(named)
                if try await CRMQueries.partnerCount(nameKey: key, on: store) > 1 {
                    throw DomainError.invalid("partner", code: "import_partner_ambiguous", args: [named])
                }
                found = try await CRMQueries.partner(nameKey: key, on: store)
            }
            guard let partner = found else { throw DomainError.invalid("partner", code: "import_partner_not_found", args: [named]) }
            let side = try side(v["side"], partner)
            if let e = run.repeated("\(side.rawValue)|\(partner.id)|\(number)", "docNumber", line: r.line) { throw e }
            let date = try v["docDate"].map { t -> String in
                guard let d = ImportService.day(t) else { throw DomainError.invalid("docDate", code: "invalid_date") }
                return d.description
            }
            let input = OpeningBalances.Input(
                side: side, partnerId: partner.id, docNumber: number, docDate: date ?? CalendarDate.today(ctx.clock).description,
                amount: v["amount"])
            if run.dryRun {
                try await OpeningBalances.check(input, ctx)
                return ImportService.Outcome(line: r.line, outcome: "would_create", args: [], name: partner.name)
            }
            let via = run.via(r)
            let item = try await ctx.store.savepoint { try await OpeningBalances.create(input, ctx.through("import", via: via)) }
            return try written(r, "created", id: item.id, name: partner.name, version: 0)
        } catch let e as DomainError where e.kind != .forbidden {
            return refused(e)
        }
    }

    static func revert(_ r: ImportRowRow, _ tx: ServiceContext) async throws -> Bool {
        guard let id = r.recordId, let item = try await CashQueries.openItem(id, on: tx.store) else { return false }
        guard item.settled == 0 else {
            throw DomainError(.conflict, code: "import_changed_since", field: "line", args: [String(r.line), item.docNumber])
        }
        try await OpeningBalances.delete(id, tx)
        return true
    }
}
