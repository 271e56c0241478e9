import Kernel

/// A marketing material (市场资料): a draft while it is being prepared, published for people to
/// see and share, expired when it must no longer go out (an old price sheet) — by hand, or past
/// its expiry date. An expired one may be published again (a new version fixed it) or go back to
/// draft. Its share links answer only while it is published.
public enum MaterialFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case draft, published, expired
    }

    public enum Command: String, Sendable, CaseIterable {
        /// Its title, folder, visibility or a new version.
        case edit
        case publish, withdraw, redraft
    }

    public static let module = Module.marketing

    public static func rule(_ command: Command) -> Rule<State> {
        let edit = [Right(.marketing, .edit)]
        return switch command {
        case .edit: Rule(from: [.draft, .published, .expired], .keeps, rights: edit)
        case .publish: Rule(from: [.draft, .expired], .moves(to: .published), rights: edit)
        case .withdraw: Rule(from: [.published], .moves(to: .expired), rights: edit)
        case .redraft: Rule(from: [.published, .expired], .moves(to: .draft), rights: edit)
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        command == .publish && state == .published ? "already_published" : "invalid_transition"
    }
}
