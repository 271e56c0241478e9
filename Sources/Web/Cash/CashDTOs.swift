import Foundation
import Kernel
import Persistence
import Services

/// What the order-to-cash API sends and takes. Ids, money, prices and quantities travel as strings.

struct InvoiceDTO: Encodable {
    struct Line: Encodable {
        var id: String; var lineNo: Int64; var productId: String; var stockLineId: String?; var contractLineId: String?;
        var quantity: String
        var taxRate: String; var amount: String; var tax: String
    }
    var id: String; var number: String; var side: String; var kind: String; var invoiceNo: String?; var status: String; var branchId: String
    var partnerId: String; var contractId: String?; var invoiceDate: String; var netAmount: String; var taxAmount: String;
    var totalAmount: String
    var amountInWords: String; var open: String?; var note: String?; var version: Int64; var lines: [Line]?
    init(_ i: InvoiceRow, lines: [InvoiceLineRow]? = nil, open: Money? = nil) {
        id = String(i.id); number = i.number; side = i.side; kind = i.kind; invoiceNo = i.invoiceNo; status = i.status;
        branchId = String(i.branchId)
        partnerId = String(i.partnerId); contractId = APIID.string(i.contractId); invoiceDate = i.invoiceDate;
        netAmount = Fmt.money(i.netAmount)!
        taxAmount = Fmt.money(i.taxAmount)!; totalAmount = Fmt.money(i.totalAmount)!;
        amountInWords = ChineseAmount.capitals(Money(fen: i.totalAmount))
        self.open = open?.description; note = i.note; version = i.version
        self.lines = lines?.map {
            Line(
                id: String($0.id), lineNo: $0.lineNo, productId: String($0.productId), stockLineId: APIID.string($0.stockLineId),
                contractLineId: APIID.string($0.contractLineId), quantity: Fmt.qty($0.baseQty)!, taxRate: Fmt.percent($0.taxRate),
                amount: Fmt.money($0.amount)!, tax: Fmt.money($0.taxAmount)!)
        }
    }
}

struct InvoiceBody: Decodable {
    struct Line: Decodable { var stockLineId: String?; var contractLineId: String?; var amount: String? }
    var side: String?; var kind: String?; var invoiceNo: String?; var partnerId: String?; var contractId: String?; var invoiceDate: String?;
    var note: String?
    var lines: [Line]?; var stockDocumentIds: [String]?
    func input() throws -> InvoiceService.Input {
        .init(
            side: side, kind: kind, invoiceNo: invoiceNo, partnerId: try APIID.parse(partnerId, field: "partnerId"),
            contractId: try APIID.parse(contractId, field: "contractId"), invoiceDate: invoiceDate, note: note,
            lines: try lines?.enumerated().map { i, l in
                .init(
                    stockLineId: try APIID.parse(l.stockLineId, field: "lines[\(i)].stockLineId"),
                    contractLineId: try APIID.parse(l.contractLineId, field: "lines[\(i)].contractLineId"), amount: l.amount)
            },
            stockDocumentIds: try APIID.parseList(stockDocumentIds, field: "stockDocumentIds"))
    }
}

struct PaymentDTO: Encodable {
    struct Applied: Encodable { var itemId: String; var docNumber: String; var productId: String?; var amount: String }
    struct Installment: Encodable { var installmentId: String; var amount: String }
    var id: String; var number: String; var direction: String; var status: String; var branchId: String; var partnerId: String;
    var contractId: String?
    var paymentDate: String; var amount: String; var applied: String; var unapplied: String; var method: String; var reference: String?;
    var note: String?
    var version: Int64; var settlements: [Applied]?; var installments: [Installment]?
    init(_ p: PaymentRow, details: PaymentService.Details? = nil) {
        id = String(p.id); number = p.number; direction = p.direction; status = p.status; branchId = String(p.branchId);
        partnerId = String(p.partnerId)
        contractId = APIID.string(p.contractId); paymentDate = p.paymentDate; amount = Fmt.money(p.amount)!; applied = Fmt.money(p.applied)!
        unapplied = Fmt.money(p.amount - p.applied)!; method = p.method; reference = p.reference; note = p.note; version = p.version
        settlements = details?.settlements.map {
            Applied(
                itemId: String($0.itemId), docNumber: $0.docNumber, productId: APIID.string($0.productId), amount: Fmt.money($0.amount)!)
        }
        installments = details?.installments.map { Installment(installmentId: String($0.installmentId), amount: Fmt.money($0.amount)!) }
    }
}

struct TargetBody: Decodable {
    var invoiceId: String?; var stockDocumentId: String?; var openingId: String?; var productId: String?; var amount: String?
    func target(_ i: Int) throws -> PaymentService.Target {
        .init(
            invoiceId: try APIID.parse(invoiceId, field: "targets[\(i)].invoiceId"),
            stockDocumentId: try APIID.parse(stockDocumentId, field: "targets[\(i)].stockDocumentId"),
            openingId: try APIID.parse(openingId, field: "targets[\(i)].openingId"),
            productId: try APIID.parse(productId, field: "targets[\(i)].productId"), amount: amount)
    }
}

struct PaymentBody: Decodable {
    var partnerId: String?; var contractId: String?; var paymentDate: String?; var amount: String?; var method: String?;
    var reference: String?
    var note: String?; var mode: String?; var targets: [TargetBody]?
    func input() throws -> PaymentService.Input {
        .init(
            partnerId: try APIID.parse(partnerId, field: "partnerId"), contractId: try APIID.parse(contractId, field: "contractId"),
            paymentDate: paymentDate,
            amount: amount, method: method, reference: reference, note: note, mode: mode,
            targets: try targets?.enumerated().map { try $1.target($0) })
    }
}

struct AgeingDTO: Encodable {
    struct Row: Encodable {
        var partnerId: String?; var document: String?; var productId: String?; var docDate: String?; var open: String; var d0to30: String;
        var d31to60: String
        var d61to90: String; var over90: String; var credit: String?
        init(_ r: AgeingReport.Row, credit: Int64?) {
            partnerId = r.partnerId == 0 ? nil : String(r.partnerId); document = r.key; productId = APIID.string(r.productId);
            docDate = r.docDate
            open = Fmt.money(r.open)!; d0to30 = Fmt.money(r.d0to30)!; d31to60 = Fmt.money(r.d31to60)!; d61to90 = Fmt.money(r.d61to90)!;
            over90 = Fmt.money(r.over90)!
            self.credit = credit.map { Fmt.money($0)! }
        }
    }
    var asOf: String; var items: [Row]; var total: Row; var credit: String
    init(_ r: AgeingReport.Report) {
        asOf = r.asOf; items = r.rows.map { Row($0, credit: r.credits[$0.partnerId]) }; total = Row(r.total, credit: nil)
        credit = Fmt.money((try? Checked.sum(r.credits.values)) ?? 0)!
    }
}
