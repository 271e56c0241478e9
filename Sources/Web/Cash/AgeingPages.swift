import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 应收 and 应付: parses the filters, runs the ageing report, names its parties and products.
enum AgeingPages {
    static func show(_ req: Request) async throws -> Response {
        let side: OpenItems.Side = req.url.path.hasSuffix("payables") ? .ap : .ar
        let group = AgeingReport.GroupBy(rawValue: req.query[String.self, at: "groupBy"] ?? "partner") ?? .partner
        let branch = PageShell.id(req.query[String.self, at: "branchId"])
        let partner = PageShell.id(req.query[String.self, at: "partnerId"])
        let asOfText = req.query[String.self, at: "asOf"] ?? ""
        let asOf = Validate.isDate(asOfText) ? asOfText : nil
        let r = try await AgeingReport.run(
            .init(side: side, groupBy: group, partnerId: partner, branchId: branch, asOf: asOf), limit: 500, req.services)
        let partners = try await PageShell.names(.partners, r.rows.map(\.partnerId) + Array(r.credits.keys), req)
        let products = try await InventoryQueries.products(ids: r.rows.compactMap(\.productId), on: req.store)
        var m = AgeingModel()
        m.side = side == .ar ? "ar" : "ap"
        m.groupBy = group.rawValue
        m.path = side == .ar ? Paths.Cash.receivables() : Paths.Cash.payables()
        m.branches = try await OrganisationQueries.branches(on: req.store).map { (String($0.id), $0.name) }
        m.branchId = branch.map(String.init)
        m.asOf = r.asOf
        m.partnerId = partner.map(String.init)
        func buckets(_ b: AgeingReport.Row) -> AgeingModel.Buckets {
            .init(
                open: FormKit.money(b.open), d0to30: FormKit.money(b.d0to30), d31to60: FormKit.money(b.d31to60),
                d61to90: FormKit.money(b.d61to90), over90: FormKit.money(b.over90))
        }
        let opening = req.t("cash.opening_balance")
        func product(_ row: AgeingReport.Row) -> String {
            guard group == .product else { return "" }
            return row.productId.flatMap { products[$0] }.map { $0.code + " " + $0.name } ?? opening
        }
        m.rows = r.rows.map { row in
            .init(
                party: partners[row.partnerId] ?? "", partyHref: m.path + "?partnerId=\(row.partnerId)&groupBy=document",
                document: row.key ?? "", documentDate: row.docDate ?? "",
                product: product(row), amounts: buckets(row),
                credit: FormKit.money(r.credits[row.partnerId] ?? 0))
        }
        m.total = buckets(r.total)
        m.totalCredit = FormKit.money((try? Checked.sum(r.credits.values)) ?? 0)
        m.actions = Exports.actions(req, .cash, side == .ar ? Paths.Cash.exportReceivables : Paths.Cash.exportPayables)
        return PageShell.page(req, AgeingView.page(PageShell.context(req), m))
    }
}
