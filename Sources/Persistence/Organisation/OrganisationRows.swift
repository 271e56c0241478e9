import Kernel

public struct BranchRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var parentId: Int64?
    public var kind: String
    public var accounting: String
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The warehouse its people's documents start from (默认仓库).
    public var defaultWarehouseId: Int64?
}

public struct DepartmentRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var branchId: Int64
    public var parentId: Int64?
    public var code: String
    public var name: String
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct RoleRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var permissions: String
    public var dataScope: String
    public var builtin: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

public struct UserRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var email: String?
    public var phone: String?
    public var passwordHash: String
    public var branchId: Int64
    public var departmentId: Int64?
    public var managerId: Int64?
    public var locale: String?
    public var active: Bool
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    public var lastLoginAt: Int64?
    /// An external user of the distributor portal belongs to this partner.
    public var partnerId: Int64?
}
