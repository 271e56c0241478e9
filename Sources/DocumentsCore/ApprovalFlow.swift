import Kernel

/// 审批: a round opened when a document is submitted. It waits (pending) while its steps are
/// decided in turn; the last step's approval approves it, any step may reject it or return it to
/// the submitter, and the submitter withdraws it by taking the document back to draft. Who may
/// decide a step is the step's approvers, not a module right: no command here asks one.
public enum ApprovalFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case pending, approved, rejected, returned, withdrawn
    }

    public enum Command: String, Sendable, CaseIterable {
        /// Approved, or (`pending`: another step waits) passed to the next step.
        case approve
        case reject
        case `return`
        case withdraw
    }

    public static let module = Module.approvals

    /// Rounds still waiting for a decision.
    public static let open: Set<State> = [.pending]

    public static func rule(_ command: Command) -> Rule<State> {
        switch command {
        case .approve: Rule(from: open, .submits(approved: .approved, pending: .pending), rights: [])
        case .reject: Rule(from: open, .moves(to: .rejected), rights: [])
        case .return: Rule(from: open, .moves(to: .returned), rights: [])
        case .withdraw: Rule(from: open, .moves(to: .withdrawn), rights: [])
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String { "approval_closed" }
}
