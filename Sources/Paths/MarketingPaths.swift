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
        public static let newEvent = PagePath("/marketing/campaigns/:id/events/new")
        public static let events = PagePath("/marketing/campaigns/:id/events")
        public static let event = PagePath("/marketing/events/:id")
        public static let editEvent = PagePath("/marketing/events/:id/edit")
        public static let invite = PagePath("/marketing/events/:id/invite")
        public static let answer = PagePath("/marketing/events/:id/invitations/:invitation/:action")
        /// The check-in board at the door, phone first.
        public static let board = PagePath("/marketing/events/:id/board")
        public static let checkIn = PagePath("/marketing/events/:id/board/check-in")
        public static let undoCheckIn = PagePath("/marketing/events/:id/board/undo/:invitation")
        public static let walkIn = PagePath("/marketing/events/:id/board/walk-in")
        /// The board's live figures, as JSON, for the screen at the door.
        public static let boardCounts = PagePath("/marketing/events/:id/board/counts")
        /// The invitee's answer page: no sign-in, the link's secret is the right.
        public static let rsvp = PagePath("/marketing/rsvp/:token")
        /// A recipient's way out of marketing mail: no sign-in, the link's secret is the right.
        public static let unsubscribe = PagePath("/marketing/unsubscribe/:token")
        public static let sends = PagePath("/marketing/sends")
        public static let newSend = PagePath("/marketing/sends/new")
        public static let send = PagePath("/marketing/sends/:id")
        public static let sendAction = PagePath("/marketing/sends/:id/:action")
        public static let templates = PagePath("/marketing/templates")
        public static let newTemplate = PagePath("/marketing/templates/new")
        public static let template = PagePath("/marketing/templates/:id")
        public static let optOuts = PagePath("/marketing/opt-outs")
        public static let segments = PagePath("/marketing/segments")
        public static let newSegment = PagePath("/marketing/segments/new")
        public static let segment = PagePath("/marketing/segments/:id")
        /// A tracked message's picture (its loading counts as opened) and its counted links: no
        /// sign-in, the recipient's secret is the right; a link goes only where the send kept it.
        public static let trackOpen = PagePath("/marketing/t/:token/open")
        public static let trackClick = PagePath("/marketing/t/:token/:n")
        /// Messages the calendar sends: birthday greetings, event reminders, quote follow-ups.
        public static let triggers = PagePath("/marketing/triggers")
        public static let trigger = PagePath("/marketing/triggers/:id")
        public static let materials = PagePath("/marketing/materials")
        public static let newMaterial = PagePath("/marketing/materials/new")
        public static let folders = PagePath("/marketing/materials/folders")
        public static let material = PagePath("/marketing/materials/:id")
        public static let editMaterial = PagePath("/marketing/materials/:id/edit")
        public static let materialAction = PagePath("/marketing/materials/:id/:action")
        public static let materialVersions = PagePath("/marketing/materials/:id/versions")
        public static let materialFile = PagePath("/marketing/materials/:id/versions/:number/file")
        public static let materialShares = PagePath("/marketing/materials/:id/shares")
        public static let revokeShare = PagePath("/marketing/materials/:id/shares/:share/revoke")
        /// Where the SMS provider posts the replies people send (the secret in it is the right).
        public static let smsReplies = PagePath("/marketing/sms-replies/:key")

        public static let all: [PagePath] = [
            campaigns, newCampaign, exportCampaigns, campaign, editCampaign, campaignAction, costs, deleteCost, newEvent, events, event,
            editEvent, invite, answer, board, checkIn, undoCheckIn, walkIn, boardCounts, rsvp, unsubscribe, sends, newSend, send,
            sendAction,
            templates, newTemplate, template, optOuts, smsReplies, segments, newSegment, segment, materials, newMaterial, folders,
            material, editMaterial, materialAction, materialVersions, materialFile, materialShares, revokeShare,
            triggers, trigger, trackOpen, trackClick,
        ]
    }
}
