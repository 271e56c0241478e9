/// The signed-in user as every use case sees it: who, where in the organisation, and what
/// each permission reaches.
public struct Principal: Sendable, Equatable {
    public var userId: Int64
    public var username: String
    public var displayName: String
    public var branchId: Int64
    public var departmentId: Int64?
    /// The user's branch and its sub-branches.
    public var branchTree: Set<Int64>
    /// The user's department and its sub-departments.
    public var departmentTree: Set<Int64>
    /// Branches granted across the tree (交叉权限).
    public var grantedBranches: Set<Int64>
    /// For each permission the user holds, the widest scope any of the user's roles gives it.
    public var grants: [Permission: DataScope]
    /// The roles these grants come from.
    public var roleIds: [Int64] = []
    /// Set for an external user of the distributor portal: the partner whose account they see.
    public var partnerId: Int64?

    public init(
        userId: Int64, username: String, displayName: String, branchId: Int64, departmentId: Int64?,
        branchTree: Set<Int64>, departmentTree: Set<Int64>, grantedBranches: Set<Int64>, grants: [Permission: DataScope]
    ) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.branchId = branchId
        self.departmentId = departmentId
        self.branchTree = branchTree
        self.departmentTree = departmentTree
        self.grantedBranches = grantedBranches
        self.grants = grants
    }

    public func can(_ permission: Permission) -> Bool { grants[permission] != nil }
    public func can(_ module: Module, _ action: Action) -> Bool { can(Permission(module, action)) }

    /// Which rows of a module this user reaches with an action; nil when the action is not granted.
    public func rowScope(_ module: Module, _ action: Action = .view) -> RowScope? {
        guard let scope = grants[Permission(module, action)] else { return nil }
        switch scope {
        case .all:
            return .all
        case .branch:
            return .some(branches: branchTree.union(grantedBranches), departments: [], owner: userId)
        case .department:
            return .some(branches: grantedBranches, departments: departmentTree, owner: userId)
        case .own:
            return .some(branches: grantedBranches, departments: [], owner: userId)
        }
    }
}

/// The rows a user reaches: all, or those in one of the branches, in one of the departments,
/// or owned by the user. Persistence turns it into one SQL condition that every query uses.
public enum RowScope: Sendable, Equatable {
    case all
    case some(branches: Set<Int64>, departments: Set<Int64>, owner: Int64)

    public func contains(branch: Int64?, department: Int64?, owner: Int64?) -> Bool {
        switch self {
        case .all:
            return true
        case let .some(branches, departments, me):
            if let branch, branches.contains(branch) { return true }
            if let department, departments.contains(department) { return true }
            if let owner, owner == me { return true }
            return false
        }
    }
}

extension Principal {
    /// The first permission `other` holds whose reach is not inside this principal's reach with
    /// the same permission; nil when every grant of `other` is covered. Reach is the rows a
    /// permission opens: the whole company, or some branches, departments and one's own records.
    /// `departmentBranch` maps each department to its branch, so that a department is inside
    /// a reach that holds its branch. Someone's own records count as inside the reach when that
    /// person sits inside it.
    public func firstUncovered(in other: Principal, departmentBranch: [Int64: Int64]) -> Permission? {
        for p in other.grants.keys.sorted(by: { $0.description < $1.description }) {
            guard let theirs = other.rowScope(p.module, p.action), let mine = rowScope(p.module, p.action) else { return p }
            guard case let .some(myBranches, myDepartments, me) = mine else { continue }
            guard case let .some(branches, departments, owner) = theirs else { return p }
            func inMine(department d: Int64) -> Bool {
                myDepartments.contains(d) || departmentBranch[d].map(myBranches.contains) == true
            }
            let ownRecordsInside = owner == me || myBranches.contains(other.branchId) || other.departmentId.map(inMine(department:)) == true
            guard branches.isSubset(of: myBranches), departments.allSatisfy(inMine(department:)), ownRecordsInside else { return p }
        }
        return nil
    }
}
