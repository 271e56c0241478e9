import Kernel

/// 出入库单据: a draft is edited or deleted; posting moves stock and value; a posted document is
/// never changed, only cancelled by a reversal dated today.
public enum StockDocumentFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case draft, posted, cancelled
    }

    public enum Command: String, Sendable, CaseIterable {
        case edit, post, cancel, delete
        /// A return naming this document's lines.
        case returnLines
    }

    public struct Facts: Sendable {
        /// The document is itself the reversal of a cancelled one: it stands as it is.
        public var isReversal: Bool
        public init(isReversal: Bool) { self.isReversal = isReversal }
    }

    public static let module = Module.stock

    public static func rule(_ command: Command) -> Rule<State> {
        switch command {
        case .edit: Rule(from: [.draft], .keeps, rights: [Right(.stock, .edit)])
        case .post: Rule(from: [.draft], .moves(to: .posted), rights: [Right(.stock, .edit)])
        case .cancel: Rule(from: [.posted], .moves(to: .cancelled), rights: [Right(.stock, .edit)])
        case .delete: Rule(from: [.draft], .removes, rights: [Right(.stock, .delete)])
        case .returnLines: Rule(from: [.posted], .keeps, rights: [Right(.stock, .create)])
        }
    }

    public static func refusal(_ command: Command, in state: State, _ facts: Facts) -> String? {
        command == .cancel && facts.isReversal ? "reversal_cannot_cancel" : nil
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        switch command {
        case .edit: "not_draft"
        case .delete: "posted_cannot_delete"
        case .post: "document_cancelled"
        case .cancel: state == .cancelled ? "document_cancelled" : "not_posted"
        default: "invalid_transition"
        }
    }
}
