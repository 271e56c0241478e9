import DocumentsCore
import Paths
import Vapor

extension Paths.Marketing {
    /// The Marketing pages: every address of the table with its handler.
    /// The invitee's answer page: no session, the link's secret is the right.
    /// The unsubscribe link too, whose POST comes from mail programs (RFC 8058 one-click) and
    /// carries no CSRF token: `open` has no CSRF check; the link's secret is the right, and
    /// opting out twice changes nothing.
    static func registerPublic(_ pages: any RoutesBuilder, open: any RoutesBuilder) {
        pages.get(rsvp, use: RSVPPages.show)
        pages.post(rsvp, use: RSVPPages.answer)
        pages.get(unsubscribe, use: UnsubscribePages.show)
        open.post(unsubscribe, use: UnsubscribePages.confirm)
        open.post(smsReplies, use: UnsubscribePages.smsReply)
        open.get(trackOpen, use: TrackingPages.open)
        open.get(trackClick, use: TrackingPages.click)
        pages.get(Paths.Shell.sharedMaterial, use: SharedMaterialPages.show)
        pages.post(Paths.Shell.sharedMaterial, use: SharedMaterialPages.leave)
        pages.get(Paths.Shell.sharedMaterialFile, use: SharedMaterialPages.file)
    }

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
        pages.get(newEvent, use: EventPages.new)
        pages.post(events, use: EventPages.create)
        pages.get(events) { req in req.redirect(to: Paths.Marketing.campaign(try req.id())) }
        pages.get(event, use: EventPages.show)
        pages.post(event, use: EventPages.update)
        pages.get(editEvent, use: EventPages.edit)
        pages.get(invite, use: EventPages.invitePage)
        pages.post(invite, use: EventPages.invite)
        for c in [InvitationFlow.Command.accept, .decline] {
            pages.post(answer.fixing("action", c.rawValue), use: EventPages.answer(c))
        }
        pages.get(board, use: CheckInPages.show)
        pages.post(checkIn, use: CheckInPages.checkIn)
        // Where a refused code or walk-in was answered: reloaded, it goes back to the board.
        pages.get(checkIn) { req in req.redirect(to: Paths.Marketing.board(try req.id())) }
        pages.post(undoCheckIn, use: CheckInPages.undo)
        pages.post(walkIn, use: CheckInPages.walkIn)
        pages.get(walkIn) { req in req.redirect(to: Paths.Marketing.board(try req.id())) }
        pages.get(boardCounts, use: CheckInPages.counts)
        pages.get(templates, use: MessagePages.templates)
        pages.post(templates, use: MessagePages.createTemplate)
        pages.get(newTemplate, use: MessagePages.newTemplate)
        pages.get(template, use: MessagePages.template)
        pages.post(template, use: MessagePages.updateTemplate)
        pages.get(sends, use: MessagePages.sends)
        pages.post(sends, use: MessagePages.createSend)
        pages.get(newSend, use: MessagePages.newSend)
        pages.get(send, use: MessagePages.send)
        for c in SendFlow.transitions {
            pages.post(sendAction.fixing("action", c.rawValue), use: MessagePages.transition(c))
        }
        pages.get(segments, use: SegmentPages.list)
        pages.post(segments, use: SegmentPages.create)
        pages.get(newSegment, use: SegmentPages.new)
        pages.get(segment, use: SegmentPages.show)
        pages.post(segment, use: SegmentPages.update)
        pages.get(triggers, use: TriggerPages.list)
        pages.post(triggers, use: TriggerPages.create)
        pages.get(trigger, use: TriggerPages.show)
        pages.post(trigger, use: TriggerPages.update)
        pages.get(materials, use: MaterialPages.list)
        pages.on(.POST, materials, body: .collect(maxSize: "21mb"), use: MaterialPages.create)
        pages.get(newMaterial, use: MaterialPages.new)
        pages.post(folders, use: MaterialPages.createFolder)
        pages.get(folders) { req in req.redirect(to: Paths.Marketing.materials()) }
        pages.get(material, use: MaterialPages.show)
        pages.post(material, use: MaterialPages.update)
        pages.get(editMaterial, use: MaterialPages.edit)
        pages.on(.POST, materialVersions, body: .collect(maxSize: "21mb"), use: MaterialPages.addVersion)
        pages.get(materialVersions) { req in req.redirect(to: Paths.Marketing.material(try req.id())) }
        pages.get(materialFile, use: MaterialPages.file)
        pages.post(materialShares, use: MaterialPages.share)
        pages.get(materialShares) { req in req.redirect(to: Paths.Marketing.material(try req.id())) }
        pages.post(revokeShare, use: MaterialPages.revoke)
        for c in MaterialFlow.transitions {
            pages.post(materialAction.fixing("action", c.rawValue), use: MaterialPages.transition(c))
        }
        pages.get(optOuts, use: MessagePages.optOuts)
        pages.post(optOuts, use: MessagePages.changeOptOuts)
        for c in CampaignFlow.transitions {
            pages.post(campaignAction.fixing("action", c.rawValue), use: CampaignPages.transition(c))
        }
    }
}
