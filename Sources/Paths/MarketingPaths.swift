extension Paths {
    /// Marketing: campaigns, their costs and what they brought.
    public enum Marketing {
        public static let campaigns = PagePath("/marketing/campaigns")
        public static let newCampaign = PagePath("/marketing/campaigns/new")
        public static let exportCampaigns = PagePath("/marketing/campaigns/export")
        public static let campaign = PagePath("/marketing/campaigns/:id")
        public static let editCampaign = PagePath("/marketing/campaigns/:id/edit")
        public static let campaignAction = PagePath("/marketing/campaigns/:id/:action")
        public static let costs = PagePath("/marketing/campaigns/:id/costs")
        public static let deleteCost = PagePath("/marketing/campaigns/:id/costs/:cost/delete")

        public static let all: [PagePath] = [
            campaigns, newCampaign, exportCampaigns, campaign, editCampaign, campaignAction, costs, deleteCost,
        ]
    }
}
