extension Optional {
    /// `map` for an async transform that may itself find nothing.
    func asyncMap<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let w = self else { return nil }
        return try await f(w)
    }
}
