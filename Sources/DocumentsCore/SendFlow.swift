import Kernel

/// A send (群发): queued, then sent in batches by the server; paused and resumed by people,
/// cancelled before it is done (what went stays gone: a message cannot be called back). The
/// server marks it done when no recipient is left waiting.
public enum SendFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case sending, paused, done, cancelled
    }

    public enum Command: String, Sendable, CaseIterable {
        case pause, resume, cancel
        /// The server's: nobody is left waiting.
        case finish
    }

    public static let module = Module.marketing

    public static func rule(_ command: Command) -> Rule<State> {
        let edit = [Right(.marketing, .edit)]
        return switch command {
        case .pause: Rule(from: [.sending], .moves(to: .paused), rights: edit)
        case .resume: Rule(from: [.paused], .moves(to: .sending), rights: edit)
        case .cancel: Rule(from: [.sending, .paused], .moves(to: .cancelled), rights: edit)
        case .finish: Rule(from: [.sending], .moves(to: .done), rights: [])
        }
    }
}
