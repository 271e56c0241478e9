import Kernel

/// 报价单: a quote priced under a floor needs approval before it may be sent; a sent quote is
/// accepted (by hand or when a contract is made from it) or declined; a declined or unsent one
/// can be reopened as a draft.
public enum QuoteFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case draft, pending, approved, sent, accepted, declined
    }

    public enum Command: String, Sendable, CaseIterable {
        case edit, submit, send, accept, decline, reopen, makeContract
        /// The approval's outcome.
        case approve, reject
    }

    public struct Facts: Sendable {
        public var belowFloor: Bool
        public var expired: Bool
        public init(belowFloor: Bool, expired: Bool) {
            self.belowFloor = belowFloor
            self.expired = expired
        }
    }

    public static let module = Module.quotes

    /// A contract may be made from a quote in these states.
    public static let agreed: Set<State> = [.approved, .sent, .accepted]
    /// Quotes still waiting for the customer's answer: these lapse after their last valid day.
    public static let open: Set<State> = [.draft, .pending, .approved, .sent]

    /// Whether a quote stored as `raw` has lapsed on `today` (dates as yyyy-MM-dd).
    public static func lapsed(_ raw: String, validUntil: String, today: String) -> Bool {
        validUntil < today && open.contains(stored: raw)
    }

    public static func rule(_ command: Command) -> Rule<State> {
        let edit = [Right(.quotes, .edit)]
        return switch command {
        case .edit: Rule(from: [.draft], .keeps, rights: edit)
        case .submit: Rule(from: [.draft], .submits(approved: .approved, pending: .pending), rights: edit)
        case .send: Rule(from: [.draft, .approved], .moves(to: .sent), rights: edit)
        case .accept: Rule(from: [.sent], .moves(to: .accepted), rights: edit)
        case .decline: Rule(from: [.sent], .moves(to: .declined), rights: edit)
        case .reopen: Rule(from: [.pending, .approved, .declined], .moves(to: .draft), rights: edit)
        case .makeContract: Rule(from: agreed, .keeps, rights: [Right(.contracts, .create)])
        case .approve: Rule(from: [.pending], .moves(to: .approved), rights: [])
        case .reject: Rule(from: [.pending], .moves(to: .draft), rights: [])
        }
    }

    public static func refusal(_ command: Command, in state: State, _ facts: Facts) -> String? {
        switch command {
        case .send where state == .draft && facts.belowFloor: "quote_needs_approval"
        case .send where facts.expired: "quote_expired"
        default: nil
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        command == .edit ? "not_draft" : command == .makeContract ? "quote_not_approved" : "invalid_transition"
    }
}
