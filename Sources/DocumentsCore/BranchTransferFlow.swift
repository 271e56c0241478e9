import Kernel

/// 分支机构调拨 between branches with their own books: sent (a sale by the sender, goods in
/// transit), then received (a purchase by the receiver).
public enum BranchTransferFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case inTransit = "in_transit"
        case received
    }

    public enum Command: String, Sendable, CaseIterable {
        case receive
    }

    public static let module = Module.stock

    public static func rule(_ command: Command) -> Rule<State> {
        switch command {
        case .receive: Rule(from: [.inTransit], .moves(to: .received), rights: [Right(.stock, .edit)])
        }
    }
}
