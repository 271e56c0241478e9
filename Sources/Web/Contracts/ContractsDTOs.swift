import Foundation
import Kernel
import Persistence
import Services

/// What the order-to-cash API sends and takes. Ids, money, prices and quantities travel as strings.

struct DealLineBody: Decodable {
    var productId: String?; var unit: String?; var quantity: String?; var listPrice: String?; var discount: String?; var unitPrice: String?;
    var taxRate: String?
    func input(_ i: Int) throws -> DealLines.Input {
        .init(
            productId: try APIID.parse(productId, field: "lines[\(i)].productId"), unit: unit, quantity: quantity, listPrice: listPrice,
            discount: discount,
            unitPrice: unitPrice, taxRate: taxRate)
    }
}

struct QuoteLineDTO: Encodable {
    var id: String; var lineNo: Int64; var productId: String; var unit: String; var quantity: String; var listPrice: String;
    var discount: String
    var unitPrice: String; var floorPrice: String; var belowFloor: Bool; var taxRate: String; var amount: String; var tax: String
    init(_ l: QuoteLineRow) {
        id = String(l.id); lineNo = l.lineNo; productId = String(l.productId); unit = l.unit; quantity = Fmt.qty(l.quantity)!;
        listPrice = Fmt.price(l.listPrice)!
        discount = Fmt.percent(l.discount); unitPrice = Fmt.price(l.unitPrice)!; floorPrice = Fmt.price(l.floorPrice)!;
        belowFloor = l.isBelowFloor
        taxRate = Fmt.percent(l.taxRate); amount = Fmt.money(l.amount)!; tax = Fmt.money(l.taxAmount)!
    }
}

struct QuoteDTO: Encodable {
    var id: String; var number: String; var status: String; var expired: Bool; var branchId: String; var partnerId: String;
    var opportunityId: String?
    var title: String; var quoteDate: String; var validUntil: String; var netAmount: String; var taxAmount: String; var totalAmount: String
    var amountInWords: String; var belowFloor: Bool; var ownerId: String?; var note: String?; var version: Int64; var lines: [QuoteLineDTO]?
    var approvals: [ApprovalRoundDTO]?
    init(_ q: QuoteRow, lines: [QuoteLineRow]? = nil, expired: Bool = false, approvals: [ApprovalService.Details]? = nil) {
        id = String(q.id); number = q.number; status = q.status; self.expired = expired; branchId = String(q.branchId);
        partnerId = String(q.partnerId)
        opportunityId = APIID.string(q.opportunityId); title = q.title; quoteDate = q.quoteDate; validUntil = q.validUntil;
        netAmount = Fmt.money(q.netAmount)!
        taxAmount = Fmt.money(q.taxAmount)!; totalAmount = Fmt.money(q.totalAmount)!;
        amountInWords = ChineseAmount.capitals(Money(fen: q.totalAmount))
        belowFloor = q.belowFloor; ownerId = APIID.string(q.ownerId); note = q.note; version = q.version;
        self.lines = lines?.map(QuoteLineDTO.init)
        self.approvals = approvals?.map(ApprovalRoundDTO.init)
    }
}

struct QuoteBody: Decodable {
    var partnerId: String?; var opportunityId: String?; var title: String?; var quoteDate: String?; var validUntil: String?;
    var note: String?
    var lines: [DealLineBody]?; var version: Int64?
    func input() throws -> QuoteService.Input {
        .init(
            partnerId: try APIID.parse(partnerId, field: "partnerId"),
            opportunityId: try APIID.parse(opportunityId, field: "opportunityId"), title: title,
            quoteDate: quoteDate, validUntil: validUntil, note: note, lines: try lines?.enumerated().map { try $1.input($0) })
    }
}

struct ContractLineDTO: Encodable {
    var id: String; var lineNo: Int64; var productId: String; var unit: String; var quantity: String; var unitPrice: String;
    var taxRate: String
    var amount: String; var tax: String; var invoiced: String
    init(_ l: ContractLineRow) {
        id = String(l.id); lineNo = l.lineNo; productId = String(l.productId); unit = l.unit; quantity = Fmt.qty(l.quantity)!;
        unitPrice = Fmt.price(l.unitPrice)!
        taxRate = Fmt.percent(l.taxRate); amount = Fmt.money(l.amount)!; tax = Fmt.money(l.taxAmount)!;
        invoiced = Fmt.money(l.invoicedAmount)!
    }
}

