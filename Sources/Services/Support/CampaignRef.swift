import DocumentsCore
import Kernel
import Persistence

extension ServiceContext {
    /// A campaign a record names (a lead, an opportunity, a claim): one that exists and is not
    /// cancelled, else a refusal of `campaignId`. Campaigns are the company's: naming one needs
    /// no right of its own.
    func campaign(_ id: Int64?) async throws -> Int64? {
        guard let id else { return nil }
        guard let c = try await MarketingQueries.campaign(id, on: store), CampaignFlow.open.contains(stored: c.status) else {
            throw DomainError.invalid("campaignId", code: "not_found")
        }
        return c.id
    }
}
