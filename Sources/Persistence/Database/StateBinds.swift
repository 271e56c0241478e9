import SQLKit

extension SQLQueryString {
    /// Document states as SQL reads them, bound and never spliced, taken from the flow that defines
    /// them: `status IN (\(states: ContractFlow.inForce))`, `status = \(state: .posted)`.
    public mutating func appendInterpolation<S: RawRepresentable & CaseIterable & Hashable>(states: Set<S>) where S.RawValue == String {
        appendInterpolation(binds: S.allCases.filter(states.contains).map { $0.rawValue as any Encodable & Sendable })
    }

    public mutating func appendInterpolation<S: RawRepresentable>(state: S) where S.RawValue == String {
        appendInterpolation(bind: state.rawValue)
    }
}