struct InstallmentDTO: Encodable {
    var id: String; var seq: Int64; var dueDate: String; var amount: String; var collected: String; var overdue: Bool; var note: String?
    init(_ i: InstallmentRow, today: String) {
        id = String(i.id); seq = i.seq; dueDate = i.dueDate; amount = Fmt.money(i.amount)!; collected = Fmt.money(i.settled)!
        overdue = i.dueDate < today && i.settled < i.amount; note = i.note
    }
}

struct AttachmentDTO: Encodable {
    var id: String; var fileName: String; var contentType: String; var size: Int64; var createdAt: String?
    init(_ a: AttachmentRow) {
        id = String(a.id); fileName = a.fileName; contentType = a.contentType; size = a.size; createdAt = ISOTime.string(a.createdAt)
    }
}

struct ContractDTO: Encodable {
    var id: String; var number: String; var kind: String; var status: String; var branchId: String; var partnerId: String;
    var quoteId: String?
    var opportunityId: String?; var renewalOf: String?; var title: String; var signDate: String; var startDate: String; var endDate: String
    var renewNoticeDays: Int64; var netAmount: String; var taxAmount: String; var totalAmount: String; var amountInWords: String;
    var ownerId: String?
    var endReason: String?; var note: String?; var version: Int64; var lines: [ContractLineDTO]?; var installments: [InstallmentDTO]?
    var attachments: [AttachmentDTO]?; var approvals: [ApprovalRoundDTO]?; var customFields: [String: String]
    init(_ c: ContractRow, details: ContractService.Details? = nil, today: String = "", approvals: [ApprovalService.Details]? = nil) {
        customFields = CustomFieldService.decode(c.customValues)
        id = String(c.id); number = c.number; kind = c.kind; status = c.status; branchId = String(c.branchId);
        partnerId = String(c.partnerId)
        quoteId = APIID.string(c.quoteId); opportunityId = APIID.string(c.opportunityId); renewalOf = APIID.string(c.renewalOf);
        title = c.title
        signDate = c.signDate; startDate = c.startDate; endDate = c.endDate; renewNoticeDays = c.renewNoticeDays;
        netAmount = Fmt.money(c.netAmount)!
        taxAmount = Fmt.money(c.taxAmount)!; totalAmount = Fmt.money(c.totalAmount)!;
        amountInWords = ChineseAmount.capitals(Money(fen: c.totalAmount))
        ownerId = APIID.string(c.ownerId); endReason = c.endReason; note = c.note; version = c.version
        lines = details?.lines.map(ContractLineDTO.init); installments = details?.installments.map { InstallmentDTO($0, today: today) }
        attachments = details?.attachments.map(AttachmentDTO.init); self.approvals = approvals?.map(ApprovalRoundDTO.init)
    }
}

struct ContractBody: Decodable {
    var kind: String?; var partnerId: String?; var quoteId: String?; var opportunityId: String?; var title: String?; var signDate: String?
    var startDate: String?; var endDate: String?; var renewNoticeDays: Int64?; var note: String?; var lines: [DealLineBody]?;
    var version: Int64?; var customFields: [String: String]?
    func input() throws -> ContractService.Input {
        .init(
            kind: kind, partnerId: try APIID.parse(partnerId, field: "partnerId"), quoteId: try APIID.parse(quoteId, field: "quoteId"),
            opportunityId: try APIID.parse(opportunityId, field: "opportunityId"), title: title, signDate: signDate, startDate: startDate,
            endDate: endDate,
            renewNoticeDays: renewNoticeDays, note: note, lines: try lines?.enumerated().map { try $1.input($0) },
            customFields: customFields)
    }
}

struct ProgressDTO: Encodable {
    var total: String; var ordered: String; var delivered: String; var deliveredNet: String; var invoiced: String; var collected: String
    /// Left out for a reader without `costs.view`.
    var costOfGoods: String?; var grossMargin: String?; var planned: String; var planCollected: String; var orderIds: [String];
    var invoiceIds: [String]
    init(_ p: ContractService.Progress, costs: Bool) {
        total = p.total.description; ordered = p.ordered.description; delivered = p.delivered.description;
        deliveredNet = p.deliveredNet.description
        invoiced = p.invoiced.description; collected = p.collected.description; costOfGoods = costs ? p.costOfGoods.description : nil
        grossMargin = costs ? p.grossMargin.description : nil
        planned = p.planned.description; planCollected = p.planCollected.description; orderIds = p.orders.map { String($0.id) }
        invoiceIds = p.invoices.map { String($0.id) }
    }
}
