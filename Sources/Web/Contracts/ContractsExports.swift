import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The contracts list's filters, read one way for the page, the API and the export.
enum ContractsFilters {
    static func contracts(_ req: Request) throws -> ContractService.Filter {
        let kind = CRMFilters.nonEmpty(req, "kind"), status = CRMFilters.nonEmpty(req, "status")
        if let k = kind, ContractService.Kind(rawValue: k) == nil {
            throw DomainError(.badRequest, code: "wrong_type", field: "kind", args: ["kind"])
        }
        if let s = status, ContractService.Status(rawValue: s) == nil {
            throw DomainError(.badRequest, code: "wrong_type", field: "status", args: ["status"])
        }
        return .init(kind: kind, partnerId: try APIID.query(req, "partnerId"), status: status, q: CRMFilters.nonEmpty(req, "q"))
    }
}

/// Contracts as .xlsx or CSV: amounts net, tax and total, dates, party and owner.
enum ContractsExports {
    static func contracts(_ req: Request) async throws -> Response {
        let filter = try ContractsFilters.contracts(req), t = req.t
        let columns: [ExportColumn<Named<ContractRow>>] = [
            .text(t("stock.number")) { $0.row.number }, .text(t("contract.kind")) { t("contract.kind." + $0.row.kind) },
            .text(t("contract.party")) { $0.partner($0.row.partnerId) }, .text(t("deal.title")) { $0.row.title },
            .date(t("contract.sign_date")) { $0.row.signDate }, .date(t("contract.start")) { $0.row.startDate },
            .date(t("contract.end")) { $0.row.endDate }, .money(t("deal.net")) { $0.row.netAmount },
            .money(t("deal.tax")) { $0.row.taxAmount },
            .money(t("deal.total")) { $0.row.totalAmount }, .text(t("common.status")) { t("contract.status." + $0.row.status) },
            .text(t("customer.owner")) { $0.user($0.row.ownerId) }, .text(t("contract.end_reason")) { $0.row.endReason },
            .text(t("common.note")) { $0.row.note },
        ]
        return try await Exports.run(
            req, .contracts, entity: "contract", title: t("nav.contracts"), columns: columns, users: { [$0.ownerId] },
            partners: { [$0.partnerId] }
        ) { try await ContractService.list(filter, limit: $1, cursor: $0, req.services) }
    }
}
