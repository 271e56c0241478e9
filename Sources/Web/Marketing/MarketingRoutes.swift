import DocumentsCore
import Paths
import Vapor

extension Paths.Marketing {
    /// The Marketing pages: every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(campaigns, use: CampaignPages.list)
        pages.get(newCampaign, use: CampaignPages.new)
        pages.get(exportCampaigns, use: MarketingExports.campaigns)
        pages.post(campaigns, use: CampaignPages.create)
        pages.get(campaign, use: CampaignPages.show)
        pages.get(editCampaign, use: CampaignPages.edit)
        pages.post(campaign, use: CampaignPages.update)
        pages.post(costs, use: CampaignPages.addCost)
        // Where a refused cost form was answered: reloaded, it goes back to the campaign.
        pages.get(costs) { req in req.redirect(to: Paths.Marketing.campaign(try req.id())) }
        pages.post(deleteCost, use: CampaignPages.deleteCost)
        for c in CampaignFlow.transitions {
            pages.post(campaignAction.fixing("action", c.rawValue), use: CampaignPages.transition(c))
        }
    }
}
