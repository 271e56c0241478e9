import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// The campaigns list's filters, read one way for the page, the API and the export.
enum MarketingFilters {
    static func campaigns(_ req: Request) -> MarketingQueries.Filter {
        .init(status: CRMFilters.nonEmpty(req, "status"), q: CRMFilters.nonEmpty(req, "q"))
    }
}

/// The campaigns list as .xlsx or CSV: what the list shows, with each campaign's spending.
enum MarketingExports {
    static func campaigns(_ req: Request) async throws -> Response {
        let filter = MarketingFilters.campaigns(req), t = req.t
        struct Line: Sendable {
            var row: CampaignRow
            var owner: String?
            var spent: Int64
        }
        let columns: [ExportColumn<Line>] = [
            .text(t("campaign.code")) { $0.row.code }, .text(t("campaign.name")) { $0.row.name },
            .text(t("campaign.kind")) { t("campaign.kind." + $0.row.kind) }, .text(t("campaign.channel")) { $0.row.channel },
            .text(t("common.status")) { t("campaign.status." + $0.row.status) }, .text(t("field.owner")) { $0.owner },
            .date(t("campaign.starts_on")) { $0.row.startsOn }, .date(t("campaign.ends_on")) { $0.row.endsOn },
            .money(t("campaign.budget")) { $0.row.budget }, .money(t("campaign.spent")) { $0.spent },
            .money(t("campaign.expected_revenue")) { $0.row.expectedRevenue },
        ]
        return try await Exports.send(req, .marketing, entity: "campaign", title: t("campaign.title"), columns: columns) { cursor, limit in
            let page = try await CampaignService.list(filter, limit: limit, cursor: cursor, req.services)
            let owners = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
            let spent = try await CampaignService.spent(page.items.map(\.id), req.services)
            return Page(
                items: page.items.map { Line(row: $0, owner: $0.ownerId.flatMap { owners[$0] }, spent: spent[$0.id] ?? 0) },
                nextCursor: page.nextCursor)
        }
    }
}
