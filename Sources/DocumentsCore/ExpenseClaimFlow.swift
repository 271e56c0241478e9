import Kernel

/// 费用报销: submitted to the approval rules (with the budget keepers' step when over budget),
/// approved, then paid.
public enum ExpenseClaimFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case draft, pending, approved, paid
    }

    public enum Command: String, Sendable, CaseIterable {
        case edit, submit, withdraw, pay
        /// Add a receipt's scan: in every state, for whoever may edit it.
        case attach
        /// The approval's outcome.
        case approve, reject
    }

    public static let module = Module.expenses

    /// Claims that use their budget: submitted or further.
    public static let committed: Set<State> = [.pending, .approved, .paid]
    /// Claims that count as the branch's expense.
    public static let spent: Set<State> = [.approved, .paid]

    public static func rule(_ command: Command) -> Rule<State> {
        switch command {
        case .edit: Rule(from: [.draft], .keeps, rights: [Right(.expenses, .edit)])
        case .submit: Rule(from: [.draft], .submits(approved: .approved, pending: .pending), rights: [Right(.expenses, .edit)])
        case .withdraw: Rule(from: [.pending], .moves(to: .draft), rights: [Right(.expenses, .edit)])
        case .pay: Rule(from: [.approved], .moves(to: .paid), rights: [Right(.expenses, .approve)])
        case .attach: Rule(from: Set(State.allCases), .keeps, rights: [Right(.expenses, .edit)])
        case .approve: Rule(from: [.pending], .moves(to: .approved), rights: [])
        case .reject: Rule(from: [.pending], .moves(to: .draft), rights: [])
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        command == .edit ? "not_draft" : "invalid_transition"
    }
}
