import Kernel

/// 收款 and 付款: posted when recorded, applied to invoices or installments; cancelled as a whole.
public enum PaymentFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case posted, cancelled
    }

    public enum Command: String, Sendable, CaseIterable {
        case cancel, allocate
    }

    public static let module = Module.cash

    /// Payments that count in receivables and payables.
    public static let open: Set<State> = [.posted]

    public static func rule(_ command: Command) -> Rule<State> {
        switch command {
        case .cancel: Rule(from: [.posted], .moves(to: .cancelled), rights: [Right(.cash, .edit)])
        case .allocate: Rule(from: open, .keeps, rights: [Right(.cash, .edit)])
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String { "payment_cancelled" }
}
