import Kernel

/// 合同: drafted, submitted to the approval rules, in force until completed, terminated or
/// expired (the nightly job). Money and goods move only against a contract in force.
public enum ContractFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case draft, pending, active, completed, terminated, expired
    }

    public enum Command: String, Sendable, CaseIterable {
        case edit, submit, withdraw, complete, terminate, renew, setPlan, makeOrder, bill, delete
        /// Add or remove a scanned copy: in every state, for whoever may edit it.
        case attach
        /// The approval's outcome and the nightly expiry.
        case approve, reject, expire
    }

    public static let module = Module.contracts

    /// The contract has taken effect: it is billed, collected, renewed and counted overdue.
    public static let inForce: Set<State> = [.active, .completed, .expired]

    public static func rule(_ command: Command) -> Rule<State> {
        switch command {
        case .edit: Rule(from: [.draft], .keeps, rights: [Right(.contracts, .edit)])
        case .submit: Rule(from: [.draft], .submits(approved: .active, pending: .pending), rights: [Right(.contracts, .edit)])
        case .withdraw: Rule(from: [.pending], .moves(to: .draft), rights: [Right(.contracts, .edit)])
        case .complete: Rule(from: [.active], .moves(to: .completed), rights: [Right(.contracts, .approve)])
        case .terminate: Rule(from: [.active, .expired], .moves(to: .terminated), rights: [Right(.contracts, .approve)])
        case .renew: Rule(from: inForce, .keeps, rights: [Right(.contracts, .view), Right(.contracts, .create)])
        case .setPlan: Rule(from: [.draft, .pending, .active], .keeps, rights: [Right(.contracts, .edit)])
        case .makeOrder: Rule(from: [.active], .keeps, rights: [Right(.contracts, .edit), Right(.orders, .create)])
        case .bill: Rule(from: inForce, .keeps, rights: [Right(.contracts, .view), Right(.cash, .create)])
        case .delete: Rule(from: [.draft], .removes, rights: [Right(.contracts, .delete)])
        case .attach: Rule(from: Set(State.allCases), .keeps, rights: [Right(.contracts, .edit)])
        case .approve: Rule(from: [.pending], .moves(to: .active), rights: [])
        case .reject: Rule(from: [.pending], .moves(to: .draft), rights: [])
        case .expire: Rule(from: [.active], .moves(to: .expired), rights: [])
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        switch command {
        case .edit: "not_draft"
        case .delete: state == .active ? "contract_active_delete" : "not_draft"
        case .setPlan: "not_editable"
        case .makeOrder: "contract_not_active"
        default: "invalid_transition"
        }
    }
}
