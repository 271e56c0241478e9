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

struct ApprovalRoundDTO: Encodable {
    struct Assignee: Encodable { var step: Int64; var userId: String; var kind: String }
    struct Act: Encodable { var step: Int64; var userId: String; var action: String; var comment: String?; var at: String? }
    var id: String; var docType: String; var docId: String; var docNumber: String; var branchId: String; var amount: String;
    var submitterId: String
    var status: String; var step: Int64; var stepCount: Int64; var canAct: Bool; var createdAt: String?; var decidedAt: String?
    var assignees: [Assignee]; var actions: [Act]
    init(_ d: ApprovalService.Details) {
        let a = d.approval
        id = String(a.id); docType = a.docType; docId = String(a.docId); docNumber = a.docNumber; branchId = String(a.branchId);
        amount = Fmt.money(a.amount)!
        submitterId = String(a.submitterId); status = a.status; step = a.stepNo; stepCount = a.stepCount; canAct = d.canAct
        createdAt = ISOTime.string(a.createdAt); decidedAt = ISOTime.string(a.decidedAt)
        assignees = d.assignees.map { Assignee(step: $0.stepNo, userId: String($0.userId), kind: $0.stepKind) }
        actions = d.actions.map {
            Act(step: $0.stepNo, userId: String($0.userId), action: $0.action, comment: $0.comment, at: ISOTime.string($0.at))
        }
    }
}

struct ApprovalRuleDTO: Encodable {
    struct Step: Encodable { var kind: String; var ref: String? }
    var id: String; var docType: String; var branchId: String?; var minAmount: String; var name: String; var steps: [Step];
    var active: Bool; var version: Int64
    init(_ r: ApprovalRuleRow) {
        id = String(r.id); docType = r.docType; branchId = APIID.string(r.branchId); minAmount = Fmt.money(r.minAmount)!; name = r.name
        steps = ApprovalService.steps(of: r).map { Step(kind: $0.kind.rawValue, ref: APIID.string($0.ref)) }; active = r.active;
        version = r.version
    }
}

struct ApprovalRuleBody: Decodable {
    struct Step: Decodable { var kind: String?; var ref: String? }
    var docType: String?; var branchId: String?; var minAmount: String?; var name: String?; var steps: [Step]?; var active: Bool?;
    var version: Int64?
    func input() throws -> ApprovalService.RuleInput {
        let parsed = try (steps ?? []).enumerated().map { i, s in
            ApprovalService.Step(
                kind: try Validate.oneOf(s.kind, "steps[\(i)].kind", as: ApprovalService.Step.Kind.self),
                ref: try APIID.parse(s.ref, field: "steps[\(i)].ref"))
        }
        return .init(
            docType: docType, branchId: try APIID.parse(branchId, field: "branchId"), minAmount: minAmount, name: name, steps: parsed,
            active: active)
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
    var attachments: [AttachmentDTO]?; var approvals: [ApprovalRoundDTO]?
    init(_ c: ContractRow, details: ContractService.Details? = nil, today: String = "", approvals: [ApprovalService.Details]? = nil) {
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
    var version: Int64?
    func input() throws -> ContractService.Input {
        .init(
            kind: kind, partnerId: try APIID.parse(partnerId, field: "partnerId"), quoteId: try APIID.parse(quoteId, field: "quoteId"),
            opportunityId: try APIID.parse(opportunityId, field: "opportunityId"), title: title, signDate: signDate, startDate: startDate,
            endDate: endDate,
            renewNoticeDays: renewNoticeDays, note: note, lines: try lines?.enumerated().map { try $1.input($0) })
    }
}

struct ProgressDTO: Encodable {
    var total: String; var ordered: String; var delivered: String; var deliveredNet: String; var invoiced: String; var collected: String
    var costOfGoods: String; var grossMargin: String; var planned: String; var planCollected: String; var orderIds: [String];
    var invoiceIds: [String]
    init(_ p: ContractService.Progress) {
        total = p.total.description; ordered = p.ordered.description; delivered = p.delivered.description;
        deliveredNet = p.deliveredNet.description
        invoiced = p.invoiced.description; collected = p.collected.description; costOfGoods = p.costOfGoods.description;
        grossMargin = p.grossMargin.description
        planned = p.planned.description; planCollected = p.planCollected.description; orderIds = p.orders.map { String($0.id) }
        invoiceIds = p.invoices.map { String($0.id) }
    }
}

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
    struct Applied: Encodable { var itemId: String; var docNumber: String; var productId: String; var amount: String }
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
            Applied(itemId: String($0.itemId), docNumber: $0.docNumber, productId: String($0.productId), amount: Fmt.money($0.amount)!)
        }
        installments = details?.installments.map { Installment(installmentId: String($0.installmentId), amount: Fmt.money($0.amount)!) }
    }
}

struct TargetBody: Decodable {
    var invoiceId: String?; var stockDocumentId: String?; var productId: String?; var amount: String?
    func target(_ i: Int) throws -> PaymentService.Target {
        .init(
            invoiceId: try APIID.parse(invoiceId, field: "targets[\(i)].invoiceId"),
            stockDocumentId: try APIID.parse(stockDocumentId, field: "targets[\(i)].stockDocumentId"),
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
