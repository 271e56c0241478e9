import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Stock documents as pages: list, form (header and lines), document, print, post, cancel.
enum StockPages {
    struct LineForm: Content {
        var product: String?; var unit: String?; var quantity: String?; var warehouseId: String?; var toWarehouseId: String?
        var batch: String?; var unitCost: String?; var unitPrice: String?; var returnOfLineId: String?
        var productionDate: String?; var expiryDate: String?
    }
    struct Form: Content {
        var type: String?; var postingDate: String?; var partnerId: String?; var reason: String?; var note: String?; var version: String?
        var lines: [LineForm]?
        /// "1" when the person pressed "save and post".
        var post: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let type = req.query[String.self, at: "type"], status = req.query[String.self, at: "status"], q = req.query[String.self, at: "q"]
        let page = try await StockDocumentService.list(
            filter: try InventoryFilters.documents(req), limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Inventory.documents(), query: q,
            filters: [
                .init(
                    name: "type", label: t("stock.type"),
                    options: StockDocumentType.allCases.map { ($0.rawValue, t("stock.type." + $0.rawValue)) }, selected: type),
                .init(
                    name: "status", label: t("common.status"),
                    options: StockDocumentFlow.State.allCases.map { ($0.rawValue, t("stock.status." + $0.rawValue)) }, selected: status),
            ], columns: [.init(t("stock.number")), .init(t("stock.type")), .init(t("stock.posting_date")), .init(t("common.status"))],
            rows: page.items.map { d in
                [
                    CommonPages.link(d.number, Paths.Inventory.document(d.id)), .text(t("stock.type." + d.docType)), .text(d.postingDate),
                    CommonPages.badge(t("stock.status." + d.status), d.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.stock, .create) == true {
            for ty in [StockDocumentType.purchaseReceipt, .salesDelivery, .transfer, .stockCount] {
                actions.append(
                    PageAction(
                        label: t("stock.new." + ty.rawValue), href: Paths.Inventory.newDocument() + "?type=\(ty.rawValue)",
                        primary: ty == .purchaseReceipt))
            }
            actions.append(PageAction(label: t("stock.new.other"), href: Paths.Inventory.newDocument() + "?type=otherReceipt"))
        }
        actions += Exports.actions(req, .stock, Paths.Inventory.exportDocuments)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("stock.title"), actions: actions, model))
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.stock, .create)
        guard let type = StockDocumentType(rawValue: req.query[String.self, at: "type"] ?? "") else { throw DomainError.notFound }
        let f = Form(type: type.rawValue, postingDate: today(req), lines: [])
        return PageShell.page(
            req,
            StockDocumentPages.form(
                try await ProductPicker.context(req), title: req.t("stock.new." + type.rawValue), try await formModel(req, f, id: nil)))
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await StockDocumentService.find(try req.id(), req.services)
        try req.services.require(.stock, .edit)
        guard StockDocumentFlow.rule(.edit).from.contains(stored: d.document.status) else {
            return req.redirect(to: Paths.Inventory.document(d.document.id))
        }
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let f = Form(
            type: d.document.docType, postingDate: d.document.postingDate, partnerId: d.document.partnerId.map(String.init),
            reason: d.document.reason,
            note: d.document.note, version: String(d.document.version),
            lines: d.lines.map { l in
                LineForm(
                    product: products[l.productId]?.code, unit: l.unit, quantity: Quantity(units: l.quantity).description,
                    warehouseId: String(l.warehouseId),
                    toWarehouseId: l.toWarehouseId.map(String.init), batch: l.batch,
                    unitCost: l.unitCost.map { UnitPrice(units: $0).description },
                    unitPrice: l.unitPrice.map { UnitPrice(units: $0).description }, returnOfLineId: l.returnOfLineId.map(String.init),
                    productionDate: l.productionDate, expiryDate: l.expiryDate)
            })
        return PageShell.page(
            req,
            StockDocumentPages.form(
                try await ProductPicker.context(req), title: req.t("stock.edit"), try await formModel(req, f, id: d.document.id))
        )
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            var lines: [StockDocumentService.LineInput] = []
            for l in f.lines ?? [] {
                if (l.product ?? "").trimmingCharacters(in: .whitespaces).isEmpty && (l.quantity ?? "").isEmpty { continue }
                let found = try await ProductLookup.line(l.product, unit: l.unit, index: lines.count, req.store)
                lines.append(
                    .init(
                        productId: found.productId, unit: found.unit, quantity: l.quantity, warehouseId: PageShell.id(l.warehouseId),
                        toWarehouseId: PageShell.id(l.toWarehouseId),
                        batch: l.batch, unitCost: l.unitCost, unitPrice: l.unitPrice, returnOfLineId: PageShell.id(l.returnOfLineId),
                        productionDate: l.productionDate, expiryDate: l.expiryDate))
            }
            let input = StockDocumentService.Input(
                type: f.type, postingDate: f.postingDate, partnerId: PageShell.id(f.partnerId), reason: f.reason, note: f.note, lines: lines
            )
            let post = f.post == "1"
            let d =
                if let id {
                    try await StockDocumentService.update(id, input, version: PageShell.id(f.version), post: post, req.services)
                } else { try await StockDocumentService.create(input, post: post, req.services) }
            return PageShell.redirect(req, to: Paths.Inventory.document(d.document.id), flash: post ? "stock.posted" : "stock.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            var m = try await formModel(req, f, id: id)
            let message = ConcordErrorMiddleware.message(e, req.t)
            if let field = e.field { m.fieldErrors[field] = message } else { m.error = message }
            if m.fieldErrors.isEmpty == false, m.error == nil,
                !(e.field ?? "").hasPrefix("lines[") && !["postingDate", "partnerId", "reason"].contains(e.field ?? "")
            {
                m.error = message
            }
            return PageShell.page(
                req,
                StockDocumentPages.form(
                    try await ProductPicker.context(req), title: req.t(id == nil ? "stock.new." + (f.type ?? "") : "stock.edit"), m),
                status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> StockDocumentFormModel {
        guard let type = StockDocumentType(rawValue: f.type ?? "") else { throw DomainError.notFound }
        let scope = try req.services.require(.stock, .create)
        let warehouses = try await InventoryQueries.warehouses(on: req.store).filter {
            WarehouseService.usable($0, scope: scope, principal: req.state.principal)
        }
        var partners: [(String, String)] = []
        if type.needsPartner || type == .otherReceipt || type == .otherIssue {
            partners = try await PartnerService.pickable(
                customer: type.needsPartner && !type.partnerIsSupplier ? true : nil,
                supplier: type.partnerIsSupplier ? true : nil, req.services
            ).map { (String($0.id), $0.code + " " + $0.name) }
        }
        var lines = (f.lines ?? []).map { l in
            StockDocumentFormModel.Line(
                product: l.product ?? "", unit: l.unit ?? "", quantity: l.quantity ?? "", warehouseId: l.warehouseId ?? "",
                toWarehouseId: l.toWarehouseId ?? "", batch: l.batch ?? "", unitCost: l.unitCost ?? "", unitPrice: l.unitPrice ?? "",
                returnOfLineId: l.returnOfLineId ?? "", productionDate: l.productionDate ?? "", expiryDate: l.expiryDate ?? "")
        }
        // The branch's default warehouse when it is one the form offers, else the first.
        let preferred = try await BranchService.defaultWarehouse(req.services)
        let defaultWarehouse = (warehouses.first { $0.id == preferred } ?? warehouses.first).map { String($0.id) } ?? ""
        // Room for more lines: at least six, and two empty ones after what was typed.
        let target = max(6, lines.count + 2)
        while lines.count < target { lines.append(.init(warehouseId: defaultWarehouse)) }
        return StockDocumentFormModel(
            action: id.map { Paths.Inventory.document($0) } ?? Paths.Inventory.documents(), csrf: req.state.csrf, type: type.rawValue,
            postingDate: f.postingDate ?? today(req), partnerId: f.partnerId ?? "", reason: f.reason ?? "", note: f.note ?? "",
            version: f.version, partners: partners, warehouses: warehouses.map { (String($0.id), $0.name) }, lines: lines,
            canPost: (try? req.services.require(.stock, .edit)) != nil)
    }

    /// A line's batch with the last day it is good, where known.
    static func batchText(_ l: StockLineRow, _ t: Translator) -> String? {
        guard let b = l.batch else { return nil }
        return l.expiryDate.map { t("stock.batch_expires", b, $0) } ?? b
    }

    static func today(_ req: Request) -> String { CalendarDate.today(req.concord.clock).text }

    static func viewModel(_ req: Request, _ d: StockDocumentService.Details) async throws -> StockDocumentViewModel {
        let doc = d.document
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let warehouses = Dictionary(uniqueKeysWithValues: try await InventoryQueries.warehouses(on: req.store).map { ($0.id, $0.name) })
        let partner = try await doc.partnerId.asyncMap { try await InventoryQueries.partner($0, on: req.store) } ?? nil
        let branch = try await OrganisationQueries.branch(doc.branchId, on: req.store)
        let reversal = try await InventoryQueries.reversal(of: doc, on: req.store)
        let offered =
            StockDocumentFlow.State(rawValue: doc.status).map {
                StockDocumentFlow.allowedActions(
                    $0, .init(isReversal: doc.reversalOf != nil),
                    grants: req.grants(on: .stock, branch: doc.branchId, department: nil, owner: doc.ownerId))
            } ?? []
        let total: Int64? =
            doc.docType == "salesDelivery"
            ? try Money.sum(d.lines.map { Money(fen: $0.amount ?? 0) }).fen
            : (doc.docType == "purchaseReceipt" || doc.docType == "otherReceipt")
                ? try Money.sum(
                    d.lines.map { try MoneyRounding.cny.value(of: Quantity(units: $0.quantity), at: UnitPrice(units: $0.unitCost ?? 0)) }
                ).fen : nil
        let costs = req.seesCosts
        var model = StockDocumentViewModel(
            id: doc.id, number: doc.number, type: doc.docType, status: doc.status, postingDate: doc.postingDate, partner: partner?.name,
            branch: branch?.name ?? "",
            reason: doc.reason, note: doc.note, reversal: reversal?.number,
            lines: d.lines.map { l in
                let product = products[l.productId]
                return .init(
                    no: l.lineNo, product: (product?.code ?? "") + " " + (product?.name ?? ""),
                    quantity: "\(Quantity(units: l.quantity)) \(l.unit)",
                    baseQuantity: "\(Quantity(units: l.baseQty)) \(product?.baseUnit ?? "")", warehouse: warehouses[l.warehouseId] ?? "",
                    toWarehouse: l.toWarehouseId.flatMap { warehouses[$0] }, batch: batchText(l, req.t),
                    price: (l.unitCost ?? l.unitPrice).map { UnitPrice(units: $0).description },
                    amount: l.amount.map { Money(fen: $0).description }
                        ?? l.unitCost.map {
                            (try? MoneyRounding.cny.value(of: Quantity(units: l.quantity), at: UnitPrice(units: $0)))?.description ?? "—"
                        },
                    cost: costs ? l.costValue.map { Money(fen: $0).description } : nil)
            },
            total: total.map { Money(fen: $0).description }, totalInCapitals: total.map { ChineseAmount.capitals(Money(fen: $0)) },
            canEdit: offered.contains(.edit), canPost: offered.contains(.post), canCancel: offered.contains(.cancel),
            canDelete: offered.contains(.delete))
        model.showsCost = costs
        return model
    }

    static func show(_ req: Request) async throws -> Response {
        let d = try await StockDocumentService.find(try req.id(), req.services)
        return PageShell.page(req, StockDocumentPages.show(PageShell.context(req), try await viewModel(req, d)))
    }

    /// The document on paper for the driver, the customer or the supplier: quantities in the unit
    /// of the line, and a price only where the document has one for the other party (never the
    /// cost of goods); the three-part form's copies on continuous paper.
    static func print(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await StockDocumentService.find(try req.id(), req.services)
        let doc = d.document
        let type = StockDocumentType(rawValue: doc.docType)
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let warehouses = Dictionary(uniqueKeysWithValues: try await InventoryQueries.warehouses(on: req.store).map { ($0.id, $0.name) })
        let partner = try await doc.partnerId.asyncMap { try await InventoryQueries.partner($0, on: req.store) } ?? nil
        var s = try await PrintSupport.sheet(req, title: t("stock.type." + doc.docType), number: doc.number).sheet
        s.party = try await PrintSupport.party(
            partner, role: t(type?.partnerIsSupplier == true ? "print.supplier" : "print.customer"), req)
        s.facts = [(t("stock.posting_date"), doc.postingDate), (t("stock.reason"), doc.reason ?? "")]
        // A price for the other party: the customer's on a delivery or its return, the supplier's on a receipt or its return.
        let priced = [.salesDelivery, .salesReturn, .purchaseReceipt, .purchaseReturn].contains(type)
        s.columns = [
            .init("#"), .init(t("stock.product")), .init(t("stock.quantity"), numeric: true), .init(t("stock.warehouse")),
            .init(t("stock.batch")),
        ]
        if priced { s.columns += [.init(t("stock.price"), numeric: true), .init(t("stock.amount"), numeric: true)] }
        var total: Int64 = 0
        s.rows = try d.lines.map { l in
            let p = products[l.productId]
            var row = [
                String(l.lineNo), (p?.code ?? "") + " " + (p?.name ?? "") + (p?.spec.map { " " + $0 } ?? ""),
                "\(Quantity(units: l.quantity)) \(l.unit)",
                (warehouses[l.warehouseId] ?? "") + (l.toWarehouseId.flatMap { warehouses[$0] }.map { " → " + $0 } ?? ""),
                batchText(l, t) ?? "",
            ]
            if priced {
                let price = type == .salesDelivery || type == .salesReturn ? l.unitPrice : l.unitCost
                let amount =
                    try l.amount ?? price.map { try MoneyRounding.cny.value(of: Quantity(units: l.quantity), at: UnitPrice(units: $0)).fen }
                total = try total.plus(amount ?? 0)
                row += [price.map { UnitPrice(units: $0).description } ?? "", amount.map { Money(fen: $0).description } ?? ""]
            }
            return row
        }
        if priced {
            s.total = Money(fen: total).description
            s.totalInCapitals = ChineseAmount.capitals(Money(fen: total))
        }
        s.note = doc.note
        switch type {
        case .salesDelivery: s.signatures = [t("print.sign.maker"), t("print.sign.driver"), t("print.sign.customer")]
        case .purchaseReceipt, .purchaseReturn: s.signatures = [t("print.sign.maker"), t("print.sign.keeper"), t("print.sign.supplier")]
        case .salesReturn: s.signatures = [t("print.sign.maker"), t("print.sign.keeper"), t("print.sign.customer")]
        default: s.signatures = [t("print.sign.maker"), t("print.sign.keeper")]
        }
        if s.paper != .a4 { s.copies = t("print.copies") }
        return Response.html(PrintView.render(req.state.lang, s))
    }

    static func action(_ req: Request, _ body: (Int64, ServiceContext) async throws -> Void, flash: String) async throws -> Response {
        let id = try req.id()
        _ = try await StockDocumentService.find(id, req.services)
        do {
            try await body(id, req.services)
            return PageShell.redirect(
                req, to: flash == "stock.deleted" ? Paths.Inventory.documents() : Paths.Inventory.document(id), flash: flash)
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            // The refusal is shown on the document it is about.
            let d = try await StockDocumentService.find(id, req.services)
            var ctx = PageShell.context(req)
            ctx.flash = [Flash(.error, ConcordErrorMiddleware.message(e, req.t))]
            return PageShell.page(
                req, StockDocumentPages.show(ctx, try await viewModel(req, d)),
                status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    static func post(_ req: Request) async throws -> Response {
        try await action(req, { id, ctx in _ = try await StockPosting.post(id, ctx) }, flash: "stock.posted")
    }

    static func cancel(_ req: Request) async throws -> Response {
        try await action(req, { id, ctx in _ = try await StockPosting.cancel(id, ctx) }, flash: "stock.cancelled")
    }

    static func delete(_ req: Request) async throws -> Response {
        try await action(req, { id, ctx in try await StockDocumentService.delete(id, ctx) }, flash: "stock.deleted")
    }
}
