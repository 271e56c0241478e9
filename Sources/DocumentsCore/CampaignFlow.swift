import Kernel

/// 市场活动: planned, run, then completed — or cancelled before it is done. A campaign being
/// planned or run may be edited; a completed one keeps its figures (its costs may still come in:
/// bills arrive after the fair), a cancelled one may be planned again.
public enum CampaignFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case planning, active, completed, cancelled
    }

    public enum Command: String, Sendable, CaseIterable {
        case edit, start, complete, cancel, reopen
        /// A cost line added or taken away.
        case cost
        /// An event planned or changed, its invitations sent, answered or checked in.
        case event
    }

    public static let module = Module.marketing

    /// Campaigns a new lead, opportunity or cost may name.
    public static let open: Set<State> = [.planning, .active, .completed]

    public static func rule(_ command: Command) -> Rule<State> {
        let edit = [Right(.marketing, .edit)]
        return switch command {
        case .edit: Rule(from: [.planning, .active], .keeps, rights: edit)
        case .start: Rule(from: [.planning], .moves(to: .active), rights: edit)
        case .complete: Rule(from: [.active], .moves(to: .completed), rights: edit)
        case .cancel: Rule(from: [.planning, .active], .moves(to: .cancelled), rights: edit)
        case .reopen: Rule(from: [.cancelled], .moves(to: .planning), rights: edit)
        case .cost: Rule(from: [.planning, .active, .completed], .keeps, rights: edit)
        case .event: Rule(from: [.planning, .active], .keeps, rights: edit)
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        switch command {
        case .edit, .event: "campaign_closed"
        case .cost: "campaign_cancelled"
        default: "invalid_transition"
        }
    }
}
