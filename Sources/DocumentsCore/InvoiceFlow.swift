import Kernel

/// 发票: issued when recorded; cancelled (红冲) only while nothing is settled against it.
public enum InvoiceFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case issued, cancelled
    }

    public enum Command: String, Sendable, CaseIterable {
        case cancel
        /// A collection or payment settled against it.
        case settle
    }

    public struct Facts: Sendable {
        /// Money has been settled against it.
        public var settled: Bool
        public init(settled: Bool) { self.settled = settled }
    }

    public static let module = Module.cash

    /// Invoices that count in receivables and payables.
    public static let open: Set<State> = [.issued]

    public static func rule(_ command: Command) -> Rule<State> {
        switch command {
        case .cancel: Rule(from: [.issued], .moves(to: .cancelled), rights: [Right(.cash, .edit)])
        case .settle: Rule(from: open, .keeps, rights: [Right(.cash, .create)])
        }
    }

    public static func refusal(_ command: Command, in state: State, _ facts: Facts) -> String? {
        command == .cancel && facts.settled ? "document_settled" : nil
    }
}
