import Foundation
import Kernel
import Persistence

/// Everything a use case needs from outside: the database, the clock, randomness, who is
/// acting and what they may do. Controllers, commands and jobs build one and call a service.
public struct ServiceContext: Sendable {
    public var store: Store
    public var clock: Clock
    public var tokens: TokenGenerator
    public var passwords: Passwords
    public var actor: ActingUser
    /// nil for the system itself (bootstrap, commands, jobs): no permission checks apply.
    public var principal: Principal?
    /// The steps that cross into other modules; `Workflows.crossings` in every real context.
    public var crossings: Crossings

    public init(
        store: Store, clock: Clock, tokens: TokenGenerator, passwords: Passwords, actor: ActingUser, principal: Principal?,
        crossings: Crossings
    ) {
        self.store = store
        self.clock = clock
        self.tokens = tokens
        self.passwords = passwords
        self.actor = actor
        self.principal = principal
        self.crossings = crossings
    }

    public var now: Date { clock.now() }
    public var nowMillis: Int64 { Millis.from(clock.now()) }

    /// Throws 403 unless the user holds the permission; returns the rows it reaches.
    @discardableResult
    public func require(_ module: Module, _ action: Action) throws -> RowScope {
        guard let principal else { return .all }
        guard let scope = principal.rowScope(module, action) else { throw DomainError.forbidden }
        return scope
    }

    /// Checks a record against the user's scope for `action`: 404 when they cannot see it at all,
    /// 403 when they can see it but not do this.
    public func reach(_ module: Module, _ action: Action, branch: Int64?, department: Int64?, owner: Int64?) throws {
        let scope = try require(module, action)
        guard scope.contains(branch: branch, department: department, owner: owner) else {
            if action != .view, (try? require(module, .view).contains(branch: branch, department: department, owner: owner)) == true {
                throw DomainError.forbidden
            }
            throw DomainError.notFound
        }
    }

    /// A setting that reaches a branch (nil: the whole company) needs a scope that holds that
    /// branch, by branch and never by ownership; the whole company needs the `all` scope.
    public func requireReach(_ module: Module, _ action: Action, branch: Int64?, field: String) throws {
        let scope = try require(module, action)
        if case .all = scope { return }
        guard let branch, scope.contains(branch: branch, department: nil, owner: nil) else {
            throw DomainError(.forbidden, code: "needs_wider_scope", field: field, args: [field])
        }
    }

    /// The branch a new record is put in: the one named, when the user's scope for the action holds
    /// it by branch (or it is their own), else the user's own (head office for the system). One
    /// outside is refused as if it did not exist.
    public func branch(_ named: Int64?, for module: Module, _ action: Action, field: String = "branchId") async throws -> Int64 {
        let scope = try require(module, action)
        let id: Int64
        if let named {
            id = named
        } else if let p = principal {
            id = p.branchId
        } else {
            id = try await OrganisationQueries.headOffice(on: store)?.id ?? 0
        }
        guard try await OrganisationQueries.branch(id, on: store) != nil,
            principal == nil || id == principal?.branchId || scope.contains(branch: id, department: nil, owner: nil)
        else {
            throw DomainError.invalid(field, code: "not_found")
        }
        return id
    }

    /// A person a record is handed to (owner, approver, manager): active, internal, and inside the
    /// user's scope for the action, or the user themself. Anyone else is as if they did not exist.
    public func person(_ id: Int64, for module: Module, _ action: Action, field: String) async throws -> UserRow {
        let scope = try require(module, action)
        guard let u = try await OrganisationQueries.user(id, on: store), u.active, u.partnerId == nil,
            principal == nil || u.id == principal?.userId || scope.contains(branch: u.branchId, department: u.departmentId, owner: u.id)
        else {
            throw DomainError.invalid(field, code: "not_found")
        }
        return u
    }

    /// The same context acting as a user with that user's permissions (demo data, benchmarks).
    public func acting(as u: UserRow, requestId: String) async throws -> ServiceContext {
        var c = self
        guard let (_, principal) = try await AccessQueries.principal(userId: u.id, on: store) else { return self }
        c.actor = ActingUser(userId: u.id, username: u.username, ip: "127.0.0.1", requestId: requestId)
        c.principal = principal
        return c
    }

    /// The same context working inside a transaction.
    public func with(store: Store) -> ServiceContext {
        var copy = self
        copy.store = store
        return copy
    }

    /// Runs `body` in one write transaction.
    public func write<T: Sendable>(_ body: @escaping @Sendable (ServiceContext) async throws -> T) async throws -> T {
        let me = self
        do {
            return try await store.write { tx in try await body(me.with(store: tx)) }
        } catch let e as AmountOverflow {
            // Said as a field error, like every other refusal a form shows beside its field.
            throw e.domainError
        }
    }

    /// The same context, its changes marked as come by `channel` (through `via`): an import's
    /// rows, a lead's conversion, a merge.
    public func through(_ channel: String, via: String? = nil) -> ServiceContext {
        var c = self
        c.actor.channel = channel
        c.actor.via = via
        return c
    }

    public func audit(_ action: String, _ entity: String, _ id: Int64?, branch: Int64? = nil, _ changes: [FieldChange]) async throws {
        try await Audit.record(
            actor, action: action, entity: entity, entityId: id.map(String.init), branchId: branch,
            changes: changes, at: now, on: store)
    }
}
