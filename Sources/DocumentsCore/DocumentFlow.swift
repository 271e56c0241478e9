import Kernel

/// A right a command asks of the person giving it: an action on a module.
public struct Right: Hashable, Sendable, CustomStringConvertible {
    public let module: Module
    public let action: Action
    public init(_ module: Module, _ action: Action) {
        self.module = module
        self.action = action
    }
    public var description: String { "\(module.rawValue).\(action.rawValue)" }
}

/// What a command does to the document's state.
public enum Effect<State: Hashable & Sendable>: Hashable, Sendable {
    /// The state stays (an edit, a document made from this one).
    case keeps
    /// The document goes (a draft deleted).
    case removes
    /// The state becomes another.
    case moves(to: State)
    /// Handed to the approval rules: `pending` when an approval is opened, else straight to `approved`.
    case submits(approved: State, pending: State)

    /// The states this effect may lead to from `state`.
    public func targets(from state: State) -> [State] {
        switch self {
        case .keeps: [state]
        case .removes: []
        case .moves(let to): [to]
        case .submits(let approved, let pending): [approved, pending]
        }
    }
}

/// One command of a document: the states it may be given in, what it does, and the rights it asks.
/// A command asking no right is the system's (an approval's outcome, the nightly expiry): no person
/// is offered it.
public struct Rule<State: Hashable & Sendable>: Sendable {
    public let from: Set<State>
    public let effect: Effect<State>
    public let rights: [Right]
    public init(from: Set<State>, _ effect: Effect<State>, rights: [Right]) {
        self.from = from
        self.effect = effect
        self.rights = rights
    }
    public var byPerson: Bool { !rights.isEmpty }
}

/// A command the document's state or facts do not allow. `code` is the error code users see
/// (`invalid_transition` unless the document names a better one).
public struct Refusal: Error, Equatable, Sendable {
    public let code: String
    public let state: String
    public let command: String
    public init(code: String, state: String, command: String) {
        self.code = code
        self.state = state
        self.command = command
    }
}

/// Facts for documents whose commands depend on the state alone.
public struct NoFacts: Sendable {
    public init() {}
}

/// The state machine of one kind of document: its states, its commands and their rules. Services
/// ask it whether a command may run and where it leads; pages ask it which buttons to show; SQL
/// takes its state sets from it. One definition, read by all three.
public protocol DocumentFlow {
    associatedtype State: RawRepresentable<String> & CaseIterable & Hashable & Sendable
    associatedtype Command: RawRepresentable<String> & CaseIterable & Hashable & Sendable
    associatedtype Facts: Sendable = NoFacts

    /// The module whose rights guard the document.
    static var module: Module { get }
    static func rule(_ command: Command) -> Rule<State>
    /// The refusal the facts add to a command the state allows, or nil.
    static func refusal(_ command: Command, in state: State, _ facts: Facts) -> String?
    /// The error code when the state does not allow the command.
    static func refusal(_ command: Command, from state: State) -> String
}

extension DocumentFlow {
    public static func refusal(_ command: Command, in state: State, _ facts: Facts) -> String? { nil }
    public static func refusal(_ command: Command, from state: State) -> String { "invalid_transition" }

    /// The state stored as `raw`; a value the flow does not know is refused like a wrong state.
    public static func state(_ raw: String, for command: Command) throws(Refusal) -> State {
        guard let s = State(rawValue: raw) else { throw Refusal(code: "invalid_transition", state: raw, command: command.rawValue) }
        return s
    }

    /// The rule of `command` if the state and the facts allow it.
    public static func check(_ command: Command, from state: State, _ facts: Facts) throws(Refusal) -> Rule<State> {
        let r = rule(command)
        guard r.from.contains(state) else {
            throw Refusal(code: refusal(command, from: state), state: state.rawValue, command: command.rawValue)
        }
        if let code = refusal(command, in: state, facts) { throw Refusal(code: code, state: state.rawValue, command: command.rawValue) }
        return r
    }

    /// Where `command` leads from the stored state `raw`. For a submission, `pending` says whether
    /// the approval rules opened an approval; for a removal the answer is nil.
    public static func next(_ command: Command, from raw: String, _ facts: Facts, pending: Bool = false) throws(Refusal) -> State? {
        let s = try state(raw, for: command)
        switch try check(command, from: s, facts).effect {
        case .keeps: return s
        case .removes: return nil
        case .moves(let to): return to
        case .submits(let approved, let waiting): return pending ? waiting : approved
        }
    }

    /// The commands a person may give in `state`: the state and facts allow them and `grants` says
    /// yes to every right they ask. In the flow's declaration order.
    public static func allowedActions(_ state: State, _ facts: Facts, grants: (Right) -> Bool) -> [Command] {
        Command.allCases.filter { c in
            let r = rule(c)
            return r.byPerson && r.from.contains(state) && refusal(c, in: state, facts) == nil && r.rights.allSatisfy(grants)
        }
    }

    /// The commands a person gives that change the state: the ones a route posts to.
    public static var transitions: [Command] {
        Command.allCases.filter { c in
            let r = rule(c)
            switch r.effect {
            case .keeps, .removes: return false
            case .moves, .submits: return r.byPerson
            }
        }
    }

    /// The right on the document itself that `command` asks for (what reach the service checks).
    public static func ownAction(_ command: Command) -> Action? {
        rule(command).rights.first { $0.module == module }?.action
    }

    /// The states a command may be given in, stored form, in declaration order (for SQL `IN`).
    public static func stored(_ states: Set<State>) -> [String] {
        State.allCases.filter(states.contains).map(\.rawValue)
    }

    /// Every state, stored form, in declaration order (for schemas and filters).
    public static var allStored: [String] { State.allCases.map(\.rawValue) }
}

extension DocumentFlow where Facts == NoFacts {
    public static func check(_ command: Command, from state: State) throws(Refusal) -> Rule<State> {
        try check(command, from: state, NoFacts())
    }
    public static func next(_ command: Command, from raw: String, pending: Bool = false) throws(Refusal) -> State? {
        try next(command, from: raw, NoFacts(), pending: pending)
    }
    public static func allowedActions(_ state: State, grants: (Right) -> Bool) -> [Command] {
        allowedActions(state, NoFacts(), grants: grants)
    }
}

extension Set where Element: RawRepresentable, Element.RawValue == String {
    /// Whether a state read from storage is one of these.
    public func contains(stored raw: String) -> Bool { Element(rawValue: raw).map(contains) ?? false }
}
