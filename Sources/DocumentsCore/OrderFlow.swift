import Kernel

/// 采购订单 and 销售订单: confirmed (through approval when a rule or a floor price asks for it),
/// filled by receipts or deliveries, completed when every line is done, or closed or cancelled.
public enum OrderFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case draft, pending, confirmed, completed, closed, cancelled
    }

    public enum Command: String, Sendable, CaseIterable {
        case edit, confirm, close, cancel
        /// A receipt or delivery against the order's lines.
        case fill
        /// The approval's outcome; every line done (and a cancelled delivery undoing that).
        case approve, reject, complete, reopen
        /// Made from a contract in force: the contract's approval confirms it.
        case confirmByContract
    }

    public struct Facts: Sendable {
        public var hasDeliveries: Bool
        public init(hasDeliveries: Bool) { self.hasDeliveries = hasDeliveries }
    }

    public static let module = Module.orders

    /// Orders whose open lines reserve (sales) or expect (purchase) stock.
    public static let open: Set<State> = [.confirmed]

    public static func rule(_ command: Command) -> Rule<State> {
        let edit = [Right(.orders, .edit)]
        return switch command {
        case .edit: Rule(from: [.draft], .keeps, rights: edit)
        case .confirm: Rule(from: [.draft], .submits(approved: .confirmed, pending: .pending), rights: edit)
        case .close: Rule(from: [.confirmed], .moves(to: .closed), rights: edit)
        case .cancel: Rule(from: [.draft, .pending, .confirmed], .moves(to: .cancelled), rights: edit)
        case .fill: Rule(from: open, .keeps, rights: [Right(.orders, .view), Right(.stock, .create)])
        case .approve: Rule(from: [.pending], .moves(to: .confirmed), rights: [])
        case .reject: Rule(from: [.pending], .moves(to: .draft), rights: [])
        case .complete: Rule(from: [.confirmed], .moves(to: .completed), rights: [])
        case .reopen: Rule(from: [.completed], .moves(to: .confirmed), rights: [])
        case .confirmByContract: Rule(from: [.draft], .moves(to: .confirmed), rights: [])
        }
    }

    public static func refusal(_ command: Command, in state: State, _ facts: Facts) -> String? {
        command == .cancel && facts.hasDeliveries ? "order_has_deliveries" : nil
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        command == .edit ? "not_draft" : "invalid_transition"
    }
}
