import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The ageing report's filters, read one way for the page, the API and the export.
enum CashFilters {
    static func ageing(_ req: Request, _ side: OpenItems.Side) throws -> AgeingReport.Filter {
        let groupText = CRMFilters.nonEmpty(req, "groupBy") ?? "partner"
        guard let group = AgeingReport.GroupBy(rawValue: groupText) else {
            throw DomainError(.badRequest, code: "wrong_type", field: "groupBy", args: ["groupBy"])
        }
        let asOf = CRMFilters.nonEmpty(req, "asOf")
        if let a = asOf, !Validate.isDate(a) { throw DomainError(.badRequest, code: "wrong_type", field: "asOf", args: ["asOf"]) }
        return .init(
            side: side, groupBy: group, partnerId: try APIID.query(req, "partnerId"), branchId: try APIID.query(req, "branchId"),
            asOf: asOf)
    }
}

/// Receivables and payables, aged, as .xlsx or CSV: the report as the page shows it, with its total row.
enum CashExports {
    static func ageing(_ side: OpenItems.Side) -> @Sendable (Request) async throws -> Response {
        { req in
            try req.services.require(.cash, .export)
            let filter = try CashFilters.ageing(req, side), t = req.t
            let report = try await AgeingReport.run(filter, limit: ExportService.rowLimit, req.services)
            let partners = try await PageShell.names(.partners, report.rows.map(\.partnerId), req)
            let products = try await InventoryQueries.products(ids: report.rows.compactMap(\.productId), on: req.store)
            let totalLabel = t("ageing.total")
            // The total row has no party.
            struct Line: Sendable {
                var row: AgeingReport.Row
                var party: String
                var credit: Int64?
            }
            var columns: [ExportColumn<Line>] = [.text(t("contract.party")) { $0.party }]
            switch filter.groupBy {
            case .document: columns += [.text(t("approval.document")) { $0.row.key }, .date(t("invoice.date")) { $0.row.docDate }]
            case .product:
                columns.append(.text(t("deal.product")) { $0.row.productId.flatMap { products[$0] }.map { $0.code + " " + $0.name } })
            case .partner: break
            }
            columns += [
                .money(t("ageing.open")) { $0.row.open }, .money("0-30") { $0.row.d0to30 }, .money("31-60") { $0.row.d31to60 },
                .money("61-90") { $0.row.d61to90 }, .money(t("ageing.over90")) { $0.row.over90 },
            ]
            if filter.groupBy == .partner {
                columns.append(.money(t(side == .ar ? "ageing.credit_in" : "ageing.credit_out")) { $0.credit })
            }
            let lines =
                report.rows.map { Line(row: $0, party: partners[$0.partnerId] ?? "", credit: report.credits[$0.partnerId]) }
                + [Line(row: report.total, party: totalLabel, credit: try Checked.sum(report.credits.values))]
            return try await Exports.send(
                req, .cash, entity: side == .ar ? "receivable" : "payable", title: t(side == .ar ? "nav.receivables" : "nav.payables"),
                columns: columns
            ) { _, _ in Page(items: lines, nextCursor: nil) }
        }
    }
}
