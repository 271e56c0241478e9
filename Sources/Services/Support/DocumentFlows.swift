import DocumentsCore
import Kernel

/// The document flows as services use them: a refusal becomes the conflict users read, naming the
/// document by its number.
extension Refusal {
    /// `args` replaces the state and command after the number for codes whose message says more.
    public func error(_ number: String, args: [String]? = nil) -> DomainError {
        DomainError(.conflict, code: code, args: [number] + (args ?? [state, command]))
    }
}

extension DocumentFlow {
    /// Where `command` leads the document stored as `raw`, or the refusal as a DomainError.
    public static func next(
        _ command: Command, from raw: String, _ facts: Facts, number: String, pending: Bool = false, args: [String]? = nil
    ) throws(DomainError) -> State? {
        do throws(Refusal) { return try next(command, from: raw, facts, pending: pending) } catch { throw error.error(number, args: args) }
    }

    /// Refuses unless the document's state and facts allow `command`.
    public static func require(
        _ command: Command, from raw: String, _ facts: Facts, number: String, args: [String]? = nil
    ) throws(DomainError) {
        _ = try next(command, from: raw, facts, number: number, args: args)
    }

    /// The target of a command that moves the state (never nil for one).
    public static func target(
        _ command: Command, from raw: String, _ facts: Facts, number: String, pending: Bool = false
    ) throws(DomainError) -> State {
        guard let s = try next(command, from: raw, facts, number: number, pending: pending) else {
            throw DomainError(.conflict, code: "invalid_transition", args: [number, raw, command.rawValue])
        }
        return s
    }
}

extension DocumentFlow where Facts == NoFacts {
    public static func require(_ command: Command, from raw: String, number: String) throws(DomainError) {
        try require(command, from: raw, NoFacts(), number: number)
    }
    public static func target(_ command: Command, from raw: String, number: String, pending: Bool = false) throws(DomainError) -> State {
        try target(command, from: raw, NoFacts(), number: number, pending: pending)
    }
}

extension Principal {
    /// What this person may do to one document: a right on the document's own module is checked
    /// against the document's place (branch, department, owner), except creating, which makes a
    /// new record elsewhere; a right on another module is checked as held at all.
    public func grants(on module: Module, branch: Int64?, department: Int64?, owner: Int64?) -> (Right) -> Bool {
        { right in
            guard right.module == module, right.action != .create else { return can(right.module, right.action) }
            return rowScope(right.module, right.action)?.contains(branch: branch, department: department, owner: owner) ?? false
        }
    }
}
